"""Auth events (AdminListUserAuthEvents): what threat protection records of each user's sign-ins,
sign-ups, password resets and changes and code resends. AWS records them only when the pool has
threat protection, ``UserPoolAddOns.AdvancedSecurityMode`` AUDIT or ENFORCED (a Plus-tier
feature), and answers UserPoolAddOnNotEnabledException otherwise [obs: ministack#1538, aws-cdk
#33393]. A sign-in's risk is assessed by ``userpools/risk`` once the password is proved: it opens
the event ``InProgress`` with its EventRisk, and the rest of the sign-in completes that event
(Pass or Fail, with the challenges answered), as AWS lists a sign-in still owing MFA as
InProgress [doc: AdminListUserAuthEvents CLI example]. Feedback (Admin)UpdateAuthEventFeedback
is stored on the event; a user's feedback token, which AWS puts in its risk notification emails,
is an HMAC of pool, user and event (the emulator's notification emails carry it, see
``userpools/risk/notify``, and ``GET /_emulator/auth-events`` shows it)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass

from emulator.runtime import Context
from emulator.state import ids
from emulator.userpools.auth.user_sessions import device_type
from emulator.userpools.model import UserPool
from emulator.userpools.users.events import AuthEvent
from emulator.userpools.users.model import User
from emulator.wire.errors import UserPoolAddOnNotEnabledException

SIGN_IN, SIGN_UP, FORGOT_PASSWORD, PASSWORD_CHANGE, RESEND_CODE = (
    "SignIn", "SignUp", "ForgotPassword", "PasswordChange", "ResendCode")
PASS, FAIL, IN_PROGRESS = "Pass", "Fail", "InProgress"
PASSWORD, MFA = "Password", "Mfa"
SUCCESS, FAILURE = "Success", "Failure"
KEPT = 200  # events kept per user, newest; the oldest are forgotten
FEEDBACK_PURPOSE = "auth-event-feedback"
NOT_ENABLED = "Advanced security features are not enabled for this user pool."  # guess at the wording
OPEN_SECONDS = 15 * 60  # an InProgress sign-in lives as long as the longest AuthSessionValidity


@dataclass(frozen=True, slots=True)
class EventRisk:
    decision: str = "NoRisk"  # NoRisk | AccountTakeover | Block
    level: str | None = None  # Low | Medium | High
    compromised: bool = False


def threat_protection(pool: UserPool) -> bool:
    add_ons = pool.config.get("UserPoolAddOns") or {}
    return add_ons.get("AdvancedSecurityMode") in ("AUDIT", "ENFORCED")


def require_threat_protection(pool: UserPool) -> None:
    if not threat_protection(pool):
        raise UserPoolAddOnNotEnabledException(NOT_ENABLED)


def record(ctx: Context, pool: UserPool, user: User, event_type: str, response: str,
           challenges: list[tuple[str, str]] | None = None, risk: EventRisk | None = None) -> AuthEvent | None:
    """Note one event, when the pool has threat protection. Without ``risk``, a sign-in whose
    password passed completes the user's open (InProgress) sign-in, the one the risk
    assessment opened, instead of adding another."""
    if not threat_protection(pool):
        return None
    challenges = list(challenges or [])
    if risk is None and event_type == SIGN_IN and challenges[:1] == [(PASSWORD, SUCCESS)]:
        opened = open_sign_in(ctx, user)
        if opened is not None:
            opened.response, opened.challenges = response, challenges
            return opened
    event = AuthEvent(ids.new_uuid(), event_type, ctx.now(), response, challenges,
                      ctx.source_ip, device_type(ctx.user_agent))
    if risk is not None:
        event.risk_decision, event.risk_level, event.compromised = risk.decision, risk.level, risk.compromised
    user.auth_events = [*user.auth_events[-(KEPT - 1):], event]
    return event


def open_sign_in(ctx: Context, user: User) -> AuthEvent | None:
    """The newest event, when it is a sign-in still owing a challenge and not abandoned."""
    newest = user.auth_events[-1] if user.auth_events else None
    if newest is None or newest.event_type != SIGN_IN or newest.response != IN_PROGRESS:
        return None
    return newest if ctx.now() - newest.created < OPEN_SECONDS else None


def newest_first(user: User) -> list[AuthEvent]:
    return list(reversed(user.auth_events))


def find_event(user: User, event_id: str) -> AuthEvent | None:
    return next((event for event in user.auth_events if event.event_id == event_id), None)


def feedback_token(ctx: Context, pool: UserPool, user: User, event: AuthEvent) -> str:
    message = "\n".join((pool.id, user.sub, event.event_id)).encode()
    digest = hmac.new(ctx.derived_key(FEEDBACK_PURPOSE), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def feedback_token_matches(ctx: Context, pool: UserPool, user: User, event: AuthEvent, given: str) -> bool:
    expected = feedback_token(ctx, pool, user, event)
    return hmac.compare_digest(expected.encode(), given.encode("utf-8", "surrogatepass"))


def give_feedback(event: AuthEvent, value: str, provider: str, now: float) -> None:
    event.feedback, event.feedback_provider, event.feedback_date = value, provider, now
