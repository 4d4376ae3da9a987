"""``GET /oauth2/authorize`` checked as AWS checks it (hosted-ui.md §1.2-1.3), and what happens
once a user is signed in: a code, or tokens in the fragment (implicit). ``/login`` and the other
hosted pages carry the same query and come back here through ``finish``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request
from starlette.responses import Response

from emulator.oauth.responses import error_page_redirect, error_redirect, redirect, with_query
from emulator.runtime import Context
from emulator.state import ids
from emulator.userpools.federation import oidc
from emulator.userpools.federation.providers import COGNITO, IdentityProvider, provider_named, provider_with_identifier
from emulator.userpools.model import UserPool, UserPoolClient
from emulator.userpools.oauth.errors import OAuthError
from emulator.userpools.oauth.grants import oauth_flow_allowed, user_tokens
from emulator.userpools.oauth.scopes import user_scopes
from emulator.userpools.oauth.store import (
    CODE_SECONDS,
    FEDERATION_SECONDS,
    SESSION_SECONDS,
    AuthorizationCode,
    FederationRequest,
    HostedSession,
)

COOKIE = "cognito"  # the hosted UI's session cookie [doc]
FLOWS = {"code": "code", "token": "implicit"}
PROMPTS = ("none", "login", "consent", "select_account")
# The parameters a hosted page passes on from authorize to /login and back.
CARRIED = ("client_id", "redirect_uri", "response_type", "state", "scope", "code_challenge",
           "code_challenge_method", "nonce", "identity_provider", "idp_identifier", "login_hint", "lang", "prompt")


@dataclass(frozen=True, slots=True)
class Authorization:
    """A checked authorize request."""

    pool: UserPool
    client: UserPoolClient
    redirect_uri: str
    response_type: str
    scope: str
    state: str | None
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    prompt: str | None
    login_hint: str | None
    query: str  # the carried parameters, URL-encoded, for the pages' links and forms
    lang: str | None = None  # managed login's page language, as asked (hosted/messages.py picks it)
    provider: IdentityProvider | None = None  # identity_provider / idp_identifier: straight to that IdP
    cognito: bool = True  # the client offers the pool's own users the password form

    def providers(self) -> list[IdentityProvider]:
        """The third-party providers the client supports, for the sign-in page's buttons."""
        found = (self.pool.identity_providers.get(name) for name in self.client.supported_identity_providers or [])
        return [provider for provider in found if provider is not None]


def carried_query(params: Any) -> str:
    return urlencode([(name, params[name]) for name in CARRIED if params.get(name) is not None])


def check(ctx: Context, params: Any) -> Authorization | Response:
    """The request, or the response AWS gives when it refuses it: its /error page while the
    redirect_uri cannot be trusted, then ``302 <redirect_uri>?error=...``."""
    client_id = params.get("client_id")
    pool_id = ctx.store.client_pool.get(client_id or "")
    pool = ctx.store.user_pools.get(pool_id) if pool_id else None
    client = pool.clients.get(client_id or "") if pool else None
    if pool is None or client is None or not (pool.domain or pool.custom_domain):
        return error_page_redirect("invalid_request", client_id)  # a pool without a domain has no hosted UI
    redirect_uri = params.get("redirect_uri") or client.default_redirect_uri
    if not redirect_uri or redirect_uri not in (client.callback_urls or []):
        return error_page_redirect("redirect_mismatch", client_id)
    state = params.get("state")
    response_type = params.get("response_type")
    if not response_type:
        return error_redirect(redirect_uri, "invalid_request", state)
    if response_type not in FLOWS:
        return error_redirect(redirect_uri, "unsupported_response_type", state)
    if not oauth_flow_allowed(client, FLOWS[response_type]):
        return error_redirect(redirect_uri, "unauthorized_client", state)
    challenge, method = params.get("code_challenge"), params.get("code_challenge_method")
    # Cognito supports only S256 [doc]; a challenge needs its method and a method its challenge.
    if (challenge or method) and (not challenge or method != "S256"):
        return error_redirect(redirect_uri, "invalid_request", state)
    supported = client.supported_identity_providers or []
    cognito = not supported or COGNITO in supported
    name, identifier = params.get("identity_provider"), params.get("idp_identifier")
    provider = None
    if name == COGNITO and not cognito:
        return error_redirect(redirect_uri, "invalid_request", state, "identity provider is not supported")
    if name not in (None, COGNITO) or (name is None and identifier):
        provider = provider_named(pool, name) if name else provider_with_identifier(pool, identifier or "")
        if provider is None or provider.name not in supported:
            return error_redirect(redirect_uri, "invalid_request", state, "identity provider is not supported")
        if provider.provider_type != "OIDC":
            # Only OIDC providers are federated here; SAML and the social providers are not built.
            return error_redirect(redirect_uri, "invalid_request", state, "identity provider is not supported")
    prompt = params.get("prompt")
    if prompt is not None and prompt not in PROMPTS:
        return error_redirect(redirect_uri, "invalid_request", state)
    try:
        scope = user_scopes(pool, client, params.get("scope"))
    except OAuthError as error:
        return error_redirect(redirect_uri, error.error, state)
    return Authorization(pool, client, redirect_uri, response_type, scope, state, params.get("nonce"),
                         challenge, method, prompt, params.get("login_hint"), carried_query(params),
                         params.get("lang"), provider, cognito)


