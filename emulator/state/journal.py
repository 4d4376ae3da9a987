"""Which records a request changed, so that a durable store writes only those.

Operations change records in place (``user.status = ...``), so nothing tells the store what
changed. Instead every way *to* a record notes it: a tracked container (``TrackedDict``, the
user directory) reports the records it hands out (``seen``), stores (``written``) and drops
(``deleted``). A seen record is encoded then, and again at commit; only a record whose bytes
differ is written. A read-only request writes nothing, and a write costs the same at 100 and at
100k users. Without a durable store the journal is off and tracking costs one attribute test.

Rule for code that changes records: reach the record through its container (``get``, ``by_sub``,
``[]``) *before* changing it, never through an iteration (``values()``, ``members()``), or call
``tracker.seen`` first yourself. One exception, for speed: user pools are read by every request
and encoding one costs ~40 us, so their container does not report reads; code that changes a
pool's own fields, clients or groups calls ``UserPoolStore.changed(pool)``. The e2e suite run
with ``E2E_DURABLE=1`` compares the store with memory after every commit and catches a miss.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from emulator.state import codec

Key = tuple[str, str]  # (kind, key)
V = TypeVar("V")


@dataclass(slots=True)
class Changes:
    """One commit's worth: rows to write and rows to delete (prefix deletes applied first)."""

    puts: list[tuple[str, str, bytes]] = field(default_factory=list)
    deletes: list[Key] = field(default_factory=list)
    prefix_deletes: list[Key] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.puts or self.deletes or self.prefix_deletes)


class Journal:
    __slots__ = ("_seen", "_written", "_deleted", "_prefix_deletes")

    def __init__(self) -> None:
        self._seen: dict[Key, tuple[Any, bytes]] = {}
        self._written: dict[Key, Any] = {}
        self._deleted: set[Key] = set()
        self._prefix_deletes: list[Key] = []

    def seen(self, kind: str, key: str, record: Any) -> None:
        item = (kind, key)
        if item not in self._seen and item not in self._written and item not in self._deleted:
            self._seen[item] = (record, codec.dumps(record))

    def written(self, kind: str, key: str, record: Any) -> None:
        item = (kind, key)
        self._seen.pop(item, None)
        self._deleted.discard(item)
        self._written[item] = record

    def deleted(self, kind: str, key: str) -> None:
        item = (kind, key)
        self._seen.pop(item, None)
        self._written.pop(item, None)
        self._deleted.add(item)

    def deleted_prefix(self, kind: str, prefix: str) -> None:
        """Every row of ``kind`` whose key starts with ``prefix`` (a deleted pool's users)."""
        def inside(item: Key) -> bool:
            return item[0] == kind and item[1].startswith(prefix)

        for pending in (self._seen, self._written):
            for item in [item for item in pending if inside(item)]:
                del pending[item]
        self._deleted = {item for item in self._deleted if not inside(item)}
        self._prefix_deletes.append((kind, prefix))

    def drain(self) -> Changes:
        """Everything noted since the last drain, encoded; the journal starts empty again."""
        changes = Changes(deletes=sorted(self._deleted), prefix_deletes=self._prefix_deletes)
        for (kind, key), record in self._written.items():
            changes.puts.append((kind, key, codec.dumps(record)))
        for (kind, key), (record, before) in self._seen.items():
            after = codec.dumps(record)
            if after != before:
                changes.puts.append((kind, key, after))
        self._seen, self._written, self._deleted, self._prefix_deletes = {}, {}, set(), []
        return changes


class Guard(Protocol):
    """Told of every record handed out, before it can change (the lazy start snapshot)."""

    def seen(self, kind: str, key: str, record: Any) -> None: ...


class Tracker:
    """Shared by every tracked container of one state; ``journal`` is None when nothing is durable.
    ``guard``: see state/start_snapshot.py."""

    __slots__ = ("journal", "guard")

    def __init__(self, journal: Journal | None = None) -> None:
        self.journal = journal
        self.guard: Guard | None = None

    def seen(self, kind: str, key: str, record: Any) -> None:
        if self.journal is not None:
            self.journal.seen(kind, key, record)
        if self.guard is not None:
            self.guard.seen(kind, key, record)

    def written(self, kind: str, key: str, record: Any) -> None:
        if self.journal is not None:
            self.journal.written(kind, key, record)

    def deleted(self, kind: str, key: str) -> None:
        if self.journal is not None:
            self.journal.deleted(kind, key)

    def deleted_prefix(self, kind: str, prefix: str) -> None:
        if self.journal is not None:
            self.journal.deleted_prefix(kind, prefix)


_MISSING: Any = object()


class TrackedDict(dict[str, V]):
    """A dict of records by id that reports every record it hands out, stores or drops.

    ``values()`` / ``items()`` / iteration do not report: they are for reading (listing)."""

    __slots__ = ("kind", "tracker", "report_reads")

    def __init__(self, kind: str, tracker: Tracker, *, report_reads: bool = True) -> None:
        super().__init__()
        self.kind = kind
        self.tracker = tracker
        self.report_reads = report_reads  # False: the owner reports changes itself (hot, large records)

    def __getitem__(self, key: str) -> V:
        value = dict.__getitem__(self, key)
        if self.report_reads:
            self.tracker.seen(self.kind, key, value)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        value = dict.get(self, key, _MISSING)
        if value is _MISSING:
            return default
        if self.report_reads:
            self.tracker.seen(self.kind, key, value)
        return value

    def __setitem__(self, key: str, value: V) -> None:
        dict.__setitem__(self, key, value)
        self.tracker.written(self.kind, key, value)

    def setdefault(self, key: str, default: Any = None) -> Any:
        if dict.__contains__(self, key):
            return self[key]
        self[key] = default
        return default

    def __delitem__(self, key: str) -> None:
        dict.__delitem__(self, key)
        self.tracker.deleted(self.kind, key)

    def pop(self, key: str, default: Any = _MISSING) -> Any:
        if dict.__contains__(self, key):
            self.tracker.deleted(self.kind, key)
            return dict.pop(self, key)
        if default is _MISSING:
            raise KeyError(key)
        return default

    def put_loaded(self, key: str, value: V) -> None:
        """Put a record read from the store (not a change, so not reported)."""
        dict.__setitem__(self, key, value)

    def clear(self) -> None:  # pragma: no cover - containers are replaced, never cleared
        raise NotImplementedError("replace the state instead of clearing a tracked container")

    def update(self, *args: Any, **kwargs: Any) -> None:  # pragma: no cover
        raise NotImplementedError("store records one by one")

    def popitem(self) -> tuple[str, V]:  # pragma: no cover
        raise NotImplementedError("delete records by key")

    def __reduce__(self) -> Any:  # pragma: no cover - records are stored one by one, never the container
        raise TypeError("a TrackedDict is not a record")


