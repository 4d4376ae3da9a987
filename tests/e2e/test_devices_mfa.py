"""Remembered devices and MFA (TOTP) together, with boto3.

AWS: with ChallengeRequiredOnNewDevice a remembered device signs in with device authentication
instead of MFA; devices not confirmed or not remembered still owe the second factor. A confirmed
device that does not stand in for MFA proves itself after it (acij's and Amplify's MFA answers
both handle a DEVICE_SRP_AUTH reply)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.auth_helpers import SignInSetup
from tests.e2e.mfa_helpers import enrol_totp, set_mfa, totp_code
from tests.e2e.test_devices import (
    ALWAYS,
    OPT_IN,
    Device,
    SrpClient,
    claims,
    confirm_new_device,
    device_pool,
    password_sign_in,
)

TRUST_NOTHING = {"ChallengeRequiredOnNewDevice": False, "DeviceOnlyRememberedOnUserPrompt": False}


def with_totp(idp: Any, url: str, config: dict[str, bool]) -> tuple[SignInSetup, Device, str]:
    """A device pool with optional TOTP, a user with TOTP on, and one confirmed device (confirmed
    in the sign-in before TOTP was set up). Returns the TOTP secret (its current step is spent)."""
    setup = device_pool(idp, config)
    set_mfa(idp, setup.pool_id, "OPTIONAL", totp=True)
    result = password_sign_in(idp, setup)
    device, _ = confirm_new_device(idp, result)
    secret = enrol_totp(idp, url, setup, result["AuthenticationResult"]["AccessToken"])
    return setup, device, secret


@pytest.fixture
def cleanup(idp: Any) -> Iterator[list[str]]:
    pools: list[str] = []
    yield pools
    for pool_id in pools:
        idp.delete_user_pool(UserPoolId=pool_id)


def answer_totp(idp: Any, url: str, setup: SignInSetup, challenge: dict[str, Any], secret: str,
                device: Device) -> dict[str, Any]:
    assert challenge["ChallengeName"] == "SOFTWARE_TOKEN_MFA", challenge
    return dict(idp.respond_to_auth_challenge(
        ClientId=setup.client_id, ChallengeName="SOFTWARE_TOKEN_MFA", Session=challenge["Session"],
        ChallengeResponses={"USERNAME": setup.username, "DEVICE_KEY": device.key,
                            "SOFTWARE_TOKEN_MFA_CODE": totp_code(url, secret, steps_ahead=1)},
    ))


def test_remembered_device_stands_in_for_mfa(idp: Any, emulator: Any, cleanup: list[str]) -> None:
    setup, device, _ = with_totp(idp, emulator.url, ALWAYS)
    cleanup.append(setup.pool_id)
    client = SrpClient(idp, emulator.url, setup)
    asked = client.verify_password(client.initiate(device.key), device.key)
    assert asked["ChallengeName"] == "DEVICE_SRP_AUTH"  # not SOFTWARE_TOKEN_MFA
    tokens = client.verify_device(client.device_srp_auth(asked, device), device)["AuthenticationResult"]
    assert claims(tokens["AccessToken"])["device_key"] == device.key

    assert password_sign_in(idp, setup)["ChallengeName"] == "SOFTWARE_TOKEN_MFA"  # a new device owes MFA
    wrong = Device(device.key, device.group_key, "not the device's password")
    with pytest.raises(idp.exceptions.NotAuthorizedException):  # and the device must prove itself
        client = SrpClient(idp, emulator.url, setup)
        client.verify_device(client.device_srp_auth(password_sign_in(idp, setup, device.key), wrong), wrong)


def test_untrusted_device_proves_itself_after_mfa(idp: Any, emulator: Any, cleanup: list[str]) -> None:
    setup, device, secret = with_totp(idp, emulator.url, TRUST_NOTHING)
    cleanup.append(setup.pool_id)
    asked = password_sign_in(idp, setup, device.key)
    device_challenge = answer_totp(idp, emulator.url, setup, asked, secret, device)
    assert device_challenge["ChallengeName"] == "DEVICE_SRP_AUTH"
    client = SrpClient(idp, emulator.url, setup)
    tokens = client.verify_device(client.device_srp_auth(device_challenge, device), device)["AuthenticationResult"]
    assert claims(tokens["AccessToken"])["device_key"] == device.key and "NewDeviceMetadata" not in tokens


def test_opt_in_device_skips_mfa_only_once_remembered(idp: Any, emulator: Any, cleanup: list[str]) -> None:
    setup, device, secret = with_totp(idp, emulator.url, OPT_IN)
    cleanup.append(setup.pool_id)
    # Confirmed, not remembered: MFA first, then the device.
    device_challenge = answer_totp(idp, emulator.url, setup, password_sign_in(idp, setup, device.key), secret, device)
    client = SrpClient(idp, emulator.url, setup)
    tokens = client.verify_device(client.device_srp_auth(device_challenge, device), device)["AuthenticationResult"]

    idp.update_device_status(AccessToken=tokens["AccessToken"], DeviceKey=device.key,
                             DeviceRememberedStatus="remembered")
    assert SrpClient(idp, emulator.url, setup).sign_in(device)["AuthenticationResult"]  # no MFA now
