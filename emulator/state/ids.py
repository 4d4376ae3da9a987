"""Every identifier the emulator mints, in AWS's formats, from one source of randomness."""

from __future__ import annotations

import secrets
import string
import uuid

_ALNUM = string.ascii_letters + string.digits
_CLIENT_ID_CHARS = string.ascii_lowercase + string.digits


def random_string(alphabet: str, length: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(length))


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
    return str(uuid.uuid4())


def request_id() -> str:
    return str(uuid.uuid4())


def time_ordered_uuid(now: float) -> str:
    """A UUIDv7 (RFC 9562): 48-bit milliseconds of ``now`` + randomness.

    Used for a sign-in's ``origin_jti`` so that GlobalSignOut can revoke every sign-in
    made before it with one timestamp per user (state that does not grow with logins),
    at millisecond rather than the JWT ``iat``'s whole-second precision."""
    millis = int(now * 1000) & ((1 << 48) - 1)
    value = (millis << 80) | (secrets.randbits(80))
    value = (value & ~(0xF << 76)) | (0x7 << 76)  # version 7
    value = (value & ~(0x3 << 62)) | (0x2 << 62)  # RFC 4122 variant
    return str(uuid.UUID(int=value))


def uuid_time(value: str) -> float | None:
    """The instant a ``time_ordered_uuid`` was made, or None for any other string."""
    try:
        parsed = uuid.UUID(value)
    except ValueError:
        return None
    if parsed.version != 7:
        return None
    return (parsed.int >> 80) / 1000


def token_bytes(size: int) -> bytes:
    return secrets.token_bytes(size)


def urlsafe_token(size: int) -> str:
    return secrets.token_urlsafe(size)
