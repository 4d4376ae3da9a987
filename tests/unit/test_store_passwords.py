"""Seeding hashes its users' passwords in one batch, spread over worker processes when there are
many: the records must be exactly what ``store_password`` makes, one by one, would verify."""

from __future__ import annotations

import subprocess
import sys

from emulator.srp.verifier import compute_verifier, pool_name
from emulator.userpools.users.credentials import password_matches, store_passwords

POOL = "us-east-1_batch"

CHILD = """
import pickle, sys, threading
from emulator.userpools.users import credentials
credentials.PARALLEL_FROM = 5
users = [(f"user{i}", f"Pass-{i}!", i % 2 == 0) for i in range(30)]
assert threading.active_count() == 1
sys.stdout.buffer.write(pickle.dumps(credentials.store_passwords("us-east-1_batch", users, 1.0)))
"""


def _check(records: list, users: list[tuple[str, str, bool]]) -> None:
    assert len(records) == len(users)
    assert len({r.hash_salt for r in records}) == len(records) and len({r.srp_salt for r in records}) == len(records)
    for record, (name, password, temporary) in zip(records, users, strict=True):
        assert password_matches(record, password) and not password_matches(record, password + "x")
        assert record.srp_verifier == compute_verifier(pool_name(POOL), name, password, record.srp_salt)
        assert record.temporary is temporary and record.set_at == 1.0


def test_one_process() -> None:
    users = [(f"user{i}", f"Pass-{i}!", i % 2 == 0) for i in range(5)]
    _check(store_passwords(POOL, users, 1.0), users)


def test_worker_processes_give_the_same_records() -> None:
    import pickle

    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, check=True).stdout
    _check(pickle.loads(out), [(f"user{i}", f"Pass-{i}!", i % 2 == 0) for i in range(30)])


# --- a large seed without a state dir: derived after the emulator answers ----------------------


def _deferred_batch(monkeypatch, count: int = 6) -> tuple[list, list[tuple[str, str, bool]]]:  # type: ignore[no-untyped-def]
    from emulator.userpools.users import credentials

    monkeypatch.setattr(credentials, "PARALLEL_FROM", 5)
    users = [(f"user{i}", f"Pass-{i}!", i % 2 == 0) for i in range(count)]
    return credentials.store_passwords(POOL, users, 1.0, defer=True), users


def test_deferred_records_verify_like_the_others(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from emulator.userpools.users.credentials import DeferredPassword

    records, users = _deferred_batch(monkeypatch)
    assert all(type(record) is DeferredPassword for record in records)
    _check(records, users)
    assert all(record._job is None for record in records), "the text is dropped once both are derived"


def test_one_value_is_derived_on_its_own(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    records, users = _deferred_batch(monkeypatch)
    assert password_matches(records[0], users[0][1])  # a USER_PASSWORD_AUTH sign-in: the hash only
    assert records[0]._job is not None  # the verifier is still to come, so the text is kept
    assert records[0].srp_verifier == compute_verifier(pool_name(POOL), "user0", users[0][1], records[0].srp_salt)
    assert records[0]._job is None


def test_a_snapshot_names_a_pending_record_without_its_text(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from emulator.state import codec
    from emulator.userpools.users.model import StoredPassword

    records, users = _deferred_batch(monkeypatch)
    blob = codec.dumps(records[1])
    assert users[1][1].encode() not in blob
    assert codec.loads(blob) is records[1]  # the live record (immutable, so the reset state may share it)
    records[1].derive()
    again = codec.loads(codec.dumps(records[1]))
    assert type(again) is StoredPassword and again.hash == records[1].hash
    assert again.srp_verifier == records[1].srp_verifier and again.srp_salt == records[1].srp_salt


def test_the_background_pass_derives_every_record(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import asyncio

    from emulator.userpools.users import credentials

    records, _ = _deferred_batch(monkeypatch, count=450)
    asyncio.run(credentials.derive_deferred())
    assert credentials.deferred_count() == 0
    assert all(record._job is None for record in records)


def test_without_defer_or_below_the_threshold_nothing_waits(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from emulator.userpools.users import credentials
    from emulator.userpools.users.model import StoredPassword

    monkeypatch.setattr(credentials, "PARALLEL_FROM", 5)
    users = [(f"user{i}", f"Pass-{i}!", False) for i in range(6)]
    assert all(type(r) is StoredPassword for r in credentials.store_passwords(POOL, users, 1.0))
    assert all(type(r) is StoredPassword for r in credentials.store_passwords(POOL, users[:4], 1.0, defer=True))
