"""The steps every sign-in shares: who is signing in, may they, and what comes after the
password (a challenge or the tokens). Flows and challenges are built from these."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from emulator.runtime import Context
from emulator.userpools.auth.results import sign_in_result
from emulator.userpools.auth.sessions import ChallengeSession
from emulator.userpools.model import UserPool, UserPoolClient
from emulator.userpools.users.identity import USER_NOT_FOUND, find_user
from emulator.userpools.users.model import FORCE_CHANGE_PASSWORD, RESET_REQUIRED, UNCONFIRMED, User
from emulator.wire.errors import (
    NotAuthorizedException,
    PasswordResetRequiredException,
    UserNotConfirmedException,
    UserNotFoundException,
)

INCORRECT = "Incorrect username or password."
DAY = 86400


@dataclass(frozen=True, slots=True)
class SignIn:
    """One InitiateAuth / RespondToAuthChallenge call: where it came from."""

    ctx: Context
    pool: UserPool
    client: UserPoolClient
    admin: bool  # AdminInitiateAuth / AdminRespondToAuthChallenge

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


def wrong_password(user: User) -> NotAuthorizedException:
    user.failed_sign_ins += 1
    return NotAuthorizedException(INCORRECT)


def after_password(signin: SignIn, user: User) -> dict[str, Any]:
    """The password was right: reset required, a new password required, or tokens."""
    if user.status == RESET_REQUIRED:
        raise PasswordResetRequiredException("Password reset required for the user")
    if user.status == FORCE_CHANGE_PASSWORD:
        return new_password_challenge(signin, user)
    return sign_in_result(signin.ctx, signin.pool, signin.client, user)


def new_password_challenge(signin: SignIn, user: User) -> dict[str, Any]:
    password = user.password
    validity_days = signin.pool.password_policy.temporary_password_validity_days
    if password is not None and password.temporary and password.set_at + validity_days * DAY < signin.now():
        raise NotAuthorizedException("Temporary password has expired and must be reset by an administrator.")
    missing = [
        f"userAttributes.{name}" for name, attribute in signin.pool.schema.items()
        if attribute.required and name != "sub" and not user.attributes.get(name)
    ]
    visible = {k: v for k, v in user.attributes.items() if k != "sub"}
    parameters = {
        "USER_ID_FOR_SRP": user.username,
        "requiredAttributes": json.dumps(missing),
        "userAttributes": json.dumps(visible),
    }
    return challenge(signin, user, "NEW_PASSWORD_REQUIRED", parameters)


def challenge(signin: SignIn, user: User, name: str, parameters: dict[str, str],
              data: dict[str, Any] | None = None) -> dict[str, Any]:
    """A challenge response with a fresh single-use Session bound to this sign-in."""
    expires = signin.now() + signin.client.auth_session_validity * 60
    session = ChallengeSession(signin.pool.id, signin.client.client_id, user.username, name, expires,
                               data or {})
    token = signin.ctx.emulator.sessions.open(session, signin.now())
    return {"ChallengeName": name, "ChallengeParameters": parameters, "Session": token}
