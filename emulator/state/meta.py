"""Settings of the emulator itself that are state: the clock's offset and the refresh-token key.

Both must survive a restart: a moved clock stays moved (codes and tokens issued "in the future"
stay valid), and refresh tokens are sealed with the key, so a new key would kill every session.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from emulator.state.journal import Tracker

META_KIND = "meta"
CLOCK_OFFSET = "clock_offset"
REFRESH_KEY = "refresh_token_key"


class Meta:
    kinds: tuple[str, ...] = (META_KIND,)

    def __init__(self, tracker: Tracker) -> None:
        self._values: dict[str, Any] = {}
        self._tracker = tracker

    def get(self, name: str, default: Any = None) -> Any:
        return self._values.get(name, default)

    def set(self, name: str, value: Any) -> None:
        self._values[name] = value
        self._tracker.written(META_KIND, name, value)

    def records(self) -> Iterable[tuple[str, str, Any]]:
        for name, value in self._values.items():
            yield META_KIND, name, value

    def load(self, kind: str, key: str, record: Any) -> None:
        self._values[key] = record

    def loaded(self) -> None:
        pass
