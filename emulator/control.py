"""``/_emulator/*``: the emulator's own endpoints, for tests and tooling.

* ``GET  /_emulator/health``: liveness (the Docker HEALTHCHECK uses it).
* ``GET  /_emulator/clock``: the emulator's current time (epoch seconds).
* ``POST /_emulator/clock/advance`` ``{"seconds": N}``: move the emulator's clock forward, so
  tests can expire codes, sessions and tokens without waiting.
* ``GET  /_emulator/messages?userPoolId=..&username=..``: ``{"messages": [...]}``, every email/SMS
  Cognito would have sent (codes, invitations), oldest first; both filters optional.
* ``POST /_emulator/reset`` (and ``POST /moto-api/reset``, moto's server-mode spelling): back to
  the start state, the seed file's or empty; seeded pools keep their signing keys.
* ``POST /_emulator/snapshot`` / ``POST /_emulator/restore`` ``{"name": ...}``: save the whole
  state under a name / put it back (kept in the state dir when there is one);
  ``GET /_emulator/snapshots``: their names.
* ``GET  /_emulator/auth-events?userPoolId=..&username=..``: ``{"events": [...]}``, the user's auth
  events, newest first, each with the feedback token a risk notification email would carry.
* ``POST /_emulator/risk`` ``{"userPoolId", "username", "riskLevel": "Low|Medium|High", "count"?: n}``:
  the risk level threat protection assigns to the user's next ``n`` (default 1) scored sign-ins
  (``userpools/risk``); ``"count": 0`` clears what was scheduled.
* ``POST /_emulator/risk/compromised-passwords`` ``{"userPoolId", "password"}``: treat ``password``
  as compromised in that pool (kept as a keyed digest, never as text).
* ``GET  /_emulator/auth-events/feedback?userPoolId=&username=&eventId=&feedbackToken=&feedbackValue=``:
  the one-click links of risk notification emails: UpdateAuthEventFeedback with the event's token.
* ``GET  /_emulator/export``: the state as a seed document ``--fixtures`` loads back.
"""

from __future__ import annotations

import json
import math
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from emulator.runtime import Emulator
from emulator.userpools.users.identity import find_user

# The auth-event and risk endpoints import their modules when first called: threat protection's
# settings and pool configuration models are ~20 ms of start-up imports nothing else needs then.

MAX_CLOCK_STEP = 100 * 365 * 86400.0  # a century: beyond it, token times stop being valid dates
MAX_NAME = 256
MAX_PASSWORD = 256  # Cognito's own limit on a password


def _bad(message: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"message": message}, status_code=status)


MAX_CONTROL_BODY = 64 * 1024  # a control request is a small JSON object


