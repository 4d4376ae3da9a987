"""AdminListUserAuthEvents, AdminUpdateAuthEventFeedback, UpdateAuthEventFeedback (the events
are recorded by the sign-in, sign-up and password operations: userpools/auth_events.py)."""

from __future__ import annotations

from typing import Any

from emulator.runtime import Context
from emulator.userpools import auth_events
from emulator.userpools.lookup import get_pool
from emulator.userpools.users.events import AuthEvent
from emulator.userpools.users.identity import require_user
from emulator.userpools.users.model import User
from emulator.wire.errors import NotAuthorizedException, ResourceNotFoundException
from emulator.wire.pagination import paginate
from emulator.wire.registry import Params, Result, user_pools

DEFAULT_PAGE = 60  # [doc] "Returns 60 events if you set MaxResults to 0, or if you don't include" it
# Guesses: AWS's wording is not known.
NO_EVENT = "Auth event {event_id} does not exist."
BAD_TOKEN = "Invalid feedback token."


@user_pools.operation("AdminListUserAuthEvents")
def admin_list_user_auth_events(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    user = require_user(pool, params["Username"])
    auth_events.require_threat_protection(pool)
    events = auth_events.newest_first(user)
    keys = [f"{10**13 - int(event.created * 1000):014d}{event.event_id}" for event in events]  # newest first
    page, token = paginate(keys, events, params.get("MaxResults") or DEFAULT_PAGE, params.get("NextToken"))
    return {"AuthEvents": [_view(event) for event in page], "NextToken": token}


@user_pools.operation("AdminUpdateAuthEventFeedback")
def admin_update_auth_event_feedback(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    user = require_user(pool, params["Username"])
    auth_events.require_threat_protection(pool)
    auth_events.give_feedback(_event(user, params["EventId"]), params["FeedbackValue"], "Admin", ctx.now())
    return {}


@user_pools.operation("UpdateAuthEventFeedback")
def update_auth_event_feedback(ctx: Context, params: Params) -> Result:
    """Authorized by the FeedbackToken alone (the link in a risk notification email) [doc]."""
    pool = get_pool(ctx.store, params["UserPoolId"])
    user = require_user(pool, params["Username"])
    auth_events.require_threat_protection(pool)
    event = _event(user, params["EventId"])
    if not auth_events.feedback_token_matches(ctx, pool, user, event, params["FeedbackToken"]):
        raise NotAuthorizedException(BAD_TOKEN)
    auth_events.give_feedback(event, params["FeedbackValue"], "User", ctx.now())
    return {}


def _event(user: User, event_id: str) -> AuthEvent:
    event = auth_events.find_event(user, event_id)
    if event is None:
        raise ResourceNotFoundException(NO_EVENT.format(event_id=event_id))
    return event


def _risk(event: AuthEvent) -> dict[str, Any]:
    """RiskLevel only when the sign-in was scored: AWS's NoRisk events carry none [obs]."""
    risk: dict[str, Any] = {"RiskDecision": event.risk_decision,
                            "CompromisedCredentialsDetected": event.compromised}
    if event.risk_level is not None:
        risk["RiskLevel"] = event.risk_level
    return risk


def _view(event: AuthEvent) -> dict[str, Any]:
    view: dict[str, Any] = {
        "EventId": event.event_id,
        "EventType": event.event_type,
        "CreationDate": event.created,
        "EventResponse": event.response,
        "EventRisk": _risk(event),
        "ChallengeResponses": [{"ChallengeName": name, "ChallengeResponse": answer}
                               for name, answer in event.challenges],
        "EventContextData": {"IpAddress": event.ip_address, "DeviceName": event.device_name},
    }
    if event.feedback is not None:
        view["EventFeedback"] = {"FeedbackValue": event.feedback, "Provider": event.feedback_provider,
                                 "FeedbackDate": event.feedback_date}
    return view
