"""Verification codes: six digits, single use, expiring as AWS's do."""

from __future__ import annotations

import hmac

from emulator.state.ids import randbelow
from emulator.userpools.users.model import PendingCode, User
from emulator.wire.errors import CodeMismatchException, ExpiredCodeException, LimitExceededException

SIGN_UP = "SIGN_UP"
FORGOT_PASSWORD = "FORGOT_PASSWORD"


def verify_purpose(attribute: str) -> str:
    return f"VERIFY:{attribute}"


# Seconds each kind of code stays valid.
VALIDITY = {SIGN_UP: 24 * 3600, FORGOT_PASSWORD: 3600}
ATTRIBUTE_VALIDITY = 24 * 3600

MISMATCH = "Invalid verification code provided, please try again."
EXPIRED = "Invalid code provided, please request a code again."
LIMIT = "Attempt limit exceeded, please try after some time."
# Wrong answers one code takes before it stops working (LimitExceededException, even for the
# right code, until a new code is sent). Observed on AWS for ForgotPassword: refused after about
# ten wrong codes; the same limit for every code purpose is a guess.
WRONG_ANSWERS_ALLOWED = 10


def issue_code(user: User, purpose: str, now: float, attribute: str | None = None) -> str:
    """A new code replaces any earlier one of the same purpose."""
    code = f"{randbelow(1_000_000):06d}"
    validity = VALIDITY.get(purpose, ATTRIBUTE_VALIDITY)
    user.codes[purpose] = PendingCode(code, now + validity, attribute)
    return code


def check_code(user: User, purpose: str, given: str, now: float) -> PendingCode:
    """Check a code without spending it, so an operation can run its other checks before
    its first change: wrong -> CodeMismatch; expired, used or never sent -> ExpiredCode."""
    pending = user.codes.get(purpose)
    if pending is None or pending.expires <= now:
        raise ExpiredCodeException(EXPIRED)
    if pending.wrong_answers >= WRONG_ANSWERS_ALLOWED:
        raise LimitExceededException(LIMIT)
    if not hmac.compare_digest(pending.code.encode(), given.encode("utf-8", "surrogatepass")):
        pending.wrong_answers += 1
        raise CodeMismatchException(MISMATCH)
    return pending


def consume_code(user: User, purpose: str, given: str, now: float) -> PendingCode:
    """Check and spend a code (see ``check_code``)."""
    pending = check_code(user, purpose, given, now)
    del user.codes[purpose]
    return pending
