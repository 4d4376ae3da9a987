"""Token machinery: per-pool signing keys, Cognito-shaped JWTs, verification, refresh tokens."""

from emulator.tokens.claims import ADMIN_SCOPE, GroupClaim, TokenGrant, preferred_role
from emulator.tokens.issue import IssuedTokens, issue_access_token, issue_tokens
from emulator.tokens.issuer import issuer_for
from emulator.tokens.keys import KeyRing, SigningKey, TokenUse
from emulator.tokens.refresh import looks_like_refresh_token, new_refresh_token
from emulator.tokens.verify import (
    ExpiredTokenError,
    InvalidTokenError,
    TokenError,
    verify_access_token,
    verify_id_token,
    verify_token,
)

__all__ = [
    "ADMIN_SCOPE", "ExpiredTokenError", "GroupClaim", "InvalidTokenError", "IssuedTokens", "KeyRing",
    "SigningKey", "TokenError", "TokenGrant", "TokenUse", "issue_access_token", "issue_tokens",
    "issuer_for", "looks_like_refresh_token", "new_refresh_token", "preferred_role", "verify_access_token",
    "verify_id_token", "verify_token",
]
