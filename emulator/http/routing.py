"""The API's own route, tried before every other: an SDK call is a POST with ``X-Amz-Target``,
which no dashboard form, control endpoint or OAuth endpoint sends, so it goes to the dispatcher
without being matched against each of their paths first (per-request overhead)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.datastructures import URLPath
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match, NoMatchFound
from starlette.types import Receive, Scope, Send

_TARGET = b"x-amz-target"


class ApiRoute(BaseRoute):
    """POST with an ``X-Amz-Target`` header, any path (clients post to "/", "/base", ...)."""

    def __init__(self, endpoint: Callable[[Request], Awaitable[Response]]) -> None:
        self.endpoint = endpoint

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] == "http" and scope["method"] == "POST" and any(
                name == _TARGET for name, _ in scope["headers"]):
            return Match.FULL, {"path_params": {}}
        return Match.NONE, {}

    def url_path_for(self, name: str, /, **path_params: Any) -> URLPath:
        raise NoMatchFound(name, path_params)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = await self.endpoint(Request(scope, receive, send))
        await response(scope, receive, send)
