"""The identity service's own OpenID Connect tokens (GetOpenIdToken and the developer form).

Signed RS256 with a key of the identity service itself (KeyRing entry ``cognito-identity``),
``iss`` ``https://cognito-identity.amazonaws.com``, ``aud`` the identity pool id, ``sub`` the
identity id, ``amr`` saying how the identity authenticated. The public keys are served at
``GET /_emulator/identity/.well-known/jwks.json`` (see ``identitypools.http``), so a service
under test can verify these tokens as it would verify AWS's against
``https://cognito-identity.amazonaws.com/.well-known/jwks_uri``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from emulator.runtime import Context
from emulator.tokens.jose import COMPACT_JWS, b64url_decode, rs256_valid, sign_rs256
from emulator.tokens.keys import KeyRing, SigningKey
from emulator.wire.errors import NotAuthorizedException

if TYPE_CHECKING:
    from emulator.identitypools.model import IdentityPool

ISSUER = "https://cognito-identity.amazonaws.com"
KEY_OWNER = "cognito-identity"  # KeyRing "pool" id of the identity service's keys
OPENID_SECONDS = 600  # GetOpenIdToken: 10 minutes
DEVELOPER_SECONDS = 900  # GetOpenIdTokenForDeveloperIdentity without TokenDuration: 15 minutes
POOL_ARN_CLAIM = "https://cognito-identity.amazonaws.com/identity-pool-arn"


def identity_key(keys: KeyRing) -> SigningKey:
    return keys.signing_key(KEY_OWNER, "id")


def jwks(keys: KeyRing) -> dict[str, Any]:
    return {"keys": [identity_key(keys).jwk]}


def issue_openid_token(ctx: Context, pool: IdentityPool, identity_id: str, amr: list[str],
                       seconds: int = OPENID_SECONDS) -> str:
    now = int(ctx.now())
    claims = {"sub": identity_id, "aud": pool.id, "amr": amr, "iss": ISSUER, POOL_ARN_CLAIM: pool.arn,
              "exp": now + seconds, "iat": now}
    key = identity_key(ctx.keys)
    return sign_rs256(key.private_key, key.header_segment, claims)


def authenticated_amr(logins: dict[str, str]) -> list[str]:
    """``["authenticated", <provider>, "<provider>:CognitoSignIn:<sub>"]`` per linked login."""
    amr = ["authenticated"]
    for provider, subject in logins.items():
        amr += [provider, f"{provider}:CognitoSignIn:{subject}"]
    return amr


def verify_openid_token(ctx: Context, token: str, pool_id: str) -> dict[str, Any]:
    """An OpenID token of ours presented back as a login (developer-authenticated identities)."""
    if not isinstance(token, str) or not COMPACT_JWS.fullmatch(token):
        raise NotAuthorizedException("Invalid login token. Not a valid OpenId Connect identity token.")
    header_segment, payload_segment, signature = token.split(".")
    key = identity_key(ctx.keys)
    if header_segment.encode("ascii") != key.header_segment or not rs256_valid(
            key.public_key, f"{header_segment}.{payload_segment}".encode("ascii"), b64url_decode(signature)):
        raise NotAuthorizedException("Invalid login token. Couldn't verify signed token.")
    claims = json.loads(b64url_decode(payload_segment))
    now = ctx.now()
    if now >= claims["exp"]:
        raise NotAuthorizedException(f"Invalid login token. Token expired: {int(now)} >= {claims['exp']}")
    if claims.get("aud") != pool_id:
        raise NotAuthorizedException("Token is not from a supported provider of this identity pool.")
    return dict(claims)
