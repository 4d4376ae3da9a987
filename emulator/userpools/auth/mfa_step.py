"""MFA in the sign-in pipeline (built by the MFA and devices issue, #5): SMS_MFA,
SOFTWARE_TOKEN_MFA, EMAIL_OTP, SELECT_MFA_TYPE and MFA_SETUP, per the pool's
MfaConfiguration and the user's settings. Returns None when no MFA applies."""

from __future__ import annotations

from typing import Any

from emulator.userpools.auth.signin import SignIn
from emulator.userpools.users.model import User


def mfa_challenge(signin: SignIn, user: User) -> dict[str, Any] | None:
    return None
