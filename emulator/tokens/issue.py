"""Sign Cognito's ID and access tokens with the pool's keys (one key per token use, as AWS)."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from typing import Any

from emulator.state.ids import new_uuid
from emulator.tokens.claims import (
    ClientGrant,
    TokenGrant,
    access_token_claims,
    client_token_claims,
    id_token_claims,
)
from emulator.tokens.jose import b64url, sign_rs256
from emulator.tokens.keys import KeyRing, TokenUse


@dataclass(frozen=True, slots=True)
class IssuedTokens:
    """A signed pair plus its claims, so callers can record jtis without decoding."""

    id_token: str
    access_token: str
    id_claims: dict[str, Any]
    access_claims: dict[str, Any]

    @property
    def expires_in(self) -> int:
        """AuthenticationResult.ExpiresIn: the access token's lifetime in seconds."""
        return int(self.access_claims["exp"]) - int(self.access_claims["iat"])


def sign_claims(keys: KeyRing, pool_id: str, use: TokenUse, claims: dict[str, Any]) -> str:
    key = keys.signing_key(pool_id, use)
    return sign_rs256(key.private_key, key.header_segment, claims)


def issue_tokens(keys: KeyRing, grant: TokenGrant, *, event_id: str | None = None) -> IssuedTokens:
    """Both tokens of one sign-in or refresh: fresh jtis, one shared ``event_id``."""
    event = event_id or new_uuid()
    id_claims = id_token_claims(grant, jti=new_uuid(), event_id=event)
    access_claims = access_token_claims(grant, jti=new_uuid(), event_id=event)
    return IssuedTokens(
        id_token=sign_claims(keys, grant.pool_id, "id", id_claims),
        access_token=sign_claims(keys, grant.pool_id, "access", access_claims),
        id_claims=id_claims,
        access_claims=access_claims,
    )


def issue_access_token(keys: KeyRing, grant: TokenGrant, *, event_id: str | None = None) -> str:
    """An access token alone (hosted-UI flows without ``openid`` scope)."""
    claims = access_token_claims(grant, jti=new_uuid(), event_id=event_id or new_uuid())
    return sign_claims(keys, grant.pool_id, "access", claims)


def at_hash(access_token: str) -> str:
    """OIDC's at_hash for RS256: base64url of the left half of SHA-256 of the token."""
    return b64url(hashlib.sha256(access_token.encode("ascii")).digest()[:16]).decode("ascii")


def issue_oauth_tokens(keys: KeyRing, grant: TokenGrant, *, with_id: bool) -> tuple[str, str | None, int]:
    """Tokens from the OAuth endpoints: the access token first, so the ID token (only with
    ``openid``) can carry its ``at_hash``. Returns (access, id or None, expires_in)."""
    event = new_uuid()
    access_claims = access_token_claims(grant, jti=new_uuid(), event_id=event)
    access = sign_claims(keys, grant.pool_id, "access", access_claims)
    expires_in = int(access_claims["exp"]) - int(access_claims["iat"])
    if not with_id:
        return access, None, expires_in
    extra = {**grant.id_extra, "at_hash": at_hash(access)}
    id_claims = id_token_claims(dataclasses.replace(grant, id_extra=extra), jti=new_uuid(), event_id=event)
    return access, sign_claims(keys, grant.pool_id, "id", id_claims), expires_in


def issue_client_token(keys: KeyRing, grant: ClientGrant) -> str:
    return sign_claims(keys, grant.pool_id, "access", client_token_claims(grant, jti=new_uuid()))
