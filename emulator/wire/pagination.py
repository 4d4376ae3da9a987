"""Opaque pagination tokens over a keyed collection, as AWS list operations page."""

from __future__ import annotations

import base64
import binascii
import heapq
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import TypeVar

from emulator.wire.errors import InvalidParameterException

T = TypeVar("T")


def paginate(keys: Sequence[str], items: Sequence[T], limit: int, token: str | None,
             token_name: str = "NextToken") -> tuple[list[T], str | None]:
    """Return one page (items in key order) and the token for the next (``None`` on the last page).

    The token names the first key of the next page and that page starts at the first key
    not below it, so a chain never repeats an item and never skips one that survives,
    even when items (the named one included) are added or removed between calls.
    ``limit`` must be at least 1: an operation maps AWS's optional 0 to its default first."""
    if limit < 1:
        raise ValueError("page size must be at least 1")
    positions: Iterable[int] = range(len(keys))
    if token:
        first = _decode(token, token_name)
        positions = (i for i in positions if keys[i] >= first)
    # The smallest limit+1 keys, not a full sort: ListUsers pages through 100k users.
    chosen = heapq.nsmallest(limit + 1, positions, key=keys.__getitem__)
    page = [items[i] for i in chosen[:limit]]
    next_token = _encode(keys[chosen[limit]], token_name) if len(chosen) > limit else None
    return page, next_token


def paginate_ordered(ordered: Callable[[str | None], Iterator[T]], key: Callable[[T], str], limit: int,
                     token: str | None, token_name: str = "NextToken") -> tuple[list[T], str | None]:
    """``paginate`` over a collection that can list itself in key order from a given key: the
    same tokens and guarantees, at the cost of one page whatever the collection's size."""
    if limit < 1:
        raise ValueError("page size must be at least 1")
    chosen = list(islice(ordered(_decode(token, token_name) if token else None), limit + 1))
    next_token = _encode(key(chosen[limit]), token_name) if len(chosen) > limit else None
    return chosen[:limit], next_token


def _encode(key: str, token_name: str) -> str:
    return base64.urlsafe_b64encode(f"{token_name}:{key}".encode()).decode()


def _decode(token: str, token_name: str) -> str:
    """The key a token of ours names; anything else is AWS's invalid-token error."""
    try:
        text = base64.urlsafe_b64decode(token.encode("ascii")).decode()
    except (binascii.Error, ValueError):  # UnicodeError is a ValueError
        text = ""
    prefix = f"{token_name}:"
    if not text.startswith(prefix):
        raise InvalidParameterException(f"Invalid {token_name} provided.")
    return text[len(prefix):]
