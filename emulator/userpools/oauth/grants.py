"""The grants of ``POST /oauth2/token`` (hosted-ui.md §1.5): client authentication, then one
function per ``grant_type`` in a table. Each answers the token JSON or raises ``OAuthError``."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from emulator.runtime import Context
from emulator.tokens.claims import ClientGrant
from emulator.tokens.issue import issue_client_token
from emulator.tokens.issuer import issuer_for
from emulator.tokens.refresh import looks_like_refresh_token
from emulator.triggers.fire import current_user
from emulator.userpools.auth.client_auth import check_flow_enabled
from emulator.userpools.auth.refresh_flow import open_refresh_token, refresh
from emulator.userpools.auth.results import DEFAULT_TOKEN_SECONDS, oauth_result, refresh_validity
from emulator.userpools.auth.revocation import revoke_sign_in
from emulator.userpools.auth.signin import SignIn
from emulator.userpools.clients import validity_seconds
from emulator.userpools.hooks import sign_in as sign_in_hooks
from emulator.userpools.hooks.token_generation import client_credentials_overrides, token_overrides
from emulator.userpools.model import UserPool, UserPoolClient
from emulator.userpools.oauth.errors import OAuthError
from emulator.userpools.oauth.scopes import client_scopes
from emulator.userpools.oauth.store import AuthorizationCode
from emulator.userpools.users.model import User
from emulator.wire.errors import AwsError

HOSTED_AUTH = "TokenGeneration_HostedAuth"


@dataclass(frozen=True, slots=True)
class TokenRequest:
    form: dict[str, str]
    basic: tuple[str, str] | None  # client_secret_basic: (client_id, client_secret)


def authenticate_client(ctx: Context, request: TokenRequest, status: int = 400) -> tuple[UserPool, UserPoolClient]:
    """client_secret_basic or client_secret_post; a public client sends only ``client_id``.
    Secrets are compared in constant time."""
    client_id, secret = request.basic or (request.form.get("client_id", ""), request.form.get("client_secret"))
    if request.basic and request.form.get("client_id") not in (None, client_id):
        raise OAuthError("invalid_client", status=status)
    pool_id = ctx.store.client_pool.get(client_id)
    pool = ctx.store.user_pools.get(pool_id) if pool_id else None
    client = pool.clients.get(client_id) if pool else None
    if pool is None or client is None or not (pool.domain or pool.custom_domain):
        raise OAuthError("invalid_client", status=status)  # no domain: no OAuth endpoints for the pool
    if client.secret is not None:
        if not secret or not hmac.compare_digest(secret.encode(), client.secret.encode()):
            raise OAuthError("invalid_client", status=status)
    return pool, client


def oauth_flow_allowed(client: UserPoolClient, flow: str) -> bool:
    return client.allowed_oauth_flows_user_pool_client and flow in (client.allowed_oauth_flows or [])


def pkce_matches(code: AuthorizationCode, verifier: str | None) -> bool:
    if code.code_challenge is None:
        return True
    if not verifier:
        return False
    if code.code_challenge_method == "plain":
        computed = verifier
    else:
        digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
        computed = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
    return hmac.compare_digest(computed.encode(), code.code_challenge.encode())


async def authorization_code(ctx: Context, pool: UserPool, client: UserPoolClient, form: dict[str, str]
                             ) -> dict[str, Any]:
    """Single use, 5 minutes, bound to client, redirect_uri and the PKCE challenge."""
    if not form.get("code"):
        raise OAuthError("invalid_request")
    if not oauth_flow_allowed(client, "code"):
        raise OAuthError("unauthorized_client")
    code = ctx.oauth.take_code(form["code"], ctx.now())
    if code is None or code.client_id != client.client_id or code.pool_id != pool.id:
        raise OAuthError("invalid_grant")
    if form.get("redirect_uri") != code.redirect_uri or not pkce_matches(code, form.get("code_verifier")):
        raise OAuthError("invalid_grant")
    return await user_tokens(ctx, pool, client, code.username, code.sub, scope=code.scope,
                             auth_time=code.auth_time, nonce=code.nonce, with_refresh=True)


async def user_tokens(ctx: Context, pool: UserPool, client: UserPoolClient, username: str, sub: str, *,
                      scope: str, auth_time: float, nonce: str | None, with_refresh: bool) -> dict[str, Any]:
    """Tokens for a hosted-UI sign-in, after PreTokenGeneration (``TokenGeneration_HostedAuth``)."""
    user = live_user(pool, username, sub)
    overrides = await token_overrides(ctx, pool, client.client_id, user, HOSTED_AUTH, None, scope)
    pool, user = current_user(ctx, pool, username, sub)
    client = pool.clients.get(client.client_id) or client
    return oauth_result(ctx, pool, client, live_user(pool, username, sub), scope=scope, auth_time=auth_time,
                        nonce=nonce, overrides=overrides, with_refresh=with_refresh)


def live_user(pool: UserPool, username: str, sub: str) -> User:
    """The signed-in user, still there and enabled (else the grant is gone)."""
    user = pool.users.get(username)
    if user is None or user.sub != sub or not user.enabled:
        raise OAuthError("invalid_grant")
    return user


async def refresh_token(ctx: Context, pool: UserPool, client: UserPoolClient, form: dict[str, str]
                        ) -> dict[str, Any]:
    """New access and ID tokens, no refresh token unless the client rotates them [doc]."""
    token = form.get("refresh_token")
    if not token:
        raise OAuthError("invalid_request")
    signin = SignIn(ctx, pool, client, admin=False)
    try:
        check_flow_enabled(client, "REFRESH_TOKEN_AUTH")
    except AwsError:
        raise OAuthError("unauthorized_client") from None
    try:
        open_refresh_token(signin, token)
        signin = await sign_in_hooks.refresh_overrides(signin, token)
        state, user = open_refresh_token(signin, token)
        result = refresh(signin, state, user)["AuthenticationResult"]
    except AwsError as error:
        if error.code != "NotAuthorizedException":
            raise
        raise OAuthError("invalid_grant") from None
    answer: dict[str, Any] = {"access_token": result["AccessToken"]}
    if state.scope is None or "openid" in state.scope.split():
        answer["id_token"] = result["IdToken"]
    if "RefreshToken" in result:
        answer["refresh_token"] = result["RefreshToken"]
    answer.update({"token_type": "Bearer", "expires_in": result["ExpiresIn"]})
    return answer


async def client_credentials(ctx: Context, pool: UserPool, client: UserPoolClient, form: dict[str, str]
                             ) -> dict[str, Any]:
    """Machine-to-machine: a secret client whose flow is client_credentials; resource-server
    scopes only; an access token alone."""
    if client.secret is None or not oauth_flow_allowed(client, "client_credentials"):
        raise OAuthError("unauthorized_client")
    scope = client_scopes(pool, client, form.get("scope"))
    overrides = await client_credentials_overrides(ctx, pool, client.client_id, scope, None)
    validity = client.validity
    seconds = DEFAULT_TOKEN_SECONDS if validity.access is None else validity_seconds(validity.access,
                                                                                      validity.access_unit)
    grant = ClientGrant(pool.id, client.client_id, issuer_for(ctx.base_url, pool.region, pool.id,
                                                              ctx.settings.issuer_mode),
                        scope, ctx.now(), seconds, overrides)
    return {"access_token": issue_client_token(ctx.keys, grant), "expires_in": seconds, "token_type": "Bearer"}


Grant = Callable[[Context, UserPool, UserPoolClient, dict[str, str]], Awaitable[dict[str, Any]]]
GRANTS: dict[str, Grant] = {
    "authorization_code": authorization_code,
    "refresh_token": refresh_token,
    "client_credentials": client_credentials,
}


async def token(ctx: Context, request: TokenRequest) -> dict[str, Any]:
    grant_type = request.form.get("grant_type")
    if not grant_type:
        raise OAuthError("invalid_request")
    grant = GRANTS.get(grant_type)
    if grant is None:
        raise OAuthError("unsupported_grant_type")
    pool, client = authenticate_client(ctx, request)
    return await grant(ctx, pool, client, request.form)


def revoke(ctx: Context, request: TokenRequest) -> None:
    """``/oauth2/revoke``: the refresh token's sign-in ends (as RevokeToken); unknown tokens are 200."""
    token_value = request.form.get("token")
    if not token_value:
        raise OAuthError("invalid_request")
    pool, client = authenticate_client(ctx, request, status=401)
    if not client.enable_token_revocation:
        raise OAuthError("invalid_request")
    if not looks_like_refresh_token(token_value):
        raise OAuthError("unsupported_token_type")
    state = ctx.sealer.open(token_value)
    if state is None or state.pool_id != pool.id or state.client_id != client.client_id:
        return
    revoke_sign_in(pool, state.origin_jti, state.issued + refresh_validity(client), ctx.now())
    ctx.store.changed(pool)

