"""Remembered devices with the real JavaScript clients: amazon-cognito-identity-js and Amplify v6
confirm the device from NewDeviceMetadata themselves, answer DEVICE_SRP_AUTH themselves on the next
sign-in, and recover from a device the server forgot ('Device does not exist.'). Scripts in
tests/e2e/node/*device*.mjs; skipped like the other Node tests when Node is missing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.auth_helpers import PASSWORD, make_client, make_user
from tests.e2e.test_node_clients import node, run_node  # noqa: F401  (the fixture)

ALWAYS = {"ChallengeRequiredOnNewDevice": True, "DeviceOnlyRememberedOnUserPrompt": False}
OPT_IN = {"ChallengeRequiredOnNewDevice": True, "DeviceOnlyRememberedOnUserPrompt": True}


@pytest.fixture
def device_pool(idp: Any) -> Iterator[tuple[str, str, str]]:
    pool_id = idp.create_user_pool(PoolName=f"node-devices-{uuid.uuid4().hex[:8]}",
                                   DeviceConfiguration=ALWAYS)["UserPool"]["Id"]
    yield pool_id, make_client(idp, pool_id), make_user(idp, pool_id)
    idp.delete_user_pool(UserPoolId=pool_id)


def challenges(calls: list[dict[str, Any]]) -> list[str | None]:
    return [call.get("challenge") for call in calls if call["operation"] == "RespondToAuthChallenge"]


def test_acij_remembers_device_and_signs_in_with_device_srp(
        node: str, emulator: Any, idp: Any, device_pool: tuple[str, str, str]) -> None:  # noqa: F811
    pool_id, client_id, username = device_pool
    out = run_node(node, "acij_device_flows.mjs", scenario="remember", url=emulator.url, userPoolId=pool_id,
                   clientId=client_id, username=username, password=PASSWORD)

    first = out["first"]  # NewDeviceMetadata -> acij ran ConfirmDevice (UserConfirmationNecessary false)
    device_key = first["deviceKey"]
    assert device_key and first["accessDeviceKey"] == device_key
    assert [c["operation"] for c in first["calls"]][-1] == "ConfirmDevice"
    assert out["listed"] == [device_key]

    second = out["second"]  # same Storage: DEVICE_KEY sent, device SRP run by acij, no new device
    assert second["deviceKey"] == device_key and second["accessDeviceKey"] == device_key
    assert challenges(second["calls"]) == ["PASSWORD_VERIFIER", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"]
    assert all(c["deviceKey"] == device_key for c in second["calls"] if c["operation"] == "RespondToAuthChallenge")
    assert "ConfirmDevice" not in [c["operation"] for c in second["calls"]]

    refresh = out["refresh"]  # acij refreshes with DEVICE_KEY; the refresh token belongs to the device
    assert refresh["accessDeviceKey"] == device_key and refresh["calls"][0]["deviceKey"] == device_key

    third = out["third"]  # forgotten by the admin: refused once, answered again without the key
    verifier_calls = [c for c in third["calls"] if c.get("challenge") == "PASSWORD_VERIFIER"]
    assert [(c["deviceKey"], c["status"]) for c in verifier_calls] == [(device_key, 400), (None, 200)]
    assert third["deviceKey"] and third["deviceKey"] != device_key and third["accessDeviceKey"] == third["deviceKey"]
    assert out["deviceKeyAfterForget"] is None and out["listedAfterForget"] == 0
    with pytest.raises(idp.exceptions.ResourceNotFoundException):
        idp.admin_get_device(UserPoolId=pool_id, Username=username, DeviceKey=third["deviceKey"])


def test_amplify_remembers_device_and_signs_in_with_device_srp(
        node: str, emulator: Any, idp: Any, device_pool: tuple[str, str, str]) -> None:  # noqa: F811
    pool_id, client_id, username = device_pool
    out = run_node(node, "amplify_device_flows.mjs", scenario="remember", url=emulator.url, userPoolId=pool_id,
                   clientId=client_id, username=username, password=PASSWORD)

    first = out["first"]  # signIn confirmed the device itself
    device_key = first["accessDeviceKey"]
    assert first["signIn"] == {"isSignedIn": True, "nextStep": {"signInStep": "DONE"}} and device_key
    assert [c["operation"] for c in first["calls"]][-1] == "ConfirmDevice"
    assert out["devices"] == [{"id": device_key, "name": "amplify-node-e2e",
                               "attributes": {"device_status": "valid", "device_name": "amplify-node-e2e"}}]

    second = out["second"]  # PASSWORD_VERIFIER with DEVICE_KEY, then device SRP; no new device
    assert second["signIn"]["isSignedIn"] is True and second["accessDeviceKey"] == device_key
    assert challenges(second["calls"]) == ["PASSWORD_VERIFIER", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"]
    assert "ConfirmDevice" not in [c["operation"] for c in second["calls"]]

    refresh = out["refresh"]  # GetTokensFromRefreshToken with DeviceKey
    assert [(c["operation"], c["deviceKey"]) for c in refresh["calls"]] == [("GetTokensFromRefreshToken", device_key)]
    assert refresh["accessDeviceKey"] == device_key

    third = out["third"]  # forgotten by the admin: Amplify clears it and answers again without it
    verifier_calls = [c for c in third["calls"] if c.get("challenge") == "PASSWORD_VERIFIER"]
    assert [(c["deviceKey"], c["status"]) for c in verifier_calls] == [(device_key, 400), (None, 200)]
    assert third["signIn"]["isSignedIn"] is True and third["accessDeviceKey"] not in (None, device_key)
    assert out["afterForget"] == 0
