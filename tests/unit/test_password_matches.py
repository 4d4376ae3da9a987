"""A password that verified once verifies again from memory (a keyed digest, never the text); a
wrong one still pays PBKDF2 and still fails, and a new password starts afresh."""

from __future__ import annotations

import hashlib

import pytest

from emulator.userpools.users import credentials
from emulator.userpools.users.credentials import password_matches, store_password

POOL = "us-east-1_verify"


def test_right_wrong_and_changed_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(credentials, "_verified", {})
    record = store_password(POOL, "alice", "Secret-pass1!", 1.0)
    assert not password_matches(record, "Secret-pass1")
    assert not credentials._verified
    assert password_matches(record, "Secret-pass1!")
    assert list(credentials._verified) == [record.hash]
    assert b"Secret-pass1!" not in credentials._verified[record.hash]

    derived: list[bytes] = []
    real = hashlib.pbkdf2_hmac

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        derived.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(hashlib, "pbkdf2_hmac", counting)
    assert password_matches(record, "Secret-pass1!") and not derived  # from memory
    assert not password_matches(record, "Secret-pass1?") and derived == [b"Secret-pass1?"]  # guesses pay
    changed = store_password(POOL, "alice", "Other-pass2!", 2.0)
    assert not password_matches(changed, "Secret-pass1!")
    assert password_matches(changed, "Other-pass2!")


def test_the_memory_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(credentials, "_verified", {})
    monkeypatch.setattr(credentials, "_VERIFIED_KEPT", 3)
    records = [store_password(POOL, f"user{i}", "Secret-pass1!", 1.0) for i in range(5)]
    for record in records:
        assert password_matches(record, "Secret-pass1!")
    assert list(credentials._verified) == [record.hash for record in records[2:]]
