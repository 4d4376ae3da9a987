"""--require-sigv4 (issue 12, item 7): the operations AWS authorizes with IAM need a SigV4
signature by a configured access key, answered with AWS's errors otherwise; the public ones
stay unsigned; off by default. Messages: see emulator/wire/sigv4.py for where they come from."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import boto3
import httpx
import pytest
from botocore import UNSIGNED
from botocore.config import Config

from tests.e2e.expect import aws_error
from tests.e2e.server import RunningEmulator, run_emulator
from tests.e2e.test_node_clients import _node_or_skip, run_node
from tests.shape_checker import attach

KEY, SECRET = "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
SEED_KEY, SEED_SECRET = "AKIDSEEDED", "seeded-secret"


def _client(url: str, key: str = KEY, secret: str = SECRET, service: str = "cognito-idp", **config: Any) -> Any:
    return attach(boto3.client(service, endpoint_url=url, region_name="us-east-1", aws_access_key_id=key,
                               aws_secret_access_key=secret, config=Config(retries={"max_attempts": 1}, **config)))


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningEmulator]:
    seed = tmp_path_factory.mktemp("sigv4") / "seed.json"
    default = json.loads((Path(__file__).resolve().parents[2] / "emulator/fixtures/default.json").read_text())
    seed.write_text(json.dumps({**default, "AccessKeys": [{"AccessKeyId": SEED_KEY, "SecretAccessKey": SEED_SECRET}]}))
    with run_emulator("--require-sigv4", "--access-key", f"{KEY}:{SECRET}", "--access-key", "local:local",
                      "--fixtures", str(seed)) as running:
        yield running


def test_configured_keys_sign_admin_calls(signed: RunningEmulator) -> None:
    assert _client(signed.url).describe_user_pool(UserPoolId="us-east-1_localdemo")["UserPool"]["Name"]
    assert _client(signed.url, SEED_KEY, SEED_SECRET).list_user_pools(MaxResults=5)["UserPools"]
    assert _client(signed.url, service="cognito-identity").list_identity_pools(MaxResults=5) is not None


def test_a_missing_signature_is_refused(signed: RunningEmulator) -> None:
    with aws_error("MissingAuthenticationTokenException", "Request is missing Authentication Token"):
        _client(signed.url, signature_version=UNSIGNED).admin_get_user(UserPoolId="us-east-1_localdemo",
                                                                       Username="demo")


def test_an_unknown_key_is_refused(signed: RunningEmulator) -> None:
    with aws_error("UnrecognizedClientException", "The security token included in the request is invalid."):
        _client(signed.url, "AKIDNOBODY", SECRET).delete_user_pool(UserPoolId="us-east-1_localdemo")


def test_a_wrong_secret_is_refused(signed: RunningEmulator) -> None:
    with aws_error("InvalidSignatureException") as raised:
        _client(signed.url, KEY, "not-the-secret").delete_user_pool(UserPoolId="us-east-1_localdemo")
    assert raised.value.response["Error"]["Message"].startswith(
        "The request signature we calculated does not match the signature you provided.")
    assert _client(signed.url).describe_user_pool(UserPoolId="us-east-1_localdemo")  # still there


def test_a_tampered_body_is_refused(signed: RunningEmulator) -> None:
    client = _client(signed.url)

    def tamper(request: Any, **_: Any) -> None:
        request.data = request.body = request.body.replace(b"demo", b"omed")

    client.meta.events.register_last("before-send.cognito-idp.AdminGetUser", tamper)
    with aws_error("InvalidSignatureException"):
        client.admin_get_user(UserPoolId="us-east-1_localdemo", Username="demo")


def test_an_old_signature_has_expired(signed: RunningEmulator) -> None:
    old = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=20)
    # botocore stamps the request with this time: a client whose clock is 20 minutes slow.
    with mock.patch("botocore.auth.get_current_datetime", return_value=old.replace(tzinfo=None)):
        with aws_error("InvalidSignatureException") as raised:
            _client(signed.url).admin_get_user(UserPoolId="us-east-1_localdemo", Username="demo")
    message = raised.value.response["Error"]["Message"]
    assert message.startswith(f"Signature expired: {old.strftime('%Y%m%dT%H%M%SZ')} is now earlier than ")
    assert message.endswith(" - 5 min.)")


def test_public_operations_stay_unsigned(signed: RunningEmulator) -> None:
    public = _client(signed.url, signature_version=UNSIGNED)
    result = public.initiate_auth(ClientId="localdemoclient", AuthFlow="USER_PASSWORD_AUTH",
                                  AuthParameters={"USERNAME": "demo", "PASSWORD": "Passw0rd!"})
    assert public.get_user(AccessToken=result["AuthenticationResult"]["AccessToken"])["Username"] == "demo"
    response = httpx.post(signed.url, content=b"{}", timeout=5, headers={  # validation, not a signature error
        "X-Amz-Target": "AWSCognitoIdentityService.GetId", "Content-Type": "application/x-amz-json-1.1"})
    assert response.json()["__type"] == "ValidationException"


def test_the_js_sdk_v3_signature_verifies(signed: RunningEmulator) -> None:
    """Another signer than botocore's: the SDK signs its own headers (amz-sdk-*, x-amz-user-agent)."""
    out = run_node(_node_or_skip(), "sdk_v3_flows.mjs", scenario="password_auth", url=signed.url,
                   userPoolId="us-east-1_localdemo", clientId="localdemoclient", username="demo", password="Passw0rd!")
    assert out["adminGetUser"]["username"] == "demo"


def test_off_by_default(emulator: RunningEmulator) -> None:
    unsigned = _client(emulator.url, signature_version=UNSIGNED)
    assert unsigned.describe_user_pool(UserPoolId="us-east-1_localdemo")["UserPool"]["Id"] == "us-east-1_localdemo"
