"""Which MFA factor an adaptive-authentication challenge uses for a user who has none turned on.

[doc: AccountTakeoverActionType] "MFA is possible if the user pool has active MFA methods that the
user can set up ... if the user pool only supports SMS message MFA but the user doesn't have a
phone number attribute, MFA setup isn't possible"; "users must have an email address or phone
number attribute, or a registered TOTP factor". A pool whose MFA is OFF has no active methods
(guess: AWS advises OPTIONAL for adaptive authentication)."""

from __future__ import annotations

from emulator.userpools.mfa.factors import required_default_factor, sign_in_factors
from emulator.userpools.mfa.model import SOFTWARE_TOKEN_MFA
from emulator.userpools.model import UserPool
from emulator.userpools.users.model import User


def possible_factor(pool: UserPool, user: User) -> str | None:
    if pool.mfa_configuration == "OFF":
        return None
    factors = sign_in_factors(pool, user)
    if factors:
        return user.mfa.preferred if user.mfa.preferred in factors else factors[0]
    default = required_default_factor(pool, user)
    if default is not None:
        return default
    if pool.mfa.totp_enabled and user.mfa.totp_secret is not None:
        return SOFTWARE_TOKEN_MFA
    return None
