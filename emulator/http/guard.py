"""Connections that hold the server without finishing a request are dropped (slow-loris).

uvicorn times out an idle keep-alive connection between requests (``timeout_keep_alive``),
but not a connection that never sends a request, nor one that trickles a request's headers
or body byte by byte: each such connection holds a socket forever. This protocol (uvicorn's
httptools one, with three timers) closes a connection that

* sends nothing within ``idle`` seconds of being opened (as between requests),
* has not completed a request's headers and body within ``request`` seconds of its first byte,
* sends more than ``MAX_HEADER_BYTES`` before its headers end (answered 431 first).

AWS's front ends close such connections too (their exact bounds are not published: guess).

The protocol also hands uvicorn a transport that sends a response's headers with its body
(``_OneWrite``): uvicorn writes them separately, two ``send`` calls and two TCP segments for
every answer, where one does.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from emulator.http.fast_calls import fast_calls_protocol

if TYPE_CHECKING:
    from emulator.http.api_path import ApiCalls

MAX_HEADER_BYTES = 64 * 1024  # request line and headers; AWS does not publish Cognito's (guess)
_TOO_LARGE = (b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\n"
              b"connection: close\r\n\r\n")


class _OneWrite:
    """The connection's transport, holding a response's status line and headers until its body
    comes (within the same turn of the loop for every answer the emulator gives), so both leave
    in one write; anything held is sent at the end of that turn regardless, or at close."""

    def __init__(self, transport: Any, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._held: bytes | None = None

    def write(self, data: bytes) -> None:
        if self._held is not None:
            data, self._held = self._held + data, None
        elif data[:9] == b"HTTP/1.1 " and data[-4:] == b"\r\n\r\n":  # a head: its body follows
            self._held = data
            self._loop.call_soon(self._flush)
            return
        self._transport.write(data)

    def _flush(self) -> None:
        if self._held is not None:
            data, self._held = self._held, None
            if not self._transport.is_closing():
                self._transport.write(data)

    def close(self) -> None:
        self._flush()
        self._transport.close()

    def abort(self) -> None:
        self._held = None
        self._transport.abort()

    def __getattr__(self, name: str) -> Any:  # is_closing, get_extra_info, pause_reading...
        return getattr(self._transport, name)


def guarded_protocol(idle: float, request: float, api: ApiCalls | None = None,
                     max_body: int = 0) -> type[asyncio.Protocol]:
    """An ``asyncio.Protocol`` class for ``uvicorn.Config(http=...)``; with ``api``, plain SDK
    calls are answered by the protocol itself (http/fast_calls.py)."""
    base = HttpToolsProtocol if api is None else fast_calls_protocol(api, max_body)

    class GuardedHttpToolsProtocol(base):  # type: ignore[valid-type,misc]
        # One timer per connection, not one per request: a request only moves the deadline, and
        # the timer, when it fires, drops the connection or waits for the deadline now in force.
        _timer: asyncio.TimerHandle | None = None
        _deadline: float | None = None  # loop time the current wait must end by; None: no wait
        _header_bytes: int | None = 0  # None once the current request's headers are complete
        _refused = False  # answered 431: whatever else arrives is ignored

        def _arm(self, seconds: float) -> None:
            self._deadline = deadline = self.loop.time() + seconds
            if self._timer is None or self._timer.when() > deadline:
                if self._timer is not None:
                    self._timer.cancel()
                self._timer = self.loop.call_at(deadline, self._check)

        def _disarm(self) -> None:
            self._deadline = None

        def _check(self) -> None:
            self._timer = None
            if self._deadline is None:
                return
            if self.loop.time() < self._deadline:
                self._timer = self.loop.call_at(self._deadline, self._check)
                return
            self._drop()

        def _drop(self) -> None:
            self._deadline = None
            if not self.transport.is_closing():
                self.transport.close()

        def connection_made(self, transport: Any) -> None:  # type: ignore[override]
            super().connection_made(_OneWrite(transport, self.loop))  # type: ignore[arg-type]  # a proxy
            self._arm(idle)

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            super().connection_lost(exc)

        def _refuse_headers(self) -> None:
            self._refused = True
            self._disarm()
            if not self.transport.is_closing():
                self.transport.write(_TOO_LARGE)
                self.transport.close()

        def data_received(self, data: bytes) -> None:
            if self._refused:
                return
            if self._header_bytes is not None:
                self._header_bytes += len(data)
            super().data_received(data)
            if self._header_bytes is not None and self._header_bytes > MAX_HEADER_BYTES:
                self._refuse_headers()  # still no end of headers after that many bytes

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._arm(request)

        def on_headers_complete(self) -> None:
            self._header_bytes = None
            size = len(self.url) + sum(len(name) + len(value) + 4 for name, value in self.headers)
            if size > MAX_HEADER_BYTES:
                self._refuse_headers()
                return
            super().on_headers_complete()

        def on_body(self, body: bytes) -> None:
            if not self._refused:
                super().on_body(body)

        def on_message_complete(self) -> None:
            if self._refused:
                return
            self._disarm()
            self._header_bytes = 0  # the next request's headers start counting
            super().on_message_complete()

    return GuardedHttpToolsProtocol
