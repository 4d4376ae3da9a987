"""Authorising the self-service operations that take an AccessToken (GetUser,
ChangePassword, UpdateUserAttributes, GlobalSignOut, ...) with AWS's messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from emulator.runtime import Context
from emulator.tokens.claims import ADMIN_SCOPE
from emulator.tokens.verify import ExpiredTokenError, TokenError, verify_access_token
from emulator.userpools.auth.revocation import sign_in_revoked
from emulator.userpools.model import UserPool, UserPoolClient
from emulator.userpools.users.identity import USER_NOT_FOUND
from emulator.userpools.users.model import User
from emulator.wire.errors import NotAuthorizedException, UserNotFoundException


@dataclass(frozen=True, slots=True)
class AccessGrant:
    pool: UserPool
    client: UserPoolClient | None
    user: User
    claims: dict[str, Any]


def authorize(ctx: Context, access_token: str) -> AccessGrant:
    """Signature, expiry, token_use, scope, revocation and the user's state, in AWS's order."""
    try:
        claims = verify_access_token(ctx.keys, access_token, now=ctx.now())
    except ExpiredTokenError:
        raise NotAuthorizedException("Access Token has expired") from None
    except TokenError:
        raise NotAuthorizedException("Invalid Access Token") from None
    pool = ctx.store.user_pools.get(str(claims.get("iss", "")).rsplit("/", 1)[-1])
    if pool is None:
        raise NotAuthorizedException("Invalid Access Token")
    if ADMIN_SCOPE not in str(claims.get("scope", "")).split():
        raise NotAuthorizedException("Access Token does not have required scopes")
    user = pool.users.get(str(claims.get("username", "")))
    if user is None or user.sub != claims.get("sub"):
        raise UserNotFoundException(USER_NOT_FOUND)
    if sign_in_revoked(pool, user, str(claims.get("origin_jti", ""))):
        raise NotAuthorizedException("Access Token has been revoked")
    if not user.enabled:
        raise NotAuthorizedException("User is disabled.")
    return AccessGrant(pool, pool.clients.get(str(claims.get("client_id"))), user, claims)
