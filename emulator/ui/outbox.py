"""The outbox, newest first: the page, and the JSON its script polls every 2 s, which carries the
rendered rows only when something new arrived (``version``)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from emulator.outbox import Message
from emulator.ui.web import PREFIX, SECURITY_HEADERS, Ui

SHOWN = 200  # the newest messages rendered; the outbox keeps up to 10,000


def _filters(request: Request) -> tuple[str | None, str | None]:
    return request.query_params.get("pool") or None, request.query_params.get("username") or None


def routes(ui: Ui) -> list[Route]:
    def newest(request: Request) -> tuple[list[Message], int, str]:
        found = ui.emulator.outbox.find(*_filters(request))
        version = f"{len(found)}:{found[-1].time!r}" if found else "0"
        return found[::-1][:SHOWN], len(found), version

    async def page(request: Request) -> Response:
        messages, total, version = newest(request)
        pool, username = _filters(request)
        return ui.page(request, "outbox.html", title="Outbox", messages=messages, total=total, version=version,
                       pool=pool or "", username=username or "", shown=SHOWN,
                       pools=sorted(ui.emulator.store.user_pools))

    async def poll(request: Request) -> Response:
        messages, total, version = newest(request)
        body: dict[str, object] = {"version": version, "total": total}
        if request.query_params.get("version") != version:
            body["html"] = ui.render_fragment("_outbox_rows.html", messages=messages)
        return JSONResponse(body, headers=SECURITY_HEADERS)

    return [
        Route(f"{PREFIX}/outbox", ui.guarded(page), methods=["GET"]),
        Route(f"{PREFIX}/outbox.json", ui.guarded(poll), methods=["GET"]),
    ]
