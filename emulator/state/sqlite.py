"""The durable store of record: one SQLite file (WAL) in the state dir, one row per record.

* Every commit is on disk before the response that acknowledges it is sent: appended to the
  change log (``changelog.py``, one ``write``), then applied to SQLite by a thread of its own,
  several commits per transaction. That survives the process being killed (``kill -9``) at any
  point: the next start applies what the log holds beyond what SQLite had. SQLite runs in WAL
  mode with ``synchronous=NORMAL``: only a power cut or OS crash could lose the newest commits,
  and then the file is still consistent.
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
import logging
import os
import queue
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Protocol

from emulator.state.changelog import ChangeLog
from emulator.state.journal import Changes

SCHEMA_VERSION = 1
DATABASE = "state.sqlite3"
LOG = "changes.log"
LOCK = "lock"
_BATCH = 256  # commits applied in one SQLite transaction at most

log = logging.getLogger("emulator.state")


class StateDirError(Exception):
    """The state dir cannot be used; the message says why and what to do."""


class DurableStore(Protocol):
    def is_new(self) -> bool: ...
    def commit(self, changes: Changes) -> None: ...
    def flush(self) -> None: ...
    def rows(self) -> Iterator[tuple[str, str, bytes]]: ...
    def replace_all(self, rows: list[tuple[str, str, bytes]]) -> None: ...
    def save_snapshot(self, name: str, blob: bytes) -> None: ...
    def snapshot(self, name: str) -> bytes | None: ...
    def close(self) -> None: ...


class SqliteStore:
    """``DurableStore`` on one SQLite file; ``readonly`` for ``cognito-emulator export``."""

    def __init__(self, directory: Path, *, readonly: bool = False) -> None:
        self.directory = directory
        self._lock: IO[str] | None = None
        self._log: ChangeLog | None = None
        self._db_lock = threading.Lock()  # the applier thread and the loop share one connection
        self._applied_changed = threading.Condition()
        self._queue: queue.SimpleQueue[tuple[int, Changes] | None] = queue.SimpleQueue()
        self._applier: threading.Thread | None = None
        self._failure: BaseException | None = None
        self._next = self._applied = 0
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
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            if self._new:
                self._create()
            else:
                self._check_version()
        except sqlite3.DatabaseError as error:
            self.close()
            raise StateDirError(f"{directory} is not an emulator state dir ({error})") from None
        except StateDirError:
            self.close()
            raise
        finally:
            os.umask(old_umask)
        self._log = ChangeLog(directory / LOG)
        self._recover()
        for name in os.listdir(directory):
            os.chmod(directory / name, 0o600)
        self._applier = threading.Thread(target=self._apply_forever, name="state-applier", daemon=True)
        self._applier.start()

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
        self._applied = self._stored_applied()
        pending = [(sequence, changes) for sequence, changes in self._log.frames() if sequence > self._applied]
        if pending:
            with self._transaction():
                for _, changes in pending:
                    self._write(changes)
                self._set_applied(pending[-1][0])
            self._applied = pending[-1][0]
        self._log.truncate()
        self._next = self._applied + 1

    def _set_applied(self, sequence: int) -> None:
        self._db.execute("INSERT INTO meta VALUES ('applied', ?)"
                         " ON CONFLICT (name) DO UPDATE SET value = excluded.value", (str(sequence),))

    def _stored_applied(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE name = 'applied'").fetchone()
        return int(row[0]) if row else 0

    def commit(self, changes: Changes) -> None:
        """Durable when this returns: in the change log; SQLite catches up on the applier thread."""
        if self._failure is not None:
            raise StateDirError(f"the state dir stopped taking writes: {self._failure}")
        assert self._log is not None
        sequence, self._next = self._next, self._next + 1
        self._log.append(sequence, changes)
        self._queue.put((sequence, changes))

    def _apply_forever(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            batch = [item]
            while len(batch) < _BATCH:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._queue.put(None)
                    break
                batch.append(more)
            try:
                with self._db_lock, self._transaction():
                    for _, changes in batch:
                        self._write(changes)
                    self._set_applied(batch[-1][0])
            except BaseException as error:  # a full disk, a broken file: stop, and say so on the next write
                log.exception("applying changes to the state dir failed; they stay in %s", LOG)
                self._failure = error
            with self._applied_changed:
                self._applied = batch[-1][0]
                self._applied_changed.notify_all()
            if self._failure is None and self._log is not None:
                self._log.truncate_if_applied(self._applied)

    def flush(self) -> None:
        """Wait until SQLite holds every commit made so far (before reading or replacing rows)."""
        if self._applier is None:
            return
        with self._applied_changed:
            self._applied_changed.wait_for(lambda: self._applied >= self._next - 1)
        if self._failure is not None:
            raise StateDirError(f"the state dir stopped taking writes: {self._failure}")

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
        self.flush()
        with self._db_lock:
            stored = self._db.execute("SELECT kind, key, body FROM records ORDER BY rowid").fetchall()
        if self._applier is None:
            stored = _with_log(stored, self.directory / LOG, self._stored_applied())
        yield from stored

    def replace_all(self, rows: list[tuple[str, str, bytes]]) -> None:
        self.flush()
        with self._db_lock, self._transaction():
            self._db.execute("DELETE FROM records")
            self._db.executemany("INSERT INTO records (kind, key, body) VALUES (?, ?, ?)", rows)

    def save_snapshot(self, name: str, blob: bytes) -> None:
        with self._db_lock, self._transaction():
            self._db.execute("INSERT INTO snapshots VALUES (?, ?)"
                             " ON CONFLICT (name) DO UPDATE SET body = excluded.body", (name, blob))

    def snapshot(self, name: str) -> bytes | None:
        with self._db_lock:
            row = self._db.execute("SELECT body FROM snapshots WHERE name = ?", (name,)).fetchone()
        return None if row is None else bytes(row[0])

    def close(self) -> None:
        if self._applier is not None:
            self.flush()
            self._queue.put(None)
            self._applier.join()
            self._applier = None
        if self._log is not None:
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
