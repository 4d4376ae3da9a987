"""Reset, snapshots and the virtual clock: the control API's actions, as buttons."""

from __future__ import annotations

import math
import time

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from emulator.control import MAX_CLOCK_STEP, MAX_NAME
from emulator.ui.timefmt import span
from emulator.ui.web import PREFIX, Flash, Ui

UNITS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
HERE = f"{PREFIX}/state"


def _name(form: dict[str, str]) -> str | None:
    name = form.get("name", "").strip()
    return name if 0 < len(name) <= MAX_NAME and name.isprintable() else None


def routes(ui: Ui) -> list[Route]:
    emulator = ui.emulator

    async def page(request: Request) -> Response:
        ahead = emulator.clock.now() - time.time()
        return ui.page(request, "state.html", title="State and clock", units=UNITS,
                       ahead=span(ahead) if abs(ahead) >= 1 else None,
                       durable=emulator.durable is not None, state_dir=emulator.settings.state_dir,
                       snapshots=emulator.snapshot_names())

    async def reset(request: Request, form: dict[str, str]) -> Response:
        emulator.reset()
        return ui.redirect(HERE, Flash("ok", "Reset: back to the start state."))

    async def snapshot(request: Request, form: dict[str, str]) -> Response:
        name = _name(form)
        if name is None:
            return ui.redirect(HERE, Flash("error", f"A snapshot name is 1 to {MAX_NAME} printable characters."))
        emulator.save_snapshot(name)
        return ui.redirect(HERE, Flash("ok", f"Saved snapshot {name!r}."))

    async def restore(request: Request, form: dict[str, str]) -> Response:
        name = _name(form)
        if name is None:
            return ui.redirect(HERE, Flash("error", f"A snapshot name is 1 to {MAX_NAME} printable characters."))
        try:
            emulator.restore(name)
        except KeyError:
            return ui.redirect(HERE, Flash("error", f"No snapshot named {name!r}."))
        return ui.redirect(HERE, Flash("ok", f"Restored snapshot {name!r}."))

    async def advance(request: Request, form: dict[str, str]) -> Response:
        try:
            seconds = float(form.get("amount", "")) * UNITS.get(form.get("unit", ""), 0)
        except ValueError:
            seconds = math.nan
        if not math.isfinite(seconds) or not 0 < seconds <= MAX_CLOCK_STEP:
            return ui.redirect(HERE, Flash("error", "Advance by a positive number of seconds, minutes, hours or "
                                                    f"days, at most {int(MAX_CLOCK_STEP // 86400)} days."))
        try:
            emulator.advance_clock(seconds)
        except TypeError:
            return ui.redirect(HERE, Flash("error", "This emulator's clock cannot be advanced."))
        return ui.redirect(HERE, Flash("ok", f"Clock advanced by {span(seconds)}."))

    return [
        Route(HERE, ui.guarded(page), methods=["GET"]),
        Route(f"{HERE}/reset", ui.action(reset), methods=["POST"]),
        Route(f"{HERE}/snapshot", ui.action(snapshot), methods=["POST"]),
        Route(f"{HERE}/restore", ui.action(restore), methods=["POST"]),
        Route(f"{HERE}/clock", ui.action(advance), methods=["POST"]),
    ]
