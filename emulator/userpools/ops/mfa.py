"""SetUserPoolMfaConfig, GetUserPoolMfaConfig, AssociateSoftwareToken, VerifySoftwareToken,
SetUserMFAPreference, AdminSetUserMFAPreference, SetUserSettings, AdminSetUserSettings.

The software-token operations take an AccessToken (a signed-in user adds TOTP) or the
Session of an MFA_SETUP challenge (a user who must set MFA up during sign-in), never both."""

from __future__ import annotations

from typing import Any

from emulator.runtime import Context
from emulator.userpools.auth.access import authorize
from emulator.userpools.auth.mfa_challenges import MAX_ATTEMPTS
from emulator.userpools.auth.mfa_step import MFA_SETUP
from emulator.userpools.auth.sessions import ChallengeSession
from emulator.userpools.lookup import get_pool
from emulator.userpools.mfa import config, factors, totp
from emulator.userpools.model import UserPool
from emulator.userpools.users.identity import require_user
from emulator.userpools.users.model import User
from emulator.wire.errors import (
    EnableSoftwareTokenMFAException,
    InvalidParameterException,
    NotAuthorizedException,
    SoftwareTokenMFANotFoundException,
)
from emulator.wire.registry import Params, Result, user_pools

POOL_HAS_NO_TOTP = "Software Token MFA has not been enabled by the userPool."  # [doc]
VERIFY_MISMATCH = "Code mismatch and fail enable Software Token MFA"  # [obs]
# Guesses: wording not known.
BOTH_OR_NEITHER = "Exactly one of AccessToken or Session must be provided."
NOT_ASSOCIATED = "Software Token MFA has not been associated with the user. Call AssociateSoftwareToken first."
INVALID_SESSION = "Invalid session for the user."


