"""``/_emulator/*``: the emulator's own endpoints (health now; outbox and clock as issues land)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from emulator.runtime import Emulator


def control_routes(emulator: Emulator) -> list[Route]:
    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok", "userPools": len(emulator.store.user_pools)})

    return [Route("/_emulator/health", health, methods=["GET"])]
