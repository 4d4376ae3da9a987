"""Refresh tokens that carry their own state, sealed with AES-256-GCM.

They look like AWS's (a 5-part JWE with AWS's exact header) and are real JWE-style
encryption under a key generated with the state (kept in the state dir when there is one), so the server keeps no
per-token record: nothing grows with the number of logins. Revocation is by sign-in
(``origin_jti``) and by the user's GlobalSignOut time, both checked by the caller.
"""

from __future__ import annotations

import json
import operator
from dataclasses import dataclass, fields
from typing import Any

from emulator.state import ids
from emulator.tokens.jose import b64url, b64url_decode
from emulator.tokens.refresh import REFRESH_HEADER

_WRAPPED_KEY_BYTES = 256  # the RSA-OAEP part of AWS's token: random here, kept for the look


@dataclass(frozen=True, slots=True)
class RefreshState:
    pool_id: str
    client_id: str
    username: str
    sub: str
    origin_jti: str
    auth_time: float
    issued: float
    expires: float
    device_key: str | None = None
    generation: int = 0  # bumped by rotation
    scope: str | None = None  # granted at the OAuth endpoints; None: an API sign-in


_STATE_FIELDS = tuple(field.name for field in fields(RefreshState))  # every value is a str, number or None
_STATE_VALUES = operator.attrgetter(*_STATE_FIELDS)  # asdict deep-copies: a cost per sign-in
_JSON = json.JSONEncoder(separators=(",", ":"))  # made once: json.dumps with options makes one per call
_AAD = REFRESH_HEADER.encode()


def new_refresh_key() -> bytes:
    """A 256-bit AES-GCM key (what ``AESGCM.generate_key(bit_length=256)`` returns)."""
    return ids.token_bytes(32)


class RefreshSealer:
    """AES-GCM from ``cryptography``, imported on the first seal or open (start-up time)."""

    def __init__(self, key: bytes | None = None) -> None:
        self._key = key or new_refresh_key()
        self._aead_instance: Any = None

    @property
    def _aead(self) -> Any:
        if self._aead_instance is None:
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM

            self._aead_instance = AESGCM(self._key)
        return self._aead_instance

    def seal(self, state: RefreshState) -> str:
        iv = ids.token_bytes(12)
        plaintext = _JSON.encode(dict(zip(_STATE_FIELDS, _STATE_VALUES(state), strict=True))).encode()
        sealed = self._aead.encrypt(iv, plaintext, _AAD)
        parts = (ids.token_bytes(_WRAPPED_KEY_BYTES), iv, sealed[:-16], sealed[-16:])
        return ".".join([REFRESH_HEADER, *(b64url(part).decode("ascii") for part in parts)])

    def open(self, token: str) -> RefreshState | None:
        """The state inside a token this emulator sealed, or None for anything else."""
        parts = token.split(".")
        if len(parts) != 5 or parts[0] != REFRESH_HEADER:
            return None
        from cryptography.exceptions import InvalidTag

        try:
            iv, ciphertext, tag = (b64url_decode(part) for part in parts[2:])
            plaintext = self._aead.decrypt(iv, ciphertext + tag, _AAD)
            return RefreshState(**json.loads(plaintext))
        except (InvalidTag, ValueError, TypeError):
            return None
