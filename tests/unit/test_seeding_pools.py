"""Seed pools beyond CreateUserPool's input: LambdaConfig as given, MfaConfig (what only
SetUserPoolMfaConfig can turn on) and a prefix Domain, checked before anything applies."""

from __future__ import annotations

from typing import Any

import pytest

from emulator.runtime import Context, Emulator
from emulator.seeding.loader import SeedError, apply_seed
from emulator.settings import Settings
from emulator.userpools.mfa.config import mfa_config_view
from emulator.userpools.ops.domains import describe_user_pool_domain
from emulator.userpools.ops.pools import describe_user_pool

POOL_ID = "us-east-1_seeded"
LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:"
LAMBDA_CONFIG = {
    "PreSignUp": f"{LAMBDA}pre-sign-up",
    "PostConfirmation": f"{LAMBDA}post-confirmation",
    "PreTokenGenerationConfig": {"LambdaVersion": "V2_0", "LambdaArn": f"{LAMBDA}pre-token"},
    "CustomEmailSender": {"LambdaVersion": "V1_0", "LambdaArn": f"{LAMBDA}email-sender"},
    "KMSKeyID": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
}
TOTP_ONLY = {"MfaConfiguration": "OPTIONAL", "SoftwareTokenMfaConfiguration": {"Enabled": True}}


def seeded(**pool: Any) -> Emulator:
    loaded = Emulator(Settings(fixtures=None))
    apply_seed(loaded, {"UserPools": [{"Id": "seeded", "PoolName": "p", **pool}]})
    return loaded


def describe(loaded: Emulator) -> dict[str, Any]:
    result = describe_user_pool(Context(loaded, "", "test"), {"UserPoolId": POOL_ID})
    assert isinstance(result, dict)
    return dict(result["UserPool"])


def error_of(*pools: dict[str, Any]) -> str:
    loaded = Emulator(Settings(fixtures=None))
    with pytest.raises(SeedError) as caught:
        apply_seed(loaded, {"UserPools": list(pools)})
    assert not loaded.store.user_pools and not loaded.store.domains
    return str(caught.value)


def test_lambda_config_round_trips_through_describe_user_pool() -> None:
    assert describe(seeded(LambdaConfig=LAMBDA_CONFIG))["LambdaConfig"] == LAMBDA_CONFIG


def test_bad_lambda_config_names_its_pool() -> None:
    message = error_of({"Id": "seeded", "PoolName": "p", "LambdaConfig": {"PreSignUp": "not-an-arn"}})
    assert message.startswith("UserPools[0]: InvalidParameterException: 2 validation errors detected")
    assert "at 'lambdaConfig.preSignUp'" in message


def test_mfa_config_turns_on_what_create_user_pool_cannot() -> None:
    loaded = seeded(MfaConfig=TOTP_ONLY)
    pool = loaded.store.user_pools[POOL_ID]
    assert pool.mfa_configuration == "OPTIONAL" and pool.mfa.totp_enabled and not pool.mfa.sms_enabled
    assert mfa_config_view(pool) == {"SoftwareTokenMfaConfiguration": {"Enabled": True},
                                     "MfaConfiguration": "OPTIONAL"}
    assert describe(loaded)["MfaConfiguration"] == "OPTIONAL"


@pytest.mark.parametrize("mfa_config, expected", [
    ({"MfaConfiguration": "ON"}, "UserPools[0].MfaConfig: InvalidParameterException: Invalid MFA configuration"),
    ({"MfaConfiguration": "SOMETIMES"}, "UserPools[0].MfaConfig: InvalidParameterException: 1 validation error"),
    ({"UserPoolId": "us-east-1_other"}, "UserPools[0].MfaConfig: unknown keys ['UserPoolId'] (it is this pool)"),
    ({"Totp": True}, "UserPools[0].MfaConfig: unknown keys ['Totp'] for SetUserPoolMfaConfig"),
    ("OPTIONAL", "UserPools[0].MfaConfig: expected an object"),
])
def test_bad_mfa_config_names_itself(mfa_config: Any, expected: str) -> None:
    assert error_of({"Id": "seeded", "PoolName": "p", "MfaConfig": mfa_config}).startswith(expected)


def test_domain_is_created_as_create_user_pool_domain_would() -> None:
    loaded = seeded(Domain="my-app")
    assert describe(loaded)["Domain"] == "my-app"
    described = describe_user_pool_domain(Context(loaded, "", "test"), {"Domain": "my-app"})
    assert isinstance(described, dict) and described["DomainDescription"]["UserPoolId"] == POOL_ID


@pytest.mark.parametrize("pools, expected", [
    ([{"Id": "a", "PoolName": "a", "Domain": "Upper"}], "UserPools[0].Domain: InvalidParameterException"),
    ([{"Id": "a", "PoolName": "a", "Domain": 7}], "UserPools[0].Domain: SerializationException"),
    ([{"Id": "a", "PoolName": "a", "Domain": "same"}, {"Id": "b", "PoolName": "b", "Domain": "same"}],
     "domain same is declared twice"),
])
def test_bad_domains_are_refused(pools: list[dict[str, Any]], expected: str) -> None:
    assert error_of(*pools).startswith(expected)


def test_a_domain_already_in_use_is_refused() -> None:
    loaded = seeded(Domain="taken")
    with pytest.raises(SeedError, match="domain taken is declared twice"):
        apply_seed(loaded, {"UserPools": [{"Id": "other", "PoolName": "o", "Domain": "taken"}]})
    assert list(loaded.store.user_pools) == [POOL_ID]


def test_resource_servers_come_before_the_clients_that_use_their_scopes() -> None:
    client = {"ClientName": "m2m", "ClientSecret": "s" * 40, "AllowedOAuthFlowsUserPoolClient": True,
              "AllowedOAuthFlows": ["client_credentials"], "AllowedOAuthScopes": ["api/read"]}
    server = {"Identifier": "api", "Name": "api", "Scopes": [{"ScopeName": "read", "ScopeDescription": "r"}]}
    emulator = Emulator(Settings(fixtures=None))
    apply_seed(emulator, {"UserPools": [{"Id": "rs", "PoolName": "rs", "ResourceServers": [server],
                                         "Clients": [client]}]})
    pool = emulator.store.user_pools["us-east-1_rs"]
    assert pool.resource_servers["api"].scope_names() == ["api/read"]
    with pytest.raises(SeedError, match=r"Clients\[0\]: ScopeDoesNotExistException"):
        apply_seed(Emulator(Settings(fixtures=None)), {"UserPools": [{"PoolName": "x", "Clients": [client]}]})
    with pytest.raises(SeedError, match=r"ResourceServers\[1\]"):
        apply_seed(Emulator(Settings(fixtures=None)),
                   {"UserPools": [{"PoolName": "x", "ResourceServers": [server, server]}]})
