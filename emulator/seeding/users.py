"""Seed ``Users[]`` entries: checked as AdminCreateUser + AdminSetUserPassword check their
input, plus what an export carries so that a user comes back as it was: ``Sub``,
``Enabled`` (AdminDisableUser), ``Mfa``, a stored ``PasswordHash`` instead of a ``Password``,
registered ``Passkeys`` (``seeding.passkeys``), and ``Created`` / ``Modified``.

In a pool with UsernameAttributes the stored username is a UUID, not the email or phone the
user signed up with; a ``Username`` that is a UUID is taken as that stored name (an email or
phone number never looks like one), so an exported user keeps its username, and with it its
SRP verifier.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from emulator.runtime import Context
from emulator.seeding import fields
from emulator.seeding.errors import SeedError
from emulator.seeding.password_hash import stored_password
from emulator.seeding.user_mfa import user_mfa
from emulator.userpools.mfa.model import UserMfa
from emulator.userpools.model import UserPool
from emulator.userpools.sign_in_policy import passwordless_sign_up_allowed
from emulator.userpools.users.model import (
    CONFIRMED,
    FORCE_CHANGE_PASSWORD,
    RESET_REQUIRED,
    UNCONFIRMED,
    StoredPassword,
    User,
)
from emulator.wire.models import USER_POOLS, load_service
from emulator.wire.validation import validate_input

if TYPE_CHECKING:
    from emulator.userpools.passkeys.model import Passkey

USER_KEYS = {"Username", "Sub", "Password", "PasswordHash", "Attributes", "Status", "Enabled", "Groups", "Mfa",
             "Created", "Modified", "Passkeys"}
USER_STATUSES = (CONFIRMED, FORCE_CHANGE_PASSWORD, UNCONFIRMED, RESET_REQUIRED)


@dataclass(frozen=True, slots=True)
class UserSeed:
    """One checked ``Users[]`` entry."""

    username: str
    internal_username: bool  # ``username`` is the stored name, not one to resolve
    attributes: dict[str, str]
    status: str
    enabled: bool
    groups: list[str]
    password: str | None  # to hash and check against the policy, or
    stored: StoredPassword | None  # a record restored as it is
    mfa: UserMfa | None
    passkeys: dict[str, Passkey]
    sub: str | None
    created: float | None
    modified: float | None


def check_user(pool: UserPool, entry: dict[str, Any], where: str, now: float) -> UserSeed:
    """Everything about the entry that does not need the user built; AwsErrors propagate."""
    fields.unknown_keys(entry, USER_KEYS, where)
    attributes = entry.get("Attributes") or {}
    if not isinstance(attributes, dict):
        raise SeedError(f"{where}: Attributes must be an object of attribute name -> string value")
    params = {"UserPoolId": pool.id, "Username": entry.get("Username"),
              "UserAttributes": [{"Name": k, "Value": v} for k, v in attributes.items()]}
    validate_input(_shape("AdminCreateUser"), params, _USER_MEMBERS)  # the pool id: check_pool_id, once
    username: str = entry["Username"]
    status = entry.get("Status", CONFIRMED)
    if status not in USER_STATUSES:
        raise SeedError(f"{where}: Status must be one of {', '.join(USER_STATUSES)}")
    internal = bool(pool.username_attributes) and fields.is_canonical_uuid(username)
    password, stored = _password(pool, entry, where, now, internal, status)
    groups = entry.get("Groups") or []
    if not isinstance(groups, list) or not all(isinstance(g, str) for g in groups):
        raise SeedError(f"{where}: Groups must be a list of group names")
    missing = [g for g in groups if g not in pool.groups]
    if missing:
        raise SeedError(f"{where}: groups {missing} are not declared in this pool's Groups")
    sub = None
    if entry.get("Sub") is not None:
        sub = fields.canonical_uuid(entry["Sub"], "Sub", where)
        if pool.users.by_sub(sub) is not None:
            raise SeedError(f"{where}: Sub {sub} belongs to another user of this pool")
    created = fields.epoch_seconds(entry, "Created", where)
    modified = fields.epoch_seconds(entry, "Modified", where)
    return UserSeed(
        username=username, internal_username=internal, attributes=dict(attributes), status=status,
        enabled=fields.boolean(entry, "Enabled", True, where), groups=groups, password=password, stored=stored,
        mfa=None if entry.get("Mfa") is None else user_mfa(entry["Mfa"], where),
        passkeys={} if entry.get("Passkeys") is None else _passkeys(entry["Passkeys"], where, now),
        sub=sub, created=created,
        modified=modified if modified is not None else created,
    )


def _passkeys(entries: Any, where: str, now: float) -> dict[str, Passkey]:
    """Imported for the first seeded passkey: the passkey records are not a start-up import."""
    from emulator.seeding.passkeys import seed_passkeys

    return seed_passkeys(entries, where, now)


def add_user(ctx: Context, pool: UserPool, seed: UserSeed) -> User:
    """As AdminCreateUser + AdminSetUserPassword would (same checks), into the staged pool. A
    ``Password`` is checked against the policy here and hashed later with the pool's others
    (``set_passwords``), so a large seed file spreads that work over the CPUs."""
    from emulator.userpools.users import attributes as attrs
    from emulator.userpools.users import lifecycle
    from emulator.userpools.users.passwords import check_policy

    user = lifecycle.build_user(ctx, pool, seed.username, seed.attributes, seed.status, signing_up=False,
                                internal_username=seed.internal_username, sub=seed.sub)
    attrs.check_required(pool, user.attributes)
    if seed.password is not None:
        check_policy(seed.password, pool.password_policy, sign_up=False)
    else:
        user.password = seed.stored
    user.enabled = seed.enabled
    if seed.mfa is not None:
        user.mfa = seed.mfa
    user.passkeys = dict(seed.passkeys)
    if seed.created is not None:
        user.created = seed.created
    if seed.modified is not None:
        user.modified = seed.modified
    lifecycle.add_user(pool, user)
    for group in seed.groups:
        pool.users.join_group(user, group)
    return user


def set_passwords(pool: UserPool, users: list[tuple[User, UserSeed]], now: float, *, defer: bool = False) -> None:
    """The stored password (hash and SRP verifier, never the text) of every seeded user that
    came with a ``Password``, computed in one batch; with ``defer`` (no state dir), a large
    batch is derived after the emulator answers (users/credentials.py, ``DeferredPassword``)."""
    from emulator.userpools.users.credentials import store_passwords

    pending = [(user, seed) for user, seed in users if seed.password is not None]
    records = store_passwords(pool.id, [(user.username, seed.password or "", seed.status == FORCE_CHANGE_PASSWORD)
                                        for user, seed in pending], now, defer=defer)
    for (user, _), record in zip(pending, records, strict=True):
        user.password = record


def _password(pool: UserPool, entry: dict[str, Any], where: str, now: float, internal: bool,
              status: str) -> tuple[str | None, StoredPassword | None]:
    """Exactly one of ``Password`` (text, checked as AdminSetUserPassword checks it) and
    ``PasswordHash`` (a stored record, bound to this pool id and username); neither for a
    RESET_REQUIRED user who never had one (a user import job made it), or a passwordless user, in
    a pool whose SignInPolicy allows EMAIL_OTP or SMS_OTP (as SignUp)."""
    if "Password" not in entry and "PasswordHash" not in entry and status == RESET_REQUIRED:
        return None, None
    if "Password" not in entry and "PasswordHash" not in entry and passwordless_sign_up_allowed(pool):
        if status not in (CONFIRMED, UNCONFIRMED):
            raise SeedError(f"{where}: a user without a password must be CONFIRMED or UNCONFIRMED")
        return None, None
    if ("Password" in entry) == ("PasswordHash" in entry):
        raise SeedError(f"{where}: exactly one of Password and PasswordHash is required (neither: only in a "
                        "pool whose SignInPolicy allows EMAIL_OTP or SMS_OTP)")
    if "Password" in entry:
        params = {"UserPoolId": pool.id, "Username": entry["Username"], "Password": entry["Password"]}
        validate_input(_shape("AdminSetUserPassword"), params, ("Password",))  # the rest: as AdminCreateUser's
        return entry["Password"], None
    if pool.username_attributes and not internal:
        raise SeedError(f"{where}: a PasswordHash needs the user's stored username: in a pool with "
                        "UsernameAttributes that is its UUID, not the email or phone number")
    temporary = status == FORCE_CHANGE_PASSWORD
    return None, stored_password(entry["PasswordHash"], where, now=now, temporary=temporary)


# What check_user validates of AdminCreateUser's input: the pool id is the same for every user of
# a pool, so ``check_pool_id`` checks it once (a large seed's users are mostly validation).
_USER_MEMBERS = ("Username", "UserAttributes")


def check_pool_id(pool: UserPool) -> None:
    """The pool id as AdminCreateUser checks it, once for all the pool's users."""
    validate_input(_shape("AdminCreateUser"), {"UserPoolId": pool.id}, ("UserPoolId",))


def _shape(operation: str) -> Any:
    return load_service(USER_POOLS).input_shape(operation)
