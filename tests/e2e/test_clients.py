"""CreateUserPoolClient, DescribeUserPoolClient, ListUserPoolClients, UpdateUserPoolClient,
DeleteUserPoolClient through boto3: AWS's defaults, checks and reset-on-update."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.expect import aws_error, collect_pages

DEFAULT_FLOWS = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"]
CALLBACK = "https://app.example.com/callback"


def _create(idp: Any, pool: dict[str, Any], **params: Any) -> dict[str, Any]:
    return idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="app", **params)["UserPoolClient"]


def test_create_has_aws_defaults(idp: Any, pool: dict[str, Any]) -> None:
    client = _create(idp, pool)
    assert re.fullmatch(r"[a-z0-9]{26}", client["ClientId"])
    assert client["UserPoolId"] == pool["Id"] and client["ClientName"] == "app"
    assert "ClientSecret" not in client
    assert client["ExplicitAuthFlows"] == DEFAULT_FLOWS
    assert client["RefreshTokenValidity"] == 30
    assert client["PreventUserExistenceErrors"] == "LEGACY"  # API default (the console's is ENABLED)
    assert client["EnableTokenRevocation"] is True
    assert client["AllowedOAuthFlowsUserPoolClient"] is False
    assert client["AuthSessionValidity"] == 3
    for absent in ("ReadAttributes", "WriteAttributes", "CallbackURLs", "AllowedOAuthFlows"):
        assert absent not in client
    described = idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    assert described["UserPoolClient"] == client


def test_generate_secret_gives_a_secret_that_describe_returns(idp: Any, pool: dict[str, Any]) -> None:
    client = _create(idp, pool, GenerateSecret=True)
    assert re.fullmatch(r"[a-z0-9]{51}", client["ClientSecret"])
    described = idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    assert described["UserPoolClient"]["ClientSecret"] == client["ClientSecret"]
    other = _create(idp, pool, GenerateSecret=True)
    assert other["ClientSecret"] != client["ClientSecret"]


def test_explicit_auth_flows_are_kept_as_given(idp: Any, pool: dict[str, Any]) -> None:
    flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    assert _create(idp, pool, ExplicitAuthFlows=flows)["ExplicitAuthFlows"] == flows


def test_mixing_legacy_and_allow_flows_is_refused(idp: Any, pool: dict[str, Any]) -> None:
    with aws_error("InvalidParameterException"):
        _create(idp, pool, ExplicitAuthFlows=["USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])


def test_unknown_auth_flow_is_an_enum_violation(idp: Any, pool: dict[str, Any]) -> None:
    with aws_error("InvalidParameterException") as raised:
        _create(idp, pool, ExplicitAuthFlows=["ALLOW_EVERYTHING"])
    message = raised.value.response["Error"]["Message"]
    assert message.startswith(
        "1 validation error detected: Value '[ALLOW_EVERYTHING]' at 'explicitAuthFlows' failed")
    assert "Member must satisfy constraint: [Member must satisfy enum value set: [" in message


def test_token_validities_and_units_round_trip(idp: Any, pool: dict[str, Any]) -> None:
    units = {"AccessToken": "minutes", "IdToken": "hours", "RefreshToken": "minutes"}
    client = _create(idp, pool, AccessTokenValidity=30, IdTokenValidity=2, RefreshTokenValidity=90,
                     TokenValidityUnits=units)
    assert client["AccessTokenValidity"] == 30
    assert client["IdTokenValidity"] == 2
    assert client["RefreshTokenValidity"] == 90
    assert client["TokenValidityUnits"] == {"AccessToken": "minutes", "IdToken": "hours",
                                            "RefreshToken": "minutes"}


@pytest.mark.parametrize("params", [
    {"AccessTokenValidity": 4, "TokenValidityUnits": {"AccessToken": "minutes"}},
    {"AccessTokenValidity": 25},  # hours by default: more than a day
    {"IdTokenValidity": 2, "TokenValidityUnits": {"IdToken": "days"}},
    {"RefreshTokenValidity": 59, "TokenValidityUnits": {"RefreshToken": "minutes"}},
    {"RefreshTokenValidity": 3651},
])
def test_token_validity_out_of_range_is_refused(
        idp: Any, pool: dict[str, Any], params: dict[str, Any]) -> None:
    with aws_error("InvalidParameterException", "Invalid range for token validity."):
        _create(idp, pool, **params)


def test_read_and_write_attributes(idp: Any, pool: dict[str, Any]) -> None:
    idp.add_custom_attributes(UserPoolId=pool["Id"],
                              CustomAttributes=[{"Name": "plan", "AttributeDataType": "String"}])
    client = _create(idp, pool, ReadAttributes=["email", "email_verified", "custom:plan"],
                     WriteAttributes=["email", "custom:plan"])
    assert client["ReadAttributes"] == ["email", "email_verified", "custom:plan"]
    assert client["WriteAttributes"] == ["email", "custom:plan"]
    with aws_error("InvalidParameterException"):
        _create(idp, pool, ReadAttributes=["custom:nope"])
    with aws_error("InvalidParameterException"):
        _create(idp, pool, WriteAttributes=["sub"])


def test_prevent_user_existence_errors_enabled(idp: Any, pool: dict[str, Any]) -> None:
    client = _create(idp, pool, PreventUserExistenceErrors="ENABLED")
    assert client["PreventUserExistenceErrors"] == "ENABLED"


def test_oauth_settings_round_trip(idp: Any, pool: dict[str, Any]) -> None:
    client = _create(
        idp, pool, AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email", "profile"], CallbackURLs=[CALLBACK, "http://localhost:3000/cb"],
        LogoutURLs=["https://app.example.com/"], DefaultRedirectURI=CALLBACK,
        SupportedIdentityProviders=["COGNITO"],
    )
    assert client["AllowedOAuthFlowsUserPoolClient"] is True
    assert client["AllowedOAuthFlows"] == ["code"]
    assert client["AllowedOAuthScopes"] == ["openid", "email", "profile"]
    assert client["CallbackURLs"] == [CALLBACK, "http://localhost:3000/cb"]
    assert client["DefaultRedirectURI"] == CALLBACK
    assert client["SupportedIdentityProviders"] == ["COGNITO"]


def test_client_credentials_needs_a_secret_and_stands_alone(idp: Any, pool: dict[str, Any]) -> None:
    idp.create_resource_server(UserPoolId=pool["Id"], Identifier="api", Name="api",
                               Scopes=[{"ScopeName": "read", "ScopeDescription": "read"}])
    oauth = {"AllowedOAuthFlowsUserPoolClient": True, "AllowedOAuthScopes": ["api/read"]}
    with aws_error("InvalidOAuthFlowException",
                   "client_credentials flow can not be selected if client does not have a client secret."):
        _create(idp, pool, AllowedOAuthFlows=["client_credentials"], **oauth)
    with aws_error("InvalidOAuthFlowException",
                   "client_credentials flow can not be selected along with code flow or implicit flow."):
        _create(idp, pool, GenerateSecret=True, AllowedOAuthFlows=["client_credentials", "code"],
                CallbackURLs=[CALLBACK], **oauth)
    client = _create(idp, pool, GenerateSecret=True, AllowedOAuthFlows=["client_credentials"], **oauth)
    assert client["AllowedOAuthFlows"] == ["client_credentials"]


@pytest.mark.parametrize(("params", "code"), [
    ({"AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"]}, "InvalidParameterException"),
    ({"AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"], "CallbackURLs": ["http://example.com/cb"]},
     "InvalidParameterException"),
    ({"AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"], "CallbackURLs": [CALLBACK],
      "DefaultRedirectURI": "https://elsewhere.example.com/"}, "InvalidParameterException"),
    ({"AllowedOAuthFlows": ["implicit"], "AllowedOAuthScopes": ["not-a-scope"], "CallbackURLs": [CALLBACK]},
     "ScopeDoesNotExistException"),
    ({"AllowedOAuthScopes": ["openid"], "CallbackURLs": [CALLBACK]}, "InvalidOAuthFlowException"),
    ({"AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["no-such-server/read"], "CallbackURLs": [CALLBACK]},
     "ScopeDoesNotExistException"),
    ({"AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"], "CallbackURLs": [CALLBACK + "#frag"]},
     "InvalidParameterException"),
    ({"AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"], "CallbackURLs": [CALLBACK],
      "LogoutURLs": ["http://app.example.com/"]}, "InvalidParameterException"),
])
def test_oauth_errors(idp: Any, pool: dict[str, Any], params: dict[str, Any], code: str) -> None:
    with aws_error(code):
        _create(idp, pool, AllowedOAuthFlowsUserPoolClient=True, **params)
    listed = idp.list_user_pool_clients(UserPoolId=pool["Id"])["UserPoolClients"]
    assert listed == [], "a refused client was stored"


def test_update_resets_omitted_settings_like_aws(idp: Any, pool: dict[str, Any]) -> None:
    client = _create(
        idp, pool, GenerateSecret=True,
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        PreventUserExistenceErrors="ENABLED", ReadAttributes=["email"], AccessTokenValidity=10,
        TokenValidityUnits={"AccessToken": "minutes"}, AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"], AllowedOAuthScopes=["openid"], CallbackURLs=[CALLBACK],
        EnableTokenRevocation=False,
    )
    updated = idp.update_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"],
                                          ClientName="renamed")["UserPoolClient"]
    assert updated["ClientName"] == "renamed"
    assert updated["ClientSecret"] == client["ClientSecret"]  # not a setting: kept
    assert updated["CreationDate"] == client["CreationDate"]
    assert updated["ExplicitAuthFlows"] == DEFAULT_FLOWS
    assert updated["PreventUserExistenceErrors"] == "LEGACY"
    assert updated["EnableTokenRevocation"] is True
    assert updated["AllowedOAuthFlowsUserPoolClient"] is False
    for gone in ("ReadAttributes", "AccessTokenValidity", "CallbackURLs", "AllowedOAuthFlows",
                 "AllowedOAuthScopes"):
        assert gone not in updated, gone
    described = idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    assert described["UserPoolClient"] == updated


def test_refused_update_changes_nothing(idp: Any, pool: dict[str, Any]) -> None:
    client = _create(idp, pool, PreventUserExistenceErrors="ENABLED")
    with aws_error("InvalidParameterException", "Invalid range for token validity."):
        idp.update_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"], ClientName="x",
                                    AccessTokenValidity=2, TokenValidityUnits={"AccessToken": "days"})
    described = idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    assert described["UserPoolClient"] == client


def test_unknown_client_is_resource_not_found(idp: Any, pool: dict[str, Any]) -> None:
    message = "User pool client nosuchclient does not exist."
    with aws_error("ResourceNotFoundException", message):
        idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId="nosuchclient")
    with aws_error("ResourceNotFoundException", message):
        idp.update_user_pool_client(UserPoolId=pool["Id"], ClientId="nosuchclient")
    with aws_error("ResourceNotFoundException", message):
        idp.delete_user_pool_client(UserPoolId=pool["Id"], ClientId="nosuchclient")


def test_client_of_another_pool_is_not_found(idp: Any, pool: dict[str, Any]) -> None:
    with aws_error("ResourceNotFoundException", "User pool client localdemoclient does not exist."):
        idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId="localdemoclient")


def test_list_pages_without_duplicates(idp: Any, pool: dict[str, Any]) -> None:
    made = {_create(idp, pool)["ClientId"] for _ in range(5)}
    clients, pages = collect_pages(idp.list_user_pool_clients, "UserPoolClients",
                                   UserPoolId=pool["Id"], MaxResults=2)
    ids = [c["ClientId"] for c in clients]
    assert len(ids) == 5 and set(ids) == made and pages == 3
    assert clients[0] == {"ClientId": clients[0]["ClientId"], "UserPoolId": pool["Id"], "ClientName": "app"}


def test_delete_client(idp: Any, pool: dict[str, Any]) -> None:
    client = _create(idp, pool)
    idp.delete_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    with aws_error("ResourceNotFoundException", f"User pool client {client['ClientId']} does not exist."):
        idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    assert idp.list_user_pool_clients(UserPoolId=pool["Id"])["UserPoolClients"] == []
