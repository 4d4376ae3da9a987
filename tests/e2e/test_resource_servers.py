"""CreateResourceServer, DescribeResourceServer, ListResourceServers, UpdateResourceServer,
DeleteResourceServer through boto3, and app clients allowed their scopes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.expect import aws_error, collect_pages

SCOPES = [{"ScopeName": "read", "ScopeDescription": "Read things"},
          {"ScopeName": "write", "ScopeDescription": "Write things"}]


def _create(idp: Any, pool: dict[str, Any], identifier: str = "https://api.example.com",
            scopes: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return idp.create_resource_server(UserPoolId=pool["Id"], Identifier=identifier, Name="My API",
                                      Scopes=SCOPES if scopes is None else scopes)["ResourceServer"]


def test_create_describe_list_update_delete(idp: Any, pool: dict[str, Any]) -> None:
    created = _create(idp, pool)
    assert created == {"UserPoolId": pool["Id"], "Identifier": "https://api.example.com", "Name": "My API",
                       "Scopes": SCOPES}
    described = idp.describe_resource_server(UserPoolId=pool["Id"], Identifier="https://api.example.com")
    assert described["ResourceServer"] == created
    updated = idp.update_resource_server(UserPoolId=pool["Id"], Identifier="https://api.example.com",
                                         Name="Renamed", Scopes=SCOPES[:1])["ResourceServer"]
    assert updated["Name"] == "Renamed" and updated["Scopes"] == SCOPES[:1]
    listed = idp.list_resource_servers(UserPoolId=pool["Id"], MaxResults=10)["ResourceServers"]
    assert listed == [updated]
    idp.delete_resource_server(UserPoolId=pool["Id"], Identifier="https://api.example.com")
    with aws_error("ResourceNotFoundException"):
        idp.describe_resource_server(UserPoolId=pool["Id"], Identifier="https://api.example.com")
    assert idp.list_resource_servers(UserPoolId=pool["Id"], MaxResults=10)["ResourceServers"] == []


def test_refusals(idp: Any, pool: dict[str, Any]) -> None:
    _create(idp, pool, "api")
    with aws_error("InvalidParameterException"):
        _create(idp, pool, "api")
    with aws_error("InvalidParameterException"):  # the model's pattern: no spaces in an identifier
        _create(idp, pool, "my api")
    with aws_error("InvalidParameterException"):  # the model's pattern: no "/" in a scope name
        _create(idp, pool, "other", [{"ScopeName": "a/b", "ScopeDescription": "x"}])
    with aws_error("InvalidParameterException"):
        _create(idp, pool, "dupes", [SCOPES[0], SCOPES[0]])
    for call in (idp.update_resource_server, idp.describe_resource_server, idp.delete_resource_server):
        extra = {"Name": "x"} if call == idp.update_resource_server else {}
        with aws_error("ResourceNotFoundException"):
            call(UserPoolId=pool["Id"], Identifier="missing", **extra)
    with aws_error("ResourceNotFoundException"):
        idp.list_resource_servers(UserPoolId="us-east-1_nosuchpool", MaxResults=10)


def test_list_pages(idp: Any, pool: dict[str, Any]) -> None:
    for i in range(5):
        _create(idp, pool, f"api{i}")
    items, pages = collect_pages(idp.list_resource_servers, "ResourceServers", UserPoolId=pool["Id"], MaxResults=2)
    assert [item["Identifier"] for item in items] == [f"api{i}" for i in range(5)] and pages == 3


@pytest.mark.parametrize("scope", ["https://api.example.com/read", "https://api.example.com/write"])
def test_clients_may_be_allowed_its_scopes(idp: Any, pool: dict[str, Any], scope: str) -> None:
    _create(idp, pool)
    client = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="service", GenerateSecret=True, AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["client_credentials"], AllowedOAuthScopes=[scope])["UserPoolClient"]
    assert client["AllowedOAuthScopes"] == [scope]
    with aws_error("ScopeDoesNotExistException"):
        idp.create_user_pool_client(
            UserPoolId=pool["Id"], ClientName="service", GenerateSecret=True, AllowedOAuthFlowsUserPoolClient=True,
            AllowedOAuthFlows=["client_credentials"], AllowedOAuthScopes=["https://api.example.com/delete"])
