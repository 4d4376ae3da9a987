"""``GET|POST /oauth2/userInfo`` (hosted-ui.md §1.7): the signed-in user's claims allowed by the
access token's scopes, for OAuth access tokens with ``openid`` only."""

from __future__ import annotations

from typing import Any

from emulator.runtime import Context
from emulator.tokens.verify import TokenError, verify_access_token
from emulator.userpools.auth.revocation import sign_in_revoked
from emulator.userpools.oauth.errors import OAuthError
from emulator.userpools.users.attributes import readable

INVALID_TOKEN = "Access token is expired, disabled, or deleted, or the user has globally signed out."
BAD_REQUEST = "Bad OAuth2 request at UserInfo Endpoint"
EMAIL = ("email", "email_verified")
PHONE = ("phone_number", "phone_number_verified")


def user_info(ctx: Context, access_token: str | None) -> dict[str, Any]:
    if not access_token:
        raise OAuthError("invalid_request", BAD_REQUEST, status=400)
    try:
        claims = verify_access_token(ctx.keys, access_token, now=ctx.now())
    except TokenError:
        raise OAuthError("invalid_token", INVALID_TOKEN, status=401) from None
    scopes = str(claims.get("scope", "")).split()
    pool = ctx.store.user_pools.get(str(claims.get("iss", "")).rsplit("/", 1)[-1])
    user = pool.users.get(str(claims.get("username", ""))) if pool else None
    if pool is None or user is None or user.sub != claims.get("sub") or "openid" not in scopes:
        raise OAuthError("invalid_token", INVALID_TOKEN, status=401)
    if not user.enabled or sign_in_revoked(pool, user, str(claims.get("origin_jti", ""))):
        raise OAuthError("invalid_token", INVALID_TOKEN, status=401)
    client = pool.clients.get(str(claims.get("client_id")))
    attributes = readable(user.attributes, client) if client else {}
    names: set[str] = set()
    if "profile" in scopes:
        names |= set(attributes)
    if "email" in scopes:
        names |= set(EMAIL)
    if "phone" in scopes:
        names |= set(PHONE)
    info: dict[str, Any] = {"sub": user.sub}
    # Verified flags stay strings here, unlike in the ID token [obs].
    info.update({name: str(value) for name, value in attributes.items() if name in names and name != "sub"})
    info["username"] = user.username
    return info
