"""Each user's factors: SetUserMFAPreference / AdminSetUserMFAPreference, the legacy
MFAOptions of SetUserSettings, what AdminGetUser / GetUser report, and which factors a
sign-in may challenge."""

from __future__ import annotations

from typing import Any

from emulator.userpools.mfa.model import EMAIL_OTP, FACTORS, SMS_MFA, SOFTWARE_TOKEN_MFA, UserMfa
from emulator.userpools.model import UserPool
from emulator.userpools.users.model import User
from emulator.wire.errors import InvalidParameterException

# Request member -> factor.
SETTINGS_MEMBERS = {"SMSMfaSettings": SMS_MFA, "SoftwareTokenMfaSettings": SOFTWARE_TOKEN_MFA,
                    "EmailMfaSettings": EMAIL_OTP}
# AWS's words for SOFTWARE_TOKEN_MFA [obs: aws-sdk-js-v3#4645]; the others by analogy (guess).
NO_DELIVERY = "User does not have delivery config set to turn on {factor}"
# Guesses: wording not known.
TWO_PREFERRED = "Only one MFA type can be preferred."
PREFERRED_DISABLED = "Cannot set {factor} as the preferred MFA type because it is not enabled."
# [doc: WebAuthnMfaSettings "The user must also have at least one other MFA method ... activated"]; wording a guess.
PASSKEY_MFA_ALONE = "Passkey MFA needs another MFA method (SMS, TOTP or email) activated for the user."
ONLY_SMS_OPTION = "Only SMS delivery medium with the phone_number attribute is supported for MFAOptions."


def set_preference(user: User, params: dict[str, Any]) -> None:
    """Members left out leave that factor as it is; turning the preferred factor off clears
    the preference; every check runs before any change."""
    mfa = user.mfa
    enabled = {SMS_MFA: mfa.sms_enabled, SOFTWARE_TOKEN_MFA: mfa.totp_enabled, EMAIL_OTP: mfa.email_enabled}
    given = {factor: params[member] for member, factor in SETTINGS_MEMBERS.items() if params.get(member) is not None}
    chosen = [factor for factor, settings in given.items() if settings.get("PreferredMfa")]
    if len(chosen) > 1:
        raise InvalidParameterException(TWO_PREFERRED)
    preferred = mfa.preferred
    for factor, settings in given.items():
        if "Enabled" in settings:
            enabled[factor] = bool(settings["Enabled"])
        if settings.get("PreferredMfa") is False and preferred == factor:
            preferred = None
    if chosen:
        preferred = chosen[0]
        if not enabled[preferred]:
            raise InvalidParameterException(PREFERRED_DISABLED.format(factor=preferred))
    elif preferred is not None and not enabled[preferred]:
        preferred = None
    for factor, on in enabled.items():
        if on and factor in given and not _has_delivery(user, factor):
            raise InvalidParameterException(NO_DELIVERY.format(factor=factor))
    web_authn = (params.get("WebAuthnMfaSettings") or {}).get("Enabled")
    if web_authn and not any(enabled.values()):
        raise InvalidParameterException(PASSKEY_MFA_ALONE)
    mfa.sms_enabled = enabled[SMS_MFA]
    mfa.totp_enabled = enabled[SOFTWARE_TOKEN_MFA]
    mfa.email_enabled = enabled[EMAIL_OTP]
    mfa.preferred = preferred
    if web_authn is not None:
        mfa.web_authn_enabled = bool(web_authn)


def set_mfa_options(user: User, options: list[dict[str, str]]) -> None:
    """SetUserSettings / AdminSetUserSettings: the legacy way to turn SMS MFA on ([{SMS,
    phone_number}]) or off ([])."""
    for option in options:
        if option.get("DeliveryMedium") != "SMS" or option.get("AttributeName", "phone_number") != "phone_number":
            raise InvalidParameterException(ONLY_SMS_OPTION)
    on = bool(options)
    if on and not _has_delivery(user, SMS_MFA):
        raise InvalidParameterException(NO_DELIVERY.format(factor=SMS_MFA))
    user.mfa.sms_enabled = on
    if not on and user.mfa.preferred == SMS_MFA:
        user.mfa.preferred = None


def delete_software_token(user: User) -> None:
    """AdminDeleteSoftwareToken: the secret, the pending one and the preference for it go."""
    mfa = user.mfa
    mfa.totp_enabled, mfa.totp_secret, mfa.pending_totp_secret = False, None, None
    mfa.totp_device_name, mfa.last_totp_step = None, -1
    if mfa.preferred == SOFTWARE_TOKEN_MFA:
        mfa.preferred = None


def _has_delivery(user: User, factor: str) -> bool:
    if factor == SMS_MFA:
        return bool(user.attributes.get("phone_number"))
    if factor == EMAIL_OTP:
        return bool(user.attributes.get("email"))
    return user.mfa.totp_secret is not None


def settings_view(user: User) -> dict[str, Any]:
    """MFAOptions (legacy: SMS), UserMFASettingList and PreferredMfaSetting, each only when set.
    Passkey MFA (WebAuthnMfaSettings) is in neither: the model's "possible values in this list are
    SMS_MFA, EMAIL_OTP, and SOFTWARE_TOKEN_MFA" [doc]."""
    mfa: UserMfa = user.mfa
    view: dict[str, Any] = {}
    if mfa.sms_enabled:
        view["MFAOptions"] = [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]
    if mfa.preferred:
        view["PreferredMfaSetting"] = mfa.preferred
    if mfa.enabled():
        view["UserMFASettingList"] = mfa.enabled()
    return view


def sign_in_factors(pool: UserPool, user: User) -> list[str]:
    """The factors this sign-in may ask for: the user's, where the pool still offers them
    and the user can receive the code. A verified software token keeps working after the
    pool turns TOTP off [doc: "users who previously associated and verified a TOTP token
    can continue to use it"]."""
    usable = []
    for factor in user.mfa.enabled():
        if factor == SOFTWARE_TOKEN_MFA and user.mfa.totp_secret is not None:
            usable.append(factor)
        elif factor == SMS_MFA and pool.mfa.sms_enabled and user.attributes.get("phone_number"):
            usable.append(factor)
        elif factor == EMAIL_OTP and pool.mfa.email_enabled and user.attributes.get("email"):
            usable.append(factor)
    return usable


def required_default_factor(pool: UserPool, user: User) -> str | None:
    """In a pool where MFA is ON, a user who turned nothing on still gets SMS when the pool
    sends SMS and they have a phone number, else email likewise (guess: AWS's docs say
    required MFA uses the phone number; the email fallback is by analogy)."""
    if pool.mfa.sms_enabled and user.attributes.get("phone_number"):
        return SMS_MFA
    if pool.mfa.email_enabled and user.attributes.get("email"):
        return EMAIL_OTP
    return None


def setup_choices(pool: UserPool) -> list[str]:
    """MFAS_CAN_SETUP: what the pool lets a user set up during sign-in."""
    flags = {SMS_MFA: pool.mfa.sms_enabled, SOFTWARE_TOKEN_MFA: pool.mfa.totp_enabled,
             EMAIL_OTP: pool.mfa.email_enabled}
    return [factor for factor in FACTORS if flags[factor]]
