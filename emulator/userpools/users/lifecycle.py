"""Creating users, setting passwords and sending codes: shared by SignUp, AdminCreateUser,
the password operations and seeding, so each rule lives in one place."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from emulator.outbox import Message
from emulator.runtime import Context
from emulator.state import ids
from emulator.userpools.model import UserPool
from emulator.userpools.users import attributes as attrs
from emulator.userpools.users import codes, links
from emulator.userpools.users.credentials import store_password
from emulator.userpools.users.identity import alias_values, check_alias_conflicts, check_username_free, sync_aliases
from emulator.userpools.users.model import User
from emulator.wire.errors import InvalidParameterException

if TYPE_CHECKING:  # message hooks (trigger events, custom senders) load with the first message sent
    from emulator.userpools.hooks.messages import Occasion

_LOOKS_LIKE_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_LOOKS_LIKE_PHONE = re.compile(r"^\+[0-9]{4,15}$")
DEFAULT_CODE_MESSAGE = "Your verification code is {####}. "
DEFAULT_INVITATION = "Your username is {username} and temporary password is {####}. "
DEFAULT_PASSWORDLESS_INVITATION = "Your username is {username}. "  # wording: guess
INVITATION = "ADMIN_CREATE_USER"
WELCOME = "WELCOME"  # outbox purpose of a migrated user's welcome message
_MEDIUM = {"email": "EMAIL", "phone_number": "SMS"}


def resolve_new_username(pool: UserPool, given: str, attributes: dict[str, str]) -> str:
    """The internal username for a new user; fills the email/phone attribute in
    UsernameAttributes pools, where the given name *is* that attribute."""
    if pool.username_attributes:
        if "email" in pool.username_attributes and _LOOKS_LIKE_EMAIL.match(given):
            attributes.setdefault("email", given)
        elif "phone_number" in pool.username_attributes and _LOOKS_LIKE_PHONE.match(given):
            attributes.setdefault("phone_number", given)
        else:
            allowed = " or ".join(
                "an email" if a == "email" else "a phone number" for a in pool.username_attributes
            )
            raise InvalidParameterException(f"Username should be either {allowed}.")
        return ids.new_uuid()
    if "email" in pool.alias_attributes and _LOOKS_LIKE_EMAIL.match(given):
        raise InvalidParameterException(
            "Username cannot be of email format, since user pool is configured for email alias."
        )
    if "phone_number" in pool.alias_attributes and _LOOKS_LIKE_PHONE.match(given):
        raise InvalidParameterException(
            "Username cannot be of phone_number format, since user pool is configured for phone_number alias."
        )
    return given


def build_user(ctx: Context, pool: UserPool, given_username: str, attributes: dict[str, str],
               status: str, *, signing_up: bool, force_alias: bool = False, internal_username: bool = False,
               sub: str | None = None) -> User:
    """Validate and build (not store) a user; every check happens before any change.

    Seed files restoring an export pass ``internal_username`` (``given_username`` is already
    the stored name, a UUID in UsernameAttributes pools) and the user's ``sub``."""
    attributes = dict(attributes)
    username = given_username if internal_username else resolve_new_username(pool, given_username, attributes)
    check_username_free(pool, username)
    attrs.check_values(pool, attributes, creating=True)
    now = round(ctx.now(), 3)  # one instant for both dates, at AWS's millisecond precision
    # In UsernameAttributes pools the internal username *is* the sub (AWS; moto and cognito-local agree).
    sub = sub or (username if pool.username_attributes and not internal_username else ids.new_uuid())
    user = User(username=username, sub=sub, attributes={"sub": sub, **attributes}, status=status,
                created=now, modified=now)
    check_alias_conflicts(pool, user, alias_values(pool, user), force=force_alias and not pool.username_attributes,
                          signing_up=signing_up or bool(pool.username_attributes))
    return user


