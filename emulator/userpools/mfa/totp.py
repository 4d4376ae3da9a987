"""TOTP as RFC 6238 with the parameters authenticator apps assume and Cognito uses:
HMAC-SHA1, 30-second steps, 6 digits, a base32 secret without padding (Cognito's secret
codes are 52 characters: 32 random bytes)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct

from emulator.state.ids import token_bytes

STEP_SECONDS = 30
DIGITS = 6
# Codes of the previous and next step are accepted too: clock skew and typing time, as
# RFC 6238 §5.2 suggests. (AWS documents only that a code stays valid a short time after
# its window; one step either side is the usual reading.)
TOLERANCE_STEPS = 1


def new_secret() -> str:
    return base64.b32encode(token_bytes(32)).decode("ascii").rstrip("=")


def time_step(now: float) -> int:
    return int(now // STEP_SECONDS)


def code_at(secret: str, step: int) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8), casefold=True)
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10 ** DIGITS:0{DIGITS}d}"


def matching_step(secret: str, code: str, now: float) -> int | None:
    """The time step whose code this is (within the tolerance), or None. Every candidate
    is compared in constant time."""
    current = time_step(now)
    found: int | None = None
    given = code.encode("utf-8", "surrogatepass")
    for step in range(current - TOLERANCE_STEPS, current + TOLERANCE_STEPS + 1):
        if hmac.compare_digest(code_at(secret, step).encode(), given) and found is None:
            found = step
    return found
