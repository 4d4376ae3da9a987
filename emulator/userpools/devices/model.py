"""The device record. Cognito never learns the device's secret: ConfirmDevice hands it an SRP salt
and verifier, exactly as a password set does for a user."""

from __future__ import annotations

from dataclasses import dataclass

REMEMBERED = "remembered"
NOT_REMEMBERED = "not_remembered"
DEVICE_NOT_FOUND = "Device does not exist."  # Amplify matches this exact text, acij any "device"


@dataclass(slots=True)
class Device:
    key: str  # "<region>_<uuid>"
    group_key: str  # opaque, short; the SRP "pool name" of the device
    created: float
    modified: float
    last_authenticated: float
    name: str | None = None
    remembered_status: str | None = None  # None until ConfirmDevice
    srp_salt: bytes | None = None  # set by ConfirmDevice
    srp_verifier: int | None = None

    @property
    def confirmed(self) -> bool:
        """ConfirmDevice registered a verifier: the device can answer DEVICE_SRP_AUTH."""
        return self.srp_verifier is not None

    @property
    def remembered(self) -> bool:
        return self.confirmed and self.remembered_status == REMEMBERED
