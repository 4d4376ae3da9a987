"""The token inspector page. The pasted token is POSTed (never put in a URL, where it would
reach logs and history), kept in a small stash, and the redirect shows its inspection."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from emulator.ui.inspector import inspect_token
from emulator.ui.stash import Stash
from emulator.ui.web import PREFIX, Ui

MAX_TOKEN = 16 * 1024


def routes(ui: Ui) -> list[Route]:
    pasted: Stash[str] = Stash(capacity=20)

    async def page(request: Request) -> Response:
        token = pasted.get(request.query_params.get("inspect"))
        inspection = inspect_token(token, ui.emulator.keys, ui.emulator.clock.now()) if token else None
        return ui.page(request, "tokens.html", title="Token inspector", token=token or "", inspection=inspection)

    async def inspect(request: Request, form: dict[str, str]) -> Response:
        token = form.get("token", "").strip()[:MAX_TOKEN]
        if not token:
            return ui.redirect(f"{PREFIX}/tokens")
        return ui.redirect(f"{PREFIX}/tokens?{urlencode({'inspect': pasted.put(token)})}")

    return [
        Route(f"{PREFIX}/tokens", ui.guarded(page), methods=["GET"]),
        Route(f"{PREFIX}/tokens", ui.action(inspect), methods=["POST"]),
    ]
