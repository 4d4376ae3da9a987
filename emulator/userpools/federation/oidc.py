"""Talking to an OIDC identity provider as Cognito does (developer guide, "OIDC user pool IdP
authentication flow"): the authorize redirect with the provider's ``authorize_scopes``, the code
exchange at its token endpoint with ``client_secret_post`` (Cognito does not use
client_secret_basic [doc]), the ID token verified against the provider's JWKS (issuer, audience,
nonce, expiry), and its userInfo endpoint called with the access token by
``attributes_request_method``. Every failure is a ``ProviderError`` whose text goes back to the
app as ``error_description``, prefixed with the provider's name as AWS does."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt

from emulator.userpools.federation.providers import IdentityProvider

TIMEOUT = 5.0  # seconds per request to the provider
LEEWAY = 60  # seconds of clock skew allowed on exp / iat [guess]
ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "HS256"]  # [doc]: RSA, ECDSA, HMAC


class ProviderError(Exception):
    """The provider refused, or answered something Cognito would not accept."""

    def __init__(self, description: str, error: str = "invalid_request") -> None:
        super().__init__(description)
        self.description = description
        self.error = error


def scopes(provider: IdentityProvider) -> str:
    """``authorize_scopes`` as stored (space or comma separated) as a space-separated scope."""
    return " ".join(provider.details.get("authorize_scopes", "openid").replace(",", " ").split())


def authorize_url(provider: IdentityProvider, state: str, nonce: str, redirect_uri: str,
                  login_hint: str | None = None) -> str:
    endpoint = provider.details.get("authorize_url")
    if not endpoint:
        raise ProviderError(f"{provider.name} has no authorize_url")
    params = {"client_id": provider.details.get("client_id", ""), "redirect_uri": redirect_uri,
              "response_type": "code", "scope": scopes(provider), "state": state, "nonce": nonce}
    if login_hint:
        params["login_hint"] = login_hint
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(params)}"


def _failure(provider: IdentityProvider, response: httpx.Response) -> ProviderError:
    """``<Provider> Error - <status> <error> <description>`` [doc: federation error responses]."""
    try:
        body = response.json()
    except ValueError:
        body = {}
    words = [str(body.get(k)) for k in ("error", "error_description") if isinstance(body, dict) and body.get(k)]
    return ProviderError(" ".join([f"{provider.name} Error - {response.status_code}", *words]))


async def exchange_code(provider: IdentityProvider, code: str, redirect_uri: str) -> dict[str, Any]:
    """The provider's token response for ``code`` (client_secret_post)."""
    endpoint = provider.details.get("token_url")
    if not endpoint:
        raise ProviderError(f"{provider.name} has no token_url")
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
            "client_id": provider.details.get("client_id", "")}
    if provider.details.get("client_secret"):
        form["client_secret"] = provider.details["client_secret"]
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT) as client:
            response = await client.post(endpoint, data=form, headers={"Accept": "application/json"})
    except httpx.HTTPError as error:
        raise ProviderError(f"{provider.name} Error - token endpoint unreachable: {type(error).__name__}") from None
    if response.status_code != 200:
        raise _failure(provider, response)
    try:
        tokens = response.json()
    except ValueError:
        tokens = None
    if not isinstance(tokens, dict) or not isinstance(tokens.get("id_token"), str):
        raise ProviderError(f"{provider.name} Error - the token response has no id_token")
    return tokens


async def _jwks(provider: IdentityProvider) -> jwt.PyJWKSet:
    """Fetched with the async client: PyJWKClient's blocking fetch would stall the event loop
    (and deadlock when the provider is this very emulator)."""
    endpoint = provider.details.get("jwks_uri")
    if not endpoint:
        raise ProviderError(f"{provider.name} has no jwks_uri")
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT) as client:
            response = await client.get(endpoint)
        return jwt.PyJWKSet.from_dict(response.json())
    except (httpx.HTTPError, ValueError, jwt.PyJWTError):
        raise ProviderError(f"{provider.name} Error - the provider's JWKS could not be read") from None


async def verified_id_token(provider: IdentityProvider, id_token: str, nonce: str) -> dict[str, Any]:
    """The ID token's claims once signature, issuer, audience, expiry and nonce all hold."""
    try:
        header = jwt.get_unverified_header(id_token)
    except jwt.PyJWTError:
        raise ProviderError(f"{provider.name} Error - invalid id_token") from None
    keys = await _jwks(provider)
    kid = header.get("kid")
    matching = [key for key in keys.keys if kid is None or key.key_id == kid]
    if not matching:
        raise ProviderError(f"{provider.name} Error - no key {kid} at the provider's jwks_uri")
    try:
        claims: dict[str, Any] = jwt.decode(
            id_token, matching[0].key, algorithms=ALGORITHMS, audience=provider.details.get("client_id"),
            issuer=provider.details.get("oidc_issuer"), leeway=LEEWAY,
            options={"require": ["exp", "iat", "sub", "iss", "aud"]})
    except jwt.PyJWTError as error:
        raise ProviderError(f"{provider.name} Error - invalid id_token: {error}") from None
    if claims.get("nonce") != nonce:
        raise ProviderError(f"{provider.name} Error - invalid id_token: nonce mismatch")
    return claims


async def user_info(provider: IdentityProvider, access_token: str | None) -> dict[str, Any]:
    """The provider's userInfo (GET or POST per ``attributes_request_method``); {} without an
    endpoint or an access token."""
    endpoint = provider.details.get("attributes_url")
    if not endpoint or not access_token:
        return {}
    method = provider.details.get("attributes_request_method", "GET").upper()
    headers = {"Authorization": f"Bearer {access_token}", "Accept": "application/json"}
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT) as client:
            response = await client.request("POST" if method == "POST" else "GET", endpoint, headers=headers)
    except httpx.HTTPError as error:
        raise ProviderError(f"{provider.name} Error - userInfo unreachable: {type(error).__name__}") from None
    if response.status_code != 200:
        raise _failure(provider, response)
    try:
        info = response.json()
    except ValueError:
        info = None
    if not isinstance(info, dict):
        raise ProviderError(f"{provider.name} Error - userInfo is not a JSON object")
    return info


def as_strings(values: dict[str, Any]) -> dict[str, str]:
    """Claims as the InboundFederation event carries them: a map of strings."""
    return {key: value if isinstance(value, str) else json.dumps(value) for key, value in values.items()}
