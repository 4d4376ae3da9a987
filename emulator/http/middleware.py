"""ASGI middleware every response passes through: request ids, CORS for browser clients, and
the commit of what the request changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from emulator.state.ids import request_id

if TYPE_CHECKING:
    from emulator.runtime import Emulator

# The set AWS exposes; without it browsers hide x-amzn-ErrorType from Amplify.
EXPOSED_HEADERS = ["x-amzn-RequestId", "x-amzn-ErrorType", "x-amzn-ErrorMessage", "Date"]


class RequestIdMiddleware:
    """Give every request an id (``scope['state']['request_id']``) and every response ``x-amzn-RequestId``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = request_id()
        scope.setdefault("state", {})["request_id"] = rid
        header = (b"x-amzn-requestid", rid.encode())

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), header]
            await send(message)

        await self.app(scope, receive, send_with_id)


def cors(app: ASGIApp) -> ASGIApp:
    """Echo the Origin (never ``*``) so ``credentials: 'include'`` clients work too."""
    return CORSMiddleware(
        app,
        allow_origin_regex=".*",
        allow_credentials=True,
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=EXPOSED_HEADERS,
        max_age=86400,
    )


class CommitMiddleware:
    """Write the request's changes before its response starts: an acknowledged write is on disk
    (a no-op without a state dir). Every route passes here, control endpoints and JWKS included
    (a JWKS request can create a pool's keys)."""

    def __init__(self, app: ASGIApp, emulator: Emulator) -> None:
        self.app = app
        self.emulator = emulator

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_after_commit(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.emulator.commit()
            await send(message)

        await self.app(scope, receive, send_after_commit)
