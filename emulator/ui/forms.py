"""Reading an HTML form's body (``application/x-www-form-urlencoded``).

Parsed here rather than with Starlette's ``request.form()``, which needs python-multipart for
every form: the dashboard's forms are all URL-encoded and small.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.requests import Request

MAX_FORM_BYTES = 64 * 1024  # a pasted JWT is a few kilobytes
MAX_FIELDS = 50


class FormError(Exception):
    """Not a form this dashboard sent."""


async def read_form(request: Request) -> dict[str, str]:
    """Field -> value (the last one wins); FormError for another content type or a huge body."""
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        raise FormError(f"expected a URL-encoded form, got {content_type or 'no content type'}")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise FormError(f"form larger than {MAX_FORM_BYTES} bytes")
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False,
                          max_num_fields=MAX_FIELDS)
    except (UnicodeDecodeError, ValueError) as error:
        raise FormError(f"unreadable form: {error}") from None
    return dict(pairs)
