"""Time, injectable so tests can advance it (expire codes, tokens, sessions)."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds since the epoch."""
        ...


class SystemClock:
    def now(self) -> float:
        return time.time()


class OffsetClock:
    """Real time plus an offset that ``advance`` moves forward (the emulator's control API uses it)."""

    def __init__(self, base: Clock | None = None) -> None:
        self._base = base or SystemClock()
        self.offset = 0.0

    def now(self) -> float:
        return self._base.now() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds


class FixedClock:
    """A clock that only moves when told to: unit tests."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += seconds
