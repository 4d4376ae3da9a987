"""Token sessions: with UserSessionTracking ENABLED (SetUserPoolSessionConfiguration), each
sign-in is a session record on its user: the refresh-token family of one origin_jti, its client,
when it started and was last refreshed, from where. ListUserSessions shows the live ones (not
expired, not revoked by RevokeToken or GlobalSignOut), RevokeUserSession ends one as RevokeToken
would (its refresh and access tokens are refused afterwards), and a sign-in beyond the pool's
MaxPerUser first evicts the least recently used session [doc]. With tracking off nothing is
stored, as on AWS ("Amazon Cognito does not store server-side session records")."""

from __future__ import annotations

import re

from emulator.state import ids
from emulator.userpools.auth.revocation import revoke_sign_in, sign_in_revoked
from emulator.userpools.model import UserPool
from emulator.userpools.users.model import TokenSession, User
from emulator.wire.errors import FeatureUnavailableInTierException

_ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"
DEFAULT_MAX_PER_USER = 20  # [doc]
TIER = "Session management is not available in the LITE tier. Upgrade the user pool to ESSENTIALS or PLUS."  # guess
_BROWSERS = (("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari"))
_SYSTEMS = (("Windows", "Windows"), ("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iOS"),
            ("Mac OS X", "Mac OS X"), ("Linux", "Linux"), ("os/linux", "Linux"), ("os/macos", "Mac OS X"),
            ("os/windows", "Windows"))
_PRODUCT = re.compile(r"^([A-Za-z][\w.-]*)/([\w.-]+)")


def device_type(user_agent: str) -> str:
    """"<browser or app>, <operating system>" from a User-Agent, or "unknown" (a rough stand-in
    for AWS's parser, whose exact output is not documented)."""
    browser = next((name for marker, name in _BROWSERS if marker in user_agent), None)
    if browser is None:
        product = _PRODUCT.match(user_agent)
        browser = product.group(1) if product else None
    system = next((name for marker, name in _SYSTEMS if marker in user_agent), None)
    described = ", ".join(filter(None, (browser, system)))
    return described[:1024] or "unknown"


def check_tier(pool: UserPool) -> None:
    """Session configuration needs the Essentials or Plus tier [doc]."""
    if pool.tier == "LITE":
        raise FeatureUnavailableInTierException(TIER)


def configure(pool: UserPool, params: dict[str, object]) -> None:
    """SetUserPoolSessionConfiguration's members (validated against the model): a full
    replacement. Lowering MaxPerUser evicts nothing until the user's next sign-in [doc]."""
    check_tier(pool)
    token_session = params["TokenSession"]
    assert isinstance(token_session, dict)
    pool.session_tracking = params["UserSessionTracking"] == "ENABLED"
    pool.max_sessions_per_user = int(token_session["MaxPerUser"])


def configuration(pool: UserPool) -> dict[str, object]:
    return {"UserSessionTracking": "ENABLED" if pool.session_tracking else "DISABLED",
            "TokenSession": {"MaxPerUser": pool.max_sessions_per_user}}


def live_sessions(pool: UserPool, user: User, now: float) -> list[TokenSession]:
    return [session for session in user.token_sessions.values()
            if session.expires > now and not sign_in_revoked(pool, user, session.origin_jti)]


def open_session(pool: UserPool, user: User, client_id: str, origin_jti: str, expires: float, now: float,
                 user_agent: str, ip_address: str) -> None:
    """After a successful authentication, when the pool tracks sessions."""
    if not pool.session_tracking:
        return
    _forget_dead(pool, user, now)
    by_use = sorted(user.token_sessions.values(), key=lambda s: s.last_active)
    while len(by_use) >= pool.max_sessions_per_user:
        revoke(pool, user, by_use.pop(0), now)
    session_id = "tkn" + ids.random_string(_ID_CHARS, 25)
    user.token_sessions[session_id] = TokenSession(session_id, client_id, origin_jti, now, now, expires,
                                                   device_type(user_agent), ip_address[:128])


def touch_session(pool: UserPool, user: User, origin_jti: str, now: float, user_agent: str,
                  ip_address: str) -> None:
    """A refresh (or rotation) is activity on the session [doc]."""
    for session in user.token_sessions.values():
        if session.origin_jti == origin_jti:
            session.last_active, session.ip_address = now, ip_address[:128]
            session.device_type = device_type(user_agent)


def revoke(pool: UserPool, user: User, session: TokenSession, now: float) -> None:
    """Its refresh and access tokens stop working, and the record is deleted [doc]."""
    revoke_sign_in(pool, session.origin_jti, session.expires, now)
    user.token_sessions.pop(session.session_id, None)


def _forget_dead(pool: UserPool, user: User, now: float) -> None:
    live = {session.session_id for session in live_sessions(pool, user, now)}
    for session_id in [key for key in user.token_sessions if key not in live]:
        del user.token_sessions[session_id]
