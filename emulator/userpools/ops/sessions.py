"""ListUserSessions, AdminListUserSessions, RevokeUserSession, AdminRevokeUserSession,
Get/SetUserPoolSessionConfiguration, Get/SetUserPoolClientSessionConfiguration (the sessions
are in auth/user_sessions.py). The emulator has token sessions only: SSO sessions belong to
managed login, so RevokeAssociatedSessions LINKED finds nothing more to revoke."""

from __future__ import annotations

from typing import Any

from emulator.runtime import Context
from emulator.userpools.auth import user_sessions
from emulator.userpools.auth.access import authorize
from emulator.userpools.lookup import get_client, get_pool
from emulator.userpools.model import UserPool
from emulator.userpools.users.identity import require_user
from emulator.userpools.users.model import TokenSession, User
from emulator.wire.errors import (
    InvalidParameterException,
    OperationNotEnabledException,
    ResourceNotFoundException,
)
from emulator.wire.registry import Params, Result, user_pools

DEFAULT_SSO_MINUTES = 60  # [doc] "the default SSO session maximum validity of 60 minutes"
# Guesses: AWS's wording is not known.
NOT_TRACKING = "Session tracking is not enabled for this user pool."
NO_SESSION = "Session {session_id} does not exist."
OWN_SESSION = "You cannot revoke the session that the access token in this request belongs to."


@user_pools.operation("ListUserSessions")
def list_user_sessions(ctx: Context, params: Params) -> Result:
    grant = authorize(ctx, params["AccessToken"])
    _check_tracking(grant.pool)
    current = str(grant.claims.get("origin_jti", ""))
    return {"Sessions": [_view(session, session.origin_jti == current)
                         for session in user_sessions.live_sessions(grant.pool, grant.user, ctx.now())]}


@user_pools.operation("AdminListUserSessions")
def admin_list_user_sessions(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    user = require_user(pool, params["Username"])
    _check_tracking(pool)
    return {"Sessions": [_view(session, False) for session in user_sessions.live_sessions(pool, user, ctx.now())]}


@user_pools.operation("RevokeUserSession")
def revoke_user_session(ctx: Context, params: Params) -> Result:
    grant = authorize(ctx, params["AccessToken"])
    _check_tracking(grant.pool)
    session = _session(ctx, grant.pool, grant.user, params["SessionId"])
    if session.origin_jti == grant.claims.get("origin_jti"):
        raise InvalidParameterException(OWN_SESSION)
    user_sessions.revoke(grant.pool, grant.user, session, ctx.now())
    ctx.store.changed(grant.pool)
    return {}


@user_pools.operation("AdminRevokeUserSession")
def admin_revoke_user_session(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    user = require_user(pool, params["Username"])
    _check_tracking(pool)
    user_sessions.revoke(pool, user, _session(ctx, pool, user, params["SessionId"]), ctx.now())
    ctx.store.changed(pool)
    return {}


@user_pools.operation("GetUserPoolSessionConfiguration")
def get_user_pool_session_configuration(ctx: Context, params: Params) -> Result:
    return _pool_configuration(get_pool(ctx.store, params["UserPoolId"]))


@user_pools.operation("SetUserPoolSessionConfiguration")
def set_user_pool_session_configuration(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    user_sessions.configure(pool, params)
    ctx.store.changed(pool)
    return _pool_configuration(pool)


@user_pools.operation("GetUserPoolClientSessionConfiguration")
def get_user_pool_client_session_configuration(ctx: Context, params: Params) -> Result:
    client = get_client(ctx.store, params["UserPoolId"], params["ClientId"])
    return _client_configuration(client.user_pool_id, client.client_id, client.sso_session_max_validity_minutes)


@user_pools.operation("SetUserPoolClientSessionConfiguration")
def set_user_pool_client_session_configuration(ctx: Context, params: Params) -> Result:
    """Stored and described back; the emulator has no SSO sessions for it to limit (managed
    login's). Session tracking must be on, in the Essentials or Plus tier [doc]."""
    pool = get_pool(ctx.store, params["UserPoolId"])
    client = get_client(ctx.store, pool.id, params["ClientId"])
    user_sessions.check_tier(pool)
    _check_tracking(pool)
    client.sso_session_max_validity_minutes = int(params["SSOSession"]["MaxValidityMinutes"])
    ctx.store.changed(pool)
    return _client_configuration(pool.id, client.client_id, client.sso_session_max_validity_minutes)


def _check_tracking(pool: UserPool) -> None:
    if not pool.session_tracking:
        raise OperationNotEnabledException(NOT_TRACKING)


def _session(ctx: Context, pool: UserPool, user: User, session_id: str) -> TokenSession:
    """One of the user's live sessions: another user's id is as unknown as a made-up one."""
    for session in user_sessions.live_sessions(pool, user, ctx.now()):
        if session.session_id == session_id:
            return session
    raise ResourceNotFoundException(NO_SESSION.format(session_id=session_id))


def _pool_configuration(pool: UserPool) -> dict[str, Any]:
    return {"UserPoolId": pool.id, **user_sessions.configuration(pool)}


def _client_configuration(pool_id: str, client_id: str, minutes: int | None) -> dict[str, Any]:
    return {"UserPoolId": pool_id, "ClientId": client_id,
            "SSOSession": {"MaxValidityMinutes": DEFAULT_SSO_MINUTES if minutes is None else minutes}}


def _view(session: TokenSession, current: bool) -> dict[str, Any]:
    return {
        "SessionId": session.session_id,
        "SessionType": "TOKEN",
        "ClientId": session.client_id,
        "CreateDate": session.created,
        "LastActiveDate": session.last_active,
        "DeviceType": session.device_type,
        "LastIPAddress": session.ip_address,
        "IsCurrentSession": current,
    }
