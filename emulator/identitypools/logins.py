"""Checking a ``Logins`` map the way Cognito Identity does before it trusts a login.

For a user-pool provider each ID token must (reference §8.2): be an ID token of the configured
user pool (signature against that pool's keys), carry ``aud`` (access tokens do not: "Missing a
required claim: aud"), have an ``iss`` matching the Logins key, be unexpired at the emulator's
clock, and have ``aud`` among the ClientIds configured for that provider. With
ServerSideTokenCheck the user must also still exist, be enabled and not be signed out.

Keys are accepted as AWS's provider name ``cognito-idp.<region>.amazonaws.com/<poolId>`` and as
the scheme-less issuer Amplify builds (``localhost:9229/<poolId>``); the token's ``iss`` may be
the emulator's local form or the AWS form. Identities are always linked under the canonical
(AWS) provider name, so both spellings reach the same identity. The user pool is asked only
through ``UserPoolSignIns`` (``ctx.user_pool_sign_ins``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from emulator.identitypools.model import COGNITO_IDENTITY_PROVIDER, CognitoProvider, IdentityPool
from emulator.identitypools.openid import verify_openid_token
from emulator.identitypools.token_cache import VerifiedTokens
from emulator.runtime import Context
from emulator.tokens.jose import COMPACT_JWS, b64url_decode
from emulator.tokens.verify import ExpiredTokenError, InvalidTokenError
from emulator.wire.errors import NotAuthorizedException

NOT_SUPPORTED = "Token is not from a supported provider of this identity pool."
NOT_OIDC = "Invalid login token. Not a valid OpenId Connect identity token."  # unverified wording
BAD_SIGNATURE = "Invalid login token. Couldn't verify signed token."  # unverified wording
ISSUER_MISMATCH = "Invalid login token. Issuer doesn't match providerName"
MISSING_AUD = "Invalid login token. Missing a required claim: aud"
REVOKED = "Invalid login token. Token is revoked."  # unverified wording


@dataclass(frozen=True, slots=True)
class VerifiedLogin:
    provider: str  # canonical provider name, the key identities are linked under
    subject: str  # the user's id at that provider (ID token sub, or the identity id)
    claims: dict[str, Any]
    role_mapping_key: str | None = None  # "<provider>:<clientId>", how AWS keys RoleMappings


def verify_logins(ctx: Context, pool: IdentityPool, logins: dict[str, str]) -> list[VerifiedLogin]:
    """Every login checked, in the client's order; the first failure is the answer."""
    return [verify_login(ctx, pool, key, token) for key, token in logins.items()]


def verify_login(ctx: Context, pool: IdentityPool, key: str, token: str) -> VerifiedLogin:
    if key == COGNITO_IDENTITY_PROVIDER:
        claims = verify_openid_token(ctx, token, pool.id)
        return VerifiedLogin(COGNITO_IDENTITY_PROVIDER, str(claims["sub"]), claims)
    entries = providers_for_key(pool, key)
    if not entries:
        raise NotAuthorizedException(NOT_SUPPORTED)
    canonical = entries[0].provider_name
    cached = ctx.identity.verified.get(token)
    kid, claims = cached if cached is not None else _unverified_claims(token)
    if "aud" not in claims:
        raise NotAuthorizedException(MISSING_AUD)
    if not issuer_matches(claims.get("iss"), key, canonical):
        raise NotAuthorizedException(ISSUER_MISMATCH)
    claims = _verified_claims(ctx, token, kid, entries[0].user_pool_id)
    accepted = [e for e in entries if e.client_id is None or e.client_id == claims.get("aud")]
    if not accepted:
        raise NotAuthorizedException(NOT_SUPPORTED)
    if any(e.server_side_token_check for e in accepted):
        _check_still_signed_in(ctx, entries[0].user_pool_id, claims)
    return VerifiedLogin(canonical, str(claims["sub"]), claims, f"{canonical}:{claims['aud']}")


def providers_for_key(pool: IdentityPool, key: str) -> list[CognitoProvider]:
    """The configured entries a Logins key names: by AWS name, or by a scheme-less issuer."""
    exact = pool.cognito_provider(key)
    if exact:
        return exact
    prefix, slash, user_pool_id = key.rpartition("/")
    if not slash or not prefix or "://" in key:
        return []
    return pool.providers_for_user_pool(user_pool_id)


def strip_scheme(url: str) -> str:
    return url.partition("://")[2] if "://" in url else url


def issuer_matches(iss: Any, key: str, canonical: str) -> bool:
    """``iss`` must name the same user pool (a token of another pool never passes). Under the
    AWS provider name, the AWS issuer and the emulator's local issuer (any host it was reached
    by) both pass; under a scheme-less issuer key, only that exact issuer does."""
    if not isinstance(iss, str) or "://" not in iss:
        return False
    bare = strip_scheme(iss)
    if bare.rpartition("/")[2] != canonical.rpartition("/")[2]:
        return False
    if key == canonical:
        return bare == canonical or not bare.startswith("cognito-idp.")
    return bare in (key, canonical)


def _unverified_claims(token: str) -> tuple[str, dict[str, Any]]:
    """The header's kid and the payload, read before any check so the wording can follow AWS's
    order (claims first, then the signature)."""
    if not isinstance(token, str) or not COMPACT_JWS.fullmatch(token):
        raise NotAuthorizedException(NOT_OIDC)
    header_segment, payload_segment, _ = token.split(".")
    try:
        header = json.loads(b64url_decode(header_segment))
        claims = json.loads(b64url_decode(payload_segment))
    except ValueError:
        raise NotAuthorizedException(NOT_OIDC) from None
    if not isinstance(header, dict) or not isinstance(claims, dict):
        raise NotAuthorizedException(NOT_OIDC)
    return str(header.get("kid", "")), claims


def _verified_claims(ctx: Context, token: str, kid: str, user_pool_id: str) -> dict[str, Any]:
    user_pools = ctx.user_pool_sign_ins
    now = ctx.now()
    cache: VerifiedTokens = ctx.identity.verified
    cached = cache.get(token)
    if cached is not None and user_pools.signing_key_exists(cached[0]):
        claims = cached[1]
        if now >= claims["exp"]:
            raise NotAuthorizedException(_expired(now, claims["exp"]))
        return claims
    try:
        claims = user_pools.verify_id_token(user_pool_id, token, now)
    except ExpiredTokenError as error:
        raise NotAuthorizedException(_expired(now, error.exp)) from None
    except InvalidTokenError:
        raise NotAuthorizedException(BAD_SIGNATURE) from None
    cache.put(token, kid, claims)
    return claims


def _expired(now: float, exp: Any) -> str:
    return f"Invalid login token. Token expired: {int(now)} >= {exp}"


def _check_still_signed_in(ctx: Context, user_pool_id: str, claims: dict[str, Any]) -> None:
    """ServerSideTokenCheck: the user pool is asked whether the sign-in is still alive."""
    sub, origin_jti = str(claims.get("sub")), str(claims.get("origin_jti", ""))
    if not ctx.user_pool_sign_ins.sign_in_alive(user_pool_id, sub, origin_jti):
        raise NotAuthorizedException(REVOKED)
