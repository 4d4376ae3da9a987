"""The server half of Cognito's SRP-6a variant (PASSWORD_VERIFIER and DEVICE_PASSWORD_VERIFIER).

Two steps, mirroring the wire: ``begin`` answers InitiateAuth (pick b, send B), ``session_key`` plus
``verify_signature`` answer RespondToAuthChallenge. A real client signs
``group || identity || SECRET_BLOCK || TIMESTAMP`` with the HKDF key; a wrong password yields a
different key, hence a different signature. Device SRP is the same math with group := DeviceGroupKey
and identity := DeviceKey.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from typing import Any

from emulator.srp.errors import SrpError
from emulator.srp.group import (
    K_BIG,
    N_BIG,
    N,
    bytes_to_int,
    g_pow_big,
    hash_padded,
    pad_bytes,
    powmod_big,
    to_big,
)
from emulator.srp.verifier_tables import v_pow_u
from emulator.state.ids import randbits

PRIVATE_BITS = 256
_HKDF_INFO = b"Caldera Derived Key\x01"
# SRP_A is sent unpadded (odd length, leading zeros possible); the bound only stops absurd inputs.
_HEX = re.compile(r"[0-9a-fA-F]{1,2048}")


def parse_srp_a(text: str) -> int:
    """SRP_A as the clients send it (``A.toString(16)``), refusing non-hex and A mod N == 0.

    A ≡ 0 would force S = 0 and let anyone sign in without the password.
    """
    if not isinstance(text, str) or not _HEX.fullmatch(text):
        raise SrpError("SRP_A is not a hex integer")
    big_a = int(text, 16)
    check_client_public(big_a)
    return big_a


def check_client_public(A: int) -> None:
    """Refuse A mod N == 0 (the SRP-6a safety check)."""
    if A % N == 0:
        raise SrpError("SRP_A mod N is zero")


def server_public(v: int, b: int) -> int:
    """B = (k*v + g^b) mod N."""
    return int((K_BIG * to_big(v) + g_pow_big(b)) % N_BIG)


def begin(v: int) -> tuple[int, int]:
    """Pick a fresh secret b (256 bits, top bit set) and return ``(b, B)``; retry in the (theoretical)
    case B mod N == 0, which the clients refuse."""
    kv = K_BIG * to_big(v)
    while True:
        b = randbits(PRIVATE_BITS) | (1 << (PRIVATE_BITS - 1))
        B = int((kv + g_pow_big(b)) % N_BIG)
        if B:
            return b, B


def srp_b_hex(B: int) -> str:
    """The ``SRP_B`` challenge parameter: plain lowercase hex, as Cognito sends it."""
    return format(B, "x")


def compute_u(A: int, B: int) -> int:
    """u = H(pad(A) || pad(B)) read as an integer."""
    return bytes_to_int(hash_padded(A, B))


def compute_s(A: int, v: int, u: int, b: int) -> int:
    """S = (A * v^u)^b mod N, the server's view of the shared secret."""
    base: Any = to_big(A) * v_pow_u(v, u) % N_BIG
    return int(powmod_big(base, to_big(b)))


def hkdf_key(S: int, u: int) -> bytes:
    """Cognito's one-block HKDF: salt = pad(u) bytes (31..33 bytes, not the raw digest), IKM = pad(S)."""
    prk = hmac.new(pad_bytes(u), pad_bytes(S), hashlib.sha256).digest()
    return hmac.new(prk, _HKDF_INFO, hashlib.sha256).digest()[:16]


def session_key(A: int, B: int, b: int, v: int) -> bytes:
    """The 16-byte key K a client holding the right password also derives; raises SrpError on
    A mod N == 0 or u == 0 (both would make the proof meaningless)."""
    check_client_public(A)
    u = compute_u(A, B)
    if u == 0:
        raise SrpError("u is zero")
    return hkdf_key(compute_s(A, v, u, b), u)


def claim_message(group: str, identity: str, secret_block: bytes, timestamp: str) -> bytes:
    """What the client HMACs: utf8(group) || utf8(identity) || SECRET_BLOCK bytes || utf8(TIMESTAMP)."""
    return group.encode() + identity.encode() + secret_block + timestamp.encode()


def expected_signature(key: bytes, group: str, identity: str, secret_block: bytes, timestamp: str) -> str:
    """The PASSWORD_CLAIM_SIGNATURE a client with the right password sends (standard base64)."""
    digest = hmac.new(key, claim_message(group, identity, secret_block, timestamp), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def verify_signature(
    key: bytes, group: str, identity: str, secret_block: bytes, timestamp: str, signature: str
) -> bool:
    """Constant-time check of PASSWORD_CLAIM_SIGNATURE (a mismatch is a wrong password)."""
    expected = expected_signature(key, group, identity, secret_block, timestamp)
    return hmac.compare_digest(expected.encode(), signature.encode("utf-8", "surrogatepass"))


def verify_password_claim(
    *,
    A: int,
    B: int,
    b: int,
    v: int,
    group: str,
    identity: str,
    secret_block: bytes,
    timestamp: str,
    signature: str,
) -> bool:
    """session_key + verify_signature in one call; raises SrpError for the degenerate A/u cases."""
    return verify_signature(session_key(A, B, b, v), group, identity, secret_block, timestamp, signature)
