"""Challenge sessions: opaque, single use, bound to pool, client, user and challenge, and
expiring after the client's AuthSessionValidity. Spent and expired sessions are kept only
until their expiry so that reuse gets AWS's "can only be used once" message; the store
never outgrows the sign-ins in flight."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from emulator.state import ids
from emulator.state.journal import Tracker
from emulator.wire.errors import NotAuthorizedException

OPEN_KIND = "session"  # a challenge session waiting for its answer
SPENT_KIND = "spent_session"  # a used one, remembered until its expiry for AWS's "used once" message

INVALID = "Invalid session for the user."
EXPIRED = "Invalid session for the user, session is expired."
REUSED = "Invalid session for the user, session can only be used once."


@dataclass(slots=True)
class ChallengeSession:
    pool_id: str
    client_id: str
    username: str
    challenge: str
    expires: float
    data: dict[str, Any] = field(default_factory=dict)


class SessionStore:
    kinds: tuple[str, ...] = (OPEN_KIND, SPENT_KIND)

    def __init__(self, tracker: Tracker | None = None) -> None:
        self._open: OrderedDict[str, ChallengeSession] = OrderedDict()
        self._spent: OrderedDict[str, float] = OrderedDict()
        self._tracker = tracker or Tracker()

    def records(self) -> Iterable[tuple[str, str, Any]]:
        for token, session in self._open.items():
            yield OPEN_KIND, token, session
        for token, expires in self._spent.items():
            yield SPENT_KIND, token, expires

    def load(self, kind: str, key: str, record: Any) -> None:
        if kind == OPEN_KIND:
            self._open[key] = record
        else:
            self._spent[key] = record

    def loaded(self) -> None:
        pass

    def __len__(self) -> int:
        return len(self._open) + len(self._spent)

    def open(self, session: ChallengeSession, now: float, key: str | None = None) -> str:
        """Store a session; returns its token (``key`` lets SRP use its SECRET_BLOCK)."""
        self._prune(now)
        token = key or "AYABe" + ids.urlsafe_token(180)
        self._open[token] = session
        self._tracker.written(OPEN_KIND, token, session)
        return token

    def take(self, token: str, now: float) -> ChallengeSession:
        """Spend a session (single use) or raise NotAuthorizedException with AWS's wording."""
        session = self._open.pop(token, None)
        if session is None:
            raise NotAuthorizedException(REUSED if token in self._spent else INVALID)
        self._spent[token] = session.expires
        self._tracker.deleted(OPEN_KIND, token)
        self._tracker.written(SPENT_KIND, token, session.expires)
        if session.expires <= now:
            raise NotAuthorizedException(EXPIRED)
        return session

    def peek(self, token: str) -> ChallengeSession | None:
        return self._open.get(token)

    def _prune(self, now: float) -> None:
        """Drop expired entries from the oldest end (validities differ per client, so a few
        may linger a little longer; the store stays bounded by recent traffic)."""
        while self._open:
            token, session = next(iter(self._open.items()))
            if session.expires > now:
                break
            del self._open[token]
            self._tracker.deleted(OPEN_KIND, token)
        while self._spent:
            token, expires = next(iter(self._spent.items()))
            if expires > now:
                break
            del self._spent[token]
            self._tracker.deleted(SPENT_KIND, token)
