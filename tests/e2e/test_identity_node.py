"""Identity pools through the real JavaScript clients: Amplify v6 signs in (SRP) and
fetchAuthSession federates through the emulator's identity pool; the credentials it gets sign
an S3 request (botocore SigV4) that a local moto S3 server accepts. SDK v3 CognitoIdentityClient
runs GetId + GetCredentialsForIdentity and sees AWS's refusal without Logins."""

from __future__ import annotations

import json
import socket
import urllib.request
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import boto3
import pytest
from botocore.config import Config

from tests.e2e.auth_helpers import PASSWORD, SignInSetup, make_client, make_user, password_sign_in
from tests.e2e.conftest import REGION
from tests.e2e.test_node_clients import _node_or_skip, run_node

SCRIPT = "identity_pool_amplify.mjs"
AUTH_ROLE = "arn:aws:iam::123456789012:role/amplify-auth"
UNAUTH_ROLE = "arn:aws:iam::123456789012:role/amplify-guest"


@pytest.fixture(scope="session")
def node() -> str:
    return _node_or_skip()


@pytest.fixture(scope="module")
def s3_url() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def federation(idp: Any, identity: Any, pool: dict[str, Any]) -> Iterator[dict[str, str]]:
    client_id = make_client(idp, pool["Id"])
    username = make_user(idp, pool["Id"])
    provider = f"cognito-idp.{REGION}.amazonaws.com/{pool['Id']}"
    pool_id = identity.create_identity_pool(
        IdentityPoolName="amplify", AllowUnauthenticatedIdentities=True,
        CognitoIdentityProviders=[{"ProviderName": provider, "ClientId": client_id}])["IdentityPoolId"]
    identity.set_identity_pool_roles(IdentityPoolId=pool_id,
                                     Roles={"authenticated": AUTH_ROLE, "unauthenticated": UNAUTH_ROLE})
    yield {"userPoolId": pool["Id"], "clientId": client_id, "username": username, "password": PASSWORD,
           "identityPoolId": pool_id, "provider": provider}
    identity.delete_identity_pool(IdentityPoolId=pool_id)


def record(url: str, access_key_id: str) -> dict[str, Any]:
    with urllib.request.urlopen(f"{url}/_emulator/credentials/{access_key_id}") as response:
        return dict(json.load(response))


def put_and_get_object(s3_url: str, credentials: dict[str, str]) -> bytes:
    s3 = boto3.client("s3", endpoint_url=s3_url, region_name=REGION, aws_access_key_id=credentials["accessKeyId"],
                      aws_secret_access_key=credentials["secretAccessKey"],
                      aws_session_token=credentials["sessionToken"], config=Config(retries={"max_attempts": 1}))
    bucket = "federated-bucket"
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="hello.txt", Body=b"signed by an identity-pool identity")
    return bytes(s3.get_object(Bucket=bucket, Key="hello.txt")["Body"].read())


def test_amplify_fetch_auth_session_federates_and_its_credentials_sign_s3(
        node: str, emulator: Any, identity: Any, federation: dict[str, str], s3_url: str) -> None:
    seen = run_node(node, SCRIPT, scenario="amplify", url=emulator.url, **federation)
    assert seen["signInStep"] == "DONE" and seen["identityId"].startswith(f"{REGION}:")
    assert seen["refreshedIdentityId"] == seen["identityId"]
    creds = seen["credentials"]
    assert creds["accessKeyId"].startswith("ASIA") and len(creds["secretAccessKey"]) == 40
    who = record(emulator.url, creds["accessKeyId"])
    assert who["identityId"] == seen["identityId"] and who["roleArn"] == AUTH_ROLE
    assert who["logins"] == [federation["provider"]]  # Amplify's scheme-less key, canonicalised
    described = identity.describe_identity(IdentityId=seen["identityId"])
    assert described["Logins"] == [federation["provider"]]
    assert put_and_get_object(s3_url, creds) == b"signed by an identity-pool identity"


def test_amplify_guest_access(node: str, emulator: Any, federation: dict[str, str]) -> None:
    seen = run_node(node, SCRIPT, scenario="guest", url=emulator.url, **federation)
    assert record(emulator.url, seen["credentials"]["accessKeyId"])["roleArn"] == UNAUTH_ROLE


def test_sdk_v3_get_id_and_credentials(node: str, emulator: Any, idp: Any,
                                       federation: dict[str, str]) -> None:
    setup = SignInSetup(federation["userPoolId"], federation["clientId"], federation["username"])
    id_token = password_sign_in(idp, setup)["IdToken"]
    seen = run_node(node, SCRIPT, scenario="sdk", url=emulator.url, idToken=id_token, **federation)
    assert seen["expirationIsDate"] is True
    expires = datetime.fromisoformat(seen["expiration"].replace("Z", "+00:00")).timestamp()
    assert abs(expires - record(emulator.url, seen["accessKeyId"])["expiration"]) < 1
    assert seen["refused"]["succeeded"] is False and seen["refused"]["name"] == "NotAuthorizedException"
    assert seen["refused"]["message"].startswith("Logins don't match.")
