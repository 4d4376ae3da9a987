"""Routes built on their first request: the dashboard pulls in Jinja2 and its page modules
(about a third of the start-up imports), which the API never needs, so they load when a browser
first asks for ``/_emulator/ui`` rather than at start."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.datastructures import URLPath
from starlette.routing import BaseRoute, Match, NoMatchFound, Router, get_route_path
from starlette.types import Receive, Scope, Send


class LazyRoutes(BaseRoute):
    """Everything under ``prefix`` (the prefix itself included; "" is every path), served by the routes ``build``
    returns, built once on the first matching request."""

    def __init__(self, prefix: str, build: Callable[[], list[BaseRoute]]) -> None:
        self.prefix = prefix
        self._build = build
        self._router: Router | None = None

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] == "http":
            path = get_route_path(scope)
            if path == self.prefix or path.startswith(self.prefix + "/"):
                return Match.FULL, {}
        return Match.NONE, {}

    def url_path_for(self, name: str, /, **path_params: Any) -> URLPath:
        raise NoMatchFound(name, path_params)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self._router is None:
            self._router = Router(routes=self._build())
        await self._router(scope, receive, send)
