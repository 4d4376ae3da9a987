"""Passwords at rest: a salted PBKDF2 hash and an SRP salt + verifier, never the text.

The hash serves USER_PASSWORD_AUTH and friends; the verifier serves USER_SRP_AUTH. The
verifier's ``x`` mixes in the pool name and the internal username (Cognito's formula),
both immutable, so both are computed once when the password is set.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import threading
from collections.abc import Sequence
from typing import Any

from emulator.srp.verifier import compute_verifier, new_salt, pool_name
from emulator.state.ids import token_bytes
from emulator.userpools.users.model import HASH_ITERATIONS, StoredPassword

# HASH_ITERATIONS (100, defined in ``users.model``) is low on purpose. The hash keeps passwords
# out of the emulator's memory and any dump of it as text; it is not defending a production
# database against offline cracking, and USER_PASSWORD_AUTH's latency budget is under a
# millisecond (100 rounds: ~40 us; the SRP verifier beside it costs an attacker one 3072-bit
# exponentiation per guess anyway). A record verifies with the count it was hashed with.
__all__ = ["HASH_ITERATIONS", "password_matches", "store_password", "store_passwords"]

# Below this many passwords one process does them; above, worker processes share them out
# (a 100k-user seed file is mostly this work: ~0.5 ms of SRP verifier and PBKDF2 per user).
PARALLEL_FROM = 2000
_CHUNK = 500
Job = tuple[str, str, str, bytes, bytes]  # pool name, username, password, hash salt, SRP salt


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


def store_passwords(user_pool_id: str, users: Sequence[tuple[str, str, bool]], now: float
                    ) -> list[StoredPassword]:
    """``store_password`` for many ``(username, password, temporary)`` at once (seed files).
    The salts are drawn here; the hash and verifier, pure functions of them, are computed in
    worker processes when there are many, so every CPU works on a large seed."""
    group = pool_name(user_pool_id)
    jobs: list[Job] = [(group, name, password, token_bytes(16), new_salt()) for name, password, _ in users]
    workers = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1,
                  len(jobs) // PARALLEL_FROM)
    # Forked workers start at once and need no importable __main__; forking is safe only while
    # this is the process's one thread (as when the emulator loads its seed file at start).
    fork = _fork_context() if workers > 1 and threading.active_count() == 1 else None
    if fork is not None:
        from concurrent.futures import ProcessPoolExecutor

        chunks = [jobs[i:i + _CHUNK] for i in range(0, len(jobs), _CHUNK)]
        with ProcessPoolExecutor(workers, mp_context=fork) as pool:
            derived = [pair for chunk in pool.map(_derive_all, chunks) for pair in chunk]
    else:
        derived = _derive_all(jobs)
    return [StoredPassword(hash_salt=job[3], hash=digest, srp_salt=job[4], srp_verifier=verifier, set_at=now,
                           temporary=temporary, iterations=HASH_ITERATIONS)
            for job, (digest, verifier), (_, _, temporary) in zip(jobs, derived, users, strict=True)]


def _fork_context() -> Any:
    """multiprocessing's fork context where there is one; imported only here, for large seeds
    (a small one never needs multiprocessing, a start-up cost)."""
    import multiprocessing

    return multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None


def _derive_all(jobs: list[Job]) -> list[tuple[bytes, int]]:
    return [(_hash(password, hash_salt, HASH_ITERATIONS), compute_verifier(group, name, password, srp_salt))
            for group, name, password, hash_salt, srp_salt in jobs]


def password_matches(stored: StoredPassword | None, password: str) -> bool:
    if stored is None:
        return False
    return hmac.compare_digest(stored.hash, _hash(password, stored.hash_salt, stored.iterations))


def _hash(password: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
