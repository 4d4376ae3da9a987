"""SDK calls answered by the connection itself, without uvicorn's ASGI request cycle.

An SDK call is the emulator's hot path, and for one uvicorn spends ~40 us of its ~90 us of HTTP
handling on per-request machinery a plain call does not need (measured 2026-12-02 with a toy app
answering a fixed 4 KB body: 92 us of CPU a call under uvicorn's ASGI cycle, 50 us written
straight from an httptools protocol): a ``RequestResponseCycle`` with its ``asyncio.Event``, the
scope's path parsing, the proxy-headers middleware, the ASGI messages and a header list rebuilt
and checked for the status line. A sign-in is two RSA signatures and little else, so that is ~5%
of one.

So a call that is plainly an SDK call -- ``POST /`` over HTTP/1.1 with ``X-Amz-Target``, a
``Content-Length`` body within the cap, on a connection with nothing else in flight -- is read
whole by the protocol and handed to ``ApiCalls.response``, and the answer goes out in one write
holding exactly what uvicorn would have sent: its status line, its ``date`` header, ApiCalls'
headers in their order, and ``connection: close`` when the client asked to close.

Everything else takes uvicorn's path unchanged: pages, OAuth, JWKS and the control API; a
request through a proxy (``X-Forwarded-*``: uvicorn's middleware would rewrite the client
address); ``Expect: 100-continue``; a chunked or oversized body (the dispatcher's own 413); HTTP/1.0;
an ``Origin`` uvicorn would refuse to echo; a request pipelined behind one still being answered
(queued by uvicorn as before); and every request when access logging is on (``--log-level
debug``), since uvicorn writes the access log.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

try:  # uvicorn's own status lines and header check, so both paths write and refuse alike
    from uvicorn.protocols.http.httptools_impl import HEADER_VALUE_RE, STATUS_LINE
except ImportError:  # a uvicorn that moved them: it answers every request itself
    STATUS_LINE = {}

if TYPE_CHECKING:
    from emulator.http.api_path import ApiCalls

log = logging.getLogger("emulator.http")

_PROXY_HEADERS = (b"x-forwarded-for", b"x-forwarded-proto")
# What uvicorn sends when an app fails before answering.
_SERVER_ERROR = (b"HTTP/1.1 500 Internal Server Error\r\ncontent-type: text/plain; charset=utf-8\r\n"
                 b"content-length: 21\r\nconnection: close\r\n\r\nInternal Server Error")


class _Answering:
    """Stands in for uvicorn's ``RequestResponseCycle`` while a call is answered: what the protocol
    reads of its current cycle (``shutdown`` clears ``keep_alive`` to close after the answer; a
    request arriving meanwhile is queued behind it because ``response_complete`` is False)."""

    __slots__ = ("keep_alive", "response_complete", "disconnected", "message_event")

    def __init__(self, keep_alive: bool) -> None:
        self.keep_alive = keep_alive
        self.response_complete = False
        self.disconnected = False
        self.message_event = _NOTHING_WAITS  # connection_lost sets it


class _NothingWaits:
    def set(self) -> None:
        pass


_NOTHING_WAITS = _NothingWaits()


# What the fast path uses of uvicorn's protocol beyond its parser callbacks (uvicorn 0.30 to 0.55).
_USED = ("on_response_complete", "_unset_keepalive_if_required", "on_message_begin", "on_headers_complete",
         "on_body", "on_message_complete")


def fast_calls_protocol(api: ApiCalls, max_body: int) -> type[HttpToolsProtocol]:
    """uvicorn's httptools protocol, answering plain SDK calls itself (see the module doc); just
    uvicorn's when its internals are not the ones this was written against."""
    if not STATUS_LINE or not all(hasattr(HttpToolsProtocol, name) for name in _USED):
        return HttpToolsProtocol

    class FastCallsProtocol(HttpToolsProtocol):
        _call_body: list[bytes] | None = None  # the body of the call being read, while one is
        usable = True  # False for good after a uvicorn without the per-connection state read here

        def on_headers_complete(self) -> None:
            if FastCallsProtocol.usable:
                try:
                    plain = self._plain_call()
                except AttributeError:  # renamed in a later uvicorn: leave every request to it
                    FastCallsProtocol.usable = plain = False
                    log.warning("uvicorn's protocol changed: SDK calls take its request cycle")
                if plain:
                    self._call_body = []
                    return
            super().on_headers_complete()

        def _plain_call(self) -> bool:
            parser = self.parser
            if self.url != b"/" or parser.get_method() != b"POST" or parser.get_http_version() != "1.1" \
                    or self.expect_100_continue or parser.should_upgrade() or self.pipeline \
                    or not (self.cycle is None or self.cycle.response_complete):
                return False
            headers = self.headers
            names = {name for name, _ in headers}
            if b"x-amz-target" not in names or b"transfer-encoding" in names \
                    or not names.isdisjoint(_PROXY_HEADERS):
                return False
            length = next(value for name, value in headers if name == b"content-length") \
                if b"content-length" in names else b""
            if not length.isdigit() or int(length) > max_body:
                return False
            origin = next((value for name, value in headers if name == b"origin"), None)
            return origin is None or not HEADER_VALUE_RE.search(origin)

        def on_body(self, body: bytes) -> None:
            if self._call_body is not None:
                self._call_body.append(body)
                return
            super().on_body(body)

        def on_message_complete(self) -> None:
            chunks = self._call_body
            if chunks is None:
                super().on_message_complete()
                return
            self._call_body = None
            body = chunks[0] if len(chunks) == 1 else b"".join(chunks)
            answering = _Answering(self.parser.should_keep_alive())
            self.cycle = answering  # type: ignore[assignment]
            scope: Any = self.scope  # what uvicorn's on_headers_complete would have added to it
            scope.update(method="POST", path="/", raw_path=b"/", query_string=b"")
            headers = dict(reversed(self.headers))  # the first of a repeated header wins, as in Starlette
            task = self.loop.create_task(self._answer(answering, scope, headers, body))
            task.add_done_callback(self.tasks.discard)
            self.tasks.add(task)

        async def _answer(self, answering: _Answering, scope: Any, headers: dict[bytes, bytes],
                          body: bytes) -> None:
            sent = False

            async def receive() -> dict[str, Any]:
                nonlocal sent
                if sent:
                    return {"type": "http.disconnect"}
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}

            try:
                answered = await api.response(scope, headers, receive)
            except Exception:
                log.exception("unexpected error answering an SDK call")
                answered = None
                if not self.transport.is_closing():
                    self.transport.write(_SERVER_ERROR)
                    self.transport.close()
            if answered is not None and not self.transport.is_closing():
                status, response_headers, response_body = answered
                out = [STATUS_LINE[status]]
                for name, value in (*self.server_state.default_headers, *response_headers):
                    out += (name, b": ", value, b"\r\n")
                if not answering.keep_alive:
                    out.append(b"connection: close\r\n")
                out += (b"\r\n", response_body)
                self.transport.write(b"".join(out))
                if not answering.keep_alive:
                    self.transport.close()
            answering.response_complete = True
            self.on_response_complete()

    return FastCallsProtocol

