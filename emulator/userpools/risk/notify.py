"""The email a risky sign-in sends when its level's action has ``Notify`` (ENFORCED only):
NotifyConfiguration's BlockEmail, MfaEmail or NoActionEmail with AWS's placeholders filled, or
AWS's default texts for a template left out [doc: describe-risk-configuration CLI example, the
console's defaults]. The outbox records it (purpose ``ACCOUNT_TAKEOVER``); when the pool has a
CustomEmailSender, that function gets ``CustomEmailSender_AccountTakeOverNotification`` instead of
the delivery, with ``code`` null and the event in ``userAttributes`` [types: aws-lambda
CustomEmailSender_AccountTakeOverNotification_UserAttributes]."""

from __future__ import annotations

import time
import urllib.parse
from typing import Any

from emulator.outbox import Message
from emulator.runtime import Context
from emulator.triggers.events import envelope
from emulator.triggers.fire import fire_and_forget
from emulator.userpools import auth_events
from emulator.userpools.hooks.messages import SENDER_TYPES, sender
from emulator.userpools.model import UserPool
from emulator.userpools.users.events import AuthEvent
from emulator.userpools.users.model import User

PURPOSE = "ACCOUNT_TAKEOVER"
SOURCE = "CustomEmailSender_AccountTakeOverNotification"
FEEDBACK_PATH = "/_emulator/auth-events/feedback"
TEMPLATES = {"BLOCK": "BlockEmail", "MFA": "MfaEmail", "NO_ACTION": "NoActionEmail"}
_DETAILS = "Time: {login-time}\nDevice: {device-name}\nLocation: {city}, {country}\n"
_LINKS = ("If this sign-in was not by you, you should change your password and notify us by clicking on "
          "{one-click-link-invalid}\nIf this sign-in was by you, you can follow {one-click-link-valid} to let us know")
DEFAULTS = {
    "BlockEmail": ("Blocked sign-in attempt",
                   "We blocked an unrecognized sign-in to your account with this information:\n" + _DETAILS + _LINKS),
    "NoActionEmail": ("New sign-in attempt", "We observed an unrecognized sign-in to your account with this "
                      "information:\n" + _DETAILS + _LINKS),
    "MfaEmail": ("New sign-in attempt", "We required you to use multi-factor authentication for the following "
                 "sign-in attempt:\n" + _DETAILS + _LINKS),
}


def one_click_link(ctx: Context, pool: UserPool, user: User, event: AuthEvent, value: str) -> str:
    """AWS's link needs the pool's domain and its format is not documented; the emulator's link
    gives the same feedback (UpdateAuthEventFeedback with the event's token) when opened."""
    query = urllib.parse.urlencode({
        "userPoolId": pool.id, "username": user.username, "eventId": event.event_id,
        "feedbackToken": auth_events.feedback_token(ctx, pool, user, event), "feedbackValue": value})
    return f"{ctx.base_url}{FEEDBACK_PATH}?{query}"


def _values(ctx: Context, pool: UserPool, user: User, event: AuthEvent) -> dict[str, str]:
    return {
        "{username}": user.username,
        "{ip-address}": event.ip_address,
        "{city}": "",
        "{country}": "",
        "{login-time}": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(event.created)),  # format: guess
        "{device-name}": event.device_name,
        "{one-click-link-valid}": one_click_link(ctx, pool, user, event, "Valid"),
        "{one-click-link-invalid}": one_click_link(ctx, pool, user, event, "Invalid"),
        "{event-id}": event.event_id,
        "{feedback-token}": auth_events.feedback_token(ctx, pool, user, event),
    }


def _fill(text: str, values: dict[str, str]) -> str:
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


def notify(ctx: Context, pool: UserPool, client_id: str | None, user: User, event: AuthEvent,
           configuration: dict[str, Any], kind: str, action: str) -> None:
    """Send the ``kind`` (BLOCK, MFA, NO_ACTION) email about ``event``; nothing for a user
    without an email address."""
    address = user.attributes.get("email")
    if not address:
        return
    member = TEMPLATES[kind]
    template = configuration.get(member) or {}
    subject, default_text = DEFAULTS[member]
    values = _values(ctx, pool, user, event)
    text = _fill(template.get("TextBody") or template.get("HtmlBody") or default_text, values)
    handed = _hand_to_sender(ctx, pool, client_id, user, event, values, action)
    ctx.outbox.send(Message(
        user_pool_id=pool.id, username=user.username, destination=address, medium="EMAIL", purpose=PURPOSE,
        code=None, text=text, time=ctx.now(), subject=_fill(template.get("Subject") or subject, values),
        sender=handed))


def _hand_to_sender(ctx: Context, pool: UserPool, client_id: str | None, user: User, event: AuthEvent,
                    values: dict[str, str], action: str) -> str | None:
    trigger = sender(ctx, pool, "email")
    if trigger is None:
        return None
    attributes = {
        "EVENT_ID": event.event_id, "USER_NAME": user.username, "IP_ADDRESS": event.ip_address,
        "ACCOUNT_TAKE_OVER_ACTION": action, "ONE_CLICK_LINK_VALID": values["{one-click-link-valid}"],
        "ONE_CLICK_LINK_INVALID": values["{one-click-link-invalid}"], "LOGIN_TIME": values["{login-time}"],
        "FEEDBACK_TOKEN": values["{feedback-token}"],
    }
    if event.device_name:
        attributes["DEVICE_NAME"] = event.device_name
    request = {"type": SENDER_TYPES[trigger], "code": None, "userAttributes": attributes}
    fire_and_forget(ctx, pool, trigger, envelope(pool, ctx.region, SOURCE, user.username, client_id, request, {}))
    return trigger
