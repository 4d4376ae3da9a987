"""Passwords at rest: a salted PBKDF2 hash and an SRP salt + verifier, never the text.

The hash serves USER_PASSWORD_AUTH and friends; the verifier serves USER_SRP_AUTH. The
verifier's ``x`` mixes in the pool name and the internal username (Cognito's formula),
both immutable, so both are computed once when the password is set.
"""

from __future__ import annotations

import hashlib
import hmac

from emulator.srp.verifier import compute_verifier, new_salt, pool_name
from emulator.state.ids import token_bytes
from emulator.userpools.users.model import HASH_ITERATIONS, StoredPassword

# HASH_ITERATIONS (100, defined in ``users.model``) is low on purpose. The hash keeps passwords
# out of the emulator's memory and any dump of it as text; it is not defending a production
# database against offline cracking, and USER_PASSWORD_AUTH's latency budget is under a
# millisecond (100 rounds: ~40 us; the SRP verifier beside it costs an attacker one 3072-bit
# exponentiation per guess anyway). A record verifies with the count it was hashed with.
__all__ = ["HASH_ITERATIONS", "password_matches", "store_password"]


def store_password(user_pool_id: str, username: str, password: str, now: float, *,
                   temporary: bool = False) -> StoredPassword:
    hash_salt = token_bytes(16)
    srp_salt = new_salt()
    return StoredPassword(
        hash_salt=hash_salt,
        hash=_hash(password, hash_salt, HASH_ITERATIONS),
        srp_salt=srp_salt,
        srp_verifier=compute_verifier(pool_name(user_pool_id), username, password, srp_salt),
        set_at=now,
        temporary=temporary,
        iterations=HASH_ITERATIONS,
    )


def password_matches(stored: StoredPassword | None, password: str) -> bool:
    if stored is None:
        return False
    return hmac.compare_digest(stored.hash, _hash(password, stored.hash_salt, stored.iterations))


def _hash(password: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
