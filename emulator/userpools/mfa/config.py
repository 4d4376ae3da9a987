"""The pool's MFA configuration: SetUserPoolMfaConfig / GetUserPoolMfaConfig, and the
MfaConfiguration + SmsConfiguration members of CreateUserPool / UpdateUserPool, with
AWS's validation. ``UserPool.mfa_configuration`` (DescribeUserPool) always follows."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from emulator.userpools.mfa.model import PoolMfa
from emulator.userpools.model import UserPool
from emulator.wire.errors import FeatureUnavailableInTierException, InvalidParameterException

OFF = "OFF"
# AWS's words [obs: aws-sdk-js#4186, terraform-aws-cognito-user-pool#74, aws-cdk#11478].
ALL_DISABLED = "Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration."
OFF_WITH_FACTOR = "Invalid MFA configuration given, can't turn off MFA and configure an MFA together."
SMS_REQUIRED = "SMS configuration and Auto verification for phone_number are required when MFA is required/optional"
# Guesses: AWS requires the Essentials tier or higher [doc] and Amazon SES sending [doc] for
# email MFA; the messages are not known.
EMAIL_TIER = "Email MFA is not available in the LITE tier. Upgrade the user pool to ESSENTIALS or PLUS."
PASSKEY_TIER = "Passkeys are not available in the LITE tier. Upgrade the user pool to ESSENTIALS or PLUS."
EMAIL_SES = "Email MFA requires an EmailConfiguration with EmailSendingAccount DEVELOPER (Amazon SES)."


@dataclass(frozen=True, slots=True)
class MfaSettings:
    mode: str
    mfa: PoolMfa
    sms_configuration: dict[str, Any] | None
    sms_message: str | None


def set_pool_mfa_config(pool: UserPool, params: dict[str, Any]) -> None:
    """SetUserPoolMfaConfig replaces the whole configuration: a factor left out is off
    [obs: aws-sdk-js#4186]; MfaConfiguration left out is OFF (guess)."""
    sms = params.get("SmsMfaConfiguration")
    email = params.get("EmailMfaConfiguration")
    sms_configuration = (sms or {}).get("SmsConfiguration") or pool.sms_configuration
    mfa = PoolMfa(
        sms_enabled=sms is not None,
        totp_enabled=bool((params.get("SoftwareTokenMfaConfiguration") or {}).get("Enabled")),
        email_enabled=email is not None,
        email_message=(email or {}).get("Message"),
        email_subject=(email or {}).get("Subject"),
        web_authn=copy.deepcopy(params.get("WebAuthnConfiguration", pool.mfa.web_authn)),
    )
    message = (sms or {}).get("SmsAuthenticationMessage") or pool.sms_authentication_message
    settings = MfaSettings(params.get("MfaConfiguration", OFF), mfa, sms_configuration, message)
    check(pool, settings)
    if "WebAuthnConfiguration" in params and params["WebAuthnConfiguration"] is not None and pool.tier == "LITE":
        raise FeatureUnavailableInTierException(PASSKEY_TIER)  # [doc: "must be in the Essentials tier or higher"]
    if mfa.sms_enabled and sms_configuration is None:
        raise InvalidParameterException(SMS_REQUIRED)
    apply(pool, settings)


def settings_from_pool_input(pool: UserPool, params: dict[str, Any]) -> MfaSettings:
    """CreateUserPool / UpdateUserPool: ON or OPTIONAL turns SMS MFA on and needs an
    SmsConfiguration unless another factor is already on [obs: aws-cdk#11478]. UpdateUserPool
    resets a missing MfaConfiguration to OFF, like every member it leaves out, and OFF turns
    every factor off (guess: whether AWS refuses instead is not known)."""
    mode = params.get("MfaConfiguration", OFF)
    sms_configuration = params.get("SmsConfiguration")
    current = pool.mfa
    mfa = PoolMfa(web_authn=current.web_authn)
    if mode != OFF:
        mfa = PoolMfa(sms_enabled=sms_configuration is not None, totp_enabled=current.totp_enabled,
                      email_enabled=current.email_enabled, email_message=current.email_message,
                      email_subject=current.email_subject, web_authn=current.web_authn)
        if not (mfa.sms_enabled or mfa.totp_enabled or mfa.email_enabled):
            raise InvalidParameterException(SMS_REQUIRED)
    return MfaSettings(mode, mfa, sms_configuration, params.get("SmsAuthenticationMessage"))


def check(pool: UserPool, settings: MfaSettings) -> None:
    mfa = settings.mfa
    any_factor = mfa.sms_enabled or mfa.totp_enabled or mfa.email_enabled
    if settings.mode == OFF and any_factor:
        raise InvalidParameterException(OFF_WITH_FACTOR)
    if settings.mode != OFF and not any_factor:
        raise InvalidParameterException(ALL_DISABLED)
    if mfa.email_enabled and not pool.mfa.email_enabled:
        if pool.tier == "LITE":
            raise FeatureUnavailableInTierException(EMAIL_TIER)
        email = pool.email_configuration
        if email is None or email.email_sending_account != "DEVELOPER":
            raise InvalidParameterException(EMAIL_SES)


def apply(pool: UserPool, settings: MfaSettings) -> None:
    pool.mfa = settings.mfa
    pool.mfa_configuration = settings.mode
    if settings.sms_configuration is not None:
        pool.sms_configuration = copy.deepcopy(settings.sms_configuration)
    if settings.sms_message is not None:
        pool.sms_authentication_message = settings.sms_message


def mfa_config_view(pool: UserPool) -> dict[str, Any]:
    """GetUserPoolMfaConfig / SetUserPoolMfaConfig output."""
    mfa = pool.mfa
    view: dict[str, Any] = {
        "SoftwareTokenMfaConfiguration": {"Enabled": mfa.totp_enabled},
        "MfaConfiguration": pool.mfa_configuration,
    }
    if mfa.sms_enabled:
        sms: dict[str, Any] = {"SmsConfiguration": copy.deepcopy(pool.sms_configuration)}
        if pool.sms_authentication_message:
            sms["SmsAuthenticationMessage"] = pool.sms_authentication_message
        view["SmsMfaConfiguration"] = sms
    if mfa.email_enabled:
        view["EmailMfaConfiguration"] = {k: v for k, v in (("Message", mfa.email_message),
                                                            ("Subject", mfa.email_subject)) if v}
    if mfa.web_authn is not None:
        view["WebAuthnConfiguration"] = copy.deepcopy(mfa.web_authn)
    return view
