"""Turning CreateUserPool / UpdateUserPool input into pool settings with AWS's defaults.

UpdateUserPool, like AWS, resets every updatable setting the request leaves out to its
default; both operations therefore build settings through ``apply_updatable_settings``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, TypeVar

from emulator.userpools import pool_settings as records
from emulator.userpools.mfa import config as mfa_config
from emulator.userpools.model import PasswordPolicy, UserPool
from emulator.userpools.settings_shapes import from_shape
from emulator.userpools.sign_in_policy import check_sign_in_policy
from emulator.wire.errors import InvalidParameterException

R = TypeVar("R")

# Updatable members the emulator only stores and returns as given, with AWS's defaults.
_STORED_DEFAULTS: dict[str, Any] = {
    "LambdaConfig": {},
    "UserPoolAddOns": None,
    "AccountRecoverySetting": None,
}
_DEFAULT_SIGN_IN_POLICY = {"AllowedFirstAuthFactors": ["PASSWORD"]}
_VERIFIABLE = {"email", "phone_number"}


def apply_updatable_settings(pool: UserPool, params: dict[str, Any]) -> None:
    """Validate, then set every updatable setting from ``params`` or its default."""
    _check_auto_verified(params.get("AutoVerifiedAttributes") or [])
    policies = params.get("Policies") or {}
    password_policy = password_policy_from(policies.get("PasswordPolicy"))
    config = {name: copy.deepcopy(params.get(name, default)) for name, default in _STORED_DEFAULTS.items()}
    email_sending = (params.get("EmailConfiguration") or {}).get("EmailSendingAccount")
    check_sign_in_policy(policies.get("SignInPolicy"), params.get("UserPoolTier", "ESSENTIALS"), email_sending)
    config["SignInPolicy"] = copy.deepcopy(policies.get("SignInPolicy") or _DEFAULT_SIGN_IN_POLICY)
    # Always described, null or not: the legacy members and DefaultEmailOption fill it in.
    template = from_shape(records.VerificationTemplate, params.get("VerificationMessageTemplate"))
    template = template or records.VerificationTemplate()
    _fill_verification_template(template, params)
    mfa_settings = mfa_config.settings_from_pool_input(pool, params)

    pool.password_policy = password_policy
    pool.config = {k: v for k, v in config.items() if v is not None}
    pool.admin_create_user = _setting(params, "AdminCreateUserConfig", records.AdminCreateUserSettings,
                                      records.default_admin_create_user)
    pool.verification_message_template = template
    # ... and the template back into the legacy members (AWS describes both; moto does the same).
    pool.sms_verification_message = params.get("SmsVerificationMessage") or template.sms_message
    pool.email_verification_message = params.get("EmailVerificationMessage") or template.email_message
    pool.email_verification_subject = params.get("EmailVerificationSubject") or template.email_subject
    pool.sms_authentication_message = params.get("SmsAuthenticationMessage")
    pool.user_attribute_update_settings = _setting(params, "UserAttributeUpdateSettings",
                                                   records.AttributeUpdateSettings, records.default_attribute_update)
    pool.device_configuration = from_shape(records.DeviceSettings, params.get("DeviceConfiguration"))
    pool.email_configuration = _setting(params, "EmailConfiguration", records.EmailSettings, records.default_email)
    pool.sms_configuration = copy.deepcopy(params.get("SmsConfiguration"))
    pool.auto_verified_attributes = list(params.get("AutoVerifiedAttributes") or [])
    mfa_config.apply(pool, mfa_settings)
    pool.deletion_protection = params.get("DeletionProtection", "INACTIVE")
    pool.tier = params.get("UserPoolTier", "ESSENTIALS")


def _setting(params: dict[str, Any], name: str, record: type[R], default: Callable[[], R]) -> R | None:
    """AWS's default when the member is left out; None when it is sent as null."""
    return default() if name not in params else from_shape(record, params[name])


def password_policy_from(given: dict[str, Any] | None) -> PasswordPolicy:
    """No policy at all gets AWS's strict default; a given policy leaves unset checks off."""
    if given is None:
        return PasswordPolicy()
    return PasswordPolicy(
        minimum_length=given.get("MinimumLength", 8),
        require_uppercase=given.get("RequireUppercase", False),
        require_lowercase=given.get("RequireLowercase", False),
        require_numbers=given.get("RequireNumbers", False),
        require_symbols=given.get("RequireSymbols", False),
        temporary_password_validity_days=given.get("TemporaryPasswordValidityDays", 7),
        password_history_size=given.get("PasswordHistorySize"),
    )


def password_policy_view(policy: PasswordPolicy) -> dict[str, Any]:
    view: dict[str, Any] = {
        "MinimumLength": policy.minimum_length,
        "RequireUppercase": policy.require_uppercase,
        "RequireLowercase": policy.require_lowercase,
        "RequireNumbers": policy.require_numbers,
        "RequireSymbols": policy.require_symbols,
        "TemporaryPasswordValidityDays": policy.temporary_password_validity_days,
    }
    if policy.password_history_size is not None:
        view["PasswordHistorySize"] = policy.password_history_size
    return view


def check_sign_in_attributes(params: dict[str, Any]) -> None:
    if params.get("UsernameAttributes") and params.get("AliasAttributes"):
        raise InvalidParameterException(
            "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool."
        )


def _check_auto_verified(attributes: list[str]) -> None:
    for attribute in attributes:
        if attribute not in _VERIFIABLE:
            raise InvalidParameterException(f"Invalid AutoVerifiedAttributes: {attribute}")


def _fill_verification_template(template: records.VerificationTemplate, params: dict[str, Any]) -> None:
    """AWS mirrors the legacy message members into VerificationMessageTemplate."""
    if params.get("SmsVerificationMessage") and template.sms_message is None:
        template.sms_message = params["SmsVerificationMessage"]
    if params.get("EmailVerificationMessage") and template.email_message is None:
        template.email_message = params["EmailVerificationMessage"]
    if params.get("EmailVerificationSubject") and template.email_subject is None:
        template.email_subject = params["EmailVerificationSubject"]
    if template.default_email_option is None:
        template.default_email_option = "CONFIRM_WITH_CODE"
