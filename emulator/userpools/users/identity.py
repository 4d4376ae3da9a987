"""Who a name refers to: usernames, sign-in aliases and their uniqueness rules.

* ``UsernameAttributes`` pools: users sign up with an email/phone; Cognito stores a UUID
  as the username and the email/phone becomes a unique sign-in alias at once.
* ``AliasAttributes`` pools: a *verified* email/phone, or any preferred_username, is an
  alias; one value belongs to one user (AliasExistsException, or moved with
  ForceAliasCreation).
"""

from __future__ import annotations

import sys

from emulator.userpools.model import UserPool
from emulator.userpools.users.model import User
from emulator.wire.errors import AliasExistsException, UsernameExistsException, UserNotFoundException

USER_NOT_FOUND = "User does not exist."
ALIAS_ATTRIBUTES = ("email", "phone_number", "preferred_username")


def find_user(pool: UserPool, name: str) -> User | None:
    """Resolve a username or sign-in alias, never a bare ``sub`` (AWS refuses those)."""
    user = pool.users.get(name)
    if user is not None:
        return user
    for attribute in sign_in_aliases(pool):
        user = pool.users.by_alias(attribute, name)
        if user is not None:
            return user
    return None


def require_user(pool: UserPool, name: str) -> User:
    user = find_user(pool, name)
    if user is None:
        raise UserNotFoundException(USER_NOT_FOUND)
    return user


def sign_in_aliases(pool: UserPool) -> list[str]:
    return pool.username_attributes or pool.alias_attributes


def alias_values(pool: UserPool, user: User) -> dict[str, str]:
    """The aliases this user should hold now, by the pool's rules."""
    aliases: dict[str, str] = {}
    for attribute in sign_in_aliases(pool):
        value = user.attributes.get(attribute)
        if not value:
            continue
        verified = attribute == "preferred_username" or user.attributes.get(f"{attribute}_verified") == "true"
        if pool.username_attributes or verified:
            aliases[attribute] = value
    return aliases


def check_alias_conflicts(pool: UserPool, user: User, aliases: dict[str, str], *, force: bool = False,
                          signing_up: bool = False) -> None:
    """Raise if another user holds one of ``aliases`` (unless ``force`` moves them)."""
    for attribute, value in aliases.items():
        holder = pool.users.by_alias(attribute, value)
        if holder is None or holder is user or force:
            continue
        noun = "email" if attribute == "email" else ("phone_number" if attribute == "phone_number" else attribute)
        message = f"An account with the given {noun} already exists."
        if signing_up:
            raise UsernameExistsException(message)
        raise AliasExistsException(message)


def sync_aliases(pool: UserPool, user: User, previous: dict[str, str], *, force: bool = False) -> None:
    """Move the alias index from ``previous`` (what the user held) to what it should hold now.

    With ``force``, an alias held by someone else is taken from them (and, as in AWS, their
    attribute is marked unverified)."""
    current = alias_values(pool, user)
    for attribute, value in previous.items():
        if current.get(attribute) != value:
            pool.users.drop_alias(attribute, value, user)
    for attribute, value in current.items():
        holder = pool.users.by_alias(attribute, value)
        if holder is not None and holder is not user and force:
            flag = f"{attribute}_verified"
            if flag in holder.attributes:
                holder.attributes[flag] = "false"
        pool.users.set_alias(attribute, value, user)


def check_username_free(pool: UserPool, username: str) -> None:
    if pool.users.get(username) is not None:
        raise UsernameExistsException("User already exists")


_SHARED = {"true": "true", "false": "false"}


def index_users(pool: UserPool, users: list[User]) -> None:
    """Put users read from the store into the pool's indexes: username, sub, searchable values,
    groups and the aliases the pool's rules give them (a load, not a change: nothing is written)."""
    for user in users:  # one shared string per attribute name and status, not one per user (memory)
        user.attributes = {sys.intern(name): _SHARED.get(value, value) for name, value in user.attributes.items()}
        user.status = sys.intern(user.status)
        if not isinstance(user.groups, frozenset):  # written as a set by an older version
            user.groups = frozenset(user.groups)
    pool.users.load_many(users)
    for user in users:
        for group in user.groups:
            pool.users.join_group(user, group)
        sync_aliases(pool, user, {})
