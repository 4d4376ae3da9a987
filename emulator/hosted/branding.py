"""The hook for a pool's look: SetUICustomization / managed-login branding (built elsewhere) fill
this in. Pages render ``css`` inside their style block and ``logo`` (a data: URL) above the form."""

from __future__ import annotations

from dataclasses import dataclass

from emulator.userpools.model import UserPool, UserPoolClient


@dataclass(frozen=True, slots=True)
class Branding:
    css: str = ""
    logo: str | None = None  # a data: URL


def branding_for(pool: UserPool, client: UserPoolClient) -> Branding:
    """The pool's (or client's) UI customization; nothing stored yet, so Cognito's default look."""
    return Branding()
