"""Remembered devices end to end with boto3: NewDeviceMetadata, ConfirmDevice, the device SRP
challenges (DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER), forgotten devices, refresh with a device,
the device operations and their Admin forms.

The client half of device SRP is pycognito's (``generate_hash_device`` for ConfirmDevice, its
``get_device_authentication_key`` for the claim); pycognito's own ``authenticate_user`` is not used
for the device steps because it sends no Session, which AWS requires for DEVICE_SRP_AUTH."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import urllib.request
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import jwt
import pytest
from pycognito.aws_srp import AWSSRP, generate_hash_device, long_to_hex

from tests.e2e.auth_helpers import SignInSetup, make_client, make_user
from tests.e2e.expect import aws_error, collect_pages

ALWAYS = {"ChallengeRequiredOnNewDevice": True, "DeviceOnlyRememberedOnUserPrompt": False}
OPT_IN = {"ChallengeRequiredOnNewDevice": True, "DeviceOnlyRememberedOnUserPrompt": True}
NO_DEVICE = ("ResourceNotFoundException", "Device does not exist.")
INCORRECT = ("NotAuthorizedException", "Incorrect username or password.")
DEVICE_KEY = re.compile(r"us-east-1_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass
class Device:
    key: str
    group_key: str
    password: str  # the random password only the device knows


def device_pool(idp: Any, config: dict[str, bool] | None = None) -> SignInSetup:
    pool_id = idp.create_user_pool(PoolName=f"devices-{uuid.uuid4().hex[:8]}",
                                   DeviceConfiguration=config or ALWAYS)["UserPool"]["Id"]
    return SignInSetup(pool_id, make_client(idp, pool_id), make_user(idp, pool_id))


@pytest.fixture
def setup(idp: Any) -> Any:
    made = device_pool(idp)
    yield made
    idp.delete_user_pool(UserPoolId=made.pool_id)


def emulator_now(url: str) -> float:
    """The emulator's clock, which TIMESTAMP must be close to."""
    with urllib.request.urlopen(f"{url}/_emulator/clock", timeout=5) as response:
        return float(json.load(response)["now"])


def claims(token: str) -> dict[str, Any]:
    return dict(jwt.decode(token, options={"verify_signature": False}))


def cognito_timestamp(epoch: float) -> str:
    when = datetime.fromtimestamp(epoch, UTC)
    return f"{when:%a %b} {when.day} {when:%H:%M:%S} UTC {when.year}"


def password_sign_in(idp: Any, setup: SignInSetup, device_key: str | None = None) -> dict[str, Any]:
    parameters = {"USERNAME": setup.username, "PASSWORD": setup.password}
    if device_key:
        parameters["DEVICE_KEY"] = device_key
    return dict(idp.initiate_auth(ClientId=setup.client_id, AuthFlow="USER_PASSWORD_AUTH",
                                  AuthParameters=parameters))


def confirm_new_device(idp: Any, result: dict[str, Any], name: str = "laptop") -> tuple[Device, dict[str, Any]]:
    """What acij and Amplify do with NewDeviceMetadata: a random password and ConfirmDevice."""
    metadata = result["AuthenticationResult"]["NewDeviceMetadata"]
    password, verifier_config = generate_hash_device(metadata["DeviceGroupKey"], metadata["DeviceKey"])
    confirmed = idp.confirm_device(AccessToken=result["AuthenticationResult"]["AccessToken"],
                                   DeviceKey=metadata["DeviceKey"], DeviceSecretVerifierConfig=verifier_config,
                                   DeviceName=name)
    return Device(metadata["DeviceKey"], metadata["DeviceGroupKey"], password), dict(confirmed)


def remembered_device(idp: Any, setup: SignInSetup, name: str = "laptop") -> Device:
    device, confirmed = confirm_new_device(idp, password_sign_in(idp, setup), name)
    assert confirmed["UserConfirmationNecessary"] is False
    return device


