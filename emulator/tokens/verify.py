"""Check tokens the emulator issued: the AccessToken of self-service APIs, ID tokens in Logins.

Everything is checked against the KeyRing and the injected clock, never wall time (the
emulator's clock can be advanced), and only RS256 is accepted, so ``alg: none`` and the
HS256-with-the-public-key confusion cannot pass. Revocation (GlobalSignOut, RevokeToken) is the
caller's check: it owns the revoked jti / origin_jti sets.
"""

from __future__ import annotations

import json
from typing import Any

from emulator.tokens.jose import COMPACT_JWS, b64url_decode, rs256_valid
from emulator.tokens.keys import ALGORITHM, KeyRing, TokenUse

_DISPLAY = {"access": "Access", "id": "Id"}


class TokenError(Exception):
    """Base of refusals; ``message`` is AWS's NotAuthorizedException text for the token kind."""

    def __init__(self, token_use: TokenUse, message: str) -> None:
        super().__init__(message)
        self.token_use = token_use
        self.message = message


class InvalidTokenError(TokenError):
    """Malformed, foreign, tampered, wrong kind: 'Invalid Access Token'."""

    def __init__(self, token_use: TokenUse, reason: str = "") -> None:
        super().__init__(token_use, f"Invalid {_DISPLAY[token_use]} Token")
        self.reason = reason  # for logs and tests; never sent on the wire


class ExpiredTokenError(TokenError):
    """Genuine but past ``exp``: 'Access Token has expired'. Keeps exp/now for callers'
    own wording (identity pools say 'Invalid login token. Token expired: <now> >= <exp>')."""

    def __init__(self, token_use: TokenUse, claims: dict[str, Any], now: float) -> None:
        super().__init__(token_use, f"{_DISPLAY[token_use]} Token has expired")
        self.claims = claims
        self.exp = claims["exp"]
        self.now = now


def _json_object(segment: str) -> dict[str, Any] | None:
    try:
        value = json.loads(b64url_decode(segment))
    except ValueError:  # bad base64, bad UTF-8, bad JSON
        return None
    return value if isinstance(value, dict) else None


def verify_token(
    keys: KeyRing, token: str, *, token_use: TokenUse, now: float, pool_id: str | None = None
) -> dict[str, Any]:
    """The claims of a token this emulator signed for ``token_use`` that is not expired at ``now``.

    With ``pool_id``, the token must also come from that pool.
    """
    def invalid(reason: str) -> InvalidTokenError:
        return InvalidTokenError(token_use, reason)

    if not isinstance(token, str) or not COMPACT_JWS.fullmatch(token):
        raise invalid("not a compact JWS")
    header_segment, payload_segment, signature_segment = token.split(".")
    header = _json_object(header_segment)
    if header is None or header.get("alg") != ALGORITHM:
        raise invalid("header is not JSON or alg is not RS256")
    kid = header.get("kid")
    key = keys.by_kid(kid) if isinstance(kid, str) else None
    if key is None or key.use != token_use or (pool_id is not None and key.pool_id != pool_id):
        raise invalid("unknown kid, or a key of another pool or token use")
    signing_input = f"{header_segment}.{payload_segment}".encode("ascii")
    if not rs256_valid(key.public_key, signing_input, b64url_decode(signature_segment)):
        raise invalid("bad signature")
    claims = _json_object(payload_segment)
    if claims is None or claims.get("token_use") != token_use:
        raise invalid("payload is not JSON or token_use differs")
    exp = claims.get("exp")
    if not isinstance(exp, int | float) or isinstance(exp, bool):
        raise invalid("exp missing or not a number")
    if now >= exp:
        raise ExpiredTokenError(token_use, claims, now)
    return claims


def verify_access_token(
    keys: KeyRing, token: str, *, now: float, pool_id: str | None = None
) -> dict[str, Any]:
    """For GetUser, ChangePassword, GlobalSignOut...: the caller then checks revocation and the scope."""
    return verify_token(keys, token, token_use="access", now=now, pool_id=pool_id)


def verify_id_token(
    keys: KeyRing, token: str, *, now: float, pool_id: str | None = None
) -> dict[str, Any]:
    """For identity-pool Logins: the caller then checks ``iss`` against the provider and ``aud``."""
    return verify_token(keys, token, token_use="id", now=now, pool_id=pool_id)
