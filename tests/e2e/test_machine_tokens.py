"""GetClientToken (machine-to-machine access tokens) and GetDerivedToken (token exchange),
verified against the pool's JWKS as a resource server would."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import jwt
import pytest
import requests

from tests.e2e.expect import aws_error

SCOPE = "orders/read"


def _verify(url: str, pool_id: str, token: str) -> dict[str, Any]:
    with urllib.request.urlopen(f"{url}/{pool_id}/.well-known/jwks.json", timeout=10) as response:
        jwks = json.load(response)
    kid = jwt.get_unverified_header(token)["kid"]
    key = next(jwt.PyJWK(k) for k in jwks["keys"] if k["kid"] == kid)
    return dict(jwt.decode(token, key.key, algorithms=["RS256"], options={"verify_aud": False, "verify_iat": False,
                                                                          "verify_exp": False}))


def _resource_server(idp: Any, pool_id: str) -> None:
    """Custom scopes belong to a resource server where the emulator implements them."""
    try:
        idp.create_resource_server(UserPoolId=pool_id, Identifier="orders", Name="orders",
                                   Scopes=[{"ScopeName": "read", "ScopeDescription": "read orders"}])
    except idp.exceptions.ClientError as error:
        if error.response["Error"]["Code"] != "UnsupportedOperationException":
            raise


@pytest.fixture
def machine(idp: Any, pool: dict[str, Any]) -> dict[str, str]:
    _resource_server(idp, pool["Id"])
    client = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="service", GenerateSecret=True, AllowedOAuthFlows=["client_credentials"],
        AllowedOAuthScopes=[SCOPE], AllowedOAuthFlowsUserPoolClient=True)["UserPoolClient"]
    return {"pool": pool["Id"], "id": client["ClientId"], "secret": client["ClientSecret"]}


def test_client_token_is_a_machine_access_token(idp: Any, machine: dict[str, str], emulator: Any) -> None:
    result = idp.get_client_token(ClientId=machine["id"], Secret=machine["secret"])["ClientAuthenticationResult"]
    assert result["TokenType"] == "Bearer" and result["ExpiresIn"] == 3600
    claims = _verify(emulator.url, machine["pool"], result["AccessToken"])
    assert claims["sub"] == claims["client_id"] == machine["id"]
    assert claims["token_use"] == "access" and claims["scope"] == SCOPE and claims["version"] == 2
    assert claims["iss"].endswith(f"/{machine['pool']}") and "username" not in claims
    narrowed = idp.get_client_token(ClientId=machine["id"], Secret=machine["secret"], Scopes=[SCOPE])
    narrowed_token = narrowed["ClientAuthenticationResult"]["AccessToken"]
    assert _verify(emulator.url, machine["pool"], narrowed_token)["scope"] == SCOPE


def test_client_token_refusals(idp: Any, machine: dict[str, str], pool: dict[str, Any]) -> None:
    with aws_error("NotAuthorizedException", f"Unable to verify client secret for client {machine['id']}"):
        idp.get_client_token(ClientId=machine["id"], Secret="x" * 40)
    with aws_error("InvalidParameterException", "Invalid scope requested: orders/write"):
        idp.get_client_token(ClientId=machine["id"], Secret=machine["secret"], Scopes=["orders/write"])
    with aws_error("ResourceNotFoundException"):
        idp.get_client_token(ClientId="nosuchclient", Secret="x" * 40)
    plain = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="plain",
                                        GenerateSecret=True)["UserPoolClient"]
    with aws_error("OperationNotEnabledException"):
        idp.get_client_token(ClientId=plain["ClientId"], Secret=plain["ClientSecret"])
    public = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="public")["UserPoolClient"]
    with aws_error("InvalidParameterException"):
        idp.get_client_token(ClientId=public["ClientId"], Secret="x" * 40)


def _user_tokens(idp: Any, pool_id: str, client_id: str) -> dict[str, Any]:
    idp.admin_create_user(UserPoolId=pool_id, Username="carol", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool_id, Username="carol", Password="Passw0rd!", Permanent=True)
    signed_in = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                  AuthParameters={"USERNAME": "carol", "PASSWORD": "Passw0rd!"})
    return dict(signed_in["AuthenticationResult"])


def test_derived_token_impersonation_and_delegation(idp: Any, pool: dict[str, Any], emulator: Any) -> None:
    pool_id = pool["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="exchanger",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_TOKEN_EXCHANGE_IMPERSONATION",
                           "ALLOW_TOKEN_EXCHANGE_DELEGATION"])["UserPoolClient"]["ClientId"]
    tokens = _user_tokens(idp, pool_id, client_id)
    derived = idp.get_derived_token(ClientId=client_id, SubjectToken=tokens["AccessToken"],
                                    SubjectTokenType="ACCESS_TOKEN", Audiences=["https://api.example.com"])
    assert derived["IssuedTokenType"] == "ACCESS_TOKEN" and derived["TokenType"] == "Bearer"
    claims = _verify(emulator.url, pool_id, derived["IssuedToken"])
    original = _verify(emulator.url, pool_id, tokens["AccessToken"])
    assert claims["sub"] == original["sub"] and claims["aud"] == "https://api.example.com"
    assert claims["username"] == "carol" and "act" not in claims
    assert derived["Scopes"] == original["scope"].split()
    as_id = idp.get_derived_token(ClientId=client_id, SubjectToken=tokens["IdToken"], SubjectTokenType="ID_TOKEN",
                                  RequestedTokenType="ID_TOKEN")
    assert as_id["TokenType"] == "N_A"
    id_claims = _verify(emulator.url, pool_id, as_id["IssuedToken"])
    assert id_claims["token_use"] == "id" and id_claims["cognito:username"] == "carol"
    idp.admin_create_user(UserPoolId=pool_id, Username="agent", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool_id, Username="agent", Password="Passw0rd!", Permanent=True)
    actor = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                              AuthParameters={"USERNAME": "agent", "PASSWORD": "Passw0rd!"})["AuthenticationResult"]
    delegated = idp.get_derived_token(ClientId=client_id, SubjectToken=tokens["AccessToken"],
                                      SubjectTokenType="ACCESS_TOKEN", ActorToken=actor["AccessToken"],
                                      ActorTokenType="ACCESS_TOKEN")
    act = _verify(emulator.url, pool_id, delegated["IssuedToken"])["act"]
    assert act == {"sub": _verify(emulator.url, pool_id, actor["AccessToken"])["sub"]}


def test_derived_token_refusals(idp: Any, pool: dict[str, Any]) -> None:
    pool_id = pool["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="no-exchange",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    tokens = _user_tokens(idp, pool_id, client_id)
    with aws_error("OperationNotEnabledException"):
        idp.get_derived_token(ClientId=client_id, SubjectToken=tokens["AccessToken"], SubjectTokenType="ACCESS_TOKEN")
    exchanger = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="exchanger", GenerateSecret=True,
        ExplicitAuthFlows=["ALLOW_TOKEN_EXCHANGE_IMPERSONATION"])["UserPoolClient"]
    with aws_error("NotAuthorizedException"):
        idp.get_derived_token(ClientId=exchanger["ClientId"], SubjectToken=tokens["AccessToken"],
                              SubjectTokenType="ACCESS_TOKEN")
    with aws_error("NotAuthorizedException", "Invalid SubjectToken."):
        idp.get_derived_token(ClientId=exchanger["ClientId"], ClientSecret=exchanger["ClientSecret"],
                              SubjectToken=tokens["IdToken"], SubjectTokenType="ACCESS_TOKEN")
    with aws_error("OperationNotEnabledException"):  # an actor needs the delegation flow
        idp.get_derived_token(ClientId=exchanger["ClientId"], ClientSecret=exchanger["ClientSecret"],
                              SubjectToken=tokens["AccessToken"], SubjectTokenType="ACCESS_TOKEN",
                              ActorToken=tokens["AccessToken"], ActorTokenType="ACCESS_TOKEN")
    idp.global_sign_out(AccessToken=tokens["AccessToken"])
    with aws_error("NotAuthorizedException", "SubjectToken has been revoked."):
        idp.get_derived_token(ClientId=exchanger["ClientId"], ClientSecret=exchanger["ClientSecret"],
                              SubjectToken=tokens["AccessToken"], SubjectTokenType="ACCESS_TOKEN")


def test_client_token_scopes_are_those_of_the_token_endpoint(idp: Any, machine: dict[str, str],
                                                             emulator: Any) -> None:
    """One scope rule for GetClientToken and /oauth2/token client_credentials: a deleted resource
    server takes its scopes away from both."""
    idp.create_user_pool_domain(UserPoolId=machine["pool"], Domain=f"m{machine['id'][:12].lower()}")
    form = {"grant_type": "client_credentials", "scope": SCOPE}
    by_endpoint = requests.post(f"{emulator.url}/oauth2/token", auth=(machine["id"], machine["secret"]), data=form)
    assert by_endpoint.status_code == 200, by_endpoint.text
    idp.delete_resource_server(UserPoolId=machine["pool"], Identifier="orders")
    gone = requests.post(f"{emulator.url}/oauth2/token", auth=(machine["id"], machine["secret"]), data=form)
    assert gone.json() == {"error": "invalid_scope"}
    with aws_error("InvalidParameterException", f"Invalid scope requested: {SCOPE}"):
        idp.get_client_token(ClientId=machine["id"], Secret=machine["secret"], Scopes=[SCOPE])
    with aws_error("InvalidParameterException", "Invalid scope requested."):
        idp.get_client_token(ClientId=machine["id"], Secret=machine["secret"])
    idp.delete_user_pool_domain(UserPoolId=machine["pool"], Domain=f"m{machine['id'][:12].lower()}")
