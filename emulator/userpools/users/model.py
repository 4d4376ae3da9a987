"""The user record. Passwords are never kept in plain text: a salted hash (for the
password flows) and an SRP salt + verifier (for USER_SRP_AUTH) are stored instead."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from emulator.userpools.mfa.model import UserMfa

if TYPE_CHECKING:  # annotations only: each record's module loads where one is first made or read
    from emulator.userpools.devices.model import Device
    from emulator.userpools.passkeys.model import Passkey
    from emulator.userpools.users.events import AuthEvent

UNCONFIRMED = "UNCONFIRMED"
CONFIRMED = "CONFIRMED"
FORCE_CHANGE_PASSWORD = "FORCE_CHANGE_PASSWORD"
RESET_REQUIRED = "RESET_REQUIRED"
EXTERNAL_PROVIDER = "EXTERNAL_PROVIDER"

# PBKDF2-SHA256 rounds for new passwords (the reasoning is in ``users.credentials``). Each
# record keeps the count it was hashed with, so a hash exported to a seed file still verifies
# after the default changes.
HASH_ITERATIONS = 100


@dataclass(slots=True, frozen=True)
class StoredPassword:
    hash_salt: bytes
    hash: bytes
    srp_salt: bytes
    srp_verifier: int
    set_at: float
    temporary: bool = False
    iterations: int = HASH_ITERATIONS  # PBKDF2 rounds of ``hash``


@dataclass(slots=True)
class PendingCode:
    """A code sent to the user (sign-up, password reset, attribute verification)."""

    code: str
    expires: float
    attribute: str | None = None  # which attribute it verifies, if any
    wrong_answers: int = 0  # past the limit the code stops working (codes.py)


@dataclass(slots=True)
class TokenSession:
    """A sign-in's refresh-token family, while the pool tracks sessions (user_sessions.py)."""

    session_id: str  # "tkn" + 25 lower-case alphanumerics
    client_id: str
    origin_jti: str
    created: float
    last_active: float
    expires: float  # its refresh token's expiry
    device_type: str = "unknown"
    ip_address: str = ""


@dataclass(slots=True)
class User:
    username: str  # internal name: a UUID in pools with UsernameAttributes
    sub: str
    attributes: dict[str, str]  # includes "sub"; custom ones keyed "custom:<name>"
    status: str
    created: float
    modified: float
    enabled: bool = True
    password: StoredPassword | None = None
    # Immutable, so the many users in no group share the one empty frozenset (memory at 100k users).
    groups: frozenset[str] = frozenset()
    codes: dict[str, PendingCode] = field(default_factory=dict)  # purpose -> code
    # AttributesRequireVerificationBeforeUpdate: attribute -> new value waiting for its code.
    pending_attributes: dict[str, str] = field(default_factory=dict)
    # GlobalSignOut: tokens issued before this instant are revoked.
    tokens_valid_after: float = 0.0
    failed_sign_ins: int = 0  # wrong passwords in a row (lockout.py)
    locked_until: float = 0.0  # "Password attempts exceeded" until then
    last_failed_sign_in: float = 0.0  # a lockout is forgotten after 15 quiet minutes
    mfa: UserMfa = field(default_factory=UserMfa)  # factors, preference, TOTP secret
    devices: dict[str, Device] = field(default_factory=dict)  # DeviceKey -> device (remembered devices)
    token_sessions: dict[str, TokenSession] = field(default_factory=dict)  # SessionId -> session
    auth_events: list[AuthEvent] = field(default_factory=list)  # newest last (auth_events.py)
    passkeys: dict[str, Passkey] = field(default_factory=dict)  # credential id (base64url) -> passkey
    # Risk levels a tester scheduled for the next scored sign-ins (POST /_emulator/risk), oldest first.
    scheduled_risk: list[str] = field(default_factory=list)
