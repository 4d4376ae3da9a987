"""Opaque refresh tokens that look like AWS's 5-part JWE (reference §6.5).

Nothing is encrypted: the parts after the real AWS header are random, and the caller maps the
whole string to server-side state (user, client, origin_jti, expiry). Clients never parse it;
looking like AWS's keeps length checks and log scrubbers in client code honest.
"""

from __future__ import annotations

from emulator.state.ids import token_bytes
from emulator.tokens.jose import b64url

# {"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}, byte for byte what AWS sends.
REFRESH_HEADER = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ"
# RSA-2048 wrapped key, GCM IV, ciphertext, GCM tag: AWS's part sizes (~1.7 KB in all).
_PART_BYTES = (256, 12, 1024, 16)


def new_refresh_token() -> str:
    parts = [b64url(token_bytes(size)).decode("ascii") for size in _PART_BYTES]
    return ".".join([REFRESH_HEADER, *parts])


def looks_like_refresh_token(token: str) -> bool:
    """RevokeToken answers UnsupportedTokenTypeException for an access or ID token instead."""
    return token.startswith(REFRESH_HEADER + ".") and token.count(".") == 4
