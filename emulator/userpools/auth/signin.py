"""What every sign-in step shares: where the call came from, who is signing in, may they,
and how a challenge is answered with a bound Session. The order of steps after the
password is in ``pipeline``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from emulator.runtime import Context
from emulator.tokens.claims import ClaimOverrides
from emulator.userpools import auth_events
from emulator.userpools.auth.lockout import record_failure
from emulator.userpools.auth.sessions import ChallengeSession
from emulator.userpools.model import UserPool, UserPoolClient
from emulator.userpools.users.identity import USER_NOT_FOUND, find_user
from emulator.userpools.users.model import RESET_REQUIRED, UNCONFIRMED, User
from emulator.wire.errors import (
    NotAuthorizedException,
    PasswordResetRequiredException,
    UserNotConfirmedException,
    UserNotFoundException,
)

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
    mfa_answered: bool = False  # this call answers an MFA challenge (auth events note it)
    risk_factor: str | None = None  # the MFA factor adaptive authentication asks for (userpools/risk)

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
    if user.password is None and user.status == RESET_REQUIRED:
        # An imported user has no password to check: AWS asks for the reset at once [doc:
        # "Requiring imported users to reset their passwords"].
        raise PasswordResetRequiredException("Password reset required for the user")


def wrong_password(signin: SignIn, user: User) -> NotAuthorizedException:
    """A failed password check: counted towards AWS's lockout (lockout.py), and an auth event."""
    record_failure(user, signin.now())
    auth_events.record(signin.ctx, signin.pool, user, auth_events.SIGN_IN, auth_events.FAIL,
                       [(auth_events.PASSWORD, auth_events.FAILURE)])
    return NotAuthorizedException(INCORRECT)


def challenge(signin: SignIn, user: User, name: str, parameters: dict[str, str],
              data: dict[str, Any] | None = None) -> dict[str, Any]:
    """A challenge response with a fresh single-use Session bound to this sign-in."""
    expires = signin.now() + signin.client.auth_session_validity * 60
    session = ChallengeSession(signin.pool.id, signin.client.client_id, user.username, name, expires,
                               data or {})
    token = signin.ctx.sessions.open(session, signin.now())
    return {"ChallengeName": name, "ChallengeParameters": parameters, "Session": token}
