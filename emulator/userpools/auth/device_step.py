"""Remembered devices in the sign-in pipeline (reference 3.7).

Only in pools that track devices (a DeviceConfiguration is set); elsewhere DEVICE_KEY is ignored
(guess). A DEVICE_KEY this user has no device under is ResourceNotFoundException 'Device does not
exist.', which Amplify and acij answer by dropping their stored device and asking again without it.

* ``remembered_device_challenge`` (before MFA): a remembered device proves itself with
  DEVICE_SRP_AUTH *instead of* MFA when the pool trusts remembered devices
  (ChallengeRequiredOnNewDevice; AWS: devices not confirmed or not remembered still owe MFA).
* ``tracked_device_challenge`` (after MFA, before the tokens): any other confirmed device presented
  proves itself too. AWS "will use the device identifier (key and secret) to authenticate the
  device on every user sign-in with that device"; acij and Amplify both handle DEVICE_SRP_AUTH
  after an MFA answer. Whether AWS asks it of not-remembered devices too: guess (yes).
* ``new_device_metadata``: a sign-in with no known device gets a new, unconfirmed one.
"""

from __future__ import annotations

from typing import Any

from emulator.userpools.auth.refresh_tokens import RefreshState
from emulator.userpools.auth.signin import SignIn, challenge
from emulator.userpools.devices import registry
from emulator.userpools.devices.model import Device
from emulator.userpools.users.model import User
from emulator.wire.errors import NotAuthorizedException

DEVICE_SRP_AUTH = "DEVICE_SRP_AUTH"
DEVICE_PASSWORD_VERIFIER = "DEVICE_PASSWORD_VERIFIER"


def presented_device(signin: SignIn, user: User) -> Device | None:
    """The device DEVICE_KEY names; raises ResourceNotFoundException when the user has none so named."""
    if not signin.device_key or not registry.tracks_devices(signin.pool):
        return None
    return registry.require_device(user, signin.device_key)


def remembered_device_challenge(signin: SignIn, user: User) -> dict[str, Any] | None:
    device = presented_device(signin, user)
    if device is None or not device.remembered or not registry.remembered_devices_skip_mfa(signin.pool):
        return None
    return device_srp_challenge(signin, user, device)


def tracked_device_challenge(signin: SignIn, user: User) -> dict[str, Any] | None:
    device = presented_device(signin, user)
    if device is None or not device.confirmed:
        return None
    return device_srp_challenge(signin, user, device)


def device_srp_challenge(signin: SignIn, user: User, device: Device) -> dict[str, Any]:
    """No ChallengeParameters: Amplify's password flow would otherwise look its stored device up
    under the USERNAME sent here rather than the name it signed in with. The Session is bound to
    the device, so the answer cannot switch to another device of the user."""
    return challenge(signin, user, DEVICE_SRP_AUTH, {}, {"device_key": device.key})


def new_device_metadata(signin: SignIn, user: User) -> dict[str, str] | None:
    if not registry.tracks_devices(signin.pool) or registry.find_device(user, signin.device_key) is not None:
        return None
    device = registry.new_device(signin.pool, user, signin.now())
    return {"DeviceKey": device.key, "DeviceGroupKey": device.group_key}


def token_device_key(signin: SignIn, user: User, metadata: dict[str, str] | None) -> str | None:
    """The access token's ``device_key``: the new device's, else the known device presented."""
    if metadata is not None:
        return metadata["DeviceKey"]
    device = presented_device(signin, user)
    if device is None:
        return None
    registry.authenticated(device, signin.now())
    return device.key


def check_refresh_device(signin: SignIn, state: RefreshState, user: User) -> None:
    """A refresh token issued to a device works only with that DEVICE_KEY, while the device is
    confirmed and not forgotten; otherwise AWS answers 'Invalid Refresh Token' [obs: aws-sdk-java
    #2841, aws-sdk-cpp #851, Amplify #2962 quoting AWS's device-tracking post]."""
    if state.device_key is None:
        return
    device = registry.find_device(user, state.device_key)
    if signin.device_key != state.device_key or device is None or not device.confirmed:
        raise NotAuthorizedException("Invalid Refresh Token")
