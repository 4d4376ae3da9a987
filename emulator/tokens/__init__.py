"""Token machinery: per-pool signing keys, Cognito-shaped JWTs, verification, refresh tokens.

The names below load their submodule on first use: importing one submodule (``tokens.keys``, which
the state needs at start) does not import the claims, issuing and verifying code with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from emulator.lazy_exports import lazy_getattr

if TYPE_CHECKING:
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

# Each name and the submodule it comes from, imported on first access (PEP 562).
_SOURCES = {
    "ADMIN_SCOPE": "emulator.tokens.claims",
    "GroupClaim": "emulator.tokens.claims",
    "TokenGrant": "emulator.tokens.claims",
    "preferred_role": "emulator.tokens.claims",
    "IssuedTokens": "emulator.tokens.issue",
    "issue_access_token": "emulator.tokens.issue",
    "issue_tokens": "emulator.tokens.issue",
    "issuer_for": "emulator.tokens.issuer",
    "KeyRing": "emulator.tokens.keys",
    "SigningKey": "emulator.tokens.keys",
    "TokenUse": "emulator.tokens.keys",
    "looks_like_refresh_token": "emulator.tokens.refresh",
    "new_refresh_token": "emulator.tokens.refresh",
    "ExpiredTokenError": "emulator.tokens.verify",
    "InvalidTokenError": "emulator.tokens.verify",
    "TokenError": "emulator.tokens.verify",
    "verify_access_token": "emulator.tokens.verify",
    "verify_id_token": "emulator.tokens.verify",
    "verify_token": "emulator.tokens.verify",
}


__getattr__ = lazy_getattr(__name__, _SOURCES, globals())


__all__ = [
    "ADMIN_SCOPE", "ExpiredTokenError", "GroupClaim", "InvalidTokenError", "IssuedTokens", "KeyRing",
    "SigningKey", "TokenError", "TokenGrant", "TokenUse", "issue_access_token", "issue_tokens",
    "issuer_for", "looks_like_refresh_token", "new_refresh_token", "preferred_role", "verify_access_token",
    "verify_id_token", "verify_token",
]
