"""MFA in the sign-in pipeline: SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP, SELECT_MFA_TYPE and
MFA_SETUP, per the pool's MfaConfiguration and the user's factors. Returns None when no
MFA applies. The answers are in ``mfa_challenges``."""

from __future__ import annotations

import json
from typing import Any

from emulator.state.ids import randbelow
from emulator.userpools.auth.signin import SignIn, challenge
from emulator.userpools.hooks import messages
from emulator.userpools.hooks.mfa_messages import PENDING, PendingCode, occasion
from emulator.userpools.mfa.factors import required_default_factor, setup_choices, sign_in_factors
from emulator.userpools.mfa.model import EMAIL_OTP, SMS_MFA, SOFTWARE_TOKEN_MFA
from emulator.userpools.users.attributes import mask_email, mask_phone
from emulator.userpools.users.lifecycle import deliver
from emulator.userpools.users.model import User

SELECT_MFA_TYPE = "SELECT_MFA_TYPE"
MFA_SETUP = "MFA_SETUP"
OUTBOX_PURPOSE = "MFA"
DEFAULT_MESSAGE = "Your authentication code is {####}. "


def mfa_challenge(signin: SignIn, user: User) -> dict[str, Any] | None:
    """OFF: never. OPTIONAL: only users with a factor on. ON: users without one get SMS (or
    email) when they can receive it, else MFA_SETUP. Several factors and none preferred:
    SELECT_MFA_TYPE."""
    pool = signin.pool
    if pool.mfa_configuration == "OFF":
        return None
    factors = sign_in_factors(pool, user)
    if not factors and pool.mfa_configuration == "ON":
        default = required_default_factor(pool, user)
        if default is None:
            return setup_challenge(signin, user)
        factors = [default]
    if not factors:
        return None
    if user.mfa.preferred in factors:
        return start_factor(signin, user, user.mfa.preferred)
    if len(factors) == 1:
        return start_factor(signin, user, factors[0])
    parameters = {"MFAS_CAN_CHOOSE": json_list(factors), "USER_ID_FOR_SRP": user.username}
    return challenge(signin, user, SELECT_MFA_TYPE, parameters, {"choices": factors})


def start_factor(signin: SignIn, user: User, factor: str) -> dict[str, Any]:
    """The challenge for one factor; SMS and email codes are sent now and live as long as
    the challenge's Session (AuthSessionValidity, 3 minutes by default)."""
    if factor == SOFTWARE_TOKEN_MFA:
        parameters = {"USER_ID_FOR_SRP": user.username}
        if user.mfa.totp_device_name:
            parameters["FRIENDLY_DEVICE_NAME"] = user.mfa.totp_device_name
        return challenge(signin, user, SOFTWARE_TOKEN_MFA, parameters, {"attempts": 0})
    attribute = "phone_number" if factor == SMS_MFA else "email"
    return send_code_challenge(signin, user, factor, attribute, user.attributes[attribute])


def send_code_challenge(signin: SignIn, user: User, factor: str, attribute: str, destination: str,
                        extra: dict[str, Any] | None = None, purpose: str = OUTBOX_PURPOSE) -> dict[str, Any]:
    """The code is sent now, or, when the pool has CustomMessage, by the operation once the
    function answered (``hooks.mfa_messages``). Also the passwordless EMAIL_OTP / SMS_OTP first
    factor of USER_AUTH (``purpose`` SIGN_IN in the outbox)."""
    code = f"{randbelow(1_000_000):06d}"
    sms = attribute == "phone_number"
    template = _template(signin, EMAIL_OTP if not sms else SMS_MFA)
    parameters = {
        "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS" if sms else "EMAIL",
        "CODE_DELIVERY_DESTINATION": mask_phone(destination) if sms else mask_email(destination),
        "USER_ID_FOR_SRP": user.username,
    }
    result = challenge(signin, user, factor, parameters, {"code": code, "attempts": 0, **(extra or {})})
    if messages.awaits(signin.pool):
        result[PENDING] = PendingCode(user.username, user.sub, attribute, purpose, code, template, destination)
    else:
        deliver(signin.ctx, signin.pool, user, attribute, purpose, code, template, destination,
                occasion=occasion(signin))
    return result


def setup_challenge(signin: SignIn, user: User) -> dict[str, Any]:
    parameters = {"MFAS_CAN_SETUP": json_list(setup_choices(signin.pool)), "USER_ID_FOR_SRP": user.username}
    return challenge(signin, user, MFA_SETUP, parameters, {"stage": "challenge"})


def json_list(values: list[str]) -> str:
    """MFAS_CAN_* are JSON arrays in a string, written without spaces as AWS does."""
    return json.dumps(values, separators=(",", ":"))


def _template(signin: SignIn, factor: str) -> str:
    if factor == EMAIL_OTP:
        return signin.pool.mfa.email_message or DEFAULT_MESSAGE
    return signin.pool.sms_authentication_message or DEFAULT_MESSAGE
