"""AuthenticationResult: the signed ID and access tokens, and a refresh token, with the
client's validities, the user's readable attributes and groups."""

from __future__ import annotations

import dataclasses
from typing import Any

from emulator.runtime import Context
from emulator.state.ids import time_ordered_uuid
from emulator.tokens.claims import ADMIN_SCOPE, ClaimOverrides, GroupClaim, TokenGrant
from emulator.tokens.issue import issue_oauth_tokens, issue_tokens
from emulator.tokens.issuer import issuer_for
from emulator.userpools import auth_events
from emulator.userpools.auth import user_sessions
from emulator.userpools.auth.lockout import forget_failures
from emulator.userpools.auth.refresh_tokens import RefreshState
from emulator.userpools.clients import validity_seconds
from emulator.userpools.model import UserPool, UserPoolClient
from emulator.userpools.users.attributes import readable
from emulator.userpools.users.model import User

DEFAULT_TOKEN_SECONDS = 3600
OAUTH_ACCESS_EXTRA = {"version": 2}  # AWS's OAuth access tokens say version 2 [obs]


def sign_in_result(ctx: Context, pool: UserPool, client: UserPoolClient, user: User, *,
                   device_key: str | None = None, overrides: ClaimOverrides | None = None,
                   mfa: bool = False) -> dict[str, Any]:
    """Tokens for a completed sign-in: a new origin_jti and a refresh token (``mfa``: the last
    step answered an MFA challenge, which the auth event lists)."""
    now = ctx.now()
    # A sign-in right after GlobalSignOut must date after it, even within the same millisecond.
    origin = time_ordered_uuid(max(now, user.tokens_valid_after + 0.001))
    result = _tokens(ctx, pool, client, user, origin, now, device_key, overrides)
    result["RefreshToken"] = _refresh_token(ctx, pool, client, user, origin, now, device_key, 0)
    forget_failures(user)
    auth_events.record(ctx, pool, user, auth_events.SIGN_IN, auth_events.PASS,
                       [(auth_events.PASSWORD, auth_events.SUCCESS),
                        *([(auth_events.MFA, auth_events.SUCCESS)] if mfa else [])])
    if pool.session_tracking:
        user_sessions.open_session(pool, user, client.client_id, origin, now + refresh_validity(client), now,
                                   ctx.user_agent, ctx.source_ip)
        ctx.store.changed(pool)  # evicted sessions are revoked sign-ins
    return {"AuthenticationResult": result, "ChallengeParameters": {}}


def refreshed_result(ctx: Context, pool: UserPool, client: UserPoolClient, user: User,
                     state: RefreshState, *, rotate: bool, overrides: ClaimOverrides | None = None
                     ) -> dict[str, Any]:
    """Tokens from a refresh token: same origin and auth_time; a new refresh token only
    when the client rotates them."""
    result = _tokens(ctx, pool, client, user, state.origin_jti, state.auth_time, state.device_key, overrides,
                     scope=state.scope)
    user_sessions.touch_session(pool, user, state.origin_jti, ctx.now(), ctx.user_agent, ctx.source_ip)
    if rotate:
        generation = state.generation + 1
        pool.refresh_generations[state.origin_jti] = (generation, ctx.now())
        ctx.store.changed(pool)
        result["RefreshToken"] = _refresh_token(ctx, pool, client, user, state.origin_jti,
                                                state.auth_time, state.device_key, generation, state.scope)
    return {"AuthenticationResult": result}


def oauth_result(ctx: Context, pool: UserPool, client: UserPoolClient, user: User, *, scope: str,
                 auth_time: float, nonce: str | None, overrides: ClaimOverrides | None,
                 with_refresh: bool) -> dict[str, Any]:
    """The token endpoint's (and the implicit redirect's) answer for a hosted-UI sign-in: a new
    sign-in (origin_jti), the granted scopes, ``version`` 2 in the access token, an ID token
    (with nonce and at_hash) only with ``openid``, a refresh token only for the code grant."""
    now = ctx.now()
    origin = time_ordered_uuid(max(now, user.tokens_valid_after + 0.001))
    grant = _grant(ctx, pool, client, user, origin, auth_time, None, overrides, scope)
    grant = dataclasses.replace(grant, id_extra={"nonce": nonce} if nonce else {}, access_extra=OAUTH_ACCESS_EXTRA)
    access, id_token, expires_in = issue_oauth_tokens(ctx.keys, grant, with_id="openid" in scope.split())
    result: dict[str, Any] = {"access_token": access}
    if id_token is not None:
        result["id_token"] = id_token
    if with_refresh:
        result["refresh_token"] = _refresh_token(ctx, pool, client, user, origin, auth_time, None, 0, scope)
    result.update({"token_type": "Bearer", "expires_in": expires_in})
    return result


def refresh_validity(client: UserPoolClient) -> int:
    return validity_seconds(client.validity.refresh, client.validity.refresh_unit)


def _tokens(ctx: Context, pool: UserPool, client: UserPoolClient, user: User, origin: str,
            auth_time: float, device_key: str | None, overrides: ClaimOverrides | None = None,
            scope: str | None = None) -> dict[str, Any]:
    grant = _grant(ctx, pool, client, user, origin, auth_time, device_key, overrides, scope)
    if scope is not None:  # a refresh of an OAuth sign-in keeps its scopes and token version
        grant = dataclasses.replace(grant, access_extra=OAUTH_ACCESS_EXTRA)
    issued = issue_tokens(ctx.keys, grant)
    return {
        "AccessToken": issued.access_token,
        "ExpiresIn": issued.expires_in,
        "TokenType": "Bearer",
        "IdToken": issued.id_token,
    }


def _grant(ctx: Context, pool: UserPool, client: UserPoolClient, user: User, origin: str, auth_time: float,
           device_key: str | None, overrides: ClaimOverrides | None, scope: str | None) -> TokenGrant:
    validity = client.validity
    return TokenGrant(
        pool_id=pool.id,
        client_id=client.client_id,
        issuer=issuer_for(ctx.base_url, pool.region, pool.id, ctx.settings.issuer_mode),
        username=user.username,
        sub=user.sub,
        origin_jti=origin,
        auth_time=auth_time,
        now=ctx.now(),
        attributes=readable(user.attributes, client),
        groups=[_group_claim(pool, name) for name in sorted(user.groups)],
        id_validity=_seconds(validity.id, validity.id_unit),
        access_validity=_seconds(validity.access, validity.access_unit),
        device_key=device_key,
        overrides=overrides,
        scope=ADMIN_SCOPE if scope is None else scope,
    )


def _refresh_token(ctx: Context, pool: UserPool, client: UserPoolClient, user: User, origin: str,
                   auth_time: float, device_key: str | None, generation: int, scope: str | None = None) -> str:
    now = ctx.now()
    state = RefreshState(pool.id, client.client_id, user.username, user.sub, origin, auth_time, now,
                         now + refresh_validity(client), device_key, generation, scope)
    return ctx.sealer.seal(state)


def _group_claim(pool: UserPool, name: str) -> GroupClaim:
    group = pool.groups.get(name)
    if group is None:
        return GroupClaim(name)
    return GroupClaim(group.name, group.role_arn, group.precedence)


def _seconds(value: int | None, unit: str) -> int:
    return DEFAULT_TOKEN_SECONDS if value is None else validity_seconds(value, unit)
