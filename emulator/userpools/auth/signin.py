"""What every sign-in step shares: where the call came from, who is signing in, may they,
and how a challenge is answered with a bound Session. The order of steps after the
password is in ``pipeline``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from emulator.runtime import Context
from emulator.tokens.claims import ClaimOverrides
from emulator.userpools.auth.lockout import record_failure
from emulator.userpools.auth.sessions import ChallengeSession
from emulator.userpools.model import UserPool, UserPoolClient
from emulator.userpools.users.identity import USER_NOT_FOUND, find_user
from emulator.userpools.users.model import UNCONFIRMED, User
from emulator.wire.errors import NotAuthorizedException, UserNotConfirmedException, UserNotFoundException

INCORRECT = "Incorrect username or password."


@dataclass(frozen=True, slots=True)
class SignIn:
    """One InitiateAuth / RespondToAuthChallenge call: where it came from."""

    ctx: Context
    pool: UserPool
    client: UserPoolClient
    admin: bool  # AdminInitiateAuth / AdminRespondToAuthChallenge
    device_key: str | None = None  # DEVICE_KEY the client presented, if any
    overrides: ClaimOverrides | None = None  # PreTokenGeneration's answer, for a refresh
    hosted: bool = False  # the hosted UI: a completed sign-in yields no tokens (the OAuth grant mints them)

    def now(self) -> float:
        return self.ctx.now()


def unknown_user_error(client: UserPoolClient) -> Exception:
    """PreventUserExistenceErrors=ENABLED hides whether the user exists."""
    if client.prevent_user_existence_errors == "ENABLED":
        return NotAuthorizedException(INCORRECT)
    return UserNotFoundException(USER_NOT_FOUND)


def resolve_user(signin: SignIn, username: str) -> User:
    """The user signing in, checked the way AWS checks before looking at the password."""
    user = find_user(signin.pool, username)
    if user is None:
        raise unknown_user_error(signin.client)
    check_may_sign_in(user)
    return user


def check_may_sign_in(user: User) -> None:
    if not user.enabled:
        raise NotAuthorizedException("User is disabled.")
    if user.status == UNCONFIRMED:
        raise UserNotConfirmedException("User is not confirmed.")


def wrong_password(user: User, now: float) -> NotAuthorizedException:
    """A failed password check: counted towards AWS's lockout (lockout.py)."""
    record_failure(user, now)
    return NotAuthorizedException(INCORRECT)


def challenge(signin: SignIn, user: User, name: str, parameters: dict[str, str],
              data: dict[str, Any] | None = None) -> dict[str, Any]:
    """A challenge response with a fresh single-use Session bound to this sign-in."""
    expires = signin.now() + signin.client.auth_session_validity * 60
    session = ChallengeSession(signin.pool.id, signin.client.client_id, user.username, name, expires,
                               data or {})
    token = signin.ctx.sessions.open(session, signin.now())
    return {"ChallengeName": name, "ChallengeParameters": parameters, "Session": token}
