"""Opaque pagination tokens over an ordered collection, as AWS list operations page."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import TypeVar

from emulator.wire.errors import InvalidParameterException

T = TypeVar("T")


def paginate(keys: Sequence[str], items: Sequence[T], limit: int, token: str | None,
             token_name: str = "NextToken") -> tuple[list[T], str | None]:
    """Return one page and the token for the next (``None`` on the last page).

    The token names the first key of the next page, so items added or removed between
    calls never make a chain repeat an item."""
    start = 0
    if token:
        start = _decode(token, token_name, keys)
    end = start + limit
    page = list(items[start:end])
    next_token = _encode(keys[end]) if end < len(keys) else None
    return page, next_token


def _encode(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode()).decode()


def _decode(token: str, token_name: str, keys: Sequence[str]) -> int:
    try:
        key = base64.urlsafe_b64decode(token.encode()).decode()
        return list(keys).index(key)
    except (ValueError, UnicodeDecodeError):
        raise InvalidParameterException(f"Invalid {token_name} provided.") from None
