"""The identity service's state: pools, identities and the indexes that find an identity by
login or developer user id without a scan. Lives on ``Emulator.identity``."""

from __future__ import annotations

from dataclasses import dataclass, field

from emulator.identitypools.credentials import CredentialLedger
from emulator.identitypools.model import Identity, IdentityPool
from emulator.identitypools.token_cache import VerifiedTokens
from emulator.wire.errors import ResourceNotFoundException


@dataclass(slots=True)
class IdentityStore:
    pools: dict[str, IdentityPool] = field(default_factory=dict)
    identities: dict[str, Identity] = field(default_factory=dict)
    # (pool id, canonical provider, subject) -> identity id: the same user always gets the same id.
    by_login: dict[tuple[str, str, str], str] = field(default_factory=dict)
    # (pool id, developer user identifier) -> identity id.
    by_developer_id: dict[tuple[str, str], str] = field(default_factory=dict)
    # pool id -> its identity ids (insertion ordered), so ListIdentities never scans every pool.
    pool_identities: dict[str, dict[str, None]] = field(default_factory=dict)
    credentials: CredentialLedger = field(default_factory=CredentialLedger)
    verified: VerifiedTokens = field(default_factory=VerifiedTokens)

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
        identity = self.identities.pop(identity_id, None)
        if identity is None:
            return
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
