"""Unit tests for emulator.userpools.devices: the device SRP server half against the acij-made
vectors (the SRP math itself is pinned in test_srp.py), the registry's rules and the views."""

from __future__ import annotations

import base64
import re
from typing import Any

import pytest

from emulator import srp
from emulator.userpools.devices import registry
from emulator.userpools.devices import srp as device_srp
from emulator.userpools.devices.model import NOT_REMEMBERED, REMEMBERED, Device
from emulator.userpools.devices.views import device_type
from emulator.userpools.model import UserPool
from emulator.userpools.pool_settings import DeviceSettings
from emulator.userpools.settings_shapes import from_shape
from emulator.userpools.users.model import User
from emulator.wire.errors import DeviceKeyExistsException, InvalidParameterException, ResourceNotFoundException
from tests.unit.test_srp_vectors import VECTORS

DEVICE = VECTORS["device"]
AUTH = VECTORS["device_srp_auth"]
POOL_ID = "us-east-1_AbCd123"


def make_pool(config: dict[str, Any] | None = None) -> UserPool:
    pool = UserPool(POOL_ID, "devices", f"arn:aws:cognito-idp:us-east-1:123456789012:userpool/{POOL_ID}", 0.0, 0.0)
    if config is not None:
        pool.device_configuration = from_shape(DeviceSettings, config)
    return pool


def make_user() -> User:
    return User("alice", "sub-1", {"sub": "sub-1"}, "CONFIRMED", 0.0, 0.0)


def vector_device() -> Device:
    """The ConfirmDevice vector's device, confirmed with acij's verifier."""
    device = Device(DEVICE["device_key"], DEVICE["device_group_key"], 1.0, 1.0, 1.0)
    registry.confirm(make_pool({"ChallengeRequiredOnNewDevice": True}), device,
                     DEVICE["DeviceSecretVerifierConfig"], "acij", 2.0)
    return device


def vector_challenge() -> device_srp.DeviceChallenge:
    return device_srp.DeviceChallenge(int(AUTH["A_hex"], 16), int(AUTH["B_hex"], 16), int(AUTH["b_hex"], 16),
                                      AUTH["secret_block_b64"])


# --- device SRP ------------------------------------------------------------------------------------

def test_confirm_stores_acij_verifier() -> None:
    device = vector_device()
    assert srp.pad(device.srp_verifier or 0) == DEVICE["verifier_hex"]
    assert (device.srp_salt or b"").hex() == DEVICE["salt_hex"]
    assert device.confirmed and device.remembered and device.name == "acij" and device.modified == 2.0


def test_vector_claim_is_accepted() -> None:
    device, started = vector_device(), vector_challenge()
    assert device_srp.claim_is_valid(device, started, AUTH["secret_block_b64"], AUTH["timestamp"],
                                     AUTH["password_claim_signature"])


@pytest.mark.parametrize("change", ["signature", "timestamp", "secret_block", "group_key", "verifier"])
def test_vector_claim_tampered_is_refused(change: str) -> None:
    device, started = vector_device(), vector_challenge()
    signature, timestamp, block = AUTH["password_claim_signature"], AUTH["timestamp"], AUTH["secret_block_b64"]
    if change == "signature":
        signature = base64.b64encode(b"\0" * 32).decode()
    elif change == "timestamp":
        timestamp = "Sun Mar 1 08:00:01 UTC 2026"
    elif change == "secret_block":
        block = base64.b64encode(b"another block").decode()
    elif change == "group_key":
        device.group_key = "-other"
    else:  # a device confirmed with another random password
        device.srp_verifier = srp.compute_verifier(device.group_key, device.key, "other", device.srp_salt or b"")
    assert not device_srp.claim_is_valid(device, started, block, timestamp, signature)


def test_unconfirmed_device_never_validates() -> None:
    device = Device(DEVICE["device_key"], DEVICE["device_group_key"], 1.0, 1.0, 1.0)
    assert not device_srp.claim_is_valid(device, vector_challenge(), AUTH["secret_block_b64"], AUTH["timestamp"],
                                         AUTH["password_claim_signature"])


