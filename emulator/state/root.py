"""``State``: the one owner of everything that outlives a request.

It is made of parts (the user pools, the identity pools, tags, signing keys, challenge sessions,
the outbox, settings of the emulator itself such as the clock offset); each part keeps its own
records in memory, which is where every request reads them, and says how they become rows
(``records``) and come back (``load`` then ``loaded``). This module knows nothing of Cognito: the
parts are put together in ``emulator.runtime``.

Reset, snapshot, restore and persistence all go through ``rows()`` / ``from_rows``, so there is
one way state becomes bytes and back.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Iterable
from typing import Any, Protocol

from emulator.state import codec
from emulator.state.journal import Tracker

Row = tuple[str, str, bytes]
PROGRESS_EVERY = 25_000  # records between two progress lines while a large state dir loads
log = logging.getLogger("emulator.state")


class Part(Protocol):
    """One area of state, with the row kinds it owns."""

    @property
    def kinds(self) -> tuple[str, ...]:
        """The row kinds this part owns."""
        ...

    def records(self) -> Iterable[tuple[str, str, Any]]:
        """Every record as (kind, key, record), parents before children."""
        ...

    def load(self, kind: str, key: str, record: Any) -> None:
        """Take one record read from rows (no indexes yet)."""
        ...

    def loaded(self) -> None:
        """All rows are in: build the indexes."""
        ...


class State:
    """The parts by name, the tracker they report changes to, and rows in and out."""

    def __init__(self, tracker: Tracker, parts: dict[str, Part]) -> None:
        self.tracker = tracker
        self.parts = parts
        self._by_kind = {kind: part for part in parts.values() for kind in part.kinds}

    def rows(self) -> list[Row]:
        return [(kind, key, codec.dumps(record)) for part in self.parts.values()
                for kind, key, record in part.records()]

    def load_rows(self, rows: Iterable[Row]) -> None:
        """Fill this (new, empty) state from rows; unknown kinds are an error, not silently lost."""
        started = time.monotonic()
        count = 0
        collecting = gc.isenabled()
        gc.disable()  # hundreds of thousands of new objects, none of them garbage: the GC's passes are waste
        try:
            for count, (kind, key, body) in enumerate(rows, 1):
                if count % PROGRESS_EVERY == 0:
                    log.info("loading state: %d records so far", count)
                part = self._by_kind.get(kind)
                if part is None:
                    raise codec.CorruptRecord(f"a stored record is of unknown kind {kind!r}")
                part.load(kind, key, codec.loads(body))
            for part in self.parts.values():
                part.loaded()
        finally:
            if collecting:
                gc.enable()
        if count >= PROGRESS_EVERY:
            log.info("loaded %d records in %.1f s", count, time.monotonic() - started)


