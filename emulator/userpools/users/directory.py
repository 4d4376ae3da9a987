"""Per-pool user index: username, sub, and sign-in aliases, plus an exact-value index on
the attributes ListUsers can filter on, so no lookup scans the users.

Usernames (and alias values) fold case unless the pool is case sensitive.
"""

from __future__ import annotations

from collections.abc import Iterator

from sortedcontainers import SortedList

from emulator.state.journal import Tracker
from emulator.userpools.users.model import User

USER_KIND = "user"  # rows keyed "<pool id>/<sub>"

# Attributes ListUsers can filter on (besides username, status, cognito:user_status).
_LAST = "\U0010ffff"  # above every character: prefix + _LAST bounds the values beginning with prefix
SEARCHABLE = ("email", "phone_number", "name", "given_name", "family_name", "preferred_username", "sub")
_BY_VALUE = SEARCHABLE[:-1]


class UserDirectory:
    """Users are stored one row each (``USER_KIND``); the directory itself is only indexes, so it
    is persisted as its one setting and rebuilt from the user rows."""

    __persisted__ = True

    def __init__(self, case_sensitive: bool = True) -> None:
        self.case_sensitive = case_sensitive
        self.tracker: Tracker | None = None  # set when the pool is stored
        self.pool_id = ""
        self._by_username: dict[str, User] = {}
        self._by_sub: dict[str, User] = {}
        self._by_alias: dict[tuple[str, str], User] = {}
        # value -> its one holder, or its holders by sub when several users share it, for every
        # searchable attribute but ``sub`` itself (``_by_sub``). Most values (an email) have one
        # holder: a dict for each cost ~120 bytes a user (12 MB of RSS at 100k users).
        self._by_value: dict[str, dict[str, User | dict[str, User]]] = {name: {} for name in _BY_VALUE}
        # The same values in order, so a ListUsers ``^=`` filter finds its matches without a scan;
        # built on the first such filter (loading 100k users need not sort them), kept up after.
        self._values_in_order: dict[str, SortedList] = {}
        # group name -> members by sub (insertion ordered), so ListUsersInGroup never scans.
        self._by_group: dict[str, dict[str, User]] = {}
        self._group_order: dict[str, SortedList] = {}  # group -> member usernames in order (paging)
        # Usernames in order: ListUsers pages (no filter, or a username prefix) read only the page.
        self._ordered: SortedList = SortedList()

    def __reduce__(self) -> tuple[type, tuple[bool]]:
        return UserDirectory, (self.case_sensitive,)

    def track(self, tracker: Tracker, pool_id: str) -> None:
        self.tracker, self.pool_id = tracker, pool_id

    def row_key(self, user: User) -> str:
        return f"{self.pool_id}/{user.sub}"

    def _seen(self, user: User | None) -> User | None:
        """Every lookup that can lead to a change reports the user (see state/journal.py)."""
        if user is not None and self.tracker is not None:
            self.tracker.seen(USER_KIND, f"{self.pool_id}/{user.sub}", user)
        return user

    def fold(self, value: str) -> str:
        return value if self.case_sensitive else value.lower()

    def __len__(self) -> int:
        return len(self._by_username)

    def __iter__(self) -> Iterator[User]:
        return iter(self._by_username.values())

    def in_order(self, start: str | None = None, prefix: str = "") -> Iterator[User]:
        """Users by username, from the first not below ``start``, whose username begins with
        ``prefix``: what one ListUsers page needs, without looking at the rest."""
        for name in self._ordered.irange(minimum=max(start or "", prefix)):
            if not name.startswith(prefix):
                return
            yield self._by_username[self.fold(name)]

    def usernames(self) -> list[str]:
        return [user.username for user in self._by_username.values()]

    def get(self, username: str) -> User | None:
        return self._seen(self._by_username.get(self.fold(username)))

    def by_sub(self, sub: str) -> User | None:
        return self._seen(self._by_sub.get(sub))

    def by_alias(self, attribute: str, value: str) -> User | None:
        return self._seen(self._by_alias.get((attribute, self.fold(value))))

    def with_value(self, attribute: str, value: str) -> list[User]:
        """Users whose searchable ``attribute`` equals ``value`` exactly (ListUsers ``=``)."""
        if attribute == "sub":
            user = self._by_sub.get(value)
            return [user] if user is not None else []
        held = self._by_value[attribute].get(value)
        if held is None:
            return []
        return list(held.values()) if isinstance(held, dict) else [held]

    def with_prefix(self, attribute: str, prefix: str) -> list[User]:
        """Users whose searchable ``attribute`` begins with ``prefix`` (ListUsers ``^=``)."""
        return [user for value in self._ordered_values(attribute).irange(prefix, prefix + _LAST)
                if value.startswith(prefix) for user in self.with_value(attribute, value)]

    def count_prefix(self, attribute: str, prefix: str) -> int:
        """How many distinct values begin with ``prefix``: two bisections, no matter how many."""
        ordered = self._ordered_values(attribute)
        return int(ordered.bisect_right(prefix + _LAST) - ordered.bisect_left(prefix))

    def _ordered_values(self, attribute: str) -> SortedList:
        ordered = self._values_in_order.get(attribute)
        if ordered is None:
            values = self._by_sub if attribute == "sub" else self._by_value[attribute]
            ordered = self._values_in_order[attribute] = SortedList(values)
        return ordered

    def members(self, group: str) -> list[User]:
        return list(self._by_group.get(group, {}).values())

    def members_in_order(self, group: str, start: str | None = None) -> Iterator[User]:
        """A group's members by username from the first not below ``start`` (ListUsersInGroup
        reads one page, whatever the group's size)."""
        for name in self._group_order.get(group, SortedList()).irange(minimum=start or ""):
            yield self._by_username[self.fold(name)]

    def join_group(self, user: User, group: str) -> None:
        self._seen(user)
        user.groups = user.groups | {group}
        members = self._by_group.setdefault(group, {})
        if user.sub not in members:
            self._group_order.setdefault(group, SortedList()).add(user.username)
        members[user.sub] = user

    def leave_group(self, user: User, group: str) -> None:
        self._seen(user)
        user.groups = user.groups - {group}
        members = self._by_group.get(group)
        if members is not None and members.pop(user.sub, None) is not None:
            self._group_order[group].discard(user.username)
            if not members:
                del self._by_group[group]
                del self._group_order[group]

    def forget_group(self, group: str) -> None:
        """DeleteGroup: every member leaves it."""
        self._group_order.pop(group, None)
        for user in self._by_group.pop(group, {}).values():
            self._seen(user)
            user.groups = user.groups - {group}

    def add(self, user: User) -> None:
        if self.tracker is not None:
            self.tracker.written(USER_KIND, self.row_key(user), user)
        self.load(user)

    def load(self, user: User) -> None:
        """Index a user (one read from the store: not a change)."""
        self._by_username[self.fold(user.username)] = user
        self._ordered.add(user.username)
        self._index_sub(user)
        self._index_values(user)

    def load_many(self, users: list[User]) -> None:
        """``load`` for a whole pool read at start: the username order is sorted once."""
        for user in users:
            self._by_username[self.fold(user.username)] = user
            self._index_sub(user)
            self._index_values(user)
        self._ordered.update(user.username for user in users)

    def _index_sub(self, user: User) -> None:
        self._by_sub[user.sub] = user
        if "sub" in self._values_in_order:
            self._values_in_order["sub"].add(user.sub)

    def remove(self, user: User) -> None:
        if self.tracker is not None:
            self.tracker.deleted(USER_KIND, self.row_key(user))
        if self._by_username.pop(self.fold(user.username), None) is not None:
            self._ordered.discard(user.username)
        if self._by_sub.pop(user.sub, None) is not None and "sub" in self._values_in_order:
            self._values_in_order["sub"].discard(user.sub)
        for key, _ in self._aliases_of(user):
            self._by_alias.pop(key, None)
        self._unindex_values(user)
        for group in list(user.groups):
            self.leave_group(user, group)

    def set_alias(self, attribute: str, value: str, user: User) -> None:
        self._by_alias[(attribute, self.fold(value))] = user

    def drop_alias(self, attribute: str, value: str, user: User) -> None:
        key = (attribute, self.fold(value))
        if self._by_alias.get(key) is user:
            del self._by_alias[key]

    def reindex(self, user: User, old_attributes: dict[str, str]) -> None:
        """Call after changing ``user.attributes``; ``old_attributes`` is a copy from before."""
        self._unindex_values(user, old_attributes)
        self._index_values(user)

    def _aliases_of(self, user: User) -> list[tuple[tuple[str, str], User]]:
        keys = []
        for attribute in ("email", "phone_number", "preferred_username"):
            value = user.attributes.get(attribute)
            if value is not None:
                key = (attribute, self.fold(value))
                if self._by_alias.get(key) is user:
                    keys.append((key, user))
        return keys

    def _index_values(self, user: User) -> None:
        for attribute in _BY_VALUE:
            value = user.attributes.get(attribute)
            if value is None:
                continue
            index = self._by_value[attribute]
            held = index.get(value)
            if held is None:
                index[value] = user
                if attribute in self._values_in_order:
                    self._values_in_order[attribute].add(value)
            elif isinstance(held, dict):
                held[user.sub] = user
            elif held.sub == user.sub:
                index[value] = user
            else:  # a second holder: from here on, holders by sub, the first one first
                index[value] = {held.sub: held, user.sub: user}

    def _unindex_values(self, user: User, attributes: dict[str, str] | None = None) -> None:
        source = user.attributes if attributes is None else attributes
        for attribute in _BY_VALUE:
            value = source.get(attribute)
            if value is None:
                continue
            index = self._by_value[attribute]
            held = index.get(value)
            if isinstance(held, dict):
                held.pop(user.sub, None)
                if len(held) == 1:
                    index[value] = next(iter(held.values()))
                if held:
                    continue
            elif held is None or held.sub != user.sub:
                continue
            del index[value]
            if attribute in self._values_in_order:
                self._values_in_order[attribute].discard(value)
