"""Every region on one port (issue 12, item 2): boto3 clients for us-east-1 and us-west-2 against
one emulator each get pools, ARNs, issuers and identity pools in their own region; unsigned
calls find their pool's region from its id; seed files may name pools in any region."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import httpx
import jwt
import pytest
from botocore.config import Config

from tests.e2e.server import RunningEmulator, run_emulator
from tests.shape_checker import attach

PASSWORD = "Passw0rd!!Aa"


def _client(service: str, url: str, region: str) -> Any:
    return attach(boto3.client(service, endpoint_url=url, region_name=region, aws_access_key_id="local",
                               aws_secret_access_key="local", config=Config(retries={"max_attempts": 1})))


@pytest.fixture(scope="module")
def aws_issuers() -> Iterator[RunningEmulator]:
    """One emulator whose tokens carry AWS's issuer, which names the pool's region."""
    with run_emulator("--issuer-mode", "aws", "--no-fixtures") as running:
        yield running


def _signed_in_pool(idp: Any) -> tuple[str, dict[str, Any]]:
    pool_id = idp.create_user_pool(PoolName=f"r-{uuid.uuid4().hex[:6]}")["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="c",
                                            ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH",
                                                               "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    idp.admin_create_user(UserPoolId=pool_id, Username="ada", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool_id, Username="ada", Password=PASSWORD, Permanent=True)
    result = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                               AuthParameters={"USERNAME": "ada", "PASSWORD": PASSWORD})["AuthenticationResult"]
    return pool_id, result


def _verified(url: str, pool_id: str, token: str, issuer: str) -> dict[str, Any]:
    keys = jwt.PyJWKClient(f"{url}/{pool_id}/.well-known/jwks.json")
    key = keys.get_signing_key_from_jwt(token).key
    return dict(jwt.decode(token, key, algorithms=["RS256"], issuer=issuer, options={"verify_aud": False}))


def test_two_regions_on_one_port(aws_issuers: RunningEmulator) -> None:
    east, west = (_client("cognito-idp", aws_issuers.url, r) for r in ("us-east-1", "us-west-2"))
    east_pool, east_tokens = _signed_in_pool(east)
    west_pool, west_tokens = _signed_in_pool(west)
    assert east_pool.startswith("us-east-1_") and west_pool.startswith("us-west-2_")
    described = east.describe_user_pool(UserPoolId=west_pool)["UserPool"]
    assert described["Arn"] == f"arn:aws:cognito-idp:us-west-2:123456789012:userpool/{west_pool}"
    for pool_id, tokens, region in ((east_pool, east_tokens, "us-east-1"), (west_pool, west_tokens, "us-west-2")):
        issuer = f"https://cognito-idp.{region}.amazonaws.com/{pool_id}"
        assert _verified(aws_issuers.url, pool_id, tokens["IdToken"], issuer)["iss"] == issuer
        assert _verified(aws_issuers.url, pool_id, tokens["AccessToken"], issuer)["token_use"] == "access"
        discovery = httpx.get(f"{aws_issuers.url}/{pool_id}/.well-known/openid-configuration", timeout=5).json()
        assert discovery["issuer"] == issuer
    with pytest.raises(jwt.InvalidIssuerError):  # a us-west-2 token is not a us-east-1 pool's
        _verified(aws_issuers.url, west_pool, west_tokens["IdToken"],
                  f"https://cognito-idp.us-east-1.amazonaws.com/{west_pool}")
    # The token's own pool answers it, whichever region's client asks.
    assert east.get_user(AccessToken=west_tokens["AccessToken"])["Username"] == "ada"


def test_identity_pools_in_two_regions(aws_issuers: RunningEmulator) -> None:
    west_idp = _client("cognito-idp", aws_issuers.url, "us-west-2")
    pool_id, tokens = _signed_in_pool(west_idp)
    client_id = west_idp.list_user_pool_clients(UserPoolId=pool_id)["UserPoolClients"][0]["ClientId"]
    provider = f"cognito-idp.us-west-2.amazonaws.com/{pool_id}"
    east, west = (_client("cognito-identity", aws_issuers.url, r) for r in ("us-east-1", "us-west-2"))
    made = west.create_identity_pool(IdentityPoolName="west", AllowUnauthenticatedIdentities=True,
                                     CognitoIdentityProviders=[{"ProviderName": provider, "ClientId": client_id}])
    other = east.create_identity_pool(IdentityPoolName="east", AllowUnauthenticatedIdentities=True)
    assert made["IdentityPoolId"].startswith("us-west-2:") and other["IdentityPoolId"].startswith("us-east-1:")
    identity_id = west.get_id(IdentityPoolId=made["IdentityPoolId"], Logins={provider: tokens["IdToken"]})["IdentityId"]
    assert identity_id.startswith("us-west-2:")
    assert east.get_id(IdentityPoolId=other["IdentityPoolId"])["IdentityId"].startswith("us-east-1:")


def test_default_region_flag_and_seeds_in_any_region(tmp_path: Path) -> None:
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps({"UserPools": [
        {"Id": "eu-west-1_seeded", "PoolName": "eu"}, {"Id": "short", "PoolName": "default-region"}]}))
    with run_emulator("--region", "ap-south-1", "--fixtures", str(seed)) as running:
        idp = _client("cognito-idp", running.url, "eu-central-1")
        pools = {p["Id"] for p in idp.list_user_pools(MaxResults=60)["UserPools"]}
        assert pools == {"eu-west-1_seeded", "ap-south-1_short"}
        assert idp.describe_user_pool(UserPoolId="eu-west-1_seeded")["UserPool"]["Arn"].startswith(
            "arn:aws:cognito-idp:eu-west-1:")
        assert idp.create_user_pool(PoolName="signed")["UserPool"]["Id"].startswith("eu-central-1_")
        unsigned = httpx.post(running.url, content=b'{"PoolName": "unsigned"}', timeout=5, headers={
            "X-Amz-Target": "AWSCognitoIdentityProviderService.CreateUserPool",
            "Content-Type": "application/x-amz-json-1.1"}).json()
        assert unsigned["UserPool"]["Id"].startswith("ap-south-1_")  # no signature: --region, the default
