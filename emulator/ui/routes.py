"""``ui_routes(emulator)``: every route of the dashboard, for the app to mount before its
catch-all POST route (the dashboard's forms POST under ``/_emulator/ui``)."""

from __future__ import annotations

from importlib.resources import files

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from emulator.runtime import Emulator
from emulator.ui import identity, outbox, state, tokens, userpools, users
from emulator.ui.web import PREFIX, Ui

STATIC = {"ui.css": "text/css; charset=utf-8", "ui.js": "text/javascript; charset=utf-8"}


def _static_routes() -> list[Route]:
    """The stylesheet and script, read once from the package (no CDN, no build step)."""
    bodies = {name: (files("emulator.ui") / "static" / name).read_bytes() for name in STATIC}

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in bodies:
            return Response("not found", status_code=404, media_type="text/plain")
        return Response(bodies[name], media_type=STATIC[name],
                        headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"})

    return [Route(f"{PREFIX}/static/{{name}}", static, methods=["GET"])]


def ui_routes(emulator: Emulator) -> list[BaseRoute]:
    ui = Ui(emulator)

    async def slash(request: Request) -> Response:
        return RedirectResponse(PREFIX, status_code=308)

    async def unknown(request: Request) -> Response:
        return ui.not_found(request, f"No dashboard page at {request.url.path}.")

    return [
        *_static_routes(),
        Route(f"{PREFIX}/", slash, methods=["GET"]),
        *userpools.routes(ui),
        *users.routes(ui),
        *outbox.routes(ui),
        *identity.routes(ui),
        *tokens.routes(ui),
        *state.routes(ui),
        Route(f"{PREFIX}/{{rest:path}}", ui.guarded(unknown), methods=["GET"]),
    ]