class SrpClient:
    """USER_SRP_AUTH with pycognito's client math, stopping wherever the server does."""

    def __init__(self, idp: Any, url: str, setup: SignInSetup) -> None:
        self.idp, self.url, self.setup = idp, url, setup
        self.srp = AWSSRP(username=setup.username, password=setup.password, pool_id=setup.pool_id,
                          client_id=setup.client_id, client=idp)

    def initiate(self, device_key: str | None = None) -> dict[str, Any]:
        parameters = self.srp.get_auth_params()
        if device_key:
            parameters["DEVICE_KEY"] = device_key
        return dict(self.idp.initiate_auth(ClientId=self.setup.client_id, AuthFlow="USER_SRP_AUTH",
                                           AuthParameters=parameters))

    def verify_password(self, challenge: dict[str, Any], device_key: str | None = None) -> dict[str, Any]:
        responses = self.srp.process_challenge(challenge["ChallengeParameters"], self.srp.get_auth_params())
        if device_key:
            responses["DEVICE_KEY"] = device_key
        return dict(self.idp.respond_to_auth_challenge(ClientId=self.setup.client_id,
                                                       ChallengeName="PASSWORD_VERIFIER",
                                                       ChallengeResponses=responses))

    def device_srp_auth(self, challenge: dict[str, Any], device: Device) -> dict[str, Any]:
        assert challenge["ChallengeName"] == "DEVICE_SRP_AUTH", challenge
        return dict(self.idp.respond_to_auth_challenge(
            ClientId=self.setup.client_id, ChallengeName="DEVICE_SRP_AUTH", Session=challenge["Session"],
            ChallengeResponses={"USERNAME": self.setup.username, "DEVICE_KEY": device.key,
                                "SRP_A": long_to_hex(self.srp.large_a_value)},
        ))

    def device_claim(self, challenge: dict[str, Any], device: Device) -> dict[str, str]:
        parameters = challenge["ChallengeParameters"]
        key = self.srp.get_device_authentication_key(device.group_key, device.key, device.password,
                                                     int(parameters["SRP_B"], 16), parameters["SALT"])
        timestamp = cognito_timestamp(emulator_now(self.url))
        message = (device.group_key.encode() + device.key.encode()
                   + base64.b64decode(parameters["SECRET_BLOCK"]) + timestamp.encode())
        signature = base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()
        return {"USERNAME": parameters["USERNAME"], "DEVICE_KEY": device.key, "TIMESTAMP": timestamp,
                "PASSWORD_CLAIM_SECRET_BLOCK": parameters["SECRET_BLOCK"], "PASSWORD_CLAIM_SIGNATURE": signature}

    def verify_device(self, challenge: dict[str, Any], device: Device) -> dict[str, Any]:
        assert challenge["ChallengeName"] == "DEVICE_PASSWORD_VERIFIER", challenge
        return dict(self.idp.respond_to_auth_challenge(
            ClientId=self.setup.client_id, ChallengeName="DEVICE_PASSWORD_VERIFIER", Session=challenge["Session"],
            ChallengeResponses=self.device_claim(challenge, device),
        ))

    def sign_in(self, device: Device) -> dict[str, Any]:
        """The whole remembered-device sign-in, as acij and Amplify run it."""
        asked = self.verify_password(self.initiate(device.key), device.key)
        return self.verify_device(self.device_srp_auth(asked, device), device)


# --- NewDeviceMetadata and ConfirmDevice -----------------------------------------------------------

def test_pool_without_device_configuration_gives_no_device(idp: Any, pool: dict[str, Any]) -> None:
    setup = SignInSetup(pool["Id"], make_client(idp, pool["Id"]), make_user(idp, pool["Id"]))
    result = password_sign_in(idp, setup, device_key="us-east-1_00000000-0000-4000-8000-000000000000")
    assert "NewDeviceMetadata" not in result["AuthenticationResult"]
    assert "device_key" not in claims(result["AuthenticationResult"]["AccessToken"])


def test_new_device_metadata_then_confirm_device(idp: Any, setup: SignInSetup) -> None:
    result = password_sign_in(idp, setup)
    metadata = result["AuthenticationResult"]["NewDeviceMetadata"]
    assert DEVICE_KEY.fullmatch(metadata["DeviceKey"]), metadata
    assert 1 <= len(metadata["DeviceGroupKey"]) <= 16
    assert claims(result["AuthenticationResult"]["AccessToken"])["device_key"] == metadata["DeviceKey"]
    access = result["AuthenticationResult"]["AccessToken"]

    # Pending: known to the admin, not listed (only remembered devices are).
    pending = idp.admin_get_device(UserPoolId=setup.pool_id, Username=setup.username,
                                   DeviceKey=metadata["DeviceKey"])["Device"]
    assert pending["DeviceKey"] == metadata["DeviceKey"]
    assert idp.list_devices(AccessToken=access)["Devices"] == []

    device, confirmed = confirm_new_device(idp, result, name="Firefox on Linux")
    assert confirmed["UserConfirmationNecessary"] is False

    listed = idp.list_devices(AccessToken=access)["Devices"]
    assert [d["DeviceKey"] for d in listed] == [device.key]
    attributes = {a["Name"]: a["Value"] for a in listed[0]["DeviceAttributes"]}
    assert attributes == {"device_status": "valid", "device_name": "Firefox on Linux"}  # no dev: ones
    got = idp.get_device(AccessToken=access, DeviceKey=device.key)["Device"]
    assert got["DeviceKey"] == device.key and got["DeviceCreateDate"] <= got["DeviceLastModifiedDate"]
    assert got["DeviceLastAuthenticatedDate"].microsecond == 0  # whole seconds, as AWS

    admin = idp.admin_get_device(UserPoolId=setup.pool_id, Username=setup.username, DeviceKey=device.key)["Device"]
    admin_attributes = {a["Name"]: a["Value"] for a in admin["DeviceAttributes"]}
    assert admin_attributes["dev:device_remembered_status"] == "remembered"
    assert admin_attributes["dev:device_owner"] == f"{setup.username}.{setup.pool_id}"
    assert admin_attributes["dev:device_arn"].endswith(f":owner/{setup.username}.{setup.pool_id}/device/{device.key}")