async def _json_object(request: Request) -> dict[str, Any] | None:
    """The body as a JSON object, or None (not JSON, not an object, too large, too deep)."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_CONTROL_BODY:
            return None
        chunks.append(chunk)
    try:
        body = json.loads(b"".join(chunks) or b"{}")
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    return body if isinstance(body, dict) else None


def _snapshot_name(body: dict[str, Any] | None) -> str | None:
    name = (body or {}).get("name")
    if not isinstance(name, str) or not 0 < len(name) <= MAX_NAME or not name.isprintable():
        return None
    return name


def control_routes(emulator: Emulator) -> list[Route]:
    async def health(request: Request) -> JSONResponse:
        from emulator.userpools.users.credentials import deferred_count, lazy_count

        # pendingPasswords: a large seed's passwords still to be hashed in the background;
        # pendingVerifiers: SRP verifiers of passwords set since, derived while no request comes.
        return JSONResponse({"status": "ok", "userPools": len(emulator.store.user_pools),
                             "durable": emulator.durable is not None, "pendingPasswords": deferred_count(),
                             "pendingVerifiers": lazy_count()})

    async def clock(request: Request) -> JSONResponse:
        return JSONResponse({"now": emulator.clock.now()})

    async def advance_clock(request: Request) -> JSONResponse:
        seconds = (await _json_object(request) or {}).get("seconds")
        if (isinstance(seconds, bool) or not isinstance(seconds, int | float) or not math.isfinite(seconds)
                or not 0 <= seconds <= MAX_CLOCK_STEP):
            return _bad(f'Expected {{"seconds": <number from 0 to {int(MAX_CLOCK_STEP)}>}}.')
        try:
            now = emulator.advance_clock(float(seconds))
        except TypeError:
            return _bad("This emulator's clock cannot be advanced.", 409)
        return JSONResponse({"now": now})

    async def messages(request: Request) -> JSONResponse:
        found = emulator.outbox.find(request.query_params.get("userPoolId"), request.query_params.get("username"))
        return JSONResponse({"messages": [message.record() for message in found]})

    async def auth_events(request: Request) -> JSONResponse:
        """The user's auth events with their feedback tokens: what AWS's risk notification
        emails would carry, for UpdateAuthEventFeedback."""
        pool = emulator.store.user_pools.get(request.query_params.get("userPoolId", ""))
        user = find_user(pool, request.query_params.get("username", "")) if pool is not None else None
        if pool is None or user is None:
            return _bad("No such user pool or user.", 404)
        from emulator.userpools import auth_events as events

        ctx = emulator.context("", "")
        return JSONResponse({"events": [
            {"eventId": event.event_id, "eventType": event.event_type, "eventResponse": event.response,
             "riskDecision": event.risk_decision, "riskLevel": event.risk_level,
             "feedbackToken": events.feedback_token(ctx, pool, user, event)}
            for event in events.newest_first(user)]})

    def _pool_and_user(body: dict[str, Any]) -> tuple[Any, Any]:
        pool_id, username = body.get("userPoolId"), body.get("username")
        pool = emulator.store.user_pools.get(pool_id) if isinstance(pool_id, str) else None
        user = find_user(pool, username) if pool is not None and isinstance(username, str) else None
        return pool, user

    async def schedule_risk(request: Request) -> JSONResponse:
        from emulator.userpools.risk import schedule
        from emulator.userpools.risk.settings import LEVELS

        body = await _json_object(request)
        if body is None:
            return _bad('Expected {"userPoolId", "username", "riskLevel": "Low|Medium|High", "count"?: n}.')
        level, count = body.get("riskLevel"), body.get("count", 1)
        if level not in LEVELS or isinstance(count, bool) or not isinstance(count, int) \
                or not 0 <= count <= schedule.MAX_SCHEDULED:
            return _bad(f'Expected "riskLevel" one of {", ".join(LEVELS)} and "count" from 0 to '
                        f"{schedule.MAX_SCHEDULED}.")
        pool, user = _pool_and_user(body)
        if pool is None or user is None:
            return _bad("No such user pool or user.", 404)
        schedule.schedule(user, level, count)
        return JSONResponse({"userPoolId": pool.id, "username": user.username, "scheduled": user.scheduled_risk})

    async def compromised_password(request: Request) -> JSONResponse:
        body = await _json_object(request) or {}
        password = body.get("password")
        if not isinstance(password, str) or not 0 < len(password) <= MAX_PASSWORD:
            return _bad(f'Expected {{"userPoolId", "password": "<1 to {MAX_PASSWORD} characters>"}}.')
        pool_id = body.get("userPoolId")
        pool = emulator.store.user_pools.get(pool_id) if isinstance(pool_id, str) else None
        if pool is None:
            return _bad("No such user pool.", 404)
        from emulator.userpools.risk import compromised

        added = compromised.register(emulator.context("", ""), pool, password)
        emulator.store.changed(pool)
        return JSONResponse({"userPoolId": pool.id, "added": added})

    async def one_click_feedback(request: Request) -> JSONResponse:
        """What AWS's one-click links in risk emails do: feedback on the event, by its token."""
        from emulator.userpools import auth_events as events

        query = request.query_params
        pool, user = _pool_and_user({"userPoolId": query.get("userPoolId"), "username": query.get("username")})
        event = events.find_event(user, query.get("eventId", "")) if user is not None else None
        value = query.get("feedbackValue")
        if pool is None or user is None or event is None or value not in ("Valid", "Invalid"):
            return _bad("No such user pool, user, event or feedback value.", 404)
        ctx = emulator.context("", "")
        if not events.feedback_token_matches(ctx, pool, user, event, query.get("feedbackToken", "")):
            return _bad("Invalid feedback token.", 403)
        events.give_feedback(event, value, "User", ctx.now())
        return JSONResponse({"eventId": event.event_id, "feedbackValue": value})

    async def reset(request: Request) -> JSONResponse:
        emulator.reset()
        return JSONResponse({"status": "reset"})

    async def snapshot(request: Request) -> JSONResponse:
        name = _snapshot_name(await _json_object(request))
        if name is None:
            return _bad(f'Expected {{"name": "<1 to {MAX_NAME} printable characters>"}}.')
        emulator.save_snapshot(name)
        return JSONResponse({"name": name})

    async def restore(request: Request) -> JSONResponse:
        name = _snapshot_name(await _json_object(request))
        if name is None:
            return _bad(f'Expected {{"name": "<1 to {MAX_NAME} printable characters>"}}.')
        try:
            emulator.restore(name)
        except KeyError:
            return _bad(f"No snapshot named {name!r}.", 404)
        return JSONResponse({"name": name})

    async def snapshots(request: Request) -> JSONResponse:
        return JSONResponse({"snapshots": emulator.snapshot_names()})

    async def export(request: Request) -> Response:
        from emulator.seeding.export import export_emulator

        body = json.dumps(export_emulator(emulator), indent=2, ensure_ascii=False)
        return Response(body.encode(), media_type="application/json")

    return [
        Route("/_emulator/health", health, methods=["GET"]),
        Route("/_emulator/messages", messages, methods=["GET"]),
        Route("/_emulator/clock", clock, methods=["GET"]),
        Route("/_emulator/clock/advance", advance_clock, methods=["POST"]),
        Route("/_emulator/auth-events", auth_events, methods=["GET"]),
        Route("/_emulator/auth-events/feedback", one_click_feedback, methods=["GET"]),
        Route("/_emulator/risk", schedule_risk, methods=["POST"]),
        Route("/_emulator/risk/compromised-passwords", compromised_password, methods=["POST"]),
        Route("/_emulator/reset", reset, methods=["POST"]),
        Route("/moto-api/reset", reset, methods=["POST"]),
        Route("/_emulator/snapshot", snapshot, methods=["POST"]),
        Route("/_emulator/restore", restore, methods=["POST"]),
        Route("/_emulator/snapshots", snapshots, methods=["GET"]),
        Route("/_emulator/export", export, methods=["GET"]),
    ]
