"""The identity service's part of the state: pools, identities (one row each), the credentials
handed out, and the indexes that find an identity by login or developer user id without a scan
(rebuilt from the identities on load)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from emulator.identitypools.credentials import CREDENTIAL_KIND, CredentialLedger
from emulator.identitypools.token_cache import VerifiedTokens
from emulator.state.journal import TrackedDict, Tracker
from emulator.wire.errors import ResourceNotFoundException

if TYPE_CHECKING:  # annotations only: the records' module loads with the first identity pool
    from emulator.identitypools.model import Identity, IdentityPool

POOL_KIND = "identity_pool"
IDENTITY_KIND = "identity"


class IdentityStore:
    kinds: tuple[str, ...] = (POOL_KIND, IDENTITY_KIND, CREDENTIAL_KIND)

    def __init__(self, tracker: Tracker | None = None) -> None:
        tracker = tracker or Tracker()
        self.pools: TrackedDict[IdentityPool] = TrackedDict(POOL_KIND, tracker)
        self.identities: TrackedDict[Identity] = TrackedDict(IDENTITY_KIND, tracker)
        # (pool id, canonical provider, subject) -> identity id: the same user always gets the same id.
        self.by_login: dict[tuple[str, str, str], str] = {}
        # (pool id, developer user identifier) -> identity id.
        self.by_developer_id: dict[tuple[str, str], str] = {}
        # pool id -> its identity ids (insertion ordered), so ListIdentities never scans every pool.
        self.pool_identities: dict[str, dict[str, None]] = {}
        self.credentials = CredentialLedger(tracker=tracker)
        self.verified = VerifiedTokens()  # a cache of checked logins, not state

    def records(self) -> Iterable[tuple[str, str, Any]]:
        for pool_id, pool in self.pools.items():
            yield POOL_KIND, pool_id, pool
        for identity_id, identity in self.identities.items():
            yield IDENTITY_KIND, identity_id, identity
        yield from self.credentials.records()

    def load(self, kind: str, key: str, record: Any) -> None:
        if kind == POOL_KIND:
            self.pools.put_loaded(key, record)
            self.pool_identities.setdefault(key, {})
        elif kind == IDENTITY_KIND:
            self.identities.put_loaded(key, record)
        else:
            self.credentials.load(record)

    def loaded(self) -> None:
        for identity in self.identities.values():
            self.pool_identities.setdefault(identity.pool_id, {})[identity.id] = None
            for provider, subject in identity.logins.items():
                self.by_login[(identity.pool_id, provider, subject)] = identity.id
            for developer_id in identity.developer_ids:
                self.by_developer_id[(identity.pool_id, developer_id)] = identity.id

    def pool(self, pool_id: str) -> IdentityPool:
        pool = self.pools.get(pool_id)
        if pool is None:
            raise ResourceNotFoundException(f"IdentityPool '{pool_id}' not found.")
        return pool

    def identity(self, identity_id: str) -> Identity:
        identity = self.identities.get(identity_id)
        if identity is None:
            raise ResourceNotFoundException(f"Identity '{identity_id}' not found.")
        return identity

    def add_pool(self, pool: IdentityPool) -> None:
        self.pools[pool.id] = pool
        self.pool_identities.setdefault(pool.id, {})

    def delete_pool(self, pool_id: str) -> None:
        """A deleted pool takes its identities with it, as on AWS."""
        self.pools.pop(pool_id, None)
        for identity_id in list(self.pool_identities.pop(pool_id, {})):
            self.delete_identity(identity_id)

    def add_identity(self, identity: Identity) -> None:
        self.identities[identity.id] = identity
        self.pool_identities.setdefault(identity.pool_id, {})[identity.id] = None

    def delete_identity(self, identity_id: str) -> None:
        identity = self.identities.get(identity_id)
        if identity is None:
            return
        del self.identities[identity_id]
        self.pool_identities.get(identity.pool_id, {}).pop(identity_id, None)
        for provider, subject in identity.logins.items():
            self.by_login.pop((identity.pool_id, provider, subject), None)
        for developer_id in identity.developer_ids:
            self.by_developer_id.pop((identity.pool_id, developer_id), None)

    def find_by_login(self, pool_id: str, provider: str, subject: str) -> Identity | None:
        identity_id = self.by_login.get((pool_id, provider, subject))
        return self.identities.get(identity_id) if identity_id else None

    def find_by_developer_id(self, pool_id: str, developer_id: str) -> Identity | None:
        identity_id = self.by_developer_id.get((pool_id, developer_id))
        return self.identities.get(identity_id) if identity_id else None

    def link(self, identity: Identity, provider: str, subject: str, now: float) -> None:
        old = identity.logins.get(provider)
        if old is not None and old != subject:
            self.by_login.pop((identity.pool_id, provider, old), None)
        identity.logins[provider] = subject
        self.by_login[(identity.pool_id, provider, subject)] = identity.id
        identity.modified = now

    def unlink(self, identity: Identity, provider: str, now: float) -> None:
        subject = identity.logins.pop(provider, None)
        if subject is not None:
            self.by_login.pop((identity.pool_id, provider, subject), None)
            identity.modified = now

    def link_developer(self, identity: Identity, developer_id: str, now: float) -> None:
        if developer_id not in identity.developer_ids:
            identity.developer_ids.append(developer_id)
        self.by_developer_id[(identity.pool_id, developer_id)] = identity.id
        identity.modified = now

    def unlink_developer(self, identity: Identity, developer_id: str, now: float) -> None:
        if developer_id in identity.developer_ids:
            identity.developer_ids.remove(developer_id)
            self.by_developer_id.pop((identity.pool_id, developer_id), None)
            identity.modified = now
