"""Which operations the emulator answers: the one place that imports both services' ops.

The wire layer only holds the registries; it must not import the services that fill them
(that would point the import graph back up and close a cycle). The app, the operations
table script and tests call ``load_operations`` and hand the result to whoever needs it.
"""

from __future__ import annotations

from emulator.wire.registry import REGISTRIES, Registry


def load_operations() -> tuple[Registry, ...]:
    """Import every operation module so its decorators run (idempotent); the filled registries."""
    import emulator.identitypools.ops  # noqa: F401
    import emulator.userpools.ops  # noqa: F401

    return REGISTRIES
