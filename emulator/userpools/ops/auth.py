"""InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge, AdminRespondToAuthChallenge,
GetTokensFromRefreshToken, GlobalSignOut, AdminUserGlobalSignOut, RevokeToken."""

from __future__ import annotations

import hmac

from emulator.runtime import Context
from emulator.tokens.refresh import looks_like_refresh_token
from emulator.userpools.auth import flows
from emulator.userpools.auth.access import authorize
from emulator.userpools.auth.refresh_flow import open_refresh_token, refresh
from emulator.userpools.auth.results import refresh_validity
from emulator.userpools.auth.revocation import revoke_sign_in, sign_out_everywhere
from emulator.userpools.auth.signin import SignIn
from emulator.userpools.lookup import get_client, get_client_by_id
from emulator.userpools.model import UserPoolClient
from emulator.userpools.users.identity import require_user
from emulator.wire.errors import (
    NotAuthorizedException,
    UnsupportedOperationException,
    UnsupportedTokenTypeException,
)
from emulator.wire.registry import Params, Result, user_pools


def _signin(ctx: Context, params: Params, admin: bool) -> SignIn:
    if admin:
        client = get_client(ctx.store, params["UserPoolId"], params["ClientId"])
        pool = ctx.store.user_pools[client.user_pool_id]
    else:
        pool, client = get_client_by_id(ctx.store, params["ClientId"])
    presented = params.get("AuthParameters") or params.get("ChallengeResponses") or {}
    return SignIn(ctx, pool, client, admin, device_key=presented.get("DEVICE_KEY") or params.get("DeviceKey"))


@user_pools.operation("InitiateAuth")
def initiate_auth(ctx: Context, params: Params) -> Result:
    return flows.initiate(_signin(ctx, params, False), params["AuthFlow"], params.get("AuthParameters") or {})


@user_pools.operation("AdminInitiateAuth")
def admin_initiate_auth(ctx: Context, params: Params) -> Result:
    return flows.initiate(_signin(ctx, params, True), params["AuthFlow"], params.get("AuthParameters") or {})


@user_pools.operation("RespondToAuthChallenge")
def respond_to_auth_challenge(ctx: Context, params: Params) -> Result:
    return flows.respond(_signin(ctx, params, False), params["ChallengeName"],
                         params.get("ChallengeResponses") or {}, params.get("Session"))


@user_pools.operation("AdminRespondToAuthChallenge")
def admin_respond_to_auth_challenge(ctx: Context, params: Params) -> Result:
    return flows.respond(_signin(ctx, params, True), params["ChallengeName"],
                         params.get("ChallengeResponses") or {}, params.get("Session"))


@user_pools.operation("GetTokensFromRefreshToken")
def get_tokens_from_refresh_token(ctx: Context, params: Params) -> Result:
    signin = _signin(ctx, params, False)
    _check_client_secret(signin.client, params.get("ClientSecret"))
    state, user = open_refresh_token(signin, params["RefreshToken"])
    return refresh(signin, state, user)


@user_pools.operation("GlobalSignOut")
def global_sign_out(ctx: Context, params: Params) -> Result:
    grant = authorize(ctx, params["AccessToken"])
    sign_out_everywhere(grant.user, ctx.now())
    return {}


@user_pools.operation("AdminUserGlobalSignOut")
def admin_user_global_sign_out(ctx: Context, params: Params) -> Result:
    from emulator.userpools.lookup import get_pool

    user = require_user(get_pool(ctx.store, params["UserPoolId"]), params["Username"])
    sign_out_everywhere(user, ctx.now())
    return {}


@user_pools.operation("RevokeToken")
def revoke_token(ctx: Context, params: Params) -> Result:
    """Revokes the refresh token's sign-in and every access token minted from it; an
    unknown or already revoked token is answered 200, as AWS does."""
    pool, client = get_client_by_id(ctx.store, params["ClientId"])
    _check_client_secret(client, params.get("ClientSecret"))
    if not client.enable_token_revocation:
        raise UnsupportedOperationException("Token revocation is not enabled for this client.")
    token = params["Token"]
    if not looks_like_refresh_token(token):
        raise UnsupportedTokenTypeException("Unsupported token type.")
    state = ctx.sealer.open(token)
    if state is None or state.pool_id != pool.id:
        return {}
    if state.client_id != client.client_id:
        raise NotAuthorizedException("The token was not issued to this client.")
    revoke_sign_in(pool, state.origin_jti, state.issued + refresh_validity(client), ctx.now())
    ctx.store.changed(pool)
    return {}


def _check_client_secret(client: UserPoolClient, given: str | None) -> None:
    if client.secret is None:
        return
    if not given:
        raise NotAuthorizedException(f"Client {client.client_id} is configured with secret but ClientSecret "
                                     "was not received")
    if not hmac.compare_digest(given.encode(), client.secret.encode()):
        raise NotAuthorizedException(f"Unable to verify client secret for client {client.client_id}")