def test_confirm_device_refusals(idp: Any, setup: SignInSetup) -> None:
    result = password_sign_in(idp, setup)
    access = result["AuthenticationResult"]["AccessToken"]
    key = result["AuthenticationResult"]["NewDeviceMetadata"]["DeviceKey"]
    with aws_error(*NO_DEVICE):
        idp.confirm_device(AccessToken=access, DeviceKey="us-east-1_00000000-0000-4000-8000-000000000000",
                           DeviceSecretVerifierConfig={"PasswordVerifier": "AQ==", "Salt": "AQ=="})
    with aws_error("InvalidParameterException"):
        idp.confirm_device(AccessToken=access, DeviceKey=key,
                           DeviceSecretVerifierConfig={"PasswordVerifier": "not base64!", "Salt": "AQ=="})
    confirm_new_device(idp, result)
    with aws_error("DeviceKeyExistsException"):  # the verifier of a confirmed device cannot be replaced
        confirm_new_device(idp, result)
    with aws_error("NotAuthorizedException", "Invalid Access Token"):
        idp.confirm_device(AccessToken="not-a-token", DeviceKey=key)


# --- signing in with a remembered device ------------------------------------------------------------

def test_remembered_device_signs_in_with_device_srp(idp: Any, emulator: Any, setup: SignInSetup) -> None:
    device = remembered_device(idp, setup)
    client = SrpClient(idp, emulator.url, setup)
    asked = client.verify_password(client.initiate(device.key), device.key)
    assert asked["ChallengeName"] == "DEVICE_SRP_AUTH" and asked["Session"]
    assert asked["ChallengeParameters"] == {}

    verifier = client.device_srp_auth(asked, device)
    assert verifier["ChallengeName"] == "DEVICE_PASSWORD_VERIFIER" and verifier["Session"]
    parameters = verifier["ChallengeParameters"]
    assert set(parameters) == {"SALT", "SRP_B", "SECRET_BLOCK", "USERNAME", "DEVICE_KEY"}
    assert parameters["DEVICE_KEY"] == device.key and parameters["USERNAME"] == setup.username

    tokens = client.verify_device(verifier, device)["AuthenticationResult"]
    assert "NewDeviceMetadata" not in tokens
    assert claims(tokens["AccessToken"])["device_key"] == device.key
    assert [d["DeviceKey"] for d in idp.list_devices(AccessToken=tokens["AccessToken"])["Devices"]] == [device.key]


def test_password_flow_with_remembered_device_asks_device_srp(idp: Any, emulator: Any, setup: SignInSetup) -> None:
    device = remembered_device(idp, setup)
    asked = password_sign_in(idp, setup, device_key=device.key)
    assert asked["ChallengeName"] == "DEVICE_SRP_AUTH"
    client = SrpClient(idp, emulator.url, setup)
    tokens = client.verify_device(client.device_srp_auth(asked, device), device)["AuthenticationResult"]
    assert claims(tokens["AccessToken"])["device_key"] == device.key


def test_wrong_device_secret_is_refused(idp: Any, emulator: Any, setup: SignInSetup) -> None:
    device = remembered_device(idp, setup)
    impostor = Device(device.key, device.group_key, generate_hash_device(device.group_key, device.key)[0])
    client = SrpClient(idp, emulator.url, setup)
    verifier = client.device_srp_auth(client.verify_password(client.initiate(device.key), device.key), device)
    with aws_error(*INCORRECT):
        client.verify_device(verifier, impostor)
    with aws_error("NotAuthorizedException", "Invalid session for the user, session can only be used once."):
        client.verify_device(verifier, device)
    assert "AuthenticationResult" in SrpClient(idp, emulator.url, setup).sign_in(device)


