"""The durable store of record: one SQLite file (WAL) in the state dir, one row per record.

* Every commit is on disk before the response that acknowledges it is sent: appended to the
  change log (``changelog.py``: one ``write``, ~2 us, where a SQLite transaction costs 25-50 us).
  That survives the process being killed (``kill -9``) at any point. The commits are applied to
  SQLite in batches, one transaction per batch, a moment later on the event loop (``apply``,
  scheduled by the runtime) or at once when something reads the rows; the next start applies
  whatever the log holds beyond what SQLite had. SQLite runs in WAL mode with
  ``synchronous=NORMAL``: only a power cut or OS crash could lose the newest commits, and then
  the file is still consistent. (A thread applying them was tried: it competes with the loop
  for the GIL and made every write slower.)
* The directory is 0700 and every file in it 0600: it holds private keys, the refresh-token
  key, TOTP secrets and password hashes.
* ``schema_version`` guards the row format; a different version is refused with a message.
* A second emulator on the same directory is refused: the first holds an exclusive ``flock``
  on ``lock`` for as long as it runs (the OS drops it if the process dies).

The interface (``DurableStore``) is what a shared backend (PostgreSQL, for several replicas)
would implement; see the README's architecture section.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Protocol

from emulator.state.changelog import ChangeLog
from emulator.state.errors import StateDirError
from emulator.state.journal import Changes

SCHEMA_VERSION = 1
DATABASE = "state.sqlite3"
LOG = "changes.log"
LOCK = "lock"


class DurableStore(Protocol):
    def is_new(self) -> bool: ...
    def commit(self, changes: Changes) -> None: ...
    def apply(self) -> None: ...
    def rows(self) -> Iterator[tuple[str, str, bytes]]: ...
    def replace_all(self, rows: list[tuple[str, str, bytes]]) -> None: ...
    def save_snapshot(self, name: str, blob: bytes) -> None: ...
    def snapshot(self, name: str) -> bytes | None: ...
    def snapshot_names(self) -> list[str]: ...
    def close(self) -> None: ...


class SqliteStore:
    """``DurableStore`` on one SQLite file; ``readonly`` for ``cognito-emulator export``."""

    def __init__(self, directory: Path, *, readonly: bool = False) -> None:
        self.directory = directory
        self._lock: IO[str] | None = None
        self._log: ChangeLog | None = None
        self._pending: list[tuple[int, Changes]] = []  # in the log, not yet in SQLite
        self._next = 0
        if readonly:
            path = directory / DATABASE
            if not path.exists():
                raise StateDirError(f"{directory} holds no emulator state ({DATABASE} is missing)")
            self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
            self._new = False
            self._check_version()
            return
        _private_dir(directory)
        self._lock = _take_lock(directory / LOCK)
        path = directory / DATABASE
        self._new = not path.exists()
        old_umask = os.umask(0o077)  # the -wal and -shm files SQLite creates are owner-only too
        try:
            self._db = sqlite3.connect(path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            if self._new:
                self._create()
            else:
                self._check_version()
            self._log = ChangeLog(directory / LOG)
        except sqlite3.DatabaseError as error:
            self.close()
            raise StateDirError(f"{directory} is not an emulator state dir ({error})") from None
        except StateDirError:
            self.close()
            raise
        finally:
            os.umask(old_umask)
        self._recover()
        for name in os.listdir(directory):
            os.chmod(directory / name, 0o600)

    def is_new(self) -> bool:
        return self._new

    def _create(self) -> None:
        with self._transaction():
            self._db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
            self._db.execute("CREATE TABLE records (kind TEXT NOT NULL, key TEXT NOT NULL, body BLOB NOT NULL,"
                             " PRIMARY KEY (kind, key))")
            self._db.execute("CREATE TABLE snapshots (name TEXT PRIMARY KEY, body BLOB NOT NULL)")
            self._db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    def _check_version(self) -> None:
        try:
            row = self._db.execute("SELECT value FROM meta WHERE name = 'schema_version'").fetchone()
        except sqlite3.DatabaseError as error:
            raise StateDirError(f"{self.directory} is not an emulator state dir ({error})") from None
        version = row[0] if row else None
        if version != str(SCHEMA_VERSION):
            raise StateDirError(
                f"{self.directory} holds state of schema version {version}, this emulator reads version "
                f"{SCHEMA_VERSION}; use an emulator of that version (its 'export' gives a seed file), "
                "or start with a new --state-dir")

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    def _recover(self) -> None:
        """Apply what the change log holds beyond what SQLite had (a crash, or ``kill -9``)."""
        assert self._log is not None
        applied = self._stored_applied()
        self._pending = [(sequence, changes) for sequence, changes in self._log.frames() if sequence > applied]
        self._next = (self._pending[-1][0] if self._pending else applied) + 1
        self.apply()
        self._log.truncate()

    def _stored_applied(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE name = 'applied'").fetchone()
        return int(row[0]) if row else 0

    def commit(self, changes: Changes) -> None:
        """Durable when this returns (in the change log); SQLite gets it at the next ``apply``."""
        assert self._log is not None
        sequence, self._next = self._next, self._next + 1
        self._log.append(sequence, changes)
        self._pending.append((sequence, changes))

    def apply(self) -> None:
        """Every commit not yet in SQLite, in one transaction; then a long log is emptied."""
        if not self._pending:
            return
        with self._transaction():
            for _, changes in self._pending:
                self._write(changes)
            self._db.execute("INSERT INTO meta VALUES ('applied', ?) ON CONFLICT (name)"
                             " DO UPDATE SET value = excluded.value", (str(self._pending[-1][0]),))
        self._pending = []
        if self._log is not None:
            self._log.truncate_if_long()

    def _write(self, changes: Changes) -> None:
        for kind, prefix in changes.prefix_deletes:
            self._db.execute("DELETE FROM records WHERE kind = ? AND substr(key, 1, ?) = ?",
                             (kind, len(prefix), prefix))
        if changes.deletes:
            self._db.executemany("DELETE FROM records WHERE kind = ? AND key = ?", changes.deletes)
        if changes.puts:
            self._db.executemany(
                "INSERT INTO records (kind, key, body) VALUES (?, ?, ?)"
                " ON CONFLICT (kind, key) DO UPDATE SET body = excluded.body", changes.puts)

    def rows(self) -> Iterator[tuple[str, str, bytes]]:
        """Every record in write order (rowid), so insertion-ordered containers keep their order.
        Read-only (export), the change log's frames beyond SQLite are laid over them."""
        self.apply()
        cursor = self._db.execute("SELECT kind, key, body FROM records ORDER BY rowid")
        if self._log is None:  # read-only: the log belongs to the emulator that wrote it
            yield from _with_log(cursor.fetchall(), self.directory / LOG, self._stored_applied())
            return
        while chunk := cursor.fetchmany(1000):  # streamed: a 100k-user state is ~150 MB of rows
            yield from chunk

    def replace_all(self, rows: list[tuple[str, str, bytes]]) -> None:
        self.apply()
        with self._transaction():
            self._db.execute("DELETE FROM records")
            self._db.executemany("INSERT INTO records (kind, key, body) VALUES (?, ?, ?)", rows)

    def save_snapshot(self, name: str, blob: bytes) -> None:
        with self._transaction():
            self._db.execute("INSERT INTO snapshots VALUES (?, ?)"
                             " ON CONFLICT (name) DO UPDATE SET body = excluded.body", (name, blob))

    def snapshot(self, name: str) -> bytes | None:
        row = self._db.execute("SELECT body FROM snapshots WHERE name = ?", (name,)).fetchone()
        return None if row is None else bytes(row[0])

    def snapshot_names(self) -> list[str]:
        return [name for (name,) in self._db.execute("SELECT name FROM snapshots ORDER BY name")]

    def close(self) -> None:
        if self._log is not None:
            self.apply()
            self._log.close()
            self._log = None
        if hasattr(self, "_db"):
            self._db.close()
        if self._lock is not None:
            self._lock.close()
            self._lock = None


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN")  # deferred: the flock makes this the only writer

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        self._db.execute("COMMIT" if kind is None else "ROLLBACK")


