"""Changing a user's attributes: shared by the admin and self-service update, delete and
verify operations. Each change is planned (every check) before it is applied (no check),
so an error never leaves half-applied state.

Rules mirrored from AWS's documentation of UpdateUserAttributes / AdminUpdateUserAttributes:
a new email/phone is unverified; in a pool that auto-verifies it a code is sent; with
``UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate`` the old (verified)
value stays in place, and usable for sign-in, until the new one is verified.
"""

from __future__ import annotations

from dataclasses import dataclass

from emulator.runtime import Context
from emulator.triggers.fire import current_user
from emulator.userpools.hooks.messages import Occasion, custom_message
from emulator.userpools.model import UserPool
from emulator.userpools.users import attributes as attrs
from emulator.userpools.users import codes, lifecycle
from emulator.userpools.users.identity import alias_values, check_alias_conflicts, sync_aliases
from emulator.userpools.users.model import User
from emulator.wire.errors import InvalidParameterException


@dataclass(slots=True)
class AttributeChange:
    attributes: dict[str, str]  # the user's attributes afterwards
    pending: dict[str, str]  # attribute -> new value held back until verified
    send_codes_for: list[str]  # attributes to send a verification code for


def plan_update(pool: UserPool, user: User, changes: dict[str, str], *, admin: bool) -> AttributeChange:
    attrs.check_values(pool, changes, creating=False)
    for name, value in changes.items():
        if not value and pool.schema[name].required:
            raise attrs.schema_error(name, "The attribute is required")
    update_settings = pool.user_attribute_update_settings
    held_back = set((update_settings and update_settings.attributes_require_verification_before_update) or [])
    new = {**user.attributes, **changes}
    pending = dict(user.pending_attributes)
    send_codes_for: list[str] = []
    for attribute, flag in attrs.VERIFIED_FLAGS.items():
        if attribute not in changes:
            continue
        pending.pop(attribute, None)
        old_value = user.attributes.get(attribute)
        if changes[attribute] == old_value or (admin and changes.get(flag) == "true"):
            continue
        auto = attribute in pool.auto_verified_attributes
        if auto and attribute in held_back and old_value:
            new[attribute] = old_value
            new[flag] = user.attributes.get(flag, "false")
            pending[attribute] = changes[attribute]
        elif flag not in changes or not admin:
            new[flag] = "false"
        if auto:
            send_codes_for.append(attribute)
    _check_aliases(pool, user, new)
    return AttributeChange(new, pending, send_codes_for)


def plan_delete(pool: UserPool, user: User, names: list[str]) -> AttributeChange:
    new = dict(user.attributes)
    pending = dict(user.pending_attributes)
    unknown = [name for name in names if name not in pool.schema]
    if unknown:  # AWS lists each, one per line (as moto's tests record the message)
        raise InvalidParameterException("Invalid user attributes: " + "".join(
            f"user.{name}: Attribute does not exist in the schema.\n" for name in unknown))
    for name in names:
        attribute = pool.schema[name]
        if name == "sub" or not attribute.mutable:
            raise attrs.schema_error(name, "Attribute cannot be updated. (changing an immutable attribute)")
        if attribute.required:
            raise attrs.schema_error(name, "The attribute is required")
        new.pop(name, None)
        pending.pop(name, None)
        flag = attrs.VERIFIED_FLAGS.get(name)
        if flag is not None:
            new.pop(flag, None)
    return AttributeChange(new, pending, [])


def plan_verify(pool: UserPool, user: User, attribute: str, code: str, now: float) -> AttributeChange:
    """VerifyUserAttribute: the code first, then the alias the verified value would become."""
    flag = attrs.VERIFIED_FLAGS.get(attribute)
    if flag is None:
        raise InvalidParameterException(f"Invalid attribute name: {attribute}")  # wording: guess
    codes.check_code(user, codes.verify_purpose(attribute), code, now)
    new = dict(user.attributes)
    pending = dict(user.pending_attributes)
    if attribute in pending:
        new[attribute] = pending.pop(attribute)
    if attribute not in new:
        raise InvalidParameterException(f"Invalid attribute name: {attribute}")  # wording: guess
    new[flag] = "true"
    _check_aliases(pool, user, new)
    return AttributeChange(new, pending, [])


async def update_attributes(ctx: Context, pool: UserPool, user: User, changes: dict[str, str],
                            occasion: Occasion, *, admin: bool) -> list[dict[str, str]]:
    """Plan, await CustomMessage_UpdateUserAttribute when codes will be sent, plan again
    against the user as they are now, then apply: the CodeDeliveryDetails of each code."""
    change = plan_update(pool, user, changes, admin=admin)
    if change.send_codes_for:
        occasion = await custom_message(ctx, pool, user, occasion, change.send_codes_for)
        if occasion.custom is not None:
            pool, user = current_user(ctx, pool, user.username, user.sub)
            change = plan_update(pool, user, changes, admin=admin)
    return apply_change(ctx, pool, user, change, occasion)


def apply_change(ctx: Context, pool: UserPool, user: User, change: AttributeChange,
                 occasion: Occasion | None = None) -> list[dict[str, str]]:
    """Store the planned attributes, move indexes and aliases, send codes; the
    CodeDeliveryDetails of each code sent."""
    previous_aliases = alias_values(pool, user)
    old = dict(user.attributes)
    user.attributes = change.attributes
    user.pending_attributes = change.pending
    pool.users.reindex(user, old)
    sync_aliases(pool, user, previous_aliases)
    user.modified = ctx.now()
    details = []
    for attribute in change.send_codes_for:
        destination = change.pending.get(attribute) or change.attributes[attribute]
        details.append(lifecycle.send_code(ctx, pool, user, codes.verify_purpose(attribute), attribute,
                                           destination, occasion))
    return details


def _check_aliases(pool: UserPool, user: User, attributes: dict[str, str]) -> None:
    future = User(user.username, user.sub, attributes, user.status, user.created, user.modified)
    check_alias_conflicts(pool, user, alias_values(pool, future))