def test_device_challenge_is_bound_to_its_device(idp: Any, emulator: Any, setup: SignInSetup) -> None:
    first, second = remembered_device(idp, setup, "one"), remembered_device(idp, setup, "two")
    client = SrpClient(idp, emulator.url, setup)
    asked = client.verify_password(client.initiate(first.key), first.key)
    with aws_error(*INCORRECT):
        client.device_srp_auth(asked, second)


def test_forgotten_device_then_retry_without_it(idp: Any, emulator: Any, setup: SignInSetup) -> None:
    device = remembered_device(idp, setup)
    access = password_sign_in(idp, setup)["AuthenticationResult"]["AccessToken"]
    idp.forget_device(AccessToken=access, DeviceKey=device.key)
    with aws_error(*NO_DEVICE):
        idp.get_device(AccessToken=access, DeviceKey=device.key)
    with aws_error(*NO_DEVICE):
        idp.forget_device(AccessToken=access, DeviceKey=device.key)

    # USER_SRP_AUTH: InitiateAuth ignores the key (acij sends it there and has no retry), the
    # PASSWORD_VERIFIER answer is refused without spending the SRP state, so the client's retry on
    # the same SECRET_BLOCK without DEVICE_KEY signs in, as a new device.
    client = SrpClient(idp, emulator.url, setup)
    challenge = client.initiate(device.key)
    assert challenge["ChallengeName"] == "PASSWORD_VERIFIER"
    with aws_error(*NO_DEVICE):
        client.verify_password(challenge, device.key)
    tokens = client.verify_password(challenge)["AuthenticationResult"]
    assert tokens["NewDeviceMetadata"]["DeviceKey"] != device.key

    # USER_PASSWORD_AUTH: refused at InitiateAuth (Amplify retries that call without the key).
    with aws_error(*NO_DEVICE):
        password_sign_in(idp, setup, device_key=device.key)


def test_device_of_another_user_does_not_exist(idp: Any, setup: SignInSetup) -> None:
    device = remembered_device(idp, setup)
    other = SignInSetup(setup.pool_id, setup.client_id, make_user(idp, setup.pool_id))
    with aws_error(*NO_DEVICE):
        password_sign_in(idp, other, device_key=device.key)
    with aws_error(*NO_DEVICE):
        idp.admin_get_device(UserPoolId=setup.pool_id, Username=other.username, DeviceKey=device.key)


def test_opt_in_pool_remembers_on_update_device_status(idp: Any, emulator: Any) -> None:
    setup = device_pool(idp, OPT_IN)
    try:
        result = password_sign_in(idp, setup)
        device, confirmed = confirm_new_device(idp, result)
        assert confirmed["UserConfirmationNecessary"] is True
        access = result["AuthenticationResult"]["AccessToken"]
        assert idp.list_devices(AccessToken=access)["Devices"] == []
        status = {a["Name"]: a["Value"] for a in idp.admin_get_device(
            UserPoolId=setup.pool_id, Username=setup.username, DeviceKey=device.key)["Device"]["DeviceAttributes"]}
        assert status["dev:device_remembered_status"] == "not_remembered"

        # Confirmed but not remembered: still tracked, so it proves itself before the tokens (guess).
        tokens = SrpClient(idp, emulator.url, setup).sign_in(device)["AuthenticationResult"]
        assert "NewDeviceMetadata" not in tokens

        idp.update_device_status(AccessToken=access, DeviceKey=device.key, DeviceRememberedStatus="remembered")
        assert [d["DeviceKey"] for d in idp.list_devices(AccessToken=access)["Devices"]] == [device.key]
    finally:
        idp.delete_user_pool(UserPoolId=setup.pool_id)


# --- refresh tokens belong to their device ----------------------------------------------------------

def test_refresh_token_of_a_device_needs_its_device_key(idp: Any, emulator: Any, setup: SignInSetup) -> None:
    device = remembered_device(idp, setup)
    tokens = SrpClient(idp, emulator.url, setup).sign_in(device)["AuthenticationResult"]
    refresh = tokens["RefreshToken"]

    def refresh_with(device_key: str | None) -> dict[str, Any]:
        parameters = {"REFRESH_TOKEN": refresh, **({"DEVICE_KEY": device_key} if device_key else {})}
        return dict(idp.initiate_auth(ClientId=setup.client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                                      AuthParameters=parameters)["AuthenticationResult"])

    refreshed = refresh_with(device.key)
    assert claims(refreshed["AccessToken"])["device_key"] == device.key
    assert idp.get_tokens_from_refresh_token(ClientId=setup.client_id, RefreshToken=refresh,
                                             DeviceKey=device.key)["AuthenticationResult"]["AccessToken"]
    with aws_error("NotAuthorizedException", "Invalid Refresh Token"):
        refresh_with(None)
    with aws_error("NotAuthorizedException", "Invalid Refresh Token"):
        refresh_with(remembered_device(idp, setup).key)
    with aws_error("NotAuthorizedException", "Invalid Refresh Token"):
        idp.get_tokens_from_refresh_token(ClientId=setup.client_id, RefreshToken=refresh)

    idp.admin_forget_device(UserPoolId=setup.pool_id, Username=setup.username, DeviceKey=device.key)
    with aws_error("NotAuthorizedException", "Invalid Refresh Token"):
        refresh_with(device.key)


