"""A boto3-shaped client that answers in-process: ``idp.admin_get_user(UserPoolId=..)`` posts
to the real Starlette app through httpx's ASGI transport, so unit tests (and pycognito, which
only calls ``initiate_auth`` / ``respond_to_auth_challenge``) run the whole request path
without a server."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
from botocore import xform_name

from emulator.app import create_app
from emulator.runtime import Emulator
from emulator.wire.models import IDENTITY_POOLS, USER_POOLS, load_service

_TARGETS = {USER_POOLS: "AWSCognitoIdentityProviderService", IDENTITY_POOLS: "AWSCognitoIdentityService"}


class OperationError(Exception):
    """An AWS error answer: ``code`` is its ``__type``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class InProcessClient:
    def __init__(self, emulator: Emulator, service: str = USER_POOLS) -> None:
        self._app = create_app(emulator.settings, emulator)
        self._target = _TARGETS[service]
        self._operations = {xform_name(name): name for name in load_service(service).operation_names}

    def __getattr__(self, method: str) -> Callable[..., dict[str, Any]]:
        operation = self._operations.get(method)
        if operation is None:
            raise AttributeError(method)

        def call(**params: Any) -> dict[str, Any]:
            response = asyncio.run(self._post(operation, params))
            body: dict[str, Any] = response.json() if response.content else {}
            if response.status_code != 200:
                raise OperationError(str(body.get("__type")), str(body.get("message")))
            return body

        return call

    async def _post(self, operation: str, params: dict[str, Any]) -> httpx.Response:
        transport = httpx.ASGITransport(app=self._app)
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost:9229") as client:
            return await client.post("/", json=params, headers={
                "X-Amz-Target": f"{self._target}.{operation}", "Content-Type": "application/x-amz-json-1.1"})
