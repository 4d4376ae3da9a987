"""Times as people read them: absolute in UTC, and relative to the emulator's clock (which may
have been advanced, so never to the wall clock)."""

from __future__ import annotations

import math
from datetime import UTC, datetime

_UNITS = (("d", 86400), ("h", 3600), ("min", 60), ("s", 1))


def when(epoch: float | int | None) -> str:
    """``2024-05-29 16:26:40 UTC``; an empty string for no time."""
    if epoch is None or isinstance(epoch, bool) or not isinstance(epoch, int | float) or not math.isfinite(epoch):
        return ""
    try:
        return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    except (OverflowError, OSError, ValueError):
        return f"{epoch} (out of range)"


def span(seconds: float) -> str:
    """``2 h 5 min``: the two largest units, enough to read at a glance."""
    left = round(abs(seconds))
    if left == 0:
        return "0 s"
    parts = []
    for name, size in _UNITS:
        if left >= size:
            parts.append(f"{left // size} {name}")
            left %= size
        if len(parts) == 2:
            break
    return " ".join(parts)


def relative(epoch: float | int | None, now: float) -> str:
    """``in 59 min 58 s`` / ``3 s ago``."""
    if epoch is None or isinstance(epoch, bool) or not isinstance(epoch, int | float) or not math.isfinite(epoch):
        return ""
    delta = epoch - now
    if abs(delta) < 1:
        return "now"
    return f"in {span(delta)}" if delta > 0 else f"{span(delta)} ago"
