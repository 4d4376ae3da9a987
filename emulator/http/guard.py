"""Connections that hold the server without finishing a request are dropped (slow-loris).

uvicorn times out an idle keep-alive connection between requests (``timeout_keep_alive``),
but not a connection that never sends a request, nor one that trickles a request's headers
or body byte by byte: each such connection holds a socket forever. This protocol (uvicorn's
httptools one, with three timers) closes a connection that

* sends nothing within ``idle`` seconds of being opened (as between requests),
* has not completed a request's headers and body within ``request`` seconds of its first byte.

AWS's front ends close such connections too (their exact bounds are not published: guess).
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


def guarded_protocol(idle: float, request: float) -> type[asyncio.Protocol]:
    """An ``asyncio.Protocol`` class for ``uvicorn.Config(http=...)``."""

    class GuardedHttpToolsProtocol(HttpToolsProtocol):
        _deadline: asyncio.TimerHandle | None = None

        def _arm(self, seconds: float) -> None:
            self._disarm()
            self._deadline = self.loop.call_later(seconds, self._drop)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _drop(self) -> None:
            self._deadline = None
            if not self.transport.is_closing():
                self.transport.close()

        def connection_made(self, transport: Any) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm(idle)

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._arm(request)

        def on_message_complete(self) -> None:
            self._disarm()
            super().on_message_complete()

    return GuardedHttpToolsProtocol
