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
