"""The few JOSE encodings tokens need: compact JSON, base64url without padding, RS256.

Signing is done here rather than with ``jwt.encode`` because Cognito's header is exactly
``{"kid":..,"alg":"RS256"}`` in that order (PyJWT sorts keys and adds ``typ``), and because the
header segment can then be encoded once per key instead of once per token.
"""

from __future__ import annotations

import base64
import json
import re
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # cryptography is imported on the first signature (start-up time)
    from cryptography.hazmat.primitives.asymmetric import rsa

# Three non-empty base64url segments, nothing else: what a compact JWS may look like.
COMPACT_JWS = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")


@cache
def _rs256() -> tuple[Any, Any]:
    """PKCS#1 v1.5 padding and SHA-256, made once."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    return padding.PKCS1v15(), hashes.SHA256()


def b64url(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def b64url_decode(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


_COMPACT = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)  # once: dumps(...) makes one per call


def b64url_json(value: dict[str, Any]) -> bytes:
    return b64url(_COMPACT.encode(value).encode("utf-8"))


def sign_rs256(private_key: rsa.RSAPrivateKey, header_segment: bytes, claims: dict[str, Any]) -> str:
    signing_input = header_segment + b"." + b64url_json(claims)
    signature = private_key.sign(signing_input, *_rs256())
    return (signing_input + b"." + b64url(signature)).decode("ascii")


def rs256_valid(public_key: rsa.RSAPublicKey, signing_input: bytes, signature: bytes) -> bool:
    try:
        public_key.verify(signature, signing_input, *_rs256())
    except Exception:  # InvalidSignature, or a signature of the wrong length
        return False
    return True
