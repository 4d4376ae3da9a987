"""The one exception SRP math raises; callers map it to the AWS error their operation owes."""

from __future__ import annotations


class SrpError(ValueError):
    """A value that must be refused for SRP to stay sound (A mod N == 0, u == 0, malformed input)."""
