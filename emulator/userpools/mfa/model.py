"""MFA records kept on the pool and on each user (no imports from the rest of the
user-pool package, so both models can hold them)."""

from __future__ import annotations

from dataclasses import dataclass

SMS_MFA = "SMS_MFA"
SOFTWARE_TOKEN_MFA = "SOFTWARE_TOKEN_MFA"
EMAIL_OTP = "EMAIL_OTP"
FACTORS = (SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP)  # AWS lists them in this order (MFAS_CAN_*)


@dataclass(slots=True)
class PoolMfa:
    """Which factors SetUserPoolMfaConfig (or Create/UpdateUserPool) turned on. The SMS
    message and SmsConfiguration are ``UserPool`` fields, which DescribeUserPool also renders."""

    sms_enabled: bool = False
    totp_enabled: bool = False
    email_enabled: bool = False
    email_message: str | None = None
    email_subject: str | None = None
    web_authn: dict[str, object] | None = None


@dataclass(slots=True)
class UserMfa:
    sms_enabled: bool = False
    totp_enabled: bool = False
    email_enabled: bool = False
    preferred: str | None = None  # one of FACTORS
    totp_secret: str | None = None  # verified (VerifySoftwareToken succeeded)
    totp_device_name: str | None = None
    last_totp_step: int = -1  # RFC 6238 §5.2: a code is accepted once; steps only move forward
    pending_totp_secret: str | None = None  # associated, waiting for VerifySoftwareToken
    web_authn_enabled: bool = False  # WebAuthnMfaSettings: a passkey sign-in may stand for MFA

    def enabled(self) -> list[str]:
        flags = {SMS_MFA: self.sms_enabled, SOFTWARE_TOKEN_MFA: self.totp_enabled, EMAIL_OTP: self.email_enabled}
        return [factor for factor in FACTORS if flags[factor]]
