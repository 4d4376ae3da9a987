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
from emulator.tokens.keys import ALGORITHM, KeyRing, SigningKey, TokenUse

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


# Tokens whose signature and structure were checked: GetUser and the other self-service calls
# present the same access token again and again, and an RS256 check plus two JSON parses are
# most of their cost. A hit still re-checks that the signing key is the one the keyring holds
# now (a deleted pool's tokens stop verifying), the token use, the pool and expiry.
_VERIFIED: dict[str, tuple[SigningKey, dict[str, Any]]] = {}
_VERIFIED_MAX = 1024  # about 2.5 KB each; emptied whole when full (no LRU bookkeeping per hit)


def verify_token(
    keys: KeyRing, token: str, *, token_use: TokenUse, now: float, pool_id: str | None = None
) -> dict[str, Any]:
    """The claims of a token this emulator signed for ``token_use`` that is not expired at ``now``.

    With ``pool_id``, the token must also come from that pool. The claims are the caller's own
    copy.
    """
    verified = _VERIFIED.get(token) if type(token) is str else None
    if verified is not None and keys.by_kid(verified[0].kid) is verified[0]:
        key, claims = verified
    else:
        key, claims = _check_signed(keys, token, token_use)
        if len(_VERIFIED) >= _VERIFIED_MAX:
            _VERIFIED.clear()
        _VERIFIED[token] = key, claims
    if key.use != token_use or (pool_id is not None and key.pool_id != pool_id):
        raise InvalidTokenError(token_use, "a key of another pool or token use")
    if now >= claims["exp"]:
        raise ExpiredTokenError(token_use, dict(claims), now)
    return dict(claims)


def _check_signed(keys: KeyRing, token: str, token_use: TokenUse) -> tuple[SigningKey, dict[str, Any]]:
    """Signature by a key of the ring, RS256 only, and a payload of that token use with a numeric exp."""
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
    if key is None or key.use != token_use:
        raise invalid("unknown kid, or a key of another token use")
    signing_input = f"{header_segment}.{payload_segment}".encode("ascii")
    if not rs256_valid(key.public_key, signing_input, b64url_decode(signature_segment)):
        raise invalid("bad signature")
    claims = _json_object(payload_segment)
    if claims is None or claims.get("token_use") != token_use:
        raise invalid("payload is not JSON or token_use differs")
    exp = claims.get("exp")
    if not isinstance(exp, int | float) or isinstance(exp, bool):
        raise invalid("exp missing or not a number")
    return key, claims


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
