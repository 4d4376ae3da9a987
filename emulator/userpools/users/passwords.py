"""Password policy checks with AWS's messages, and temporary-password generation.

(Storage — salted hash plus SRP verifier — is in ``users.credentials``.)
"""

from __future__ import annotations

import string

from emulator.state import ids
from emulator.userpools.model import PasswordPolicy
from emulator.wire.errors import InvalidPasswordException

# AWS's symbol set; the space counts too when it is not leading or trailing.
SYMBOLS = set("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ")

SIGN_UP_PREFIX = "Password did not conform with policy: "
CHANGE_PREFIX = "Password does not conform to policy: "


def policy_violation(password: str, policy: PasswordPolicy) -> str | None:
    """The first rule the password breaks, worded as AWS words it, or None."""
    checks = (
        (len(password) >= policy.minimum_length, "Password not long enough"),
        (not policy.require_uppercase or any(c in string.ascii_uppercase for c in password),
         "Password must have uppercase characters"),
        (not policy.require_lowercase or any(c in string.ascii_lowercase for c in password),
         "Password must have lowercase characters"),
        (not policy.require_numbers or any(c in string.digits for c in password),
         "Password must have numeric characters"),
        (not policy.require_symbols or any(c in SYMBOLS for c in password),
         "Password must have symbol characters"),
    )
    for passed, reason in checks:
        if not passed:
            return reason
    return None


def check_policy(password: str, policy: PasswordPolicy, *, sign_up: bool) -> None:
    """SignUp words it "did not conform with"; password changes "does not conform to"."""
    reason = policy_violation(password, policy)
    if reason is not None:
        prefix = SIGN_UP_PREFIX if sign_up else CHANGE_PREFIX
        raise InvalidPasswordException(prefix + reason)


def temporary_password(policy: PasswordPolicy) -> str:
    """A random password that satisfies the pool's policy, as AdminCreateUser generates."""
    length = max(policy.minimum_length, 12)
    required = [
        ids.choice(string.ascii_uppercase),
        ids.choice(string.ascii_lowercase),
        ids.choice(string.digits),
        ids.choice("^$*.!@#%&"),
    ]
    alphabet = string.ascii_letters + string.digits
    rest = [ids.choice(alphabet) for _ in range(length - len(required))]
    characters = required + rest
    ids.shuffle(characters)
    return "".join(characters)