def rebuild_user(ctx: Context, pool: UserPool, user: User, *, signing_up: bool, force_alias: bool = False) -> User:
    """``user`` (built, not stored) checked again after a trigger was awaited: same username and
    sub, against the pool as it is now (someone may have taken the name meanwhile)."""
    attributes = {k: v for k, v in user.attributes.items() if k != "sub"}
    return build_user(ctx, pool, user.username, attributes, user.status, signing_up=signing_up,
                      force_alias=force_alias, internal_username=True, sub=user.sub)


def add_user(pool: UserPool, user: User, *, force_alias: bool = False) -> None:
    pool.users.add(user)
    sync_aliases(pool, user, {}, force=force_alias)


def delete_user(pool: UserPool, user: User) -> None:
    """Out of every index, alias and group; its tokens die with it (access checks the user)."""
    pool.users.remove(user)


def set_password(pool: UserPool, user: User, password: str, now: float, *, temporary: bool = False) -> None:
    user.password = store_password(pool.id, user.username, password, now, temporary=temporary)
    user.modified = now


def code_destination(pool: UserPool, user: User) -> str | None:
    """Where a code goes: the auto-verified attribute the user has, email first."""
    for attribute in ("email", "phone_number"):
        if attribute in pool.auto_verified_attributes and user.attributes.get(attribute):
            return attribute
    return None


_MECHANISM_ATTRIBUTE = {"verified_email": "email", "verified_phone_number": "phone_number"}
ADMIN_ONLY_RECOVERY = "Contact administrator to reset password."


def recovery_mechanisms(pool: UserPool) -> list[str]:
    """AccountRecoverySetting's mechanism names by priority (none set: email, then phone)."""
    setting = pool.config.get("AccountRecoverySetting") or {}
    mechanisms = sorted(setting.get("RecoveryMechanisms") or [], key=lambda m: m.get("Priority", 0))
    return [m["Name"] for m in mechanisms] or ["verified_email", "verified_phone_number"]


def admin_only_recovery(pool: UserPool) -> bool:
    """``admin_only`` first: users cannot reset their own password (ForgotPassword refuses)."""
    return recovery_mechanisms(pool)[0] == "admin_only"


def recovery_destination(pool: UserPool, user: User) -> str | None:
    """Where a reset code goes: the first mechanism, by priority, whose attribute the user has
    verified (an ``admin_only`` pool's administrator resets to email, then phone: guess)."""
    mechanisms = [m for m in recovery_mechanisms(pool) if m != "admin_only"] or ["verified_email",
                                                                                  "verified_phone_number"]
    for mechanism in mechanisms:
        attribute = _MECHANISM_ATTRIBUTE.get(mechanism)
        if attribute and user.attributes.get(attribute) and user.attributes.get(f"{attribute}_verified") == "true":
            return attribute
    return None


def send_code(ctx: Context, pool: UserPool, user: User, purpose: str, attribute: str,
              destination: str | None = None, occasion: Occasion | None = None) -> dict[str, str]:
    """Issue a code, post it to the outbox, and return the CodeDeliveryDetails.

    ``destination`` overrides the attribute's current value (a new email waiting for
    verification under AttributesRequireVerificationBeforeUpdate)."""
    code = codes.issue_code(user, purpose, ctx.now(), attribute)
    destination = destination or user.attributes[attribute]
    if links.by_link(pool, attribute, purpose == codes.SIGN_UP):
        template = pool.verification_message_template
        url = links.confirmation_url(pool, ctx.region, ctx.base_url, occasion.client_id if occasion else None,
                                     user.username, code)
        deliver(ctx, pool, user, attribute, purpose, code, template.email_message_by_link or links.DEFAULT_MESSAGE,
                destination, occasion=occasion, subject=template.email_subject_by_link or links.DEFAULT_SUBJECT,
                link=url)
    else:
        deliver(ctx, pool, user, attribute, purpose, code, _template(pool, attribute), destination,
                occasion=occasion, subject=_subject(pool, attribute))
    return attrs.delivery_details(attribute, destination)


