"""Remembered devices in the sign-in pipeline (built by the MFA and devices issue, #5).

``remembered_device_challenge`` answers DEVICE_SRP_AUTH when the client presents a known,
remembered DEVICE_KEY (device auth stands in for MFA); ``new_device_metadata`` gives
NewDeviceMetadata when the pool tracks devices and no known device was presented.
"""

from __future__ import annotations

from typing import Any

from emulator.userpools.auth.signin import SignIn
from emulator.userpools.users.model import User


def remembered_device_challenge(signin: SignIn, user: User) -> dict[str, Any] | None:
    return None


def new_device_metadata(signin: SignIn, user: User) -> dict[str, str] | None:
    return None
