"""NEW_PASSWORD_REQUIRED: a user with a temporary password sets their own, and supplies
the required attributes that have no value yet (``userAttributes.<name>``)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from emulator.userpools.auth.client_auth import required
from emulator.userpools.auth.pipeline import after_first_factor
from emulator.userpools.auth.signin import SignIn
from emulator.userpools.users import attributes as attrs
from emulator.userpools.users.identity import alias_values, check_alias_conflicts, sync_aliases
from emulator.userpools.users.lifecycle import set_password
from emulator.userpools.users.model import CONFIRMED, User
from emulator.userpools.users.passwords import check_policy

PREFIX = "userAttributes."


def new_password_required(signin: SignIn, user: User, responses: dict[str, str]) -> dict[str, Any]:
    password = required(responses, "NEW_PASSWORD")
    given = {k[len(PREFIX):]: v for k, v in responses.items() if k.startswith(PREFIX)}
    check_policy(password, signin.pool.password_policy, sign_up=False)
    if not signin.admin:
        attrs.check_writable(signin.client, list(given))
    attrs.check_values(signin.pool, given, creating=False)
    merged = {**user.attributes, **given}
    attrs.check_required(signin.pool, merged)
    check_alias_conflicts(signin.pool, user, alias_values(signin.pool, replace(user, attributes=merged)))
    before = alias_values(signin.pool, user)
    previous_attributes = dict(user.attributes)
    user.attributes = merged
    set_password(signin.pool, user, password, signin.now())
    user.status = CONFIRMED
    signin.pool.users.reindex(user, previous_attributes)
    sync_aliases(signin.pool, user, before)
    return after_first_factor(signin, user)  # MFA may still follow, as on AWS
