"""InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge, AdminRespondToAuthChallenge,
GetTokensFromRefreshToken, GlobalSignOut, AdminUserGlobalSignOut, RevokeToken."""

from __future__ import annotations

from emulator.runtime import Context
from emulator.tokens.refresh import looks_like_refresh_token
from emulator.userpools.auth import flows
from emulator.userpools.auth.access import authorize
from emulator.userpools.auth.refresh_flow import open_refresh_token, refresh
from emulator.userpools.auth.results import refresh_validity
from emulator.userpools.auth.revocation import revoke_sign_in, sign_out_everywhere
from emulator.userpools.auth.signin import SignIn
from emulator.userpools.client_secrets import client_secret_matches
from emulator.userpools.hooks import custom_auth, migration
from emulator.userpools.hooks import sign_in as sign_in_hooks
from emulator.userpools.lookup import get_client, get_client_by_id
from emulator.userpools.model import UserPoolClient
from emulator.userpools.risk import assess as risk
from emulator.userpools.users.identity import require_user
from emulator.wire.errors import (
    AwsError,
    NotAuthorizedException,
    UnauthorizedException,
    UnsupportedOperationException,
    UnsupportedTokenTypeException,
)
from emulator.wire.registry import Params, Result, user_pools

MFA_CHALLENGES = ("SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP")


def _signin(ctx: Context, params: Params, admin: bool) -> SignIn:
    if admin:
        client = get_client(ctx.store, params["UserPoolId"], params["ClientId"])
        pool = ctx.store.user_pools[client.user_pool_id]
    else:
        pool, client = get_client_by_id(ctx.store, params["ClientId"])
    presented = params.get("AuthParameters") or params.get("ChallengeResponses") or {}
    return SignIn(ctx, pool, client, admin, device_key=presented.get("DEVICE_KEY") or params.get("DeviceKey"),
                  mfa_answered=params.get("ChallengeName") in MFA_CHALLENGES)


async def _initiate(ctx: Context, params: Params, admin: bool) -> Result:
    """UserMigration and PreAuthentication are awaited before the flow runs; the flow re-reads
    everything itself."""
    signin = _signin(ctx, params, admin)
    flow, parameters = params["AuthFlow"], params.get("AuthParameters") or {}
    if flow not in sign_in_hooks.REFRESH_FLOWS:
        risk.refuse_blocked_ip(ctx, signin.pool, signin.client.client_id, parameters.get("USERNAME"))
    if flow == custom_auth.FLOW:
        return await custom_auth.initiate(signin, parameters, params.get("ClientMetadata"))
    await migration.migrate_at_sign_in(ctx, signin.pool, signin.client.client_id, flow, parameters,
                                       params.get("ClientMetadata"))
    signin = _signin(ctx, params, admin)
    await sign_in_hooks.pre_authentication(signin, flow, parameters, params.get("ClientMetadata"))
    if flow in sign_in_hooks.REFRESH_FLOWS:
        signin = await sign_in_hooks.refresh_overrides(_signin(ctx, params, admin), parameters.get("REFRESH_TOKEN"))
    else:
        signin = _signin(ctx, params, admin)
    result = flows.initiate(signin, flow, parameters, params.get("Session"))
    return await sign_in_hooks.complete(signin, result, sign_in_hooks.AUTHENTICATION, None)


async def _respond(ctx: Context, params: Params, admin: bool) -> Result:
    """PostAuthentication and PreTokenGeneration get this call's ClientMetadata [doc]."""
    signin = _signin(ctx, params, admin)
    name, responses = params["ChallengeName"], params.get("ChallengeResponses") or {}
    if custom_auth.answers(signin, name, responses):
        return await custom_auth.respond(signin, name, responses, params.get("Session"), params.get("ClientMetadata"))
    result = flows.respond(signin, name, responses, params.get("Session"))
    source = sign_in_hooks.SOURCES.get(name, sign_in_hooks.AUTHENTICATION)
    return await sign_in_hooks.complete(signin, result, source, params.get("ClientMetadata"))


@user_pools.operation("InitiateAuth")
async def initiate_auth(ctx: Context, params: Params) -> Result:
    return await _initiate(ctx, params, False)


@user_pools.operation("AdminInitiateAuth")
async def admin_initiate_auth(ctx: Context, params: Params) -> Result:
    return await _initiate(ctx, params, True)


@user_pools.operation("RespondToAuthChallenge")
async def respond_to_auth_challenge(ctx: Context, params: Params) -> Result:
    return await _respond(ctx, params, False)


@user_pools.operation("AdminRespondToAuthChallenge")
async def admin_respond_to_auth_challenge(ctx: Context, params: Params) -> Result:
    return await _respond(ctx, params, True)


@user_pools.operation("GetTokensFromRefreshToken")
async def get_tokens_from_refresh_token(ctx: Context, params: Params) -> Result:
    signin = _signin(ctx, params, False)
    _check_client_secret(signin.client, params.get("ClientSecret"))
    open_refresh_token(signin, params["RefreshToken"])
    signin = await sign_in_hooks.refresh_overrides(signin, params["RefreshToken"])
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
    # The model lists UnauthorizedException for RevokeToken, not NotAuthorizedException (wording: guess).
    _check_client_secret(client, params.get("ClientSecret"), refusal=UnauthorizedException)
    if not client.enable_token_revocation:
        raise UnsupportedOperationException("Token revocation is not enabled for this client.")
    token = params["Token"]
    if not looks_like_refresh_token(token):
        raise UnsupportedTokenTypeException("Unsupported token type.")
    state = ctx.sealer.open(token)
    if state is None or state.pool_id != pool.id:
        return {}
    if state.client_id != client.client_id:
        raise UnauthorizedException("The token was not issued to this client.")
    revoke_sign_in(pool, state.origin_jti, state.issued + refresh_validity(client), ctx.now())
    ctx.store.changed(pool)
    return {}


def _check_client_secret(client: UserPoolClient, given: str | None,
                         refusal: type[AwsError] = NotAuthorizedException) -> None:
    if client.secret is None:
        return
    if not given:
        raise refusal(f"Client {client.client_id} is configured with secret but ClientSecret was not received")
    if not client_secret_matches(client, given):
        raise refusal(f"Unable to verify client secret for client {client.client_id}")