def test_start_answers_like_cognito() -> None:
    device = vector_device()
    started = device_srp.start(device, AUTH["A_hex"])
    parameters = started.parameters(device, "alice")
    assert parameters["SALT"] == DEVICE["salt_hex"] and parameters["DEVICE_KEY"] == device.key
    assert parameters["USERNAME"] == "alice" and int(parameters["SRP_B"], 16) == started.B
    assert len(base64.b64decode(parameters["SECRET_BLOCK"])) == 96
    # A client holding the random password derives the same key from these values.
    u = srp.compute_u(started.A, started.B)
    x = srp.compute_x(device.group_key, device.key, DEVICE["random_password"], device.srp_salt or b"")
    a = int(AUTH["a_hex"], 16)
    s = pow((started.B - srp.K * pow(srp.G, x, srp.N)) % srp.N, a + u * x, srp.N)
    key = srp.hkdf_key(s, u)
    block = base64.b64decode(started.secret_block)
    signature = srp.expected_signature(key, device.group_key, device.key, block, AUTH["timestamp"])
    assert device_srp.claim_is_valid(device, started, started.secret_block, AUTH["timestamp"], signature)


@pytest.mark.parametrize("srp_a", ["", "xyz", format(srp.N, "x"), "0"])
def test_start_refuses_bad_srp_a(srp_a: str) -> None:
    with pytest.raises(srp.SrpError):
        device_srp.start(vector_device(), srp_a)


# --- registry --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("config", "tracks"), [
    (None, False), ({}, False),
    ({"ChallengeRequiredOnNewDevice": False}, True),
    ({"DeviceOnlyRememberedOnUserPrompt": False}, True),
    ({"ChallengeRequiredOnNewDevice": True, "DeviceOnlyRememberedOnUserPrompt": True}, True),
])
def test_tracks_devices(config: dict[str, Any] | None, tracks: bool) -> None:
    assert registry.tracks_devices(make_pool(config)) is tracks


def test_new_device_and_lookup() -> None:
    pool, user = make_pool({"ChallengeRequiredOnNewDevice": True}), make_user()
    device = registry.new_device(pool, user, 1234.75)
    assert re.fullmatch(r"us-east-1_[0-9a-f-]{36}", device.key)
    assert device.group_key.startswith("-") and len(device.group_key) <= 16
    assert device.last_authenticated == 1234.0 and not device.confirmed
    assert registry.find_device(user, device.key) is device and registry.find_device(user, None) is None
    with pytest.raises(ResourceNotFoundException, match="^Device does not exist.$"):
        registry.require_device(user, "us-east-1_00000000-0000-4000-8000-000000000000")


def test_confirm_rules() -> None:
    user = make_user()
    opt_in = make_pool({"DeviceOnlyRememberedOnUserPrompt": True})
    device = registry.new_device(opt_in, user, 1.0)
    with pytest.raises(InvalidParameterException):
        registry.confirm(opt_in, device, {"PasswordVerifier": "AA==", "Salt": "AQ=="}, None, 2.0)
    assert not device.confirmed
    assert registry.confirm(opt_in, device, DEVICE["DeviceSecretVerifierConfig"], None, 2.0) is True
    assert device.remembered_status == NOT_REMEMBERED and not device.remembered
    with pytest.raises(DeviceKeyExistsException):
        registry.confirm(opt_in, device, DEVICE["DeviceSecretVerifierConfig"], None, 3.0)
    assert registry.listed_devices(user) == []
    registry.set_status(device, None, 4.0)
    assert device.modified == 2.0
    registry.set_status(device, REMEMBERED, 5.0)
    assert registry.listed_devices(user) == [device] and device.modified == 5.0
    registry.forget(user, device.key)
    assert user.devices == {}
    with pytest.raises(ResourceNotFoundException):
        registry.forget(user, device.key)


def test_views_hide_developer_attributes_from_users() -> None:
    pool, user, device = make_pool({}), make_user(), vector_device()
    mine = device_type(device, pool, user, admin=False)
    assert mine["DeviceAttributes"] == [{"Name": "device_status", "Value": "valid"},
                                        {"Name": "device_name", "Value": "acij"}]
    admin = {a["Name"]: a["Value"] for a in device_type(device, pool, user, admin=True)["DeviceAttributes"]}
    assert admin["dev:device_owner"] == f"alice.{POOL_ID}"
    assert admin["dev:device_arn"] == (f"arn:aws:cognito-idp:us-east-1:123456789012:owner/alice.{POOL_ID}"
                                       f"/device/{device.key}")
    assert admin["dev:device_remembered_status"] == "remembered"