def provider_link(auth: Authorization, provider: IdentityProvider) -> str:
    """The sign-in page's button: authorize again, naming the provider."""
    params = [(k, v) for k, v in parse_qsl(auth.query) if k not in ("identity_provider", "idp_identifier")]
    return f"/oauth2/authorize?{urlencode([*params, ('identity_provider', provider.name)])}"


def to_provider(ctx: Context, auth: Authorization, provider: IdentityProvider) -> Response:
    """``302`` to the provider's authorize endpoint; the app's request waits under the ``state``
    sent along, with the nonce the provider's ID token must echo."""
    nonce = ids.urlsafe_token(24)
    pending = FederationRequest(auth.pool.id, provider.name, auth.query, nonce, ctx.now() + FEDERATION_SECONDS)
    state = ctx.oauth.new_federation(pending, ctx.now())
    try:
        url = oidc.authorize_url(provider, state, nonce, f"{ctx.base_url}/oauth2/idpresponse", auth.login_hint)
    except oidc.ProviderError as error:
        return error_redirect(auth.redirect_uri, error.error, auth.state, error.description)
    return redirect(url)


def secure(request: Request) -> bool:
    return request.url.scheme == "https"


def signed_in_session(ctx: Context, request: Request, pool: UserPool) -> HostedSession | None:
    return ctx.oauth.session(request.cookies.get(COOKIE), pool.id, ctx.now())


async def finish(ctx: Context, request: Request, auth: Authorization, username: str, sub: str,
                 auth_time: float, new_session: bool) -> Response:
    """Back to the app: ``?code=&state=`` or ``#access_token=...``; a fresh sign-in sets the
    ``cognito`` cookie for an hour, so the next authorize skips the password."""
    if auth.response_type == "code":
        code = AuthorizationCode(auth.pool.id, auth.client.client_id, auth.redirect_uri, username, sub, auth.scope,
                                 auth_time, ctx.now() + CODE_SECONDS, auth.nonce, auth.code_challenge,
                                 auth.code_challenge_method)
        params = {"code": ctx.oauth.new_code(code, ctx.now())}
        if auth.state is not None:
            params["state"] = auth.state
        response = redirect(with_query(auth.redirect_uri, params))
    else:
        try:
            tokens = await user_tokens(ctx, auth.pool, auth.client, username, sub, scope=auth.scope,
                                       auth_time=auth_time, nonce=auth.nonce, with_refresh=False)
        except OAuthError as error:
            return error_redirect(auth.redirect_uri, error.error, auth.state)
        fragment = {key: str(value) for key, value in tokens.items()}
        if auth.state is not None:
            fragment["state"] = auth.state
        response = redirect(f"{auth.redirect_uri}#{urlencode(fragment)}")
    if new_session:
        start_session(ctx, request, response, auth, username, sub, auth_time)
    return response


def start_session(ctx: Context, request: Request, response: Response, auth: Authorization, username: str,
                  sub: str, auth_time: float) -> None:
    """The ``cognito`` cookie for an hour: a page shown after the sign-in (the passkey prompt)
    and the next authorize know the user from it."""
    session = HostedSession(auth.pool.id, username, sub, auth_time, ctx.now() + SESSION_SECONDS)
    cookie = ctx.oauth.new_session(session, ctx.now(), request.cookies.get(COOKIE))
    response.set_cookie(COOKIE, cookie, max_age=SESSION_SECONDS,
                        path="/", httponly=True, secure=secure(request), samesite="lax")


async def authorize(ctx: Context, request: Request) -> Response:
    auth = check(ctx, request.query_params)
    if not isinstance(auth, Authorization):
        return auth
    if auth.provider is not None:
        return to_provider(ctx, auth, auth.provider)
    session = None if auth.prompt == "login" else signed_in_session(ctx, request, auth.pool)
    if session is not None:
        user = auth.pool.users.get(session.username)
        if user is not None and user.sub == session.sub and user.enabled:
            return await finish(ctx, request, auth, session.username, session.sub, session.auth_time, False)
    if auth.prompt == "none":
        return error_redirect(auth.redirect_uri, "login_required", auth.state)
    return redirect(f"/login?{auth.query}")
