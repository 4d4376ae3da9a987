"""Refusing requests another site makes the browser send: a per-process form token, and the
Origin header.

The emulator answers CORS requests from any origin (browser SDKs need it), so a foreign page
could read a dashboard page, and with it the form token, by ``fetch``. Such reads carry an
``Origin`` header naming the foreign site; the dashboard refuses them (``same_origin``), so the
token never leaves this origin, and refuses POSTs without the token (``valid``).
"""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from starlette.requests import Request

from emulator.state.ids import urlsafe_token

FIELD = "csrf"  # the hidden form field


def new_token() -> str:
    return urlsafe_token(32)


def valid(given: str | None, token: str) -> bool:
    """Constant time, so the comparison leaks nothing about the token."""
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def same_origin(request: Request) -> bool:
    """No Origin (a navigation, a same-origin GET) or the origin the request was sent to."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    host = request.headers.get("host")
    parts = urlsplit(origin)
    return host is not None and parts.scheme in ("http", "https") and parts.netloc == host
