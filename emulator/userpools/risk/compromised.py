"""Which passwords count as compromised: a few famous ones built in, plus the ones a tester
registers for a pool (``POST /_emulator/risk/compromised-passwords``). Registered passwords are
kept as an HMAC under a key made with the state (per pool), never as text."""

from __future__ import annotations

import hashlib
import hmac

from emulator.runtime import Context
from emulator.userpools.model import UserPool

PURPOSE = "compromised-passwords"
MAX_REGISTERED = 1000
# Passwords every breach list has, that still pass Cognito's default policy.
BUILT_IN = frozenset({"Password123!", "Password1!", "P@ssw0rd123", "Qwerty123!", "Welcome123!",
                      "Admin123!", "Letmein123!", "Abcd1234!", "Iloveyou1!"})


def _digest(ctx: Context, pool: UserPool, password: str) -> str:
    message = f"{pool.id}\n{password}".encode("utf-8", "surrogatepass")
    return hmac.new(ctx.derived_key(PURPOSE), message, hashlib.sha256).hexdigest()


def register(ctx: Context, pool: UserPool, password: str) -> bool:
    """Add ``password`` to the pool's list; False when it was already there."""
    digest = _digest(ctx, pool, password)
    if digest in pool.compromised_passwords:
        return False
    pool.compromised_passwords = [*pool.compromised_passwords[-(MAX_REGISTERED - 1):], digest]
    return True


def is_compromised(ctx: Context, pool: UserPool, password: str) -> bool:
    if password in BUILT_IN:
        return True
    digest = _digest(ctx, pool, password)
    return any(hmac.compare_digest(digest, known) for known in pool.compromised_passwords)
