"""The running emulator: its state (one ``State`` made of the services' parts), the optional
durable store behind it, the clock, and what an operation is handed per request (``Context``).

This is the composition root of the state: the one module that knows which parts make up the
emulator's state. Reset, snapshot and restore replace the whole ``State`` at once, so nothing
may keep a reference to a part across requests; reach them through ``Emulator`` every time.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from dataclasses import dataclass
from typing import TYPE_CHECKING

from emulator.identitypools.store import IdentityStore
from emulator.identitypools.user_pool_logins import UserPoolSignIns
from emulator.outbox import Outbox
from emulator.settings import Settings
from emulator.state import codec
from emulator.state.clock import Clock, OffsetClock
from emulator.state.journal import Journal, Tracker
from emulator.state.meta import CLOCK_OFFSET, REFRESH_KEY, Meta
from emulator.state.root import Row, State
from emulator.state.start_snapshot import StartSnapshot
from emulator.state.tags import TagStore
from emulator.tokens.keys import KeyRing
from emulator.triggers.config import TriggerConfig
from emulator.triggers.invoker import Router
from emulator.userpools.auth.refresh_tokens import RefreshSealer, new_refresh_key
from emulator.userpools.auth.sessions import SessionStore
from emulator.userpools.config.store import PoolConfigStore
from emulator.userpools.imports.files import ImportFiles
from emulator.userpools.oauth.store import OAuthStore
from emulator.userpools.store import UserPoolStore
from emulator.userpools.users.directory import USER_KIND
from emulator.userpools.users.identity import index_users

if TYPE_CHECKING:
    from emulator.state.sqlite import DurableStore

APPLY_AFTER = 0.05  # seconds from a commit to its batch being applied to SQLite
START = ""  # the snapshot name of the start state (the seed's, or empty); users' names are never empty


def new_state(tracker: Tracker) -> State:
    tags = TagStore(tracker)
    return State(tracker, {
        "user_pools": UserPoolStore(tracker, index_users, tags),
        "identity": IdentityStore(tracker),
        "tags": tags,
        "keys": KeyRing(tracker=tracker),
        "sessions": SessionStore(tracker),
        "outbox": Outbox(tracker=tracker),
        "oauth": OAuthStore(tracker),
        "import_files": ImportFiles(tracker),
        "meta": Meta(tracker),
        "pool_config": PoolConfigStore(tracker),
    })


class Emulator:
    """One running emulator: created once per app, shared by every request."""

    def __init__(self, settings: Settings, clock: Clock | None = None, durable: DurableStore | None = None) -> None:
        self.settings = settings
        self.clock: Clock = clock or OffsetClock()
        self.durable = durable
        self._journal = Journal() if durable is not None else None
        self.state = new_state(Tracker(self._journal))
        self.sealer = RefreshSealer(self._refresh_key())
        self._apply_scheduled = False
        self._snapshots: dict[str, list[Row] | StartSnapshot] = {}  # in memory only; a state dir keeps them on disk
        self.triggers: Router = Router()
        self.configure_triggers(TriggerConfig())

    def configure_triggers(self, seed: TriggerConfig) -> None:
        """Where trigger ARNs lead: the seed's ``Triggers`` overridden by ``--trigger`` flags
        (configuration, not state: never stored, never reset)."""
        flags = TriggerConfig(dict(self.settings.triggers))
        config = seed.merged(flags)
        self.triggers = Router.from_config(config.handlers, config.endpoints, self.settings.lambda_endpoint,
                                           self.settings.trigger_timeout)

    @classmethod
    def open(cls, settings: Settings) -> Emulator:
        """With ``settings.state_dir``, the state kept there (StateDirError when it cannot be used)."""
        if settings.state_dir is None:
            return cls(settings)
        from emulator.state.sqlite import SqliteStore  # sqlite3 loads only with a state dir

        durable = SqliteStore(settings.state_dir)
        emulator = cls(settings, durable=durable)
        if not durable.is_new():
            emulator._install(_load(durable.rows()), keep_keys=False, write=False)
        return emulator

    @classmethod
    def read_only(cls, settings: Settings) -> Emulator:
        """The state in ``settings.state_dir`` to read (export), taking no lock and writing nothing."""
        assert settings.state_dir is not None
        from emulator.state.sqlite import SqliteStore

        durable = SqliteStore(settings.state_dir, readonly=True)
        try:
            emulator = cls(settings)
            emulator._install(_load(durable.rows()), keep_keys=False, write=False)
        finally:
            durable.close()
        return emulator

    @property
    def is_new(self) -> bool:
        """No state dir, or a new one: the seed file applies."""
        return self.durable is None or self.durable.is_new()

    # The parts, by what operations call them.
    @property
    def store(self) -> UserPoolStore:
        return self.state.parts["user_pools"]  # type: ignore[return-value]

    @property
    def identity(self) -> IdentityStore:
        return self.state.parts["identity"]  # type: ignore[return-value]

    @property
    def tags(self) -> TagStore:
        return self.state.parts["tags"]  # type: ignore[return-value]

    @property
    def keys(self) -> KeyRing:
        return self.state.parts["keys"]  # type: ignore[return-value]

    @property
    def sessions(self) -> SessionStore:
        return self.state.parts["sessions"]  # type: ignore[return-value]

    @property
    def outbox(self) -> Outbox:
        return self.state.parts["outbox"]  # type: ignore[return-value]

    @property
    def meta(self) -> Meta:
        return self.state.parts["meta"]  # type: ignore[return-value]

    @property
    def oauth(self) -> OAuthStore:
        return self.state.parts["oauth"]  # type: ignore[return-value]

    @property
    def import_files(self) -> ImportFiles:
        return self.state.parts["import_files"]  # type: ignore[return-value]

    @property
    def config(self) -> PoolConfigStore:
        return self.state.parts["pool_config"]  # type: ignore[return-value]

    @property
    def region(self) -> str:
        return self.settings.region

    @property
    def user_pool_sign_ins(self) -> UserPoolSignIns:
        """How identity pools check user-pool logins without reading user-pool records (token
        verification loads with the first such check, not at start)."""
        from emulator.userpools.sign_ins import StoreSignIns

        return StoreSignIns(self.store, self.keys)

    def context(self, base_url: str, request_id: str, source_ip: str = "", user_agent: str = "",
                region: str | None = None) -> Context:
        """Per request; the wire layer calls this because it may not import Context itself.
        ``region``: the one the request speaks to (wire/region.py), None for the default."""
        return Context(self, base_url, request_id, source_ip, user_agent, region)

    def commit(self) -> None:
        """Write what the requests since the last commit changed, as one transaction."""
        if self._journal is not None and self.durable is not None:
            changes = self._journal.drain()
            if changes:
                self.durable.commit(changes)
                self._schedule_apply()
            if self.settings.verify_durability:
                self._verify_durability()

    def _verify_durability(self) -> None:
        """The emulator's own test suite runs with this on: after every commit the store must hold
        exactly the state in memory, or some change reached a record without being noted (see
        state/journal.py). Challenge sessions are left out: SRP derives its key into the session
        after the response, on purpose, and that key is re-derived when missing."""
        assert self.durable is not None
        skip = {"session"}
        stored = {(kind, key): body for kind, key, body in self.durable.rows() if kind not in skip}
        live = {(kind, key): body for kind, key, body in self.state.rows() if kind not in skip}
        if stored != live:
            differing = sorted(k for k in stored.keys() | live.keys() if stored.get(k) != live.get(k))
            raise AssertionError(f"state dir differs from memory in {differing[:10]}")

    def _schedule_apply(self) -> None:
        """Committed changes reach SQLite in one transaction per ``APPLY_AFTER`` seconds of writes
        (they are durable already, in the change log): on the loop, so nothing competes for the
        GIL; at once where there is no loop (seeding, the CLI)."""
        if self._apply_scheduled or self.durable is None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.durable.apply()
            return
        self._apply_scheduled = True
        loop.call_later(APPLY_AFTER, self._apply)

    def _apply(self) -> None:
        self._apply_scheduled = False
        if self.durable is not None:
            self.durable.apply()

    def close(self) -> None:
        """On shutdown: everything committed is in SQLite, the state dir's lock is released."""
        if self.durable is not None:
            self.durable.close()
            self.durable = None

    def advance_clock(self, seconds: float) -> float:
        advance = getattr(self.clock, "advance", None)
        if advance is None:
            raise TypeError("this emulator's clock cannot be advanced")
        advance(seconds)
        if isinstance(self.clock, OffsetClock):
            self.meta.set(CLOCK_OFFSET, self.clock.offset)
        return self.clock.now()

    # Reset, snapshot, restore: the whole state replaced at once.
    def mark_start(self) -> None:
        """The current state is the start state ``reset`` returns to (after seeding)."""
        self.commit()
        self.save_snapshot(START)

    def save_snapshot(self, name: str) -> None:
        previous = self._snapshots.get(name)
        if isinstance(previous, StartSnapshot):
            previous.detach()
        if self.durable is None and name == START:  # users encoded when first handed out (start_snapshot.py)
            self._snapshots[name] = StartSnapshot(self.state, frozenset({USER_KIND}))
            return
        rows = self.state.rows()
        if self.durable is not None:
            self.durable.save_snapshot(name, codec.dumps(rows))
        else:
            self._snapshots[name] = rows

    def restore(self, name: str) -> None:
        """KeyError when there is no snapshot of that name."""
        if self.durable is None:
            saved = self._snapshots[name]
            rows = saved.rows() if isinstance(saved, StartSnapshot) else saved
        else:
            blob = self.durable.snapshot(name)
            if blob is None:
                if name != START:
                    raise KeyError(name)
                blob = codec.dumps([])  # a first start that died while seeding: reset empties
            rows = codec.loads(blob)
        self._install(_load(rows), keep_keys=True, write=True)

    def snapshot_names(self) -> list[str]:
        """Saved snapshots, by name (the start state, which ``reset`` restores, is not one)."""
        names = self.durable.snapshot_names() if self.durable is not None else sorted(self._snapshots)
        return [name for name in names if name != START]

    def reset(self) -> None:
        self.restore(START)

    def _install(self, state: State, *, keep_keys: bool, write: bool) -> None:
        """Make ``state`` the live one. ``keep_keys``: pools that keep existing keep their signing
        keys, so reset never pays for RSA key generation again."""
        if keep_keys:
            old_keys, new_keys = self.keys, state.parts["keys"]
            pools = state.parts["user_pools"].user_pools  # type: ignore[attr-defined]
            for pool_id in old_keys.pool_ids():
                if pool_id in pools and not new_keys.has_keys(pool_id):  # type: ignore[attr-defined]
                    new_keys.adopt(old_keys, pool_id)  # type: ignore[attr-defined]
        if self._journal is not None:
            self._journal = Journal()  # pending notes speak of the state being replaced
        state.tracker.journal = self._journal
        self.state = state
        self.sealer = RefreshSealer(self._refresh_key())
        if isinstance(self.clock, OffsetClock):
            self.clock.offset = float(self.meta.get(CLOCK_OFFSET, 0.0))
        if write and self.durable is not None:
            self.durable.replace_all(state.rows())

    def derived_key(self, purpose: str) -> bytes:
        """A key for the emulator's own signed URLs and tokens (pre-signed import uploads,
        feedback tokens), derived from the state's refresh-token key: it is made with the
        state, and with a state dir it survives restarts."""
        return hmac.new(self._refresh_key(), purpose.encode(), hashlib.sha256).digest()

    def _refresh_key(self) -> bytes:
        key = self.meta.get(REFRESH_KEY)
        if key is None:
            key = new_refresh_key()
            self.meta.set(REFRESH_KEY, key)
        return bytes(key)


