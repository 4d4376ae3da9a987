"""Paging with the operations' own tokens, which only go forward: the page's URL carries the
tokens of the pages before it (``t=...&t=...``), so "previous" is the same URL less one token.
Each page costs one call of the list operation, whatever the collection's size."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.requests import Request

TOKEN_PARAM = "t"
MAX_DEPTH = 500  # a longer trail is a URL nobody clicked their way to


@dataclass(frozen=True, slots=True)
class Trail:
    tokens: tuple[str, ...]

    @classmethod
    def of(cls, request: Request) -> Trail:
        return cls(tuple(token for token in request.query_params.getlist(TOKEN_PARAM) if token)[:MAX_DEPTH])

    @property
    def current(self) -> str | None:
        """The token of this page; None on the first."""
        return self.tokens[-1] if self.tokens else None

    @property
    def number(self) -> int:
        return len(self.tokens) + 1


@dataclass(frozen=True, slots=True)
class Pager:
    number: int
    previous: str | None  # URLs; None where there is no such page
    next: str | None
    first: str | None


def pager(path: str, params: Mapping[str, str], trail: Trail, next_token: str | None) -> Pager:
    """Links to the neighbouring pages, keeping ``params`` (a search) in each."""
    def link(tokens: tuple[str, ...]) -> str:
        query = urlencode([*((k, v) for k, v in params.items() if v), *((TOKEN_PARAM, t) for t in tokens)])
        return f"{path}?{query}" if query else path

    return Pager(
        number=trail.number,
        previous=link(trail.tokens[:-1]) if trail.tokens else None,
        next=link((*trail.tokens, next_token)) if next_token and len(trail.tokens) < MAX_DEPTH else None,
        first=link(()) if len(trail.tokens) > 1 else None,
    )