@user_pools.operation("SetUserPoolMfaConfig")
def set_user_pool_mfa_config(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    config.set_pool_mfa_config(pool, params)
    pool.modified = ctx.now()
    ctx.store.changed(pool)
    return config.mfa_config_view(pool)


@user_pools.operation("GetUserPoolMfaConfig")
def get_user_pool_mfa_config(ctx: Context, params: Params) -> Result:
    return config.mfa_config_view(get_pool(ctx.store, params["UserPoolId"]))


@user_pools.operation("AssociateSoftwareToken")
def associate_software_token(ctx: Context, params: Params) -> Result:
    """A new secret, pending until VerifySoftwareToken; an earlier verified token keeps
    working until then."""
    if _by_session(params):
        pool, user, session = _take_setup_session(ctx, params["Session"], ("challenge", "associated"))
        _check_pool_totp(pool)
        user.mfa.pending_totp_secret = totp.new_secret()
        return {"SecretCode": user.mfa.pending_totp_secret,
                "Session": _open_setup_session(ctx, pool, session, "associated")}
    grant = authorize(ctx, params["AccessToken"])
    _check_pool_totp(grant.pool)
    grant.user.mfa.pending_totp_secret = totp.new_secret()
    return {"SecretCode": grant.user.mfa.pending_totp_secret}


@user_pools.operation("VerifySoftwareToken")
def verify_software_token(ctx: Context, params: Params) -> Result:
    """The first code from the authenticator app turns software-token MFA on for the user
    (acij#630: the next sign-in asks SOFTWARE_TOKEN_MFA). A wrong code may be retried."""
    code, name = params["UserCode"], params.get("FriendlyDeviceName")
    if _by_session(params):
        token = params["Session"]
        pool, user, session = _take_setup_session(ctx, token, ("associated",))
        _check_pool_totp(pool)
        if not _verify(ctx, user, code, name):
            _reopen_for_retry(ctx, token, session)
            raise EnableSoftwareTokenMFAException(VERIFY_MISMATCH)
        return {"Status": "SUCCESS", "Session": _open_setup_session(ctx, pool, session, "verified")}
    grant = authorize(ctx, params["AccessToken"])
    _check_pool_totp(grant.pool)
    if not _verify(ctx, grant.user, code, name):
        raise EnableSoftwareTokenMFAException(VERIFY_MISMATCH)
    return {"Status": "SUCCESS"}


@user_pools.operation("SetUserMFAPreference")
def set_user_mfa_preference(ctx: Context, params: Params) -> Result:
    grant = authorize(ctx, params["AccessToken"])
    factors.set_preference(grant.user, params)
    grant.user.modified = ctx.now()
    return {}


@user_pools.operation("AdminSetUserMFAPreference")
def admin_set_user_mfa_preference(ctx: Context, params: Params) -> Result:
    user = require_user(get_pool(ctx.store, params["UserPoolId"]), params["Username"])
    factors.set_preference(user, params)
    user.modified = ctx.now()
    return {}


@user_pools.operation("SetUserSettings")
def set_user_settings(ctx: Context, params: Params) -> Result:
    grant = authorize(ctx, params["AccessToken"])
    factors.set_mfa_options(grant.user, params["MFAOptions"])
    grant.user.modified = ctx.now()
    return {}


@user_pools.operation("AdminSetUserSettings")
def admin_set_user_settings(ctx: Context, params: Params) -> Result:
    user = require_user(get_pool(ctx.store, params["UserPoolId"]), params["Username"])
    factors.set_mfa_options(user, params["MFAOptions"])
    user.modified = ctx.now()
    return {}


def _by_session(params: Params) -> bool:
    has_token, has_session = bool(params.get("AccessToken")), bool(params.get("Session"))
    if has_token == has_session:
        raise InvalidParameterException(BOTH_OR_NEITHER)
    return has_session


def _check_pool_totp(pool: UserPool) -> None:
    if not pool.mfa.totp_enabled:
        raise SoftwareTokenMFANotFoundException(POOL_HAS_NO_TOTP)


def _verify(ctx: Context, user: User, code: str, name: str | None) -> bool:
    secret = user.mfa.pending_totp_secret
    if secret is None:
        raise SoftwareTokenMFANotFoundException(NOT_ASSOCIATED)
    step = totp.matching_step(secret, code, ctx.now())
    if step is None:
        return False
    mfa = user.mfa
    mfa.totp_secret, mfa.pending_totp_secret, mfa.last_totp_step = secret, None, step
    mfa.totp_enabled = True
    mfa.totp_device_name = name or None
    user.modified = ctx.now()
    return True


def _take_setup_session(ctx: Context, token: str, stages: tuple[str, ...]) -> tuple[UserPool, User, ChallengeSession]:
    """Spend an MFA_SETUP Session at one of ``stages`` (AWS's session messages otherwise)."""
    session = ctx.sessions.take(token, ctx.now())
    pool = ctx.store.user_pools.get(session.pool_id)
    user = pool.users.get(session.username) if pool is not None else None
    if pool is None or user is None or session.challenge != MFA_SETUP or session.data.get("stage") not in stages:
        raise NotAuthorizedException(INVALID_SESSION)
    return pool, user, session


def _open_setup_session(ctx: Context, pool: UserPool, previous: ChallengeSession, stage: str) -> str:
    client = pool.clients.get(previous.client_id)
    minutes = client.auth_session_validity if client is not None else 3
    data: dict[str, Any] = {"stage": stage}
    session = ChallengeSession(pool.id, previous.client_id, previous.username, MFA_SETUP,
                               ctx.now() + minutes * 60, data)
    return ctx.sessions.open(session, ctx.now())


def _reopen_for_retry(ctx: Context, token: str, session: ChallengeSession) -> None:
    attempts = int(session.data.get("attempts", 0)) + 1
    if attempts < MAX_ATTEMPTS:
        session.data["attempts"] = attempts
        ctx.sessions.open(session, ctx.now(), key=token)


@user_pools.operation("AdminDeleteSoftwareToken")
def admin_delete_software_token(ctx: Context, params: Params) -> Result:
    """The user's TOTP factor is gone (a lost phone): sign-in no longer asks for it, and
    AssociateSoftwareToken can register a new one [doc]. A user without one is answered 200
    (a guess: AWS's answer for that case is not known)."""
    user = require_user(get_pool(ctx.store, params["UserPoolId"]), params["Username"])
    factors.delete_software_token(user)
    user.modified = ctx.now()
    return {}
