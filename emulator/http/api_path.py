"""The outermost ASGI app: an SDK call (a POST with ``X-Amz-Target``) goes straight to the
dispatcher; everything else goes through Starlette's routes and middleware.

Every SDK call used to pass six layers (error middleware, request ids, CORS, commit, exception
middleware, router) and a Starlette ``Request``: about a third of a GetUser's time on the
server. This path does what those layers did for such a call, and nothing else, in one place:

* a request id in ``x-amzn-RequestId`` (RequestIdMiddleware);
* CORS for a browser's simple request, exactly as Starlette's CORSMiddleware answers it (the
  preflight is an OPTIONS, which never comes here): ``Vary: Origin`` always, and with an
  ``Origin`` the echoed origin, credentials and the exposed headers (http/middleware.py's list);
* the commit of what the call changed before the response starts (CommitMiddleware);
* a 500 in AWS's shape, never a traceback, if the dispatcher itself fails.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.types import Receive, Scope, Send

from emulator.http.middleware import EXPOSED_HEADERS
from emulator.state.ids import request_id
from emulator.wire.dispatch import JSON_11, ClientDisconnected, Dispatcher, error_answer, scope_headers
from emulator.wire.errors import InternalErrorException

if TYPE_CHECKING:
    from emulator.runtime import Emulator

log = logging.getLogger("emulator.http")

_TARGET = b"x-amz-target"
_CONTENT_TYPE = (b"content-type", JSON_11.encode())
_VARY = (b"vary", b"Origin")
_ORIGIN_HEADERS = ((b"access-control-allow-credentials", b"true"),
                   (b"access-control-expose-headers", ", ".join(EXPOSED_HEADERS).encode()))


class EmulatorApp(Starlette):
    """The Starlette app, with SDK calls taken before its middleware stack (see the module doc).
    ``api`` is set once the dispatcher exists (``create_app``)."""

    api: ApiCalls | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.api is not None and scope["type"] == "http" and scope["method"] == "POST":
            headers = scope_headers(scope)
            if _TARGET in headers:
                await self.api(scope, headers, receive, send)
                return
        await super().__call__(scope, receive, send)


class ApiCalls:
    """One SDK call, answered by the dispatcher with what the skipped middleware would add."""

    def __init__(self, dispatcher: Dispatcher, emulator: Emulator) -> None:
        self.dispatcher = dispatcher
        self.emulator = emulator

    async def __call__(self, scope: Scope, headers: dict[bytes, bytes], receive: Receive, send: Send) -> None:
        answered = await self.response(scope, headers, receive)
        if answered is None:
            return
        status, response_headers, body = answered
        await send({"type": "http.response.start", "status": status, "headers": response_headers})
        await send({"type": "http.response.body", "body": body})

    async def response(self, scope: Scope, headers: Mapping[bytes, bytes],
                       receive: Receive) -> tuple[int, list[tuple[bytes, bytes]], bytes] | None:
        """The call's status, headers and body; None when the client left before its body came
        (http/fast_calls.py writes these itself, without ASGI messages)."""
        rid = request_id()
        try:
            status, body, extra = await self.dispatcher.answer(scope, headers, receive, rid)
        except ClientDisconnected:
            return None
        except Exception:  # the dispatcher answers every error itself: this is a bug in it
            log.exception("unexpected error answering request %s", rid)
            status, body, extra = error_answer(InternalErrorException("An internal error occurred in the emulator."))
        self.emulator.commit()
        response_headers = [(b"content-length", str(len(body)).encode()), _CONTENT_TYPE,
                            *((name.lower().encode(), value.encode("latin-1")) for name, value in extra),
                            (b"x-amzn-requestid", rid.encode())]
        origin = headers.get(b"origin")
        if origin is not None:
            response_headers.extend(_ORIGIN_HEADERS)
            response_headers.append((b"access-control-allow-origin", origin))
        response_headers.append(_VARY)
        return status, response_headers, body
