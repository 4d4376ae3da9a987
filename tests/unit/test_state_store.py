"""The state layer on its own: the journal's change detection, the codec's tolerance and
refusals, and the SQLite store's recovery from its change log."""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field, fields
from pathlib import Path

import pytest

from emulator.state import codec
from emulator.state.changelog import ChangeLog
from emulator.state.journal import Changes, Journal, TrackedDict, Tracker
from emulator.state.sqlite import LOG, SqliteStore
from emulator.userpools.model import Group
from emulator.userpools.users.model import StoredPassword, User


@dataclass(slots=True)
class Record:
    name: str
    tags: set[str] = field(default_factory=set)


def test_a_record_read_but_not_changed_writes_nothing() -> None:
    journal = Journal()
    records: TrackedDict[Record] = TrackedDict("record", Tracker(journal))
    records.put_loaded("a", Record("a"))
    records.put_loaded("b", Record("b"))
    records["a"].tags.add("x")  # changed in place after being reached
    assert records.get("b") is not None  # only read
    changes = journal.drain()
    assert [(kind, key) for kind, key, _ in changes.puts] == [("record", "a")]
    assert pickle.loads(changes.puts[0][2]) == Record("a", {"x"})  # the codec reads only emulator records
    assert not journal.drain()  # drained: the next commit starts empty


def test_deleting_a_reached_record_only_deletes_it() -> None:
    journal = Journal()
    records: TrackedDict[Record] = TrackedDict("record", Tracker(journal))
    records.put_loaded("a", Record("a"))
    records["a"].name = "changed"
    del records["a"]
    records["b"] = Record("b")
    journal.deleted_prefix("user", "pool1/")
    changes = journal.drain()
    assert changes.deletes == [("record", "a")]
    assert [key for _, key, _ in changes.puts] == ["b"]
    assert changes.prefix_deletes == [("user", "pool1/")]


def test_without_a_journal_nothing_is_noted() -> None:
    records: TrackedDict[Record] = TrackedDict("record", Tracker(None))
    records["a"] = Record("a")
    assert records.get("a") == Record("a")


@dataclass(slots=True)
class Grown:
    """``Record`` as a later version might define it: a field added with a default."""

    name: str
    tags: set[str] = field(default_factory=set)
    level: int = 3


def test_records_are_written_by_field_name() -> None:
    group = Group("admins", "us-east-1_x", 1.0, 2.0, description="all of them", precedence=3)
    assert codec.loads(codec.dumps(group)) == group
    assert codec._rebuild(Grown, {"name": "a", "tags": {"t"}}) == Grown("a", {"t"}, 3)  # added field: default
    assert codec._rebuild(Record, {"name": "a", "tags": set(), "gone": 1}) == Record("a")  # removed field: ignored


def test_a_field_holding_its_empty_default_is_left_out_of_the_row() -> None:
    password = StoredPassword(b"s", b"h", b"r", 7, 1.0)
    plain = User("a", "sub-a", {"sub": "sub-a"}, "CONFIRMED", 1.0, 1.0, password=password)
    assert codec.reduction(plain)[1] == (User, {"username": "a", "sub": "sub-a", "attributes": {"sub": "sub-a"},
                                               "status": "CONFIRMED", "created": 1.0, "modified": 1.0,
                                               "enabled": True, "password": password, "mfa": plain.mfa})
    assert codec.reduction(password)[1][1]["iterations"] == 100  # not an empty default: always written
    assert "temporary" not in codec.reduction(password)[1][1]
    again = codec.loads(codec.dumps(plain))
    assert again == plain and again.codes is not codec.loads(codec.dumps(plain)).codes  # fresh per record
    older_row = {spec.name: getattr(plain, spec.name) for spec in fields(User)}
    assert codec._rebuild(User, older_row) == plain  # a row of every field, as before, still reads
    busy = User("b", "sub-b", {}, "CONFIRMED", 1.0, 1.0, enabled=False, failed_sign_ins=2, scheduled_risk=["high"])
    assert codec.loads(codec.dumps(busy)) == busy
    odd = User("c", "sub-c", {}, "CONFIRMED", 1.0, 1.0, failed_sign_ins=False)  # type: ignore[arg-type]
    assert codec.loads(codec.dumps(odd)).failed_sign_ins is False  # not the default's type: kept


class NotARecord:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, ("echo pwned",)


def test_a_row_cannot_name_anything_but_the_emulators_records() -> None:
    with pytest.raises(codec.CorruptRecord, match="not one of the emulator's records"):
        codec.loads(pickle.dumps(NotARecord()))
    with pytest.raises(codec.CorruptRecord, match="cannot be read"):
        codec.loads(b"\x80\x05K")


def _changes(*puts: tuple[str, str, bytes]) -> Changes:
    return Changes(puts=list(puts))


def test_commits_survive_a_reopen(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "s")
    store.commit(_changes(("user", "p/1", b"one"), ("user", "p/2", b"two")))
    store.commit(Changes(deletes=[("user", "p/1")]))
    store.close()
    again = SqliteStore(tmp_path / "s")
    assert list(again.rows()) == [("user", "p/2", b"two")]
    again.close()


def test_frames_the_database_never_got_are_applied_on_start(tmp_path: Path) -> None:
    """As after ``kill -9`` between the log write and the applier's transaction: frames beyond
    the database's applied sequence are applied; a torn last frame (never acknowledged) is not."""
    directory = tmp_path / "s"
    SqliteStore(directory).close()
    log = ChangeLog(directory / LOG)
    log.append(1, _changes(("user", "p/1", b"one")))
    log.append(2, _changes(("user", "p/2", b"two")))
    log.close()
    with open(directory / LOG, "ab") as torn:
        torn.write(b"\x00\x00\x01\x00" + b"\x00" * 10)

    reader = SqliteStore(directory, readonly=True)  # an export of the crashed dir sees them too
    assert sorted(reader.rows()) == [("user", "p/1", b"one"), ("user", "p/2", b"two")]
    reader.close()
    store = SqliteStore(directory)
    assert sorted(store.rows()) == [("user", "p/1", b"one"), ("user", "p/2", b"two")]
    assert (directory / LOG).stat().st_size == 0  # applied, then emptied
    store.commit(_changes(("user", "p/3", b"three")))  # numbering goes on after the recovered frames
    store.close()
    again = SqliteStore(directory)
    assert sorted(key for _, key, _ in again.rows()) == ["p/1", "p/2", "p/3"]
    again.close()


def test_loading_a_large_state_reports_progress(caplog: pytest.LogCaptureFixture,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from emulator.runtime import new_state
    from emulator.state import root

    monkeypatch.setattr(root, "PROGRESS_EVERY", 2)
    rows = [("meta", f"m{i}", codec.dumps(i)) for i in range(5)]
    with caplog.at_level("INFO", logger="emulator.state"):
        new_state(Tracker(None)).load_rows(rows)
    messages = [r.getMessage() for r in caplog.records]
    assert messages[:2] == ["loading state: 2 records so far", "loading state: 4 records so far"]
    assert messages[2].startswith("loaded 5 records in ")