def _with_log(rows: list[tuple[str, str, bytes]], path: Path, applied: int) -> list[tuple[str, str, bytes]]:
    """``rows`` with the change log's frames after ``applied`` laid over them, in memory."""
    if not path.exists():
        return rows
    by_key = {(kind, key): body for kind, key, body in rows}
    for sequence, changes in ChangeLog.read(path):
        if sequence <= applied:
            continue
        for kind, prefix in changes.prefix_deletes:
            by_key = {k: v for k, v in by_key.items() if not (k[0] == kind and k[1].startswith(prefix))}
        for item in changes.deletes:
            by_key.pop(tuple(item), None)  # type: ignore[arg-type]
        for kind, key, body in changes.puts:
            by_key[(kind, key)] = body
    return [(kind, key, body) for (kind, key), body in by_key.items()]


def _private_dir(directory: Path) -> None:
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(directory, 0o700)
    except OSError as error:
        raise StateDirError(f"cannot use {directory} as the state dir: {error.strerror}") from None
    if not directory.is_dir():
        raise StateDirError(f"{directory} is not a directory")


def _take_lock(path: Path) -> IO[str]:
    handle = open(path, "a+")  # noqa: SIM115 - held open for the life of the store
    os.chmod(path, 0o600)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.seek(0)
        holder = handle.read().strip() or "unknown"
        handle.close()
        raise StateDirError(f"{path.parent} is in use by another emulator (pid {holder}); "
                            "stop it or give this one another --state-dir") from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle
