"""Calling the emulator's operations from the dashboard, as the API would.

Every read and write of the dashboard is an AWS operation with AWS-shaped params: the input is
validated against the botocore model and handed to the registered function, exactly as the
dispatcher does for a request on the wire, so rules, errors (``AwsError``) and durability are
the API's own. Only the HTTP framing is skipped.
"""

from __future__ import annotations

import inspect
from typing import Any

from starlette.requests import Request

from emulator.operations import load_operations
from emulator.runtime import Emulator
from emulator.state.ids import request_id
from emulator.wire.errors import UnsupportedOperationException
from emulator.wire.models import IDENTITY_POOLS, USER_POOLS
from emulator.wire.registry import Params, Registry, Result
from emulator.wire.validation import validate_input


def base_url(request: Request) -> str:
    """Where the browser reached the emulator (token issuers use it), as the dispatcher sees it."""
    host = request.headers.get("host") or f"{request.url.hostname}:{request.url.port}"
    return f"{request.url.scheme}://{host}"


class Api:
    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self._registries: dict[str, Registry] = {r.service.name: r for r in load_operations()}

    async def idp(self, request: Request, operation: str, params: Params) -> Result:
        """A user-pool operation (``AWSCognitoIdentityProviderService.<operation>``)."""
        return await self._call(USER_POOLS, request, operation, params)

    async def identity(self, request: Request, operation: str, params: Params) -> Result:
        """An identity-pool operation (``AWSCognitoIdentityService.<operation>``)."""
        return await self._call(IDENTITY_POOLS, request, operation, params)

    async def _call(self, service: str, request: Request, operation: str, params: Params) -> Result:
        registry = self._registries[service]
        if operation not in registry.service.operation_names:
            raise ValueError(f"{operation} is not an operation of {service}")  # a dashboard bug
        validate_input(registry.service.input_shape(operation), params)
        handler = registry.handlers.get(operation)
        if handler is None:
            raise UnsupportedOperationException(f"The emulator does not implement {operation} yet.")
        state: dict[str, Any] = request.scope.get("state") or {}
        context = self.emulator.context(base_url(request), state.get("request_id") or request_id())
        result = handler(context, params)
        if inspect.isawaitable(result):
            result = await result
        return result
