"""CustomMessage (reference triggers.md §4.8) and the custom senders (§4.9).

CustomMessage gets the placeholders (``{####}``, ``{username}``), never the code, so an
operation awaits it *before* it changes anything and then, synchronously, issues the code and
fills the texts in (``lifecycle.compose``). The senders are invoked asynchronously instead of
delivering: with no KMS here, ``request.code`` is the plain code (AWS: AWS Encryption SDK
ciphertext under ``LambdaConfig.KMSKeyID``)."""

from __future__ import annotations

import dataclasses
import html
from dataclasses import dataclass
from typing import Any

from emulator.runtime import Context
from emulator.triggers.events import envelope, user_attributes, with_optional
from emulator.triggers.fire import configured, fire, fire_and_forget, lambda_arn, text
from emulator.userpools.model import UserPool
from emulator.userpools.users import links
from emulator.userpools.users.model import User
from emulator.wire.errors import InvalidParameterException

TRIGGER = "CustomMessage"
CODE, USERNAME, LINK = "{####}", "{username}", "{##Click Here##}"
# The operation's part of every source name: CustomMessage_<it>, CustomEmailSender_<it>, ...
SIGN_UP, ADMIN_CREATE_USER, RESEND_CODE = "SignUp", "AdminCreateUser", "ResendCode"
FORGOT_PASSWORD, UPDATE_ATTRIBUTE, VERIFY_ATTRIBUTE = "ForgotPassword", "UpdateUserAttribute", "VerifyUserAttribute"
AUTHENTICATION = "Authentication"
SENDERS = {"email": "CustomEmailSender", "phone_number": "CustomSMSSender"}
SENDER_TYPES = {"CustomEmailSender": "customEmailSenderRequestV1", "CustomSMSSender": "customSMSSenderRequestV1"}
EMPTY = "The message is empty."  # [obs 2017]
# [obs 2018] for emailBody; the member named for SMS is a guess (unverified).
NO_CODE = ("1 validation error detected: Value at '{member}' failed to satisfy constraint: Member must satisfy "
           "regular expression pattern: [\\p{{L}}\\p{{M}}\\p{{S}}\\p{{N}}\\p{{P}}\\s*]*\\{{####\\}}"
           "[\\p{{L}}\\p{{M}}\\p{{S}}\\p{{N}}\\p{{P}}\\s*]*")
NO_LINK = ("1 validation error detected: Value at 'emailMessageByLink' failed to satisfy constraint: Member must "
           "satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{##[\\p{L}\\p{M}\\p{S}"
           "\\p{N}\\p{P}\\s*]*##\\}[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*")
_MEMBERS = {"email": ("emailMessage", "emailBody"), "phone_number": ("smsMessage", "smsMessage")}


@dataclass(frozen=True, slots=True)
class CustomText:
    """What the CustomMessage function answered; None members mean the pool's template."""

    sms: str | None = None
    email: str | None = None
    subject: str | None = None

    def body(self, attribute: str) -> str | None:
        return self.email if attribute == "email" else self.sms


@dataclass(frozen=True, slots=True)
class Occasion:
    """Why a message goes out: the source (``SIGN_UP``...), the calling app client (None for
    admin calls), the call's ClientMetadata, and what CustomMessage answered, if it ran."""

    source: str
    client_id: str | None = None
    client_metadata: dict[str, str] | None = None
    custom: CustomText | None = None


def sender(ctx: Context, pool: UserPool, attribute: str) -> str | None:
    """The custom sender that replaces delivery on ``attribute``'s channel, if the pool has one."""
    trigger = SENDERS.get(attribute)
    if trigger is None or not configured(pool, trigger):
        return None
    arn = lambda_arn(pool, trigger)
    return trigger if arn is not None and ctx.triggers.reachable(arn) else None


async def custom_message(ctx: Context, pool: UserPool, user: User, occasion: Occasion,
                         attributes: list[str]) -> Occasion:
    """``occasion`` with the function's texts for a message about to go to ``attributes``.
    Skipped when every channel has a custom sender (unverified). When the answer's ``custom``
    is set the function ran: the caller re-reads the pool and user before sending."""
    channels = [a for a in attributes if sender(ctx, pool, a) is None]
    if not channels or not awaits(pool):
        return occasion
    request = with_optional({
        "userAttributes": user_attributes(pool, user),
        "codeParameter": CODE,
        "linkParameter": LINK,
        "usernameParameter": USERNAME if occasion.source == ADMIN_CREATE_USER else None,
    }, clientMetadata=occasion.client_metadata)
    event = envelope(pool, pool.region, f"{TRIGGER}_{occasion.source}", user.username, occasion.client_id, request,
                     {"smsMessage": None, "emailMessage": None, "emailSubject": None})
    answer = await fire(ctx, pool, TRIGGER, event)
    if answer is None:
        return occasion
    custom = CustomText(text(answer, "smsMessage"), text(answer, "emailMessage"), text(answer, "emailSubject"))
    for attribute in channels:
        _check(custom.body(attribute), attribute,
               links.by_link(pool, attribute, occasion.source in (SIGN_UP, RESEND_CODE)))
    return dataclasses.replace(occasion, custom=custom)


def awaits(pool: UserPool) -> bool:
    """Whether a message from this pool may await CustomMessage (then the caller re-reads)."""
    return configured(pool, TRIGGER)


def _check(body: str | None, attribute: str, by_link: bool = False) -> None:
    """A text the function set must be non-empty and carry the code placeholder [obs]; a
    link-style verification email carries the link placeholder instead (its error text is
    the template's pattern for ``emailMessageByLink``, unverified for a trigger)."""
    if body is None:
        return
    if not body.strip():
        raise InvalidParameterException(EMPTY)
    if by_link:
        if not links.PLACEHOLDER.search(body):
            raise InvalidParameterException(NO_LINK)
    elif CODE not in body:
        raise InvalidParameterException(NO_CODE.format(member=_MEMBERS[attribute][1]))


def hand_to_sender(ctx: Context, pool: UserPool, user: User, attribute: str, code: str | None,
                   occasion: Occasion) -> str | None:
    """Invoke the channel's custom sender (asynchronously) instead of delivering; its name, or
    None when the channel has none. Temporary passwords are HTML-escaped first [doc]."""
    trigger = sender(ctx, pool, attribute)
    if trigger is None:
        return None
    if code is not None and occasion.source == ADMIN_CREATE_USER:
        code = html.escape(code, quote=False)
    request: dict[str, Any] = with_optional({"type": SENDER_TYPES[trigger], "code": code,
                                             "userAttributes": user_attributes(pool, user)},
                                            clientMetadata=occasion.client_metadata)
    event = envelope(pool, pool.region, f"{trigger}_{occasion.source}", user.username, occasion.client_id,
                     request, {})
    fire_and_forget(ctx, pool, trigger, event)
    return trigger
