"""REFRESH_TOKEN_AUTH / REFRESH_TOKEN (InitiateAuth, acij) and GetTokensFromRefreshToken
(Amplify v6): same checks, new ID and access tokens for the same sign-in."""

from __future__ import annotations

from typing import Any

from emulator.userpools.auth.client_auth import check_secret_hash, required
from emulator.userpools.auth.device_step import check_refresh_device
from emulator.userpools.auth.refresh_tokens import RefreshState
from emulator.userpools.auth.results import refreshed_result
from emulator.userpools.auth.revocation import sign_in_revoked
from emulator.userpools.auth.signin import SignIn
from emulator.userpools.users.model import User
from emulator.wire.errors import NotAuthorizedException, RefreshTokenReuseException

INVALID = "Invalid Refresh Token"


def refresh_token_auth(signin: SignIn, parameters: dict[str, str]) -> dict[str, Any]:
    token = required(parameters, "REFRESH_TOKEN")
    state, user = open_refresh_token(signin, token)
    check_secret_hash(signin.client, parameters.get("SECRET_HASH"), user.username,
                      *filter(None, (user.attributes.get("email"), user.attributes.get("phone_number"))))
    return refresh(signin, state, user)


def open_refresh_token(signin: SignIn, token: str) -> tuple[RefreshState, User]:
    state = signin.ctx.sealer.open(token)
    if state is None or state.client_id != signin.client.client_id or state.pool_id != signin.pool.id:
        raise NotAuthorizedException(INVALID)
    if state.expires <= signin.now():
        raise NotAuthorizedException("Refresh Token has expired")
    user = signin.pool.users.get(state.username)
    if user is None or user.sub != state.sub:
        raise NotAuthorizedException(INVALID)
    if sign_in_revoked(signin.pool, user, state.origin_jti):
        raise NotAuthorizedException("Refresh Token has been revoked")
    if not user.enabled:
        raise NotAuthorizedException("User is disabled.")
    return state, user


def refresh(signin: SignIn, state: RefreshState, user: User) -> dict[str, Any]:
    check_refresh_device(signin, state, user)
    rotation = signin.client.refresh_token_rotation or {}
    rotate = rotation.get("Feature") == "ENABLED"
    if rotate:
        _check_generation(signin, state, int(rotation.get("RetryGracePeriodSeconds", 0)))
    return refreshed_result(signin.ctx, signin.pool, signin.client, user, state, rotate=rotate,
                            overrides=signin.overrides)


def _check_generation(signin: SignIn, state: RefreshState, grace: int) -> None:
    """With rotation, only the newest refresh token works, and the one before it for
    RetryGracePeriodSeconds after it was rotated."""
    current, rotated_at = signin.pool.refresh_generations.get(state.origin_jti, (0, 0.0))
    if state.generation == current:
        return
    if state.generation == current - 1 and signin.now() <= rotated_at + grace:
        return
    raise RefreshTokenReuseException("The refresh token has been used before and is no longer valid.")