def _load(rows: object) -> State:
    state = new_state(Tracker(None))
    state.load_rows(rows)  # type: ignore[arg-type]
    return state


@dataclass(frozen=True, slots=True)
class Context:
    """Per request: where the client reached the emulator, and the parts of the state an
    operation works with. Operations reach state only through these (never by holding a part:
    reset and restore replace them)."""

    emulator: Emulator
    base_url: str  # e.g. "http://localhost:9229", no trailing slash
    request_id: str
    source_ip: str = ""  # the caller's address (sessions and auth events record it)
    user_agent: str = ""  # the caller's User-Agent header, likewise
    request_region: str | None = None  # from the request's signature or pool id; None: --region

    @property
    def store(self) -> UserPoolStore:
        """User pools, their clients, groups and users, and domains."""
        return self.emulator.store

    @property
    def identity(self) -> IdentityStore:
        return self.emulator.identity

    @property
    def tags(self) -> TagStore:
        return self.emulator.tags

    @property
    def keys(self) -> KeyRing:
        return self.emulator.keys

    @property
    def sessions(self) -> SessionStore:
        return self.emulator.sessions

    @property
    def outbox(self) -> Outbox:
        return self.emulator.outbox

    @property
    def config(self) -> PoolConfigStore:
        """Pools' stored configuration: UI customization, branding, terms, policies, limits."""
        return self.emulator.config

    @property
    def sealer(self) -> RefreshSealer:
        return self.emulator.sealer

    @property
    def oauth(self) -> OAuthStore:
        """Authorization codes and hosted-UI sessions."""
        return self.emulator.oauth

    @property
    def import_files(self) -> ImportFiles:
        """Uploaded CSV files of user import jobs, by pool and job."""
        return self.emulator.import_files

    @property
    def triggers(self) -> Router:
        """Awaited by operations that fire triggers, with nothing held (see triggers/fire.py)."""
        return self.emulator.triggers

    @property
    def user_pool_sign_ins(self) -> UserPoolSignIns:
        return self.emulator.user_pool_sign_ins

    @property
    def settings(self) -> Settings:
        return self.emulator.settings

    @property
    def region(self) -> str:
        """Where new pools go: the request's region (existing pools carry theirs in their id)."""
        return self.request_region or self.emulator.settings.region

    def now(self) -> float:
        return self.emulator.clock.now()

    def derived_key(self, purpose: str) -> bytes:
        return self.emulator.derived_key(purpose)
