"""Which Python function answers which AWS operation.

``@user_pools.operation("AdminGetUser")`` refuses names that are not in botocore's
model (a typo fails at import, not at request time) and names registered twice. The
registries are filled by importing the operation packages, which this layer never does
itself (see ``emulator.operations``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
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

    def operation(self, name: str) -> Callable[[Handler], Handler]:
        if name not in self.service.operation_names:
            raise ValueError(f"{name} is not an operation of {self.service.name}")

        def register(handler: Handler) -> Handler:
            if name in self.handlers:
                raise ValueError(f"{self.service.name}:{name} is registered twice")
            self.handlers[name] = handler
            return handler

        return register

    def unimplemented(self) -> list[str]:
        return sorted(self.service.operation_names - self.handlers.keys())


user_pools = Registry(USER_POOLS)
identity_pools = Registry(IDENTITY_POOLS)
REGISTRIES = (user_pools, identity_pools)  # filled by emulator.operations.load_operations
