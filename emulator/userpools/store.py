"""The user-pool service's part of the state: pools (each with its clients, groups and users),
domains, and the client id -> pool index that operations naming only a ClientId need.

A pool is one row (``pool``) without its users; each user is a row of its own (``user``, keyed
``<pool id>/<sub>``), so changing one user writes one small row whatever the pool's size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from emulator.state.journal import TrackedDict, Tracker
from emulator.state.tags import TagStore
from emulator.userpools.model import Domain, UserPool
from emulator.userpools.users.directory import USER_KIND
from emulator.userpools.users.model import User

POOL_KIND = "pool"
DOMAIN_KIND = "domain"


class PoolDict(TrackedDict[UserPool]):
    """Storing a pool hands its user directory the tracker (and writes the users it already
    holds: a seeded pool is built before it is stored); deleting one deletes its users' rows.

    Reads are not reported: every request reads its pool, few change it, and encoding a pool
    (schema, clients, groups) twice per request would cost more than the rest of the write path.
    Code that changes a pool's own fields, clients or groups calls ``UserPoolStore.changed``."""

    def __init__(self, kind: str, tracker: Tracker) -> None:
        super().__init__(kind, tracker, report_reads=False)

    def __setitem__(self, key: str, pool: UserPool) -> None:
        super().__setitem__(key, pool)
        pool.users.track(self.tracker, key)
        for user in pool.users:
            self.tracker.written(USER_KIND, pool.users.row_key(user), user)

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self.tracker.deleted_prefix(USER_KIND, f"{key}/")


class UserPoolStore:
    kinds: tuple[str, ...] = (POOL_KIND, USER_KIND, DOMAIN_KIND)

    def __init__(self, tracker: Tracker, index_users: Callable[[UserPool, list[User]], None], tags: TagStore
                 ) -> None:
        self.user_pools: PoolDict = PoolDict(POOL_KIND, tracker)
        # client id -> pool id, so a ClientId alone (InitiateAuth, SignUp) finds its pool.
        self.client_pool: dict[str, str] = {}
        # domain name -> domain (prefix and custom domains are unique across the region).
        self.domains: TrackedDict[Domain] = TrackedDict(DOMAIN_KIND, tracker)
        self.tags = tags  # the one tag store, shared with the identity service
        self._tracker = tracker
        self._index_users = index_users  # the directory's indexes and the pool's alias rules
        self._loaded_users: list[tuple[str, User]] = []

    def changed(self, pool: UserPool) -> None:
        """The pool's settings, clients, groups or revocations changed: write its row."""
        self._tracker.written(POOL_KIND, pool.id, pool)

    def records(self) -> Iterable[tuple[str, str, Any]]:
        for pool_id, pool in self.user_pools.items():
            yield POOL_KIND, pool_id, pool
            for user in pool.users:
                yield USER_KIND, f"{pool_id}/{user.sub}", user
        for name, domain in self.domains.items():
            yield DOMAIN_KIND, name, domain

    def load(self, kind: str, key: str, record: Any) -> None:
        if kind == POOL_KIND:
            self.user_pools.put_loaded(key, record)
            record.users.track(self._tracker, key)
            for client_id in record.clients:
                self.client_pool[client_id] = key
        elif kind == USER_KIND:
            self._loaded_users.append((key.partition("/")[0], record))
        else:
            self.domains.put_loaded(key, record)

    def loaded(self) -> None:
        by_pool: dict[str, list[User]] = {}
        for pool_id, user in self._loaded_users:
            by_pool.setdefault(pool_id, []).append(user)
        for pool_id, users in by_pool.items():
            pool = dict.get(self.user_pools, pool_id)
            if pool is not None:
                self._index_users(pool, users)
        self._loaded_users = []
