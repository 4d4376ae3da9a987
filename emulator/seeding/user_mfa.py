"""``Mfa``: a user's MFA factors in a seed file, as SetUserMFAPreference and a verified
software token (AssociateSoftwareToken + VerifySoftwareToken) leave them (``UserMfa``).

``{"TotpSecret": "<base32>", "TotpDeviceName": "...", "TotpEnabled": bool, "SmsEnabled": bool,
"EmailEnabled": bool, "Preferred": "SMS_MFA" | "SOFTWARE_TOKEN_MFA" | "EMAIL_OTP"}``, all optional.
A secret still waiting for VerifySoftwareToken is not state worth keeping and has no key.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

from emulator.seeding import fields
from emulator.seeding.errors import SeedError
from emulator.userpools.mfa.model import FACTORS, UserMfa

KEYS = {"TotpSecret", "TotpDeviceName", "TotpEnabled", "SmsEnabled", "EmailEnabled", "Preferred"}
_BASE32 = re.compile(r"[A-Za-z2-7]{16,}")  # AWS's SecretCode is at least 16 characters


def mfa_entry(mfa: UserMfa) -> dict[str, Any] | None:
    """The seed form of a user's factors, or None when nothing is set."""
    if mfa.totp_secret is None and mfa.preferred is None and not mfa.enabled():
        return None
    entry: dict[str, Any] = {}
    if mfa.totp_secret is not None:
        entry["TotpSecret"] = mfa.totp_secret
    if mfa.totp_device_name is not None:
        entry["TotpDeviceName"] = mfa.totp_device_name
    entry.update(TotpEnabled=mfa.totp_enabled, SmsEnabled=mfa.sms_enabled, EmailEnabled=mfa.email_enabled)
    if mfa.preferred is not None:
        entry["Preferred"] = mfa.preferred
    return entry


def user_mfa(value: Any, where: str) -> UserMfa:
    """Check an ``Mfa`` object: a valid base32 secret, TOTP only with one, a preferred factor
    that is enabled (SetUserMFAPreference's own rules)."""
    where = f"{where}.Mfa"
    if not isinstance(value, dict):
        raise SeedError(f"{where}: expected an object with {', '.join(sorted(KEYS))}")
    fields.unknown_keys(value, KEYS, where)
    secret = value.get("TotpSecret")
    if secret is not None and not _valid_base32(secret):
        raise SeedError(f"{where}: TotpSecret must be a base32 string (A-Z, 2-7, unpadded) of at least 16 characters")
    name = value.get("TotpDeviceName")
    if name is not None and (not isinstance(name, str) or not name):
        raise SeedError(f"{where}: TotpDeviceName must be a non-empty string")
    if name is not None and secret is None:
        raise SeedError(f"{where}: TotpDeviceName needs a TotpSecret")
    mfa = UserMfa(
        sms_enabled=fields.boolean(value, "SmsEnabled", False, where),
        totp_enabled=fields.boolean(value, "TotpEnabled", False, where),
        email_enabled=fields.boolean(value, "EmailEnabled", False, where),
        totp_secret=secret,
        totp_device_name=name,
    )
    if mfa.totp_enabled and secret is None:
        raise SeedError(f"{where}: TotpEnabled needs a TotpSecret (a verified software token)")
    preferred = value.get("Preferred")
    if preferred is not None:
        if preferred not in FACTORS:
            raise SeedError(f"{where}: Preferred must be one of {', '.join(FACTORS)}")
        if preferred not in mfa.enabled():
            raise SeedError(f"{where}: Preferred {preferred} is not enabled")
        mfa.preferred = preferred
    return mfa


def _valid_base32(secret: Any) -> bool:
    if not isinstance(secret, str) or not _BASE32.fullmatch(secret):
        return False
    try:
        base64.b32decode(secret + "=" * (-len(secret) % 8), casefold=True)
    except (binascii.Error, ValueError):
        return False  # a length no base32 encoding has (1, 3 or 6 characters past a block)
    return True

