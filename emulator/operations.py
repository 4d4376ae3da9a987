"""Which operations the emulator answers: the one place that knows both services' ops.

The wire layer only holds the registries; it must not import the services that fill them
(that would point the import graph back up and close a cycle). Two ways to fill them:

* ``lazy_operations()``: what the app uses. Each registry gets the committed index
  (``emulator/operations_index.py``: operation -> module) and imports a module on the first
  call of one of its operations. Importing every module costs ~0.3 s of CPU and ~14 MB, most
  of a cold start, for operations a test run may never call.
* ``load_operations()``: every module imported now, for whatever needs the full set (the
  README table and index script, the dashboard, tests).

``index_of(load_operations())`` is what the committed index must equal; ``scripts/
operations_table.py --write`` regenerates it and a unit test checks it is current.
"""

from __future__ import annotations

import importlib
import pkgutil

from emulator.wire.registry import REGISTRIES, Registry

# The packages whose modules register operations (``@user_pools.operation(...)``).
PACKAGES = ("emulator.userpools.ops", "emulator.identitypools.ops")

Index = dict[str, dict[str, str]]  # service target prefix -> {AWS operation name: module}


def operation_modules() -> list[str]:
    """Every module of the operation packages, found on disk (so a new one cannot be missed)."""
    modules: list[str] = []
    for name in PACKAGES:
        package = importlib.import_module(name)
        modules.extend(f"{name}.{info.name}" for info in pkgutil.iter_modules(package.__path__))
    return sorted(modules)


def load_operations() -> tuple[Registry, ...]:
    """Import every operation module so its decorators run (idempotent); the filled registries."""
    for module in operation_modules():
        importlib.import_module(module)
    return REGISTRIES


def lazy_operations() -> tuple[Registry, ...]:
    """The registries with the committed index attached: a handler's module is imported on the
    first call of its operation (``Registry.handler``)."""
    from emulator.operations_index import OPERATIONS

    for registry in REGISTRIES:
        registry.modules = OPERATIONS.get(registry.service.target_prefix, {})
    return REGISTRIES


def index_of(registries: tuple[Registry, ...]) -> Index:
    """{target prefix: {operation: module}} of what the registries hold now."""
    return {registry.service.target_prefix: {name: registry.handlers[name].__module__
                                             for name in sorted(registry.handlers)}
            for registry in registries}
