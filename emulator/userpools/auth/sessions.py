"""Challenge sessions: opaque, single use, bound to pool, client, user and challenge, and
expiring after the client's AuthSessionValidity. Spent and expired sessions are kept only
until their expiry so that reuse gets AWS's "can only be used once" message; the store
never outgrows the sign-ins in flight."""

from __future__ import annotations

import secrets
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from emulator.wire.errors import NotAuthorizedException

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
    def __init__(self) -> None:
        self._open: OrderedDict[str, ChallengeSession] = OrderedDict()
        self._spent: OrderedDict[str, float] = OrderedDict()

    def __len__(self) -> int:
        return len(self._open) + len(self._spent)

    def open(self, session: ChallengeSession, now: float, key: str | None = None) -> str:
        """Store a session; returns its token (``key`` lets SRP use its SECRET_BLOCK)."""
        self._prune(now)
        token = key or "AYABe" + secrets.token_urlsafe(180)
        self._open[token] = session
        return token

    def take(self, token: str, now: float) -> ChallengeSession:
        """Spend a session (single use) or raise NotAuthorizedException with AWS's wording."""
        session = self._open.pop(token, None)
        if session is None:
            raise NotAuthorizedException(REUSED if token in self._spent else INVALID)
        self._spent[token] = session.expires
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
        while self._spent:
            token, expires = next(iter(self._spent.items()))
            if expires > now:
                break
            del self._spent[token]
