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
