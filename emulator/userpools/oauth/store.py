"""Authorization codes and hosted-UI sessions: a state part, so reset, snapshots and the state
dir cover them. Codes are single use and live 5 minutes [doc]; a hosted-UI session (the
``cognito`` cookie) lives one hour [doc: knowledge-center article] and is ended by /logout. A
federated sign-in under way (the user is at the identity provider) is kept under the ``state``
sent to the provider until ``/oauth2/idpresponse`` spends it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from emulator.state import ids
from emulator.state.journal import Tracker

CODE_KIND = "oauth_code"
SESSION_KIND = "hosted_session"
FEDERATION_KIND = "idp_request"
CODE_SECONDS = 300
SESSION_SECONDS = 3600
FEDERATION_SECONDS = 900  # how long a user may take at the identity provider [guess]


@dataclass(slots=True)
class AuthorizationCode:
    pool_id: str
    client_id: str
    redirect_uri: str
    username: str
    sub: str
    scope: str
    auth_time: float
    expires: float
    nonce: str | None = None
    code_challenge: str | None = None
    code_challenge_method: str | None = None


@dataclass(slots=True)
class HostedSession:
    pool_id: str
    username: str
    sub: str
    auth_time: float
    expires: float


@dataclass(slots=True)
class FederationRequest:
    """An authorize request sent on to an identity provider: the app's query (checked again on
    the way back), which provider, and the nonce the provider's ID token must carry."""

    pool_id: str
    provider_name: str
    query: str
    nonce: str
    expires: float


class OAuthStore:
    kinds: tuple[str, ...] = (CODE_KIND, SESSION_KIND, FEDERATION_KIND)

    def __init__(self, tracker: Tracker | None = None) -> None:
        self._codes: dict[str, AuthorizationCode] = {}
        self._sessions: dict[str, HostedSession] = {}
        self._federations: dict[str, FederationRequest] = {}
        self._tracker = tracker or Tracker()

    def records(self) -> Iterable[tuple[str, str, Any]]:
        for key, code in self._codes.items():
            yield CODE_KIND, key, code
        for key, session in self._sessions.items():
            yield SESSION_KIND, key, session
        for key, federation in self._federations.items():
            yield FEDERATION_KIND, key, federation

    def load(self, kind: str, key: str, record: Any) -> None:
        tables: dict[str, dict[str, Any]] = {CODE_KIND: self._codes, SESSION_KIND: self._sessions,
                                             FEDERATION_KIND: self._federations}
        tables[kind][key] = record

    def loaded(self) -> None:
        pass

    def new_code(self, code: AuthorizationCode, now: float) -> str:
        self._prune(now)
        key = ids.new_uuid()  # AWS's codes look like UUIDs [obs]
        self._codes[key] = code
        self._tracker.written(CODE_KIND, key, code)
        return key

    def take_code(self, key: str, now: float) -> AuthorizationCode | None:
        """Spend a code: a second use, like an unknown or expired code, finds nothing."""
        code = self._codes.pop(key, None)
        if code is None:
            return None
        self._tracker.deleted(CODE_KIND, key)
        return code if code.expires > now else None

    def new_federation(self, request: FederationRequest, now: float) -> str:
        """The ``state`` to send to the provider (unguessable: it is what binds its answer)."""
        self._prune(now)
        key = ids.urlsafe_token(32)
        self._federations[key] = request
        self._tracker.written(FEDERATION_KIND, key, request)
        return key

    def take_federation(self, key: str, now: float) -> FederationRequest | None:
        """Spend the provider's ``state``: single use, like a code."""
        request = self._federations.pop(key, None) if key and len(key) <= 64 else None
        if request is None:
            return None
        self._tracker.deleted(FEDERATION_KIND, key)
        return request if request.expires > now else None

    def new_session(self, session: HostedSession, now: float, cookie: str | None = None) -> str:
        """The cookie value: the browser's own (it may hold other pools' sessions, since every
        pool's domain is this one host here) or a new one."""
        self._prune(now)
        cookie = cookie if cookie and self._valid_cookie(cookie) else ids.urlsafe_token(32)
        key = f"{cookie}/{session.pool_id}"
        self._sessions.pop(key, None)  # re-inserted at the end: the dicts stay in expiry order
        self._sessions[key] = session
        self._tracker.written(SESSION_KIND, key, session)
        return cookie

    def session(self, cookie: str | None, pool_id: str, now: float) -> HostedSession | None:
        session = self._sessions.get(f"{cookie}/{pool_id}") if cookie and self._valid_cookie(cookie) else None
        if session is None or session.expires <= now:
            return None
        return session

    def end_session(self, cookie: str | None, pool_id: str) -> None:
        key = f"{cookie}/{pool_id}"
        if cookie and self._sessions.pop(key, None) is not None:
            self._tracker.deleted(SESSION_KIND, key)

    @staticmethod
    def _valid_cookie(cookie: str) -> bool:
        return "/" not in cookie and 0 < len(cookie) <= 64

    def _prune(self, now: float) -> None:
        """Drop expired records from the oldest end: every code lives CODE_SECONDS and every
        session SESSION_SECONDS, so insertion order is expiry order and a prune costs only what
        it removes."""
        tables: tuple[tuple[dict[str, Any], str], ...] = (
            (self._codes, CODE_KIND), (self._sessions, SESSION_KIND), (self._federations, FEDERATION_KIND))
        for records, kind in tables:
            while records:
                key = next(iter(records))
                if records[key].expires > now:
                    break
                del records[key]
                self._tracker.deleted(kind, key)
