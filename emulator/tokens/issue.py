"""Sign Cognito's ID and access tokens with the pool's keys (one key per token use, as AWS)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from emulator.state.ids import new_uuid
from emulator.tokens.claims import TokenGrant, access_token_claims, id_token_claims
from emulator.tokens.jose import sign_rs256
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
