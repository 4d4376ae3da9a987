"""Every identifier the emulator mints, in AWS's formats, from one source of randomness.

All randomness in the emulator comes through this module (the ``secrets`` CSPRNG), so there
is one place to audit it, and one place to make it reproducible should a test need that.
"""

from __future__ import annotations

import re
import secrets
import string
import uuid
from collections.abc import MutableSequence, Sequence
from typing import TypeVar

_ALNUM = string.ascii_letters + string.digits
_CLIENT_ID_CHARS = string.ascii_lowercase + string.digits
_SYSTEM_RANDOM = secrets.SystemRandom()

T = TypeVar("T")


def token_bytes(n: int) -> bytes:
    """``n`` random bytes: salts, keys, nonces, opaque token parts."""
    return secrets.token_bytes(n)


def urlsafe_token(n: int) -> str:
    """``n`` random bytes as URL-safe base64 without padding."""
    return secrets.token_urlsafe(n)


def randbelow(n: int) -> int:
    """A random integer in ``[0, n)``: six-digit codes."""
    return secrets.randbelow(n)


def randbits(k: int) -> int:
    """A random integer of ``k`` bits: SRP private values."""
    return secrets.randbits(k)


def choice(seq: Sequence[T]) -> T:
    return secrets.choice(seq)


def shuffle(items: MutableSequence[T]) -> None:
    """In place, so a password's required characters do not always come first."""
    _SYSTEM_RANDOM.shuffle(items)


def random_string(alphabet: str, length: int) -> str:
    return "".join(choice(alphabet) for _ in range(length))


REGION = re.compile(r"[a-z]{2}(-[a-z]+)+-[0-9]{1,2}")
"""An AWS region name (``us-west-2``, ``us-gov-west-1``, ``ap-southeast-5``)."""


def user_pool_id(region: str) -> str:
    """``us-east-1_AbC123xYz``: region, underscore, 9 alphanumerics."""
    return f"{region}_{random_string(_ALNUM, 9)}"


def client_id() -> str:
    """26 lower-case alphanumerics, as AWS app-client ids are."""
    return random_string(_CLIENT_ID_CHARS, 26)


def client_secret() -> str:
    """51 lower-case alphanumerics, as AWS generates them."""
    return random_string(_CLIENT_ID_CHARS, 51)


def new_uuid() -> str:
    """A random (version 4) UUID, formatted here: ``str(uuid.uuid4())`` builds and checks a UUID
    object, several of which every sign-in and request mints (jti, event ids, request ids)."""
    raw = bytearray(token_bytes(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def device_key(region: str) -> str:
    """``us-east-1_<uuid>``: a DeviceKey, as AWS forms them."""
    return f"{region}_{uuid.uuid4()}"


def request_id() -> str:
    return new_uuid()


def time_ordered_uuid(now: float) -> str:
    """A UUIDv7 (RFC 9562): 48-bit milliseconds of ``now`` + randomness.

    Used for a sign-in's ``origin_jti`` so that GlobalSignOut can revoke every sign-in
    made before it with one timestamp per user (state that does not grow with logins),
    at millisecond rather than the JWT ``iat``'s whole-second precision."""
    millis = int(now * 1000) & ((1 << 48) - 1)
    value = (millis << 80) | randbits(80)
    value = (value & ~(0xF << 76)) | (0x7 << 76)  # version 7
    value = (value & ~(0x3 << 62)) | (0x2 << 62)  # RFC 4122 variant
    h = format(value, "032x")  # what str(uuid.UUID(int=value)) gives, without building the object
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_CANONICAL_V7 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def uuid_time(value: str) -> float | None:
    """The instant a ``time_ordered_uuid`` was made, or None for any other string."""
    if _CANONICAL_V7.fullmatch(value):  # what time_ordered_uuid makes: read it without a UUID object
        return int(value[:8] + value[9:13], 16) / 1000
    try:
        parsed = uuid.UUID(value)
    except ValueError:
        return None
    if parsed.version != 7:
        return None
    return (parsed.int >> 80) / 1000
