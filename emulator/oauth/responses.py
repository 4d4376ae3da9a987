"""How OAuth answers look on the wire: JSON errors with AWS's content type, redirects that carry
``error``/``code``/tokens, and the ``/error`` page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from emulator.userpools.oauth.errors import OAuthError

JSON_TYPE = "application/json;charset=UTF-8"
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def json_answer(body: dict[str, Any], status: int = 200) -> Response:
    response = JSONResponse(body, status_code=status, headers=NO_STORE)
    response.headers["content-type"] = JSON_TYPE
    return response


def json_error(error: OAuthError) -> Response:
    return json_answer(error.body(), error.status)


def with_query(url: str, params: dict[str, str]) -> str:
    return f"{url}{'&' if '?' in url else '?'}{urlencode(params)}"


def redirect(url: str) -> Response:
    return RedirectResponse(url, status_code=302, headers=NO_STORE)


def error_redirect(redirect_uri: str, error: str, state: str | None, description: str | None = None) -> Response:
    """``302 <redirect_uri>?error=...`` (+ ``error_description``, ``state``), as authorize refuses."""
    params = {"error": error}
    if description:
        params["error_description"] = description
    if state is not None:
        params["state"] = state
    return redirect(with_query(redirect_uri, params))


def error_page_redirect(error: str, client_id: str | None) -> Response:
    """What AWS does when it cannot trust the redirect_uri: its own /error page."""
    params = {"error": error}
    if client_id:
        params["client_id"] = client_id
    return redirect(f"/error?{urlencode(params)}")


ERROR_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;background:#f2f3f3;margin:0}
main{max-width:420px;margin:60px auto;background:#fff;padding:32px;border-radius:8px;
box-shadow:0 1px 4px rgba(0,0,0,.15)}h1{font-size:20px;color:#16191f}p{color:#545b64}</style></head>
<body><main><h1>An error was encountered with the requested page.</h1><p>{detail}</p></main></body></html>"""


def error_page(detail: str) -> Response:
    from html import escape

    return HTMLResponse(ERROR_PAGE.replace("{detail}", escape(detail)), status_code=400, headers=NO_STORE)
