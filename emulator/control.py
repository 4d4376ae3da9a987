"""``/_emulator/*``: the emulator's own endpoints, for tests and tooling.

* ``GET  /_emulator/health``: liveness (the Docker HEALTHCHECK uses it).
* ``GET  /_emulator/clock``: the emulator's current time (epoch seconds).
* ``POST /_emulator/clock/advance`` ``{"seconds": N}``: move the emulator's clock forward, so
  tests can expire codes, sessions and tokens without waiting.
* ``GET  /_emulator/messages?userPoolId=..&username=..``: ``{"messages": [...]}``, every email/SMS
  Cognito would have sent (codes, invitations), oldest first; both filters optional.
"""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from emulator.runtime import Emulator


def control_routes(emulator: Emulator) -> list[Route]:
    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok", "userPools": len(emulator.store.user_pools)})

    async def clock(request: Request) -> JSONResponse:
        return JSONResponse({"now": emulator.clock.now()})

    async def advance_clock(request: Request) -> JSONResponse:
        try:
            seconds = json.loads(await request.body())["seconds"]
            if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
                raise ValueError
        except (ValueError, KeyError, TypeError):
            return JSONResponse({"message": 'Expected {"seconds": <non-negative number>}.'}, status_code=400)
        advance = getattr(emulator.clock, "advance", None)
        if advance is None:
            return JSONResponse({"message": "This emulator's clock cannot be advanced."}, status_code=409)
        advance(seconds)
        return JSONResponse({"now": emulator.clock.now()})

    async def messages(request: Request) -> JSONResponse:
        found = emulator.outbox.find(request.query_params.get("userPoolId"), request.query_params.get("username"))
        return JSONResponse({"messages": [message.record() for message in found]})

    return [
        Route("/_emulator/health", health, methods=["GET"]),
        Route("/_emulator/messages", messages, methods=["GET"]),
        Route("/_emulator/clock", clock, methods=["GET"]),
        Route("/_emulator/clock/advance", advance_clock, methods=["POST"]),
    ]
