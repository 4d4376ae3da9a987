"""AWS's lockout after failed sign-ins with a password, so brute force stops here as it does there.

AWS documents it (Developer Guide, "Lockout behavior for failed sign-in attempts"): after five
failed sign-in attempts with a password the user is locked out for one second, and for 2^(n-5)
seconds after the n-th failure, up to about 15 minutes. An attempt during a lockout fails with
``NotAuthorizedException: Password attempts exceeded`` (even with the right password) and does not
lengthen later lockouts. The count starts again after a successful sign-in once a lockout has
passed, or after 15 minutes without any attempt. The emulator's clock moves these windows.
"""

from __future__ import annotations

from emulator.userpools.users.model import User
from emulator.wire.errors import NotAuthorizedException

EXCEEDED = "Password attempts exceeded"
FREE_FAILURES = 4  # the 5th failure locks for 2^0 = 1 second
MAX_LOCK_SECONDS = 15 * 60
QUIET_RESET_SECONDS = 15 * 60


def check_not_locked(user: User, now: float) -> None:
    """Before a password is looked at: refuse while locked, forget a lockout after a quiet spell."""
    if user.failed_sign_ins and now - user.last_failed_sign_in >= QUIET_RESET_SECONDS and now >= user.locked_until:
        forget_failures(user)
    if now < user.locked_until:
        user.last_failed_sign_in = now  # an attempt, so not a quiet spell
        raise NotAuthorizedException(EXCEEDED)


def record_failure(user: User, now: float) -> None:
    user.failed_sign_ins += 1
    user.last_failed_sign_in = now
    beyond = user.failed_sign_ins - FREE_FAILURES - 1
    if beyond >= 0:
        user.locked_until = now + min(2.0 ** min(beyond, 20), MAX_LOCK_SECONDS)


def forget_failures(user: User) -> None:
    user.failed_sign_ins = 0
    user.locked_until = 0.0
