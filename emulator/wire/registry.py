"""Which Python function answers which AWS operation.

``@user_pools.operation("AdminGetUser")`` refuses names that are not in botocore's
model (a typo fails at import, not at request time) and names registered twice. The
registries are filled by importing the operation packages, which this layer never does
itself by name (see ``emulator.operations``): the composition root hands each registry an
index of which module registers which operation (``Registry.modules``), and ``handler()``
imports that module the first time one of its operations is called, so start-up does not
pay for the ~180 operations a run may never call.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any

from emulator.wire.models import IDENTITY_POOLS, USER_POOLS, load_service

if TYPE_CHECKING:
    from emulator.runtime import Context

Params = dict[str, Any]
Result = dict[str, Any]
Handler = Callable[["Context", Params], "Result | Awaitable[Result]"]


class Registry:
    """The implemented operations of one service."""

    def __init__(self, service_name: str) -> None:
        self.service = load_service(service_name)
        self.handlers: dict[str, Handler] = {}
        # operation -> the module whose import registers it (emulator/operations_index.py)
        self.modules: Mapping[str, str] = {}

    def operation(self, name: str) -> Callable[[Handler], Handler]:
        if name not in self.service.operation_names:
            raise ValueError(f"{name} is not an operation of {self.service.name}")

        def register(handler: Handler) -> Handler:
            if name in self.handlers:
                raise ValueError(f"{self.service.name}:{name} is registered twice")
            self.handlers[name] = handler
            return handler

        return register

    def handler(self, name: str) -> Handler | None:
        """The function answering ``name``, its module imported on the first call; None when
        the emulator does not implement it."""
        found = self.handlers.get(name)
        if found is None:
            module = self.modules.get(name)
            if module is not None:
                importlib.import_module(module)
                found = self.handlers.get(name)
        return found

    def unimplemented(self) -> list[str]:
        return sorted(self.service.operation_names - self.handlers.keys())


user_pools = Registry(USER_POOLS)
identity_pools = Registry(IDENTITY_POOLS)
REGISTRIES = (user_pools, identity_pools)  # filled by emulator.operations (all at once, or on first use)
