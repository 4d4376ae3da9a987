"""A user's devices and the pool's DeviceConfiguration, with AWS's rules for each change.

Devices live on their user (``User.devices``), so deleting the user forgets them and every lookup
is by (user, DeviceKey): a DEVICE_KEY of another user of the pool "does not exist" for this one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from emulator.srp.errors import SrpError
from emulator.srp.verifier import decode_device_verifier_config
from emulator.state.ids import device_key, urlsafe_token
from emulator.userpools.devices.model import DEVICE_NOT_FOUND, NOT_REMEMBERED, REMEMBERED, Device
from emulator.userpools.model import UserPool
from emulator.userpools.pool_settings import DeviceSettings
from emulator.userpools.users.model import User
from emulator.wire.errors import DeviceKeyExistsException, InvalidParameterException, ResourceNotFoundException

_GROUP_KEY_BYTES = 6  # AWS's are short opaque strings such as "-q8Rw2Xy7"


def device_configuration(pool: UserPool) -> DeviceSettings:
    return pool.device_configuration or DeviceSettings()


def tracks_devices(pool: UserPool) -> bool:
    """AWS: "When you provide a value for any property of DeviceConfiguration, you activate the
    device remembering for the user pool." (DeviceConfigurationType)."""
    config = device_configuration(pool)
    return (config.challenge_required_on_new_device is not None
            or config.device_only_remembered_on_user_prompt is not None)


def remembered_devices_skip_mfa(pool: UserPool) -> bool:
    """ChallengeRequiredOnNewDevice: "When true, a remembered device can sign in with device
    authentication instead of SMS and TOTP factors" (the console's "trust remembered devices to
    suppress MFA"); devices never confirmed or remembered still owe the second factor."""
    return device_configuration(pool).challenge_required_on_new_device is True


def only_remembered_on_prompt(pool: UserPool) -> bool:
    """DeviceOnlyRememberedOnUserPrompt ("user opt-in"): ConfirmDevice leaves the device not
    remembered and answers UserConfirmationNecessary, the app then calls UpdateDeviceStatus."""
    return device_configuration(pool).device_only_remembered_on_user_prompt is True


def new_device(pool: UserPool, user: User, now: float) -> Device:
    """The pending device of a sign-in that presented none: ``<region>_<uuid>`` and a group key."""
    region = pool.id.split("_", 1)[0]
    group_key = "-" + urlsafe_token(_GROUP_KEY_BYTES)
    device = Device(device_key(region), group_key, now, now, _whole_seconds(now))
    user.devices[device.key] = device
    return device


def find_device(user: User, key: str | None) -> Device | None:
    return user.devices.get(key) if key else None


def require_device(user: User, key: str) -> Device:
    device = find_device(user, key)
    if device is None:
        raise ResourceNotFoundException(DEVICE_NOT_FOUND)
    return device


def confirm(pool: UserPool, device: Device, verifier_config: Mapping[str, object] | None, name: str | None,
            now: float) -> bool:
    """ConfirmDevice: store the device's SRP salt and verifier; returns UserConfirmationNecessary.

    A second ConfirmDevice of the same key is refused (guess: DeviceKeyExistsException is in the
    operation's error list): replacing the verifier of a remembered device with a stolen access
    token would let its holder skip MFA.
    """
    if device.confirmed:
        raise DeviceKeyExistsException("Device key already exists.")  # wording: guess
    try:
        verifier, salt = decode_device_verifier_config(verifier_config or {})
    except SrpError:
        raise InvalidParameterException("Invalid device secret verifier config.") from None  # wording: guess
    prompt = only_remembered_on_prompt(pool)
    device.srp_verifier, device.srp_salt = verifier, salt
    device.name = name
    device.remembered_status = NOT_REMEMBERED if prompt else REMEMBERED
    device.modified = now
    return prompt


def set_status(device: Device, status: str | None, now: float) -> None:
    """UpdateDeviceStatus; without DeviceRememberedStatus nothing changes (guess)."""
    if status is not None:
        device.remembered_status = status
        device.modified = now


def forget(user: User, key: str) -> None:
    require_device(user, key)
    del user.devices[key]


def listed_devices(user: User) -> list[Device]:
    """What (Admin)ListDevices shows: remembered devices only (acij's docs, Amplify's fetchDevices
    tests and AWS SDK for Android integration tests all observe that)."""
    return [device for device in user.devices.values() if device.remembered_status == REMEMBERED]


def authenticated(device: Device, now: float) -> None:
    """AWS reports DeviceLastAuthenticatedDate in whole seconds."""
    device.last_authenticated = _whole_seconds(now)


def _whole_seconds(now: float) -> float:
    return float(math.floor(now))
