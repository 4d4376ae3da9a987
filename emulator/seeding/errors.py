"""The one error a seed file produces; its message names the bad entry."""

from __future__ import annotations


class SeedError(ValueError):
    """A seed file that cannot be loaded; the message names the bad entry."""
