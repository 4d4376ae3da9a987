"""Risk levels a tester schedules for a user's next scored sign-ins (``POST /_emulator/risk``):
the emulator has no risk engine, so this is how a sign-in becomes Low, Medium or High risk."""

from __future__ import annotations

from emulator.userpools.users.model import User

MAX_SCHEDULED = 100


def schedule(user: User, level: str, count: int) -> None:
    """Replace whatever was scheduled: the next ``count`` scored sign-ins get ``level``."""
    user.scheduled_risk = [level] * count


def take_next(user: User) -> str | None:
    """The level of this sign-in, spent; None when nothing is scheduled (no risk)."""
    if not user.scheduled_risk:
        return None
    level, user.scheduled_risk = user.scheduled_risk[0], user.scheduled_risk[1:]
    return level
