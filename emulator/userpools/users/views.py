"""User records -> AWS output shapes (UserType, AdminGetUser, GetUser)."""

from __future__ import annotations

from typing import Any

from emulator.userpools.mfa.factors import settings_view
from emulator.userpools.model import UserPoolClient
from emulator.userpools.users.attributes import as_list, readable
from emulator.userpools.users.model import User


def user_type(user: User, attributes_to_get: list[str] | None = None) -> dict[str, Any]:
    """UserType, as ListUsers / AdminCreateUser / ListUsersInGroup return it."""
    attributes = user.attributes
    if attributes_to_get is not None:
        attributes = {k: v for k, v in attributes.items() if k in attributes_to_get}
    return {
        "Username": user.username,
        "Attributes": as_list(attributes),
        "UserCreateDate": user.created,
        "UserLastModifiedDate": user.modified,
        "Enabled": user.enabled,
        "UserStatus": user.status,
        **{k: v for k, v in settings_view(user).items() if k == "MFAOptions"},
    }


def admin_get_user(user: User) -> dict[str, Any]:
    return {
        "Username": user.username,
        "UserAttributes": as_list(user.attributes),
        "UserCreateDate": user.created,
        "UserLastModifiedDate": user.modified,
        "Enabled": user.enabled,
        "UserStatus": user.status,
        **settings_view(user),
    }


def get_user(user: User, client: UserPoolClient | None) -> dict[str, Any]:
    return {"Username": user.username, "UserAttributes": as_list(readable(user.attributes, client)),
            **settings_view(user)}
