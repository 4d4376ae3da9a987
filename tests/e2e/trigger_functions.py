"""Trigger functions for the e2e tests, run both as Python callables inside the emulator
(``--trigger`` / seed ``Triggers``) and behind ``lambda_server`` (the Invoke API, as SAM).
Each records the event it got to ``$TRIGGER_DIR/events.jsonl``; ``$TRIGGER_DIR/url`` holds the
emulator's URL for functions that call it back."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3

Event = dict[str, Any]


def _record(name: str, event: Event) -> None:
    with open(Path(os.environ["TRIGGER_DIR"]) / "events.jsonl", "a", encoding="utf-8") as out:
        out.write(json.dumps({"function": name, "event": event}) + "\n")


def record(event: Event, context: Any) -> Event:
    _record("record", event)
    return event


def auto_confirm(event: Event, context: Any) -> Event:
    _record("auto_confirm", event)
    event["response"].update(autoConfirmUser=True, autoVerifyEmail=True)
    return event


def refuse(event: Event, context: Any) -> Event:
    _record("refuse", event)
    raise Exception("Disposable email domains are not allowed")


def bad_output(event: Event, context: Any) -> Any:
    _record("bad_output", event)
    return "not the event"


def slow(event: Event, context: Any) -> Event:
    time.sleep(8)  # well past the 4-second limit test_triggers gives, even on a loaded machine
    return event


def add_to_group(event: Event, context: Any) -> Event:
    """Re-entrant: calls the emulator back with a blocking client, as real PostConfirmation code does."""
    _record("add_to_group", event)
    url = (Path(os.environ["TRIGGER_DIR"]) / "url").read_text().strip()
    idp = boto3.client("cognito-idp", endpoint_url=url, region_name="us-east-1",
                       aws_access_key_id="local", aws_secret_access_key="local")
    idp.admin_add_user_to_group(UserPoolId=event["userPoolId"], Username=event["userName"], GroupName="confirmed")
    return event


def claims_v1(event: Event, context: Any) -> Event:
    _record("claims_v1", event)
    event["response"]["claimsOverrideDetails"] = {
        "claimsToAddOrOverride": {"tenant": "acme", "email": "hidden"}, "claimsToSuppress": ["email"],
        "groupOverrideDetails": {"groupsToOverride": ["from-trigger"]}}
    return event


def claims_v2(event: Event, context: Any) -> Event:
    _record("claims_v2", event)
    event["response"]["claimsAndScopeOverrideDetails"] = {
        "idTokenGeneration": {"claimsToAddOrOverride": {"roles": ["a", "b"]}},
        "accessTokenGeneration": {"claimsToAddOrOverride": {"tenant": "acme", "sub": "forged"},
                                  "scopesToAdd": ["orders/read"],
                                  "scopesToSuppress": ["aws.cognito.signin.user.admin"]}}
    return event


def claims_v3(event: Event, context: Any) -> Event:
    """V3_0: also hears of client-credentials tokens; adds a claim to every access token."""
    _record("claims_v3", event)
    event["response"]["claimsAndScopeOverrideDetails"] = {
        "accessTokenGeneration": {"claimsToAddOrOverride": {"tenant": "acme"}}}
    return event


def custom_message(event: Event, context: Any) -> Event:
    """Texts per source; the invitation names the user, as AWS requires of it."""
    _record("custom_message", event)
    source = event["triggerSource"].removeprefix("CustomMessage_")
    code, username = event["request"]["codeParameter"], event["request"]["usernameParameter"]
    extra = f" for {username}" if username else ""
    event["response"].update(smsMessage=f"{source} SMS code {code}{extra}",
                             emailMessage=f"<b>{source}</b> code {code}{extra}", emailSubject=f"{source} subject")
    return event


def message_without_code(event: Event, context: Any) -> Event:
    _record("message_without_code", event)
    event["response"]["emailMessage"] = "Welcome!"
    return event


def migrate(event: Event, context: Any) -> Event:
    """UserMigration from a "legacy system": users named legacy-*, password "Legacy-pass-1"
    (absent for UserMigration_ForgotPassword)."""
    _record("migrate", event)
    name = event["userName"]
    if not name.startswith("legacy-"):
        raise Exception("Bad password")
    if event["triggerSource"] == "UserMigration_Authentication" and event["request"]["password"] != "Legacy-pass-1":
        raise Exception("Bad password")
    event["response"].update(userAttributes={"email": f"{name}@example.com", "email_verified": "true",
                                             "name": "Legacy User"},
                             finalUserStatus="CONFIRMED", messageAction="SUPPRESS")
    return event


def inbound_federation(event: Event, context: Any) -> Event:
    """InboundFederation: keeps the mapped attributes and adds a nickname from the provider's userInfo."""
    _record("inbound_federation", event)
    mapped = dict(event["response"].get("userAttributesToMap") or {})
    user_info = event["request"]["attributes"].get("userInfo") or {}
    mapped["nickname"] = f"fed-{user_info.get('email', 'unknown')}"
    event["response"]["userAttributesToMap"] = mapped
    return event


def migrate_welcome(event: Event, context: Any) -> Event:
    """UserMigration that leaves the welcome message on (no messageAction), by email, and turns
    SMS MFA on for users named legacy-mfa-* (they get a phone number)."""
    _record("migrate_welcome", event)
    name = event["userName"]
    attributes = {"email": f"{name}@example.com", "email_verified": "true"}
    if name.startswith("legacy-mfa-"):
        attributes.update(phone_number="+15555550123", phone_number_verified="true")
    event["response"].update(userAttributes=attributes, finalUserStatus="CONFIRMED",
                             desiredDeliveryMediums=["EMAIL"], enableSMSMFA=name.startswith("legacy-mfa"))
    return event


def link_message(event: Event, context: Any) -> Event:
    """A verification email with the link placeholder CustomMessage is given."""
    _record("link_message", event)
    event["response"]["emailMessage"] = f"Welcome! {event['request']['linkParameter']} to confirm."
    return event


FUNCTIONS: dict[str, Callable[[Event, Any], Any]] = {
    name: globals()[name] for name in
    ("record", "auto_confirm", "refuse", "bad_output", "slow", "add_to_group", "claims_v1", "claims_v2",
     "claims_v3", "custom_message", "message_without_code", "migrate", "migrate_welcome", "link_message",
     "inbound_federation")
}


def arn(name: str) -> str:
    return f"arn:aws:lambda:us-east-1:123456789012:function:{name}"
