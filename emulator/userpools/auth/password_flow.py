"""USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH and ADMIN_NO_SRP_AUTH: the password is sent,
checked against the salted hash in constant time."""

from __future__ import annotations

from typing import Any

from emulator.userpools.auth.client_auth import check_secret_hash, required
from emulator.userpools.auth.lockout import check_not_locked
from emulator.userpools.auth.pipeline import after_password
from emulator.userpools.auth.signin import SignIn, resolve_user, wrong_password
from emulator.userpools.users.credentials import password_matches


def password_auth(signin: SignIn, parameters: dict[str, str]) -> dict[str, Any]:
    username = required(parameters, "USERNAME")
    password = required(parameters, "PASSWORD")
    check_secret_hash(signin.client, parameters.get("SECRET_HASH"), username)
    user = resolve_user(signin, username)
    check_not_locked(user, signin.now())
    if not password_matches(user.password, password):
        raise wrong_password(signin, user)
    return after_password(signin, user, password)
