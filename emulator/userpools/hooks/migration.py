"""UserMigration (reference triggers.md §4.7): a name that matches no user and no alias is
offered to the pool's function, which answers the user's attributes; the user is then built,
checked against the pool as it is after the await and stored in one step, and the operation
goes on as if the user had always been there. Fires at sign-in with a password (the password
flows only: SRP never shows Cognito the password [doc]) and at ForgotPassword.

Unless the answer says ``messageAction: SUPPRESS`` the new user gets the welcome message, by
``desiredDeliveryMediums`` (default SMS) [doc]; ``enableSMSMFA`` turns SMS MFA on for the user,
which needs a phone number and a pool with MFA, else the migration fails [doc]."""

from __future__ import annotations

from typing import Any

from emulator.runtime import Context
from emulator.triggers.errors import UNRECOGNIZABLE
from emulator.triggers.events import envelope, with_optional
from emulator.triggers.fire import configured, current_pool, fire, flag, string_list, string_map, text
from emulator.userpools.hooks.messages import Occasion
from emulator.userpools.model import UserPool
from emulator.userpools.users import lifecycle
from emulator.userpools.users.identity import find_user
from emulator.userpools.users.model import CONFIRMED, RESET_REQUIRED, User
from emulator.wire.errors import InvalidLambdaResponseException

TRIGGER = "UserMigration"
AUTHENTICATION = "UserMigration_Authentication"
FORGOT_PASSWORD = "UserMigration_ForgotPassword"
PASSWORD_FLOWS = ("USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH")
STATUSES = {"CONFIRMED": CONFIRMED, "RESET_REQUIRED": RESET_REQUIRED}
ACTIONS = (None, "SUPPRESS", "RESEND")
MEDIUMS = ("EMAIL", "SMS")
WELCOME = "AdminCreateUser"  # the welcome message is the invitation's (CustomMessage_AdminCreateUser: unverified)
RESPONSE = {"userAttributes": None, "finalUserStatus": None, "messageAction": None,
            "desiredDeliveryMediums": None, "forceAliasCreation": None, "enableSMSMFA": None}


async def migrate_at_sign_in(ctx: Context, pool: UserPool, client_id: str, flow: str,
                             parameters: dict[str, str], client_metadata: dict[str, str] | None) -> None:
    """InitiateAuth's ClientMetadata arrives as ``validationData`` [doc]."""
    username, password = parameters.get("USERNAME"), parameters.get("PASSWORD")
    if flow not in PASSWORD_FLOWS or not username or password is None:
        return
    request = with_optional({"password": password}, validationData=client_metadata)
    await _migrate(ctx, pool, client_id, AUTHENTICATION, username, request, password)


async def migrate_forgotten(ctx: Context, pool: UserPool, client_id: str, username: str,
                            client_metadata: dict[str, str] | None) -> None:
    await _migrate(ctx, pool, client_id, FORGOT_PASSWORD, username,
                   with_optional({}, clientMetadata=client_metadata), None)


async def _migrate(ctx: Context, pool: UserPool, client_id: str, source: str, username: str,
                   request: dict[str, Any], password: str | None) -> None:
    if not configured(pool, TRIGGER) or find_user(pool, username) is not None:
        return
    event = envelope(pool, pool.region, source, username, client_id, request, dict(RESPONSE))
    answer = await fire(ctx, pool, TRIGGER, event)
    if answer is None:
        return
    attributes = string_map(answer, "userAttributes")
    if attributes is None:
        return  # nothing to migrate: the operation answers its own not-found error (unverified)
    pool = current_pool(ctx, pool)
    if find_user(pool, username) is not None:
        return  # created meanwhile (by the function's own callback, say)
    user = _build(ctx, pool, username, attributes, answer)
    if password is not None:
        lifecycle.set_password(pool, user, password, user.created)  # the pool's policy is not applied [doc]
    lifecycle.add_user(pool, user, force_alias=flag(answer, "forceAliasCreation"))
    if text(answer, "messageAction") != "SUPPRESS":
        mediums = string_list(answer, "desiredDeliveryMediums") or ["SMS"]
        lifecycle.send_welcome(ctx, pool, user, mediums, Occasion(WELCOME, client_id))


def _build(ctx: Context, pool: UserPool, username: str, attributes: dict[str, str],
           answer: dict[str, Any]) -> User:
    """Every member read and checked before anything is stored. A medium other than EMAIL/SMS,
    or ``enableSMSMFA`` without a phone number or with MFA off in the pool, is refused as an
    unusable answer (AWS: "the migration of that user will fail"; its error text is unverified)."""
    status = STATUSES.get(text(answer, "finalUserStatus") or "RESET_REQUIRED")
    if status is None or text(answer, "messageAction") not in ACTIONS:
        raise InvalidLambdaResponseException(UNRECOGNIZABLE)
    if any(m not in MEDIUMS for m in string_list(answer, "desiredDeliveryMediums") or []):
        raise InvalidLambdaResponseException(UNRECOGNIZABLE)
    sms_mfa = flag(answer, "enableSMSMFA")
    if sms_mfa and (not attributes.get("phone_number") or pool.mfa_configuration == "OFF"):
        raise InvalidLambdaResponseException(UNRECOGNIZABLE)
    attributes = {k: v for k, v in attributes.items() if k not in ("sub", "cognito:user_status")}
    user = lifecycle.build_user(ctx, pool, username, attributes, status, signing_up=False,
                                force_alias=flag(answer, "forceAliasCreation"))
    user.mfa.sms_enabled = sms_mfa
    return user
