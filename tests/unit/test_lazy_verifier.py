"""A password set through the API keeps its hash at once and its SRP verifier until first read or
an idle moment (``LazyVerifier``): the values must be exactly what a client expects, a stored copy
must be a plain record, and the idle pass must wait for a quiet server."""

from __future__ import annotations

import asyncio
import gc

from emulator.srp.verifier import compute_verifier, pool_name
from emulator.state import codec
from emulator.userpools.users import credentials
from emulator.userpools.users.credentials import LazyVerifier, password_matches, store_password
from emulator.userpools.users.model import StoredPassword

POOL = "us-east-1_lazy"


def _slot_set(record: StoredPassword) -> bool:
    try:
        StoredPassword.__dict__["srp_verifier"].__get__(record)
    except AttributeError:
        return False
    return True


def test_the_verifier_is_the_clients_and_is_computed_once() -> None:
    record = store_password(POOL, "alice", "Secret-pass1!", 5.0, temporary=True)
    assert type(record) is LazyVerifier and not _slot_set(record)
    assert password_matches(record, "Secret-pass1!") and not password_matches(record, "Secret-pass1")
    expected = compute_verifier(pool_name(POOL), "alice", "Secret-pass1!", record.srp_salt)
    assert record.srp_verifier == expected and _slot_set(record)
    assert record._x is None  # x is dropped once v exists
    assert record.srp_verifier == expected
    assert record.temporary is True and record.set_at == 5.0


def test_no_text_is_kept_while_pending() -> None:
    record = store_password(POOL, "bob", "Hunter-2-pass!", 1.0)
    gc.collect()
    referents = gc.get_referents(record)
    assert record._x in referents and record.hash in referents  # the slots' values are what is looked at
    assert all("Hunter-2-pass!" not in repr(value) for value in referents)


def test_a_stored_copy_is_a_plain_record_with_the_verifier() -> None:
    record = store_password(POOL, "carol", "Secret-pass1!", 2.0)
    copy = codec.loads(codec.dumps(record))
    assert type(copy) is StoredPassword
    assert copy.srp_verifier == compute_verifier(pool_name(POOL), "carol", "Secret-pass1!", record.srp_salt)
    assert (copy.hash, copy.hash_salt, copy.srp_salt, copy.set_at) == (record.hash, record.hash_salt,
                                                                        record.srp_salt, record.set_at)


def test_the_idle_pass_waits_for_a_quiet_tick(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(credentials, "_LAZY", type(credentials._LAZY)())
    records = [store_password(POOL, f"user{i}", "Secret-pass1!", 1.0) for i in range(50)]
    requests = [0]

    async def scenario() -> None:
        task = asyncio.create_task(credentials.derive_when_idle(lambda: requests[0], tick=0.02))
        for _ in range(10):  # a request every 10 ms: never a quiet tick
            await asyncio.sleep(0.01)
            requests[0] += 1
        assert credentials.lazy_count() == 50 and not any(_slot_set(r) for r in records)
        for _ in range(100):  # quiet now
            await asyncio.sleep(0.01)
            if not credentials.lazy_count():
                break
        task.cancel()

    asyncio.run(scenario())
    assert credentials.lazy_count() == 0 and all(_slot_set(r) for r in records)
    assert all(r.srp_verifier == compute_verifier(pool_name(POOL), f"user{i}", "Secret-pass1!", r.srp_salt)
               for i, r in enumerate(records))
