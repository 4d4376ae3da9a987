"""Choice-based sign-in settings: the pool's SignInPolicy.AllowedFirstAuthFactors, checked as
AWS checks them at CreateUserPool / UpdateUserPool, and what each user can do with them (the
AvailableChallenges of USER_AUTH, ConfiguredUserAuthFactors of GetUserAuthFactors)."""

from __future__ import annotations

from typing import Any

from emulator.userpools.model import UserPool
from emulator.userpools.users.model import User
from emulator.wire.errors import FeatureUnavailableInTierException, InvalidParameterException

PASSWORD = "PASSWORD"
PASSWORD_SRP = "PASSWORD_SRP"
EMAIL_OTP = "EMAIL_OTP"
SMS_OTP = "SMS_OTP"
WEB_AUTHN = "WEB_AUTHN"
SOFTWARE_TOKEN = "SOFTWARE_TOKEN"
PASSWORDLESS = (EMAIL_OTP, SMS_OTP, WEB_AUTHN)
# AWS's order in AvailableChallenges and in the API docs.
CHALLENGE_ORDER = (PASSWORD, PASSWORD_SRP, EMAIL_OTP, SMS_OTP, WEB_AUTHN)
MULTI_FACTOR = "MULTI_FACTOR_WITH_USER_VERIFICATION"

# Guesses: AWS refuses these configurations [doc: SOFTWARE_TOKEN "is not currently supported as a
# first auth factor"; the CDK's AllowedFirstAuthFactors says password "must be true"; passwordless
# sign-in needs the Essentials plan or higher]; the wording is not known.
NO_SOFTWARE_TOKEN = "SOFTWARE_TOKEN is not supported as a first authentication factor."
NEEDS_PASSWORD = "AllowedFirstAuthFactors must include PASSWORD."
TIER = "Passwordless sign-in is not available in the LITE tier. Upgrade the user pool to ESSENTIALS or PLUS."
EMAIL_SES = "Email OTP sign-in requires an EmailConfiguration with EmailSendingAccount DEVELOPER (Amazon SES)."


def first_factors(pool: UserPool) -> list[str]:
    policy = pool.config.get("SignInPolicy") or {}
    return list(policy.get("AllowedFirstAuthFactors") or [PASSWORD])


def check_sign_in_policy(policy: dict[str, Any] | None, tier: str, email_sending_account: str | None) -> None:
    """CreateUserPool / UpdateUserPool: before anything changes."""
    factors = list((policy or {}).get("AllowedFirstAuthFactors") or [PASSWORD])
    if SOFTWARE_TOKEN in factors:
        raise InvalidParameterException(NO_SOFTWARE_TOKEN)
    if PASSWORD not in factors:
        raise InvalidParameterException(NEEDS_PASSWORD)
    if tier == "LITE" and any(factor in PASSWORDLESS for factor in factors):
        raise FeatureUnavailableInTierException(TIER)
    if EMAIL_OTP in factors and email_sending_account != "DEVELOPER":
        raise InvalidParameterException(EMAIL_SES)


def passkeys_satisfy_mfa(pool: UserPool, user: User) -> bool:
    """A passkey with user verification stands for MFA when the pool's FactorConfiguration is
    MULTI_FACTOR_WITH_USER_VERIFICATION [doc] and the user turned passkey MFA on (WebAuthnMfaSettings:
    "passkey sign-in is available when MFA is required" [doc])."""
    return (pool.mfa.web_authn or {}).get("FactorConfiguration") == MULTI_FACTOR and user.mfa.web_authn_enabled


def has_passkey_for(user: User, rp_id: str | None) -> bool:
    """A passkey is bound to the relying-party id it was registered for (WebAuthn): after the pool's
    RelyingPartyId changes, older passkeys cannot sign in, so they are not offered (guess: AWS does
    not document what it offers then)."""
    return rp_id is not None and any(key.relying_party_id == rp_id for key in user.passkeys.values())


def available_challenges(pool: UserPool, user: User, rp_id: str | None) -> list[str]:
    """What this user may start USER_AUTH with: the pool's first factors that the user can use (a
    password set, a verified email or phone number, a passkey for the pool's current relying-party
    id ``rp_id``). Where MFA is required, a
    passwordless factor cannot stand in for it, except a passkey that counts as MFA (``passkeys_satisfy_mfa``;
    that the others are not offered then is a guess)."""
    allowed = set(first_factors(pool))
    mfa_required = pool.mfa_configuration == "ON"
    usable = {
        PASSWORD: PASSWORD in allowed and user.password is not None,
        PASSWORD_SRP: PASSWORD in allowed and user.password is not None,
        EMAIL_OTP: EMAIL_OTP in allowed and not mfa_required and _verified(user, "email"),
        SMS_OTP: SMS_OTP in allowed and not mfa_required and _verified(user, "phone_number"),
        WEB_AUTHN: (WEB_AUTHN in allowed and has_passkey_for(user, rp_id)
                    and (not mfa_required or passkeys_satisfy_mfa(pool, user))),
    }
    return [name for name in CHALLENGE_ORDER if usable[name]]


def configured_factors(pool: UserPool, user: User) -> list[str]:
    """GetUserAuthFactors' ConfiguredUserAuthFactors, in the AuthFactorType order: PASSWORD only as a
    first factor, SOFTWARE_TOKEN only as MFA, the others either way [doc]."""
    allowed = set(first_factors(pool))
    mfa = user.mfa
    flags = {
        PASSWORD: user.password is not None,
        EMAIL_OTP: (EMAIL_OTP in allowed and _verified(user, "email")) or mfa.email_enabled,
        SMS_OTP: (SMS_OTP in allowed and _verified(user, "phone_number")) or mfa.sms_enabled,
        WEB_AUTHN: WEB_AUTHN in allowed and bool(user.passkeys),
        SOFTWARE_TOKEN: mfa.totp_enabled and mfa.totp_secret is not None,
    }
    return [factor for factor, on in flags.items() if on]


def passwordless_sign_up_allowed(pool: UserPool) -> bool:
    """SignUp may leave Password out "when your user pool supports passwordless sign-in with email
    or SMS OTPs" [doc]."""
    factors = first_factors(pool)
    return EMAIL_OTP in factors or SMS_OTP in factors


def _verified(user: User, attribute: str) -> bool:
    return bool(user.attributes.get(attribute)) and user.attributes.get(f"{attribute}_verified") == "true"
