"""Tokens an app client gets without a user signing in: GetClientToken (machine-to-machine
access tokens, what ``/oauth2/token`` issues for ``client_credentials``) and GetDerivedToken
(OAuth 2.0 token exchange, RFC 8693: a user's token re-scoped for a downstream audience,
with an ``act`` claim when an actor token is presented).

Claims follow Cognito's client-credentials access token (``sub`` and ``client_id`` are the
client, ``scope`` the granted scopes, ``version`` 2)."""

from __future__ import annotations

import hmac
from typing import Any

from emulator.state.ids import new_uuid
from emulator.tokens.claims import attribute_claims
from emulator.tokens.issue import sign_claims
from emulator.tokens.keys import KeyRing, TokenUse
from emulator.tokens.verify import ExpiredTokenError, TokenError, verify_token
from emulator.userpools.auth.revocation import sign_in_revoked
from emulator.userpools.clients import validity_seconds
from emulator.userpools.model import UserPool, UserPoolClient
from emulator.userpools.oauth.errors import OAuthError
from emulator.userpools.oauth.scopes import client_scopes
from emulator.userpools.users.attributes import readable
from emulator.userpools.users.model import User
from emulator.wire.errors import InvalidParameterException, NotAuthorizedException

DEFAULT_SECONDS = 3600
CLIENT_CREDENTIALS = "client_credentials"


def check_secret(client: UserPoolClient, given: str | None) -> None:
    """Constant-time comparison, with the messages RevokeToken uses for the same mistake."""
    if client.secret is None:
        return
    if not given:
        raise NotAuthorizedException(f"Client {client.client_id} is configured with secret but ClientSecret "
                                     "was not received")
    if not hmac.compare_digest(given.encode(), client.secret.encode()):
        raise NotAuthorizedException(f"Unable to verify client secret for client {client.client_id}")


def access_seconds(client: UserPoolClient) -> int:
    validity = client.validity
    return DEFAULT_SECONDS if validity.access is None else validity_seconds(validity.access, validity.access_unit)


def id_seconds(client: UserPoolClient) -> int:
    validity = client.validity
    return DEFAULT_SECONDS if validity.id is None else validity_seconds(validity.id, validity.id_unit)


def granted_scopes(client: UserPoolClient, requested: list[str] | None) -> list[str]:
    """GetDerivedToken: requested scopes must be among the client's AllowedOAuthScopes; none
    requested grants them all."""
    allowed = list(client.allowed_oauth_scopes or [])
    if not requested:
        return allowed
    refused = [scope for scope in requested if scope not in allowed]
    if refused:
        raise InvalidParameterException(f"Invalid scope requested: {refused[0]}")
    return list(dict.fromkeys(requested))


def machine_scopes(pool: UserPool, client: UserPoolClient, requested: list[str] | None) -> list[str]:
    """GetClientToken grants what ``/oauth2/token`` grants for client_credentials (one rule,
    ``oauth.scopes.client_scopes``: resource-server scopes that still exist; none requested,
    all of them), refused in the API's words."""
    try:
        return client_scopes(pool, client, " ".join(requested) if requested else None).split()
    except OAuthError:
        granted = set(client_scopes_or_none(pool, client))
        refused = [scope for scope in requested or [] if scope not in granted]
        if refused:
            raise InvalidParameterException(f"Invalid scope requested: {refused[0]}") from None
        raise InvalidParameterException("Invalid scope requested.") from None  # nothing to grant [guess: wording]


def client_scopes_or_none(pool: UserPool, client: UserPoolClient) -> list[str]:
    try:
        return client_scopes(pool, client, None).split()
    except OAuthError:
        return []


def client_token(keys: KeyRing, pool: UserPool, client: UserPoolClient, scopes: list[str], issuer: str,
                 now: float) -> tuple[str, int]:
    """A signed machine-to-machine access token and its lifetime in seconds."""
    seconds = access_seconds(client)
    iat = int(now)
    claims = {"sub": client.client_id, "token_use": "access", "scope": " ".join(scopes), "auth_time": iat,
              "iss": issuer, "exp": iat + seconds, "iat": iat, "version": 2, "jti": new_uuid(),
              "client_id": client.client_id}
    return sign_claims(keys, pool.id, "access", claims), seconds


def presented_claims(keys: KeyRing, pool: UserPool, token: str, token_type: str, now: float,
                     what: str) -> dict[str, Any]:
    """The claims of a subject or actor token this pool issued, still valid and not revoked."""
    if token_type == "SAML2":
        raise InvalidParameterException(f"{what} of type SAML2 is not supported by this user pool.")
    use: TokenUse = "access" if token_type == "ACCESS_TOKEN" else "id"
    try:
        claims = verify_token(keys, token, token_use=use, now=now, pool_id=pool.id)
    except ExpiredTokenError:
        raise NotAuthorizedException(f"{what} has expired.") from None
    except TokenError:
        raise NotAuthorizedException(f"Invalid {what}.") from None
    user = token_user(pool, claims)
    if user is not None:
        if not user.enabled:
            raise NotAuthorizedException("User is disabled.")
        if "origin_jti" in claims and sign_in_revoked(pool, user, str(claims["origin_jti"])):
            raise NotAuthorizedException(f"{what} has been revoked.")
    elif claims.get("sub") not in pool.clients:  # neither a user's nor a machine client's token
        raise NotAuthorizedException(f"Invalid {what}.")
    return claims


def token_user(pool: UserPool, claims: dict[str, Any]) -> User | None:
    name = claims.get("username") or claims.get("cognito:username")
    user = pool.users.get(str(name)) if name else None
    return user if user is not None and user.sub == claims.get("sub") else None


def derived_token(keys: KeyRing, pool: UserPool, client: UserPoolClient, subject: dict[str, Any],
                  actor: dict[str, Any] | None, *, requested: str, scopes: list[str], audience: str | None,
                  issuer: str, now: float) -> tuple[str, int]:
    """The exchanged token: the subject's identity, the requesting client, the new audience."""
    iat = int(now)
    user = token_user(pool, subject)
    claims: dict[str, Any] = {"sub": subject["sub"], "iss": issuer, "iat": iat, "jti": new_uuid(),
                              "auth_time": int(subject.get("auth_time", iat))}
    if requested == "ID_TOKEN":
        seconds = id_seconds(client)
        claims.update({"aud": audience or client.client_id, "token_use": "id", "exp": iat + seconds})
        if user is not None:
            claims["cognito:username"] = user.username
            claims.update(attribute_claims(readable(user.attributes, client)))
            claims["sub"] = user.sub
    else:
        seconds = access_seconds(client)
        claims.update({"token_use": "access", "client_id": client.client_id, "scope": " ".join(scopes),
                       "exp": iat + seconds, "version": 2})
        if audience:
            claims["aud"] = audience
        if user is not None:
            claims["username"] = user.username
    if actor is not None:
        claims["act"] = {"sub": actor["sub"]}
    use: TokenUse = "id" if requested == "ID_TOKEN" else "access"
    return sign_claims(keys, pool.id, use, claims), seconds
