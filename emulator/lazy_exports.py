"""A package's re-exported names, each importing its submodule on first access (PEP 562).

``emulator.srp`` and ``emulator.tokens`` re-export their submodules' names; importing one
submodule at start (the state needs ``tokens.keys``, the demo seed ``srp.verifier``) must not
import the rest with it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_getattr(package: str, sources: Mapping[str, str], namespace: dict[str, Any]) -> Callable[[str], Any]:
    """The package's module ``__getattr__``: ``sources`` maps a name to the submodule defining it;
    the value is stored in ``namespace`` (the package's globals), so later reads are plain lookups."""

    def __getattr__(name: str) -> Any:
        source = sources.get(name)
        if source is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(source), name)
        namespace[name] = value
        return value

    return __getattr__
