"""Passwords at rest: a salted PBKDF2 hash and an SRP salt + verifier, never the text.

The hash serves USER_PASSWORD_AUTH and friends; the verifier serves USER_SRP_AUTH. The
verifier's ``x`` mixes in the pool name and the internal username (Cognito's formula),
both immutable, so both are computed once when the password is set.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import os
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import fields
from typing import Any

from emulator.srp.group import g_pow
from emulator.srp.verifier import compute_verifier, compute_x, new_salt, pool_name
from emulator.state import codec
from emulator.state.ids import token_bytes
from emulator.userpools.users.model import HASH_ITERATIONS, StoredPassword

# HASH_ITERATIONS (100, defined in ``users.model``) is low on purpose. The hash keeps passwords
# out of the emulator's memory (a large seed's once derived: see DeferredPassword) and any dump
# of it as text; it is not defending a production database against offline cracking, and
# USER_PASSWORD_AUTH's latency budget is under a millisecond (100 rounds: ~40 us; the SRP
# verifier beside it costs an attacker one 3072-bit exponentiation per guess anyway). A record
# verifies with the count it was hashed with.
__all__ = ["HASH_ITERATIONS", "DeferredPassword", "LazyVerifier", "derive_deferred", "derive_when_idle",
           "password_matches", "store_password", "store_passwords"]

# Below this many passwords one process does them; above, worker processes share them out
# (a 100k-user seed file is mostly this work: ~0.5 ms of SRP verifier and PBKDF2 per user).
PARALLEL_FROM = 2000
_CHUNK = 500
Job = tuple[str, str, str, bytes, bytes]  # pool name, username, password, hash salt, SRP salt


def store_password(user_pool_id: str, username: str, password: str, now: float, *,
                   temporary: bool = False) -> StoredPassword:
    """A password set through the API (SignUp, AdminSetUserPassword, a reset, ...): the hash now,
    the SRP verifier when first needed or when the server is idle (``LazyVerifier``)."""
    hash_salt = token_bytes(16)
    srp_salt = new_salt()
    return LazyVerifier(hash_salt, _hash(password, hash_salt, HASH_ITERATIONS), srp_salt,
                        compute_x(pool_name(user_pool_id), username, password, srp_salt), now, temporary)


def store_passwords(user_pool_id: str, users: Sequence[tuple[str, str, bool]], now: float, *,
                    defer: bool = False) -> list[StoredPassword]:
    """``store_password`` for many ``(username, password, temporary)`` at once (seed files).
    The salts are drawn here; the hash and verifier, pure functions of them, are computed in
    worker processes when there are many, so every CPU works on a large seed. With ``defer``
    and many of them, not now: see ``DeferredPassword``."""
    group = pool_name(user_pool_id)
    jobs: list[Job] = [(group, name, password, token_bytes(16), new_salt()) for name, password, _ in users]
    if defer and len(jobs) >= PARALLEL_FROM:
        deferred = [DeferredPassword(job, now, temporary) for job, (_, _, temporary) in zip(jobs, users, strict=True)]
        _DEFERRED.extend(deferred)
        return list(deferred)
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


# A password that verified once verifies again from memory. PBKDF2 (~40 us) was a fifth of
# USER_PASSWORD_AUTH's CPU besides its two signatures, and a test suite signs the same users in
# with the same password again and again. Kept: a keyed BLAKE2b of the password (the key drawn
# at start, never stored; never the text) under the record's own hash, so a new password starts
# afresh. A wrong password misses and pays PBKDF2 as before: guessing costs what it did.
_VERIFIED_KEY = token_bytes(32)
_VERIFIED_KEPT = 10_000
_verified: dict[bytes, bytes] = {}


def password_matches(stored: StoredPassword | None, password: str) -> bool:
    if stored is None:
        return False
    text = password.encode()
    quick = hashlib.blake2b(text, key=_VERIFIED_KEY, salt=stored.hash_salt[:16]).digest()
    known = _verified.get(stored.hash)
    if known is not None and hmac.compare_digest(known, quick):
        return True
    if not hmac.compare_digest(stored.hash, _hash(password, stored.hash_salt, stored.iterations)):
        return False
    if len(_verified) >= _VERIFIED_KEPT:
        del _verified[next(iter(_verified))]
    _verified[stored.hash] = quick
    return True


def _hash(password: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)


# --- the SRP verifier of a password set through the API, derived when needed or when idle ----
#
# v = g^x mod N is a 3072-bit exponentiation (~0.1-0.2 ms from the comb table): a third of a
# SignUp + AdminConfirmSignUp, paid by every test that signs a user up, though only an SRP
# sign-in (USER_SRP_AUTH, or the password step of USER_AUTH) ever reads it. So the record keeps
# x (the SHA-256 digest a client derives from the password for SRP; never the text) until
# something reads the verifier: that sign-in, an export, or the write of the record to a state
# dir or a snapshot (the reducer below derives first, so a stored record is always plain, and
# with a state dir the verifier is still computed before the answer). ``derive_when_idle``
# derives the rest while no request is coming in, so x stays in memory only as long as the
# server is busy.

_HASH_SLOT: Any = StoredPassword.__dict__["hash"]
_VERIFIER_SLOT: Any = StoredPassword.__dict__["srp_verifier"]


def _plain(record: StoredPassword) -> StoredPassword:
    """The record as a plain ``StoredPassword`` (its values derived): how a stored copy is written."""
    return StoredPassword(**{field.name: getattr(record, field.name) for field in fields(StoredPassword)})


_LAZY: deque[LazyVerifier] = deque()
_IDLE_SLICE = 20  # verifiers per turn of the event loop while idle: ~2-4 ms


class LazyVerifier(StoredPassword):
    """A ``StoredPassword`` whose ``srp_verifier`` is computed from ``x`` on first read."""

    __slots__ = ("_x",)
    _x: int | None

    def __init__(self, hash_salt: bytes, hash_: bytes, srp_salt: bytes, x: int, set_at: float,
                 temporary: bool) -> None:
        for name, value in (("hash_salt", hash_salt), ("hash", hash_), ("srp_salt", srp_salt), ("set_at", set_at),
                            ("temporary", temporary), ("iterations", HASH_ITERATIONS)):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_x", x)
        _LAZY.append(self)

    @property  # type: ignore[override]
    def srp_verifier(self) -> int:
        try:
            return _VERIFIER_SLOT.__get__(self)  # type: ignore[no-any-return]
        except AttributeError:
            x = self._x
            assert x is not None, "a derived record keeps its verifier"
            verifier = g_pow(x)
            _VERIFIER_SLOT.__set__(self, verifier)
            object.__setattr__(self, "_x", None)
            return verifier


def _reduce_lazy(record: LazyVerifier) -> Any:
    return codec.reduction(_plain(record))


codec.register_reducer(LazyVerifier, _reduce_lazy)


async def derive_when_idle(requests_seen: Callable[[], int], tick: float = 0.1) -> None:
    """Forever: once a ``tick`` has passed with no new request (``requests_seen`` counts them),
    derive pending verifiers a slice per turn of the event loop until a request comes in."""
    last = requests_seen()
    while True:
        await asyncio.sleep(tick)
        seen = requests_seen()
        if seen != last:
            last = seen
            continue
        while _LAZY and requests_seen() == seen:
            for _ in range(min(_IDLE_SLICE, len(_LAZY))):
                _LAZY.popleft().srp_verifier  # noqa: B018 - computed and kept on first read
            await asyncio.sleep(0)


def lazy_count() -> int:
    """Verifiers still to be derived (a record an SRP sign-in derived waits in the queue: not counted)."""
    return sum(1 for record in _LAZY if record._x is not None)


# --- passwords of a large seed file, derived after the emulator answers ----------------------
#
# A 100k-user seed file is ~0.3 ms of SRP verifier and PBKDF2 per user: half a minute on one
# core before the first answer. Without a state dir, such a seed's records are made with their
# salts only; each one derives its hash or its verifier when first read (a sign-in of that user,
# an export), and ``derive_deferred`` derives the rest on the event loop in small slices once the
# server listens, dropping each password's text as soon as both are done. The text never reaches
# a store: with a state dir every record is derived before the first commit (no deferral), and a
# snapshot of the start state (reset) refers to the live record by number instead of pickling it.

_SLICE = 200  # records derived per turn of the event loop: ~60 ms, so requests wait little
_DEFERRED: deque[DeferredPassword] = deque()
_BY_NUMBER: dict[int, DeferredPassword] = {}
_NUMBERS = itertools.count(1)


class DeferredPassword(StoredPassword):
    """A ``StoredPassword`` whose ``hash`` and ``srp_verifier`` are computed on first read."""

    __slots__ = ("_job", "_number")
    _job: Job | None  # the text and salts until both values are derived
    _number: int  # 0 until a snapshot names it

    def __init__(self, job: Job, set_at: float, temporary: bool) -> None:
        for name, value in (("hash_salt", job[3]), ("srp_salt", job[4]), ("set_at", set_at),
                            ("temporary", temporary), ("iterations", HASH_ITERATIONS)):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_job", job)
        object.__setattr__(self, "_number", 0)

    @property  # type: ignore[override]
    def hash(self) -> bytes:
        return bytes(self._derived(_HASH_SLOT, lambda job: _hash(job[2], job[3], HASH_ITERATIONS)))

    @property  # type: ignore[override]
    def srp_verifier(self) -> int:
        return int(self._derived(_VERIFIER_SLOT, lambda job: compute_verifier(job[0], job[1], job[2], job[4])))

    def _derived(self, slot: Any, derive: Callable[[Job], Any]) -> Any:
        """The slot's value, computed from the pending job and kept on first read."""
        try:
            return slot.__get__(self)
        except AttributeError:
            value = derive(self._pending())
            slot.__set__(self, value)
            self._forget_text()
            return value

    def derive(self) -> None:
        """Both values now (the background pass)."""
        self.hash  # noqa: B018 - computed and kept on first read
        self.srp_verifier  # noqa: B018

    def _pending(self) -> Job:
        job: Job | None = self._job
        assert job is not None, "a derived record keeps no text and needs none"
        return job

    def _forget_text(self) -> None:
        try:
            _HASH_SLOT.__get__(self)
            _VERIFIER_SLOT.__get__(self)
        except AttributeError:
            return
        object.__setattr__(self, "_job", None)

    def number(self) -> int:
        """How a start-state snapshot names this live record (see ``_reduce``)."""
        if not self._number:
            object.__setattr__(self, "_number", next(_NUMBERS))
            _BY_NUMBER[self._number] = self
        return int(self._number)


def _live_record(number: int) -> DeferredPassword:
    return _BY_NUMBER[number]


def _reduce(record: DeferredPassword) -> Any:
    """Derived: written as the plain record it now is. Not yet: by number, so a snapshot holds no
    text (records are immutable, so the reset state may share the live one)."""
    if record._job is None:
        return codec.reduction(_plain(record))
    return _live_record, (record.number(),)


codec.register_reducer(DeferredPassword, _reduce, _live_record)


async def derive_deferred() -> None:
    """Derive every deferred record, a slice per turn of the event loop."""
    while _DEFERRED:
        for _ in range(min(_SLICE, len(_DEFERRED))):
            _DEFERRED.popleft().derive()
        await asyncio.sleep(0)


def deferred_count() -> int:
    return len(_DEFERRED)
