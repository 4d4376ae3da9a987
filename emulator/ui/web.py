"""What every dashboard page and action shares: templates, flash messages, the form token,
security headers, and the refusal of requests from other sites."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, Literal
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from emulator.runtime import Emulator
from emulator.ui import csrf, timefmt
from emulator.ui.api import Api
from emulator.ui.forms import FormError, read_form
from emulator.ui.stash import Stash
from emulator.wire.errors import AwsError

log = logging.getLogger("emulator.ui")

PREFIX = "/_emulator/ui"
FLASH_COOKIE = "emulator_ui_flash"
# Pages load nothing from elsewhere and run only the package's own script; no site may frame them
# (a framed dashboard could be clicked into a reset).
SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}

Handler = Callable[[Request], Awaitable[Response]]
FormHandler = Callable[[Request, dict[str, str]], Awaitable[Response]]


@dataclass(frozen=True, slots=True)
class Flash:
    kind: Literal["ok", "error"]
    text: str

    @classmethod
    def error(cls, error: AwsError) -> Flash:
        return cls("error", f"{error.code}: {error.message}")


def pool_url(pool_id: str) -> str:
    return f"{PREFIX}/pools/{quote(pool_id, safe='')}"


def user_url(pool_id: str, username: str) -> str:
    return f"{pool_url(pool_id)}/user?{urlencode({'username': username})}"


def identity_pool_url(identity_pool_id: str) -> str:
    return f"{PREFIX}/identity-pools/{quote(identity_pool_id, safe='')}"


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("emulator.ui", "templates"), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["when"] = timefmt.when
    env.filters["span"] = timefmt.span
    env.globals.update(prefix=PREFIX, pool_url=pool_url, user_url=user_url, identity_pool_url=identity_pool_url,
                       csrf_name=csrf.FIELD)
    return env


class Ui:
    """One per app: the emulator, the per-process form token, and the stashes."""

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self.api = Api(emulator)
        self.token = csrf.new_token()
        self.flashes: Stash[Flash] = Stash()
        self.env = _environment()

    def render_fragment(self, template: str, **values: Any) -> str:
        return self.env.get_template(template).render(now=self.emulator.clock.now(), **values)

    def page(self, request: Request, template: str, status: int = 200, **values: Any) -> Response:
        flash = self.flashes.take(request.cookies.get(FLASH_COOKIE))
        now = self.emulator.clock.now()
        html = self.env.get_template(template).render(
            request=request, csrf_token=self.token, flash=flash, now=now,
            relative=lambda epoch: timefmt.relative(epoch, now), **values)
        response = HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)
        if FLASH_COOKIE in request.cookies:
            response.delete_cookie(FLASH_COOKIE, path=PREFIX)
        return response

    def not_found(self, request: Request, message: str) -> Response:
        return self.page(request, "error.html", status=404, title="Not found", message=message)

    def redirect(self, url: str, flash: Flash | None = None) -> Response:
        """Redirect after POST (303: the browser GETs the target), the flash kept for that page."""
        response = RedirectResponse(url, status_code=303, headers=SECURITY_HEADERS)
        if flash is not None:
            response.set_cookie(FLASH_COOKIE, self.flashes.put(flash), path=PREFIX, httponly=True, samesite="strict")
        return response

    def guarded(self, handler: Handler) -> Handler:
        """GET pages: refused when another site's script asks for them (see ``csrf``)."""
        @wraps(handler)
        async def page(request: Request) -> Response:
            if not csrf.same_origin(request):
                return self._refused(request, "This page cannot be read from another site.")
            return await handler(request)
        return page

    def action(self, handler: FormHandler) -> Handler:
        """Form POSTs: same origin, a URL-encoded form carrying this process's token."""
        @wraps(handler)
        async def post(request: Request) -> Response:
            if not csrf.same_origin(request):
                return self._refused(request, "Forms from another site are refused.")
            try:
                form = await read_form(request)
            except FormError as error:
                return self._refused(request, f"Refused: {error}.", status=400)
            if not csrf.valid(form.get(csrf.FIELD), self.token):
                return self._refused(request, "The form's security token is missing or out of date "
                                              "(the emulator restarted?). Reload the page and try again.")
            try:
                return await handler(request, form)
            except AwsError as error:  # an action that did not catch its own
                return self.redirect(request.headers.get("referer") or PREFIX, Flash.error(error))
        return post

    def _refused(self, request: Request, message: str, status: int = 403) -> Response:
        return self.page(request, "error.html", status=status, title="Refused", message=message)
