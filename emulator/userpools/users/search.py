"""ListUsers ``Filter``: ``<attribute> <op> "<value>"`` with op ``=`` (exact) or ``^=``
(prefix), on the attributes AWS documents as searchable. ``=`` and ``^=`` on an indexed
attribute are answered from the directory's value indexes, so they cost O(matches) (or about
one page, when many users match a prefix) at any pool size.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from emulator.userpools.users.directory import SEARCHABLE, UserDirectory
from emulator.userpools.users.model import User
from emulator.wire.errors import InvalidParameterException

# Attributes AWS lets ListUsers search, besides the indexed ones in SEARCHABLE.
ATTRIBUTES = frozenset({"username", "cognito:user_status", "status", *SEARCHABLE})
_FILTER = re.compile(r'^\s*([\w:]+)\s*(\^=|=)\s*"((?:[^"\\]|\\.)*)"\s*$', re.DOTALL)
PARSE_ERROR = "Error while parsing filter."  # [obs] AWS's answer to a malformed filter


@dataclass(frozen=True, slots=True)
class Filter:
    attribute: str
    prefix: bool  # ^= rather than =
    value: str


def parse_filter(text: str | None) -> Filter | None:
    """None for no filter (absent or blank: every user)."""
    if text is None or not text.strip():
        return None
    match = _FILTER.match(text)
    if match is None:
        raise InvalidParameterException(PARSE_ERROR)
    attribute, operator, raw = match.groups()
    if attribute not in ATTRIBUTES:
        # Custom and other attributes are not searchable (AWS docs); the wording is a guess.
        raise InvalidParameterException(f"Invalid search attribute: {attribute}")
    value = re.sub(r"\\(.)", r"\1", raw, flags=re.DOTALL)
    return Filter(attribute, operator == "^=", value)


def ordered_reader(directory: UserDirectory, search: Filter | None, limit: int
                   ) -> Callable[[str | None], Iterator[User]] | None:
    """A reader of the matching users in username order from a given username, when a page can
    be read that way at the cost of about one page: no filter, a username prefix, or a prefix
    that many users share (then walking the usernames meets a match every few steps). None
    when the filter's own index is cheaper (see ``matching_users``)."""
    if search is None:
        return directory.in_order
    if search.attribute == "username" and search.prefix:
        return lambda start: directory.in_order(start, search.value)
    if search.prefix and search.attribute in SEARCHABLE:
        matches = directory.count_prefix(search.attribute, search.value)
        if matches * matches > (limit + 1) * len(directory):  # dense: the walk stops within a few pages
            return lambda start: (u for u in directory.in_order(start) if _matches(u, search))
    return None


def matching_users(directory: UserDirectory, search: Filter | None) -> Iterable[User]:
    if search is None:
        return directory
    if search.attribute in SEARCHABLE:
        if search.prefix:
            return directory.with_prefix(search.attribute, search.value)
        return directory.with_value(search.attribute, search.value)
    if search.attribute == "username" and not search.prefix:
        user = directory.get(search.value)
        return [user] if user is not None else []
    return [user for user in directory if _matches(user, search)]


def _matches(user: User, search: Filter) -> bool:
    actual, wanted = _value(user, search.attribute), search.value
    if actual is None:
        return False
    if search.attribute == "cognito:user_status":  # case-insensitive (AWS docs)
        actual, wanted = actual.lower(), wanted.lower()
    return actual.startswith(wanted) if search.prefix else actual == wanted


def _value(user: User, attribute: str) -> str | None:
    if attribute == "username":
        return user.username
    if attribute == "status":  # "Enabled" / "Disabled", case-sensitive (AWS docs)
        return "Enabled" if user.enabled else "Disabled"
    if attribute == "cognito:user_status":
        return user.status
    return user.attributes.get(attribute)
