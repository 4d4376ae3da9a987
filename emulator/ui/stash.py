"""A small bounded store of values kept between a POST and the page it redirects to (flash
messages, a token being inspected), so neither travels in a URL or a cookie's content."""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, TypeVar

from emulator.state.ids import urlsafe_token

T = TypeVar("T")


class Stash(Generic[T]):
    """The oldest entries are dropped beyond ``capacity``: the dashboard never grows with use."""

    def __init__(self, capacity: int = 100) -> None:
        self._capacity = capacity
        self._items: OrderedDict[str, T] = OrderedDict()

    def put(self, value: T) -> str:
        key = urlsafe_token(12)
        self._items[key] = value
        while len(self._items) > self._capacity:
            self._items.popitem(last=False)
        return key

    def get(self, key: str | None) -> T | None:
        return self._items.get(key) if key else None

    def take(self, key: str | None) -> T | None:
        """The value, once: a flash message shows on the next page only."""
        return self._items.pop(key, None) if key else None
