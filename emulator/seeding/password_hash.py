"""``PasswordHash``: a user's stored password record in a seed file, so an exported user
signs in again with the same password without the text ever being written down.

The record holds what the emulator keeps instead of the password (``StoredPassword``):

* ``Algorithm``: ``"PBKDF2-SHA256"``, the only scheme so far (a name, so others can be added);
* ``Iterations``, ``Salt`` and ``Hash``: PBKDF2-HMAC-SHA256 of the UTF-8 password with that
  salt and round count (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, ChangePassword...);
* ``SrpSalt`` and ``SrpVerifier``: Cognito's SRP-6a salt and verifier ``v = g^x mod N``
  (USER_SRP_AUTH); ``x`` hashes the pool id's part after the ``_`` and the internal
  username, so the record is only valid for the same pool id and the same username;
* ``SetAt`` (optional, default: loading time) and ``Temporary`` (optional, default: the
  user's Status is FORCE_CHANGE_PASSWORD): when the password was set and whether it is a
  temporary one, which expires after the pool's TemporaryPasswordValidityDays.

Bytes are base64 (standard alphabet, padded); the verifier is a hexadecimal integer.
"""

from __future__ import annotations

import base64
import re
from typing import Any

from emulator.seeding import fields
from emulator.seeding.errors import SeedError
from emulator.srp.group import N
from emulator.userpools.users.model import StoredPassword

PBKDF2_SHA256 = "PBKDF2-SHA256"
ALGORITHMS = (PBKDF2_SHA256,)
KEYS = {"Algorithm", "Iterations", "Salt", "Hash", "SrpSalt", "SrpVerifier", "SetAt", "Temporary"}
MAX_ITERATIONS = 10_000_000  # every sign-in pays for them
_HEX = re.compile(r"[0-9a-fA-F]+")


def password_hash_entry(stored: StoredPassword) -> dict[str, Any]:
    """The seed form of a stored password record."""
    return {
        "Algorithm": PBKDF2_SHA256,
        "Iterations": stored.iterations,
        "Salt": _b64(stored.hash_salt),
        "Hash": _b64(stored.hash),
        "SrpSalt": _b64(stored.srp_salt),
        "SrpVerifier": format(stored.srp_verifier, "x"),
        "SetAt": stored.set_at,
        "Temporary": stored.temporary,
    }


def stored_password(value: Any, where: str, *, now: float, temporary: bool) -> StoredPassword:
    """Check a ``PasswordHash`` object and build the record; ``temporary`` is the default."""
    where = f"{where}.PasswordHash"
    if not isinstance(value, dict):
        raise SeedError(f"{where}: expected an object with {', '.join(sorted(KEYS))}")
    fields.unknown_keys(value, KEYS, where)
    if value.get("Algorithm") not in ALGORITHMS:
        raise SeedError(f"{where}: Algorithm must be one of {', '.join(ALGORITHMS)}")
    iterations = value.get("Iterations")
    if isinstance(iterations, bool) or not isinstance(iterations, int) or not 1 <= iterations <= MAX_ITERATIONS:
        raise SeedError(f"{where}: Iterations must be an integer from 1 to {MAX_ITERATIONS}")
    set_at = fields.epoch_seconds(value, "SetAt", where)
    return StoredPassword(
        hash_salt=fields.base64_bytes(value, "Salt", where),
        hash=fields.base64_bytes(value, "Hash", where, size=32),  # a SHA-256 digest
        srp_salt=fields.base64_bytes(value, "SrpSalt", where),
        srp_verifier=_verifier(value.get("SrpVerifier"), where),
        set_at=now if set_at is None else set_at,
        temporary=fields.boolean(value, "Temporary", temporary, where),
        iterations=iterations,
    )


def _verifier(value: Any, where: str) -> int:
    """g^x mod N is in 1..N-1; 0 (or anything outside) would be no verifier at all."""
    if not isinstance(value, str) or not _HEX.fullmatch(value) or not 0 < int(value, 16) < N:
        raise SeedError(f"{where}: SrpVerifier must be a hexadecimal integer between 0 and N "
                        "(the 3072-bit SRP group's modulus), exclusive")
    return int(value, 16)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