def test_refresh_before_confirm_device_is_refused(idp: Any, setup: SignInSetup) -> None:
    tokens = password_sign_in(idp, setup)["AuthenticationResult"]
    with aws_error("NotAuthorizedException", "Invalid Refresh Token"):
        idp.initiate_auth(ClientId=setup.client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                          AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"],
                                          "DEVICE_KEY": tokens["NewDeviceMetadata"]["DeviceKey"]})


# --- the device operations ------------------------------------------------------------------------

def test_device_lists_page(idp: Any, setup: SignInSetup) -> None:
    keys = sorted(remembered_device(idp, setup, f"device {n}").key for n in range(5))
    access = password_sign_in(idp, setup)["AuthenticationResult"]["AccessToken"]  # a sixth, unconfirmed
    listed, pages = collect_pages(idp.list_devices, "Devices", "PaginationToken", "PaginationToken",
                                  AccessToken=access, Limit=2)
    assert sorted(d["DeviceKey"] for d in listed) == keys and pages == 3
    admin, pages = collect_pages(idp.admin_list_devices, "Devices", "PaginationToken", "PaginationToken",
                                 UserPoolId=setup.pool_id, Username=setup.username, Limit=4)
    assert sorted(d["DeviceKey"] for d in admin) == keys and pages == 2
    assert all("dev:device_owner" in {a["Name"] for a in d["DeviceAttributes"]} for d in admin)
    with aws_error("InvalidParameterException"):
        idp.list_devices(AccessToken=access, PaginationToken="bm9wZQ==")


def test_admin_device_operations(idp: Any, emulator: Any, setup: SignInSetup) -> None:
    device = remembered_device(idp, setup)
    key_args = {"UserPoolId": setup.pool_id, "Username": setup.username, "DeviceKey": device.key}
    idp.admin_update_device_status(**key_args, DeviceRememberedStatus="not_remembered")
    attributes = {a["Name"]: a["Value"] for a in idp.admin_get_device(**key_args)["Device"]["DeviceAttributes"]}
    assert attributes["dev:device_remembered_status"] == "not_remembered"
    assert idp.admin_list_devices(UserPoolId=setup.pool_id, Username=setup.username)["Devices"] == []

    idp.admin_update_device_status(**key_args, DeviceRememberedStatus="remembered")
    assert len(idp.admin_list_devices(UserPoolId=setup.pool_id, Username=setup.username)["Devices"]) == 1
    idp.admin_forget_device(**key_args)
    with aws_error(*NO_DEVICE):
        idp.admin_get_device(**key_args)
    with aws_error(*NO_DEVICE):
        idp.admin_update_device_status(**key_args, DeviceRememberedStatus="remembered")
    # The model lists no UserNotFoundException for AdminListDevices.
    with aws_error("ResourceNotFoundException", "User does not exist."):
        idp.admin_list_devices(UserPoolId=setup.pool_id, Username="nobody")
    with aws_error("ResourceNotFoundException"):
        idp.admin_list_devices(UserPoolId="us-east-1_nopool", Username=setup.username)


def test_global_sign_out_keeps_devices(idp: Any, emulator: Any, setup: SignInSetup) -> None:
    device = remembered_device(idp, setup)
    idp.admin_user_global_sign_out(UserPoolId=setup.pool_id, Username=setup.username)
    assert idp.admin_get_device(UserPoolId=setup.pool_id, Username=setup.username, DeviceKey=device.key)
    tokens = SrpClient(idp, emulator.url, setup).sign_in(device)["AuthenticationResult"]
    assert claims(tokens["AccessToken"])["device_key"] == device.key


def test_update_device_status_refuses_other_values(idp: Any, setup: SignInSetup) -> None:
    device = remembered_device(idp, setup)
    access = password_sign_in(idp, setup, device_key=None)["AuthenticationResult"]["AccessToken"]
    with aws_error("InvalidParameterException"):
        idp.update_device_status(AccessToken=access, DeviceKey=device.key, DeviceRememberedStatus="forever")
