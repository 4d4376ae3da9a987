"""What an operation needs, passed in: state, clock, settings and the request's base URL."""

from __future__ import annotations

from dataclasses import dataclass, field

from emulator.identitypools.store import IdentityStore
from emulator.identitypools.user_pool_logins import UserPoolSignIns
from emulator.outbox import Outbox
from emulator.settings import Settings
from emulator.state.clock import Clock, OffsetClock
from emulator.state.store import Store
from emulator.tokens.keys import KeyRing
from emulator.userpools.auth.refresh_tokens import RefreshSealer
from emulator.userpools.auth.sessions import SessionStore
from emulator.userpools.sign_ins import StoreSignIns


@dataclass(slots=True)
class Emulator:
    """One running emulator: created once per app, shared by every request."""

    settings: Settings
    clock: Clock = field(default_factory=OffsetClock)
    store: Store = field(default_factory=Store)
    keys: KeyRing = field(default_factory=KeyRing)  # per-pool signing keys, made on first use
    sealer: RefreshSealer = field(default_factory=RefreshSealer)  # refresh tokens carry sealed state
    sessions: SessionStore = field(default_factory=SessionStore)  # challenge sessions in flight
    outbox: Outbox = field(default_factory=Outbox)
    identity: IdentityStore = field(default_factory=IdentityStore)  # cognito-identity pools, identities

    @property
    def region(self) -> str:
        return self.settings.region

    @property
    def user_pool_sign_ins(self) -> UserPoolSignIns:
        """How identity pools check user-pool logins without reading user-pool records."""
        return StoreSignIns(self.store, self.keys)

    def context(self, base_url: str, request_id: str) -> Context:
        """Per request; the wire layer calls this because it may not import Context itself."""
        return Context(self, base_url, request_id)


@dataclass(frozen=True, slots=True)
class Context:
    """Per request: the emulator plus where the client reached it."""

    emulator: Emulator
    base_url: str  # e.g. "http://localhost:9229", no trailing slash
    request_id: str

    @property
    def store(self) -> Store:
        return self.emulator.store

    @property
    def region(self) -> str:
        return self.emulator.settings.region

    def now(self) -> float:
        return self.emulator.clock.now()
