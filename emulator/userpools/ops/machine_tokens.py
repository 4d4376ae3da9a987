"""GetClientToken and GetDerivedToken: tokens for app clients rather than signed-in users."""

from __future__ import annotations

from emulator.runtime import Context
from emulator.tokens.issuer import issuer_for
from emulator.userpools.auth import machine_tokens as tokens
from emulator.userpools.lookup import get_client_by_id
from emulator.wire.errors import InvalidParameterException, NotAuthorizedException, OperationNotEnabledException
from emulator.wire.registry import Params, Result, user_pools

IMPERSONATION = "ALLOW_TOKEN_EXCHANGE_IMPERSONATION"
DELEGATION = "ALLOW_TOKEN_EXCHANGE_DELEGATION"


@user_pools.operation("GetClientToken")
def get_client_token(ctx: Context, params: Params) -> Result:
    """The model names an ALLOW_CLIENT_TOKEN_AUTH flow that its own ExplicitAuthFlows enum does
    not offer yet, so the emulator takes the configuration that issues the same tokens at
    /oauth2/token: a client with a secret and the ``client_credentials`` OAuth flow."""
    pool, client = get_client_by_id(ctx.store, params["ClientId"])
    if client.secret is None:
        raise InvalidParameterException(f"Client {client.client_id} must have a client secret to get client tokens.")
    tokens.check_secret(client, params["Secret"])
    if tokens.CLIENT_CREDENTIALS not in (client.allowed_oauth_flows or []):
        raise OperationNotEnabledException(f"Client {client.client_id} is not enabled for client tokens.")
    scopes = tokens.machine_scopes(pool, client, params.get("Scopes"))
    issuer = issuer_for(ctx.base_url, pool.region, pool.id, ctx.settings.issuer_mode)
    token, seconds = tokens.client_token(ctx.keys, pool, client, scopes, issuer, ctx.now())
    return {"ClientAuthenticationResult": {"AccessToken": token, "ExpiresIn": seconds, "TokenType": "Bearer"}}


@user_pools.operation("GetDerivedToken")
def get_derived_token(ctx: Context, params: Params) -> Result:
    pool, client = get_client_by_id(ctx.store, params["ClientId"])
    tokens.check_secret(client, params.get("ClientSecret"))
    actor_token = params.get("ActorToken")
    if actor_token and not params.get("ActorTokenType"):
        raise InvalidParameterException("ActorTokenType is required with an ActorToken.")
    flow = DELEGATION if actor_token else IMPERSONATION
    if flow not in client.explicit_auth_flows:
        raise OperationNotEnabledException(f"Client {client.client_id} is not enabled for {flow}.")
    now = ctx.now()
    subject = tokens.presented_claims(ctx.keys, pool, params["SubjectToken"], params["SubjectTokenType"], now,
                                      "SubjectToken")
    actor = None
    if actor_token:
        actor = tokens.presented_claims(ctx.keys, pool, actor_token, params["ActorTokenType"], now, "ActorToken")
        if actor.get("sub") == subject.get("sub"):
            raise NotAuthorizedException("The ActorToken and SubjectToken identify the same principal.")
    audience = (params.get("Audiences") or params.get("Resources") or [None])[0]
    requested = params.get("RequestedTokenType") or "ACCESS_TOKEN"
    scopes: list[str] = []
    if requested == "ACCESS_TOKEN":  # asked-for scopes must be the client's; else the subject's own
        scopes = (tokens.granted_scopes(client, params["Scopes"]) if params.get("Scopes")
                  else str(subject.get("scope", "")).split())
    issuer = issuer_for(ctx.base_url, pool.region, pool.id, ctx.settings.issuer_mode)
    token, seconds = tokens.derived_token(ctx.keys, pool, client, subject, actor, requested=requested,
                                          scopes=scopes, audience=audience, issuer=issuer, now=now)
    result: Result = {"IssuedToken": token, "IssuedTokenType": requested, "ExpiresIn": seconds,
                      "TokenType": "Bearer" if requested == "ACCESS_TOKEN" else "N_A"}
    if requested == "ACCESS_TOKEN":
        result["Scopes"] = scopes
    return result
