"""The start state that ``reset`` returns to, kept in memory without encoding every record at once.

Without a state dir the start snapshot used to be every record encoded at start: ~25 us and
~1 KB per user, a sixth of loading a 100k-user seed and a third of its memory, for users most
runs never touch. Here the records of ``lazy_kinds`` (users) are kept by reference, and each is
encoded just before it can first change: the containers report every record they hand out
(``Tracker.seen``, see journal.py), and this snapshot is the tracker's ``guard``. A record
replaced or deleted is not changed in place, so the reference still shows its start state. Every
other kind (few records, some changed without a report) is encoded at once, as before.

The first restore encodes whatever is left and from then on the snapshot is plain rows (and the
guard is removed): the records it referred to are no longer live, so nothing can change them.
"""

from __future__ import annotations

from typing import Any

from emulator.state import codec
from emulator.state.root import Row, State


class StartSnapshot:
    """Rows of the start state, encoded on first hand-out or at the first restore."""

    def __init__(self, state: State, lazy_kinds: frozenset[str]) -> None:
        self._entries: list[list[Any]] = []  # [kind, key, record or None, bytes or None], in row order
        self._pending: dict[tuple[str, str], list[Any]] = {}  # entries still holding a live record
        for part in state.parts.values():
            for kind, key, record in part.records():
                if kind in lazy_kinds:
                    entry = [kind, key, record, None]
                    self._pending[(kind, key)] = entry
                else:
                    entry = [kind, key, None, codec.dumps(record)]
                self._entries.append(entry)
        self._tracker = state.tracker
        if self._pending:
            state.tracker.guard = self

    def seen(self, kind: str, key: str, record: Any) -> None:
        """A record is handed out and may change next: encode it first, if it is a start record."""
        entry = self._pending.get((kind, key))
        if entry is not None and entry[2] is record:
            entry[3], entry[2] = codec.dumps(record), None
            del self._pending[(kind, key)]

    def detach(self) -> None:
        """Replaced by a newer start state: stop listening (and holding the old records)."""
        if self._tracker.guard is self:
            self._tracker.guard = None
        self._pending.clear()
        self._entries.clear()

    def rows(self) -> list[Row]:
        """Every row of the start state; from now on the snapshot holds only bytes."""
        for entry in self._pending.values():
            entry[3], entry[2] = codec.dumps(entry[2]), None
        self._pending.clear()
        if self._tracker.guard is self:
            self._tracker.guard = None
        return [(kind, key, body) for kind, key, _, body in self._entries]