def deliver(ctx: Context, pool: UserPool, user: User, attribute: str, purpose: str, code: str | None,
            template: str, destination: str | None = None, *, occasion: Occasion | None = None,
            subject: str | None = None, username: str | None = None, link: str | None = None) -> None:
    """Fill the template (or CustomMessage's text) in and send it, or hand it to the pool's
    custom sender for the channel; the outbox records it either way, so tests can read codes.
    ``link``: the verification link that ``{##text##}`` becomes (link-style sign-up)."""
    custom = occasion.custom if occasion else None
    body = (custom.body(attribute) if custom else None) or template
    if custom is not None and custom.subject and attribute == "email":
        subject = custom.subject
    text = body.replace("{####}", code or "").replace("{username}", username or user.username)
    if link is not None:
        text = links.fill(text, link)
    sender = None
    if occasion:
        from emulator.userpools.hooks.messages import hand_to_sender

        sender = hand_to_sender(ctx, pool, user, attribute, code, occasion)
    ctx.outbox.send(Message(
        user_pool_id=pool.id, username=user.username, destination=destination or user.attributes[attribute],
        medium="EMAIL" if attribute == "email" else "SMS", purpose=purpose, code=code, text=text,
        time=ctx.now(), subject=subject if attribute == "email" else None, sender=sender,
    ))


def invitation_attributes(user: User, mediums: list[str]) -> list[str]:
    """Each requested medium the user has a contact for; when none matches, the contact the
    user has (guess: AWS documents SMS as the default medium, yet users created with only an
    email receive their invitation by email)."""
    wanted = [a for a in ("email", "phone_number") if _MEDIUM[a] in mediums and user.attributes.get(a)]
    return wanted or [a for a in ("email", "phone_number") if user.attributes.get(a)][:1]


def send_invitation(ctx: Context, pool: UserPool, user: User, given_username: str, password: str | None,
                    mediums: list[str], occasion: Occasion | None = None) -> None:
    """AdminCreateUser's invitation: the username and temporary password, with the pool's
    InviteMessageTemplate. The temporary password is the record's ``code`` for tests; a
    passwordless user's default invitation has no password placeholder [doc]."""
    invite = pool.admin_create_user.invite_message_template if pool.admin_create_user else None
    for attribute in invitation_attributes(user, mediums):
        given = (invite.email_message if attribute == "email" else invite.sms_message) if invite else None
        subject = invite.email_subject if invite and attribute == "email" else None
        default = DEFAULT_INVITATION if password is not None else DEFAULT_PASSWORDLESS_INVITATION
        deliver(ctx, pool, user, attribute, INVITATION, password, given or default, occasion=occasion,
                subject=subject, username=given_username)


def send_welcome(ctx: Context, pool: UserPool, user: User, mediums: list[str], occasion: Occasion) -> None:
    """The welcome message of a user the UserMigration function created: the pool's invitation
    template (AWS's "welcome message to new users") with the username and no password, since
    the user keeps their own (what fills ``{####}`` is unverified: nothing here)."""
    invite = pool.admin_create_user.invite_message_template if pool.admin_create_user else None
    for attribute in invitation_attributes(user, mediums):
        given = (invite.email_message if attribute == "email" else invite.sms_message) if invite else None
        subject = invite.email_subject if invite and attribute == "email" else None
        deliver(ctx, pool, user, attribute, WELCOME, None, given or DEFAULT_INVITATION, occasion=occasion,
                subject=subject)


def _subject(pool: UserPool, attribute: str) -> str | None:
    return pool.verification_message_template.email_subject if attribute == "email" else None


def _template(pool: UserPool, attribute: str) -> str:
    template = pool.verification_message_template
    if attribute == "email":
        return template.email_message or pool.email_verification_message or DEFAULT_CODE_MESSAGE
    return template.sms_message or pool.sms_verification_message or DEFAULT_CODE_MESSAGE
