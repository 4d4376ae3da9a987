"""Temporary AWS credentials as GetCredentialsForIdentity hands them out, and the ledger that
remembers which identity and role each AccessKeyId was issued for.

The emulator cannot call STS, so the keys are synthetic but shaped like STS session keys
(``ASIA`` + 16 upper-case alphanumerics, a 40-character secret, a long session token), valid one
hour. The ledger lets tests and local services ask "who is this key?" at
``GET /_emulator/credentials/{AccessKeyId}``. Memory stays bounded: every entry lives the same
hour and the clock only moves forward, so insertion order is expiry order and expired entries
are dropped from the front on every issue; a hard cap drops the oldest beyond that.
"""

from __future__ import annotations

import base64
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from emulator.state import ids
from emulator.state.journal import Tracker

CREDENTIAL_KIND = "credentials"
CREDENTIAL_SECONDS = 3600
MAX_REMEMBERED = 100_000
# Real session tokens start with the base64 of "\x21\n\torigin_ec" (a protobuf header).
_SESSION_PREFIX = "IQoJb3JpZ2luX2Vj"


@dataclass(frozen=True, slots=True)
class IssuedCredentials:
    access_key_id: str
    secret_key: str
    session_token: str
    expiration: int
    identity_id: str
    identity_pool_id: str
    role_arn: str
    logins: tuple[str, ...]  # provider names the identity presented

    def wire(self) -> dict[str, Any]:
        return {"AccessKeyId": self.access_key_id, "SecretKey": self.secret_key,
                "SessionToken": self.session_token, "Expiration": self.expiration}

    def record(self) -> dict[str, Any]:
        return {"accessKeyId": self.access_key_id, "identityId": self.identity_id,
                "identityPoolId": self.identity_pool_id, "roleArn": self.role_arn,
                "logins": list(self.logins), "expiration": self.expiration}


def new_access_key_id() -> str:
    """Base32 of 10 random bytes: 16 characters of A-Z and 2-7 (``secrets.choice`` per character
    costs ~80 us per key; this costs ~1 us)."""
    return "ASIA" + base64.b32encode(ids.token_bytes(10)).decode("ascii")


def new_secret_key() -> str:
    """Base64 of 30 random bytes: 40 characters of A-Z, a-z, 0-9, + and /, as STS secrets look."""
    return base64.b64encode(ids.token_bytes(30)).decode("ascii")


def new_session_token() -> str:
    return _SESSION_PREFIX + base64.b64encode(ids.token_bytes(600)).decode("ascii")


class CredentialLedger:
    """One row per key handed out (``credentials``), so a restart still answers who a key is."""

    def __init__(self, max_entries: int = MAX_REMEMBERED, tracker: Tracker | None = None) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[str, IssuedCredentials] = OrderedDict()
        self._tracker = tracker or Tracker()

    def records(self) -> Iterable[tuple[str, str, Any]]:
        for key, issued in self._entries.items():
            yield CREDENTIAL_KIND, key, issued

    def load(self, issued: IssuedCredentials) -> None:
        self._entries[issued.access_key_id] = issued

    def issue(self, *, identity_id: str, identity_pool_id: str, role_arn: str, logins: tuple[str, ...],
              now: float) -> IssuedCredentials:
        self.prune(now)
        issued = IssuedCredentials(new_access_key_id(), new_secret_key(), new_session_token(),
                                   int(now) + CREDENTIAL_SECONDS, identity_id, identity_pool_id, role_arn, logins)
        self._entries[issued.access_key_id] = issued
        self._tracker.written(CREDENTIAL_KIND, issued.access_key_id, issued)
        while len(self._entries) > self.max_entries:
            self._forget_oldest()
        return issued

    def lookup(self, access_key_id: str, now: float) -> IssuedCredentials | None:
        issued = self._entries.get(access_key_id)
        if issued is None or issued.expiration <= now:
            return None
        return issued

    def prune(self, now: float) -> None:
        while self._entries:
            first = next(iter(self._entries.values()))
            if first.expiration > now:
                return
            self._forget_oldest()

    def _forget_oldest(self) -> None:
        key, _ = self._entries.popitem(last=False)
        self._tracker.deleted(CREDENTIAL_KIND, key)

    def __len__(self) -> int:
        return len(self._entries)
