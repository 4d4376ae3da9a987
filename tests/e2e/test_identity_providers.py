"""Identity providers of a user pool (Create/Describe/GetByIdentifier/List/Update/Delete) and
linking users to them (AdminLinkProviderForUser, AdminDisableProviderForUser)."""

from __future__ import annotations

import http.server
import json
import threading
import urllib.request
from typing import Any

import jwt
import pytest

from tests.e2e.expect import aws_error, collect_pages

METADATA = """<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
                            Location="https://idp.example.com/slo"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
                            Location="https://idp.example.com/sso/post"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
                            Location="https://idp.example.com/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>"""
GOOGLE = {"client_id": "1example.apps.googleusercontent.com", "client_secret": "secret",
          "authorize_scopes": "email profile openid"}


def _oidc(issuer: str, **extra: str) -> dict[str, str]:
    return {"client_id": "upstream-client", "client_secret": "upstream-secret",
            "attributes_request_method": "GET", "oidc_issuer": issuer, "authorize_scopes": "openid email",
            **extra}


def _user(idp: Any, pool_id: str, name: str = "alice") -> None:
    idp.admin_create_user(UserPoolId=pool_id, Username=name, MessageAction="SUPPRESS")


def test_google_provider_is_described_with_what_aws_fills_in(idp: Any, pool: dict[str, Any]) -> None:
    created = idp.create_identity_provider(
        UserPoolId=pool["Id"], ProviderName="Google", ProviderType="Google", ProviderDetails=GOOGLE,
        AttributeMapping={"email": "email"}, IdpIdentifiers=["gmail"])["IdentityProvider"]
    assert created["ProviderDetails"]["authorize_url"] == "https://accounts.google.com/o/oauth2/v2/auth"
    assert created["ProviderDetails"]["client_id"] == GOOGLE["client_id"]
    assert created["AttributeMapping"] == {"email": "email", "username": "sub"}
    described = idp.describe_identity_provider(UserPoolId=pool["Id"], ProviderName="Google")["IdentityProvider"]
    assert described["ProviderDetails"] == created["ProviderDetails"]
    assert described["IdpIdentifiers"] == ["gmail"]
    by_identifier = idp.get_identity_provider_by_identifier(UserPoolId=pool["Id"], IdpIdentifier="gmail")
    assert by_identifier["IdentityProvider"]["ProviderName"] == "Google"


def test_oidc_provider_discovers_its_endpoints_from_the_issuer(idp: Any, pool: dict[str, Any],
                                                               emulator: Any) -> None:
    upstream = idp.create_user_pool(PoolName="upstream")["UserPool"]["Id"]
    try:
        issuer = f"{emulator.url}/{upstream}"
        created = idp.create_identity_provider(UserPoolId=pool["Id"], ProviderName="Upstream", ProviderType="OIDC",
                                               ProviderDetails=_oidc(issuer))["IdentityProvider"]
        details = created["ProviderDetails"]
        with urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration", timeout=10) as response:
            discovery = json.load(response)
        assert details["jwks_uri"] == f"{issuer}/.well-known/jwks.json" == discovery["jwks_uri"]
        assert details["authorize_url"] == discovery["authorization_endpoint"]
        assert details["token_url"] == discovery["token_endpoint"]
        assert details["attributes_url_add_attributes"] == "false"
    finally:
        idp.delete_user_pool(UserPoolId=upstream)


def test_oidc_provider_with_an_unreachable_issuer_keeps_what_it_was_given(idp: Any, pool: dict[str, Any]) -> None:
    details = _oidc("http://127.0.0.1:9/nowhere", jwks_uri="https://auth.example.com/jwks.json")
    created = idp.create_identity_provider(UserPoolId=pool["Id"], ProviderName="Corp", ProviderType="OIDC",
                                           ProviderDetails=details)["IdentityProvider"]
    assert created["ProviderDetails"]["jwks_uri"] == "https://auth.example.com/jwks.json"
    assert "authorize_url" not in created["ProviderDetails"]


@pytest.mark.parametrize(("name", "kind", "details", "message"), [
    ("Google", "Google", {"client_id": "x"},
     "client_id, client_secret and authorize_scopes are all required idp details"),
    ("Corp", "OIDC", {"client_id": "x", "authorize_scopes": "openid"},
     "client_id, attributes_request_method, oidc_issuer and authorize_scopes are all required idp details"),
    ("MyGoogle", "Google", GOOGLE, "Provider MyGoogle cannot be of type Google."),
    ("Facebook", "OIDC", {}, "Provider Facebook cannot be of type OIDC."),
    ("Corp", "SAML", {"IDPSignout": "true"}, "Either MetadataURL or MetadataFile must be provided."),
])
def test_bad_provider_details_are_refused(idp: Any, pool: dict[str, Any], name: str, kind: str,
                                          details: dict[str, str], message: str) -> None:
    with aws_error("InvalidParameterException", message):
        idp.create_identity_provider(UserPoolId=pool["Id"], ProviderName=name, ProviderType=kind,
                                     ProviderDetails=details)
    assert idp.list_identity_providers(UserPoolId=pool["Id"])["Providers"] == []


def test_names_and_identifiers_are_unique(idp: Any, pool: dict[str, Any]) -> None:
    saml = {"MetadataFile": METADATA}
    idp.create_identity_provider(UserPoolId=pool["Id"], ProviderName="Corp", ProviderType="SAML",
                                 ProviderDetails=saml, IdpIdentifiers=["corp.example.com"])
    with aws_error("DuplicateProviderException", f"Corp already exists in user pool {pool['Id']}"):
        idp.create_identity_provider(UserPoolId=pool["Id"], ProviderName="Corp", ProviderType="SAML",
                                     ProviderDetails=saml)
    with aws_error("DuplicateProviderException"):
        idp.create_identity_provider(UserPoolId=pool["Id"], ProviderName="Other", ProviderType="SAML",
                                     ProviderDetails=saml, IdpIdentifiers=["corp.example.com"])


def test_unknown_pool_and_provider(idp: Any, pool: dict[str, Any]) -> None:
    with aws_error("ResourceNotFoundException", "User pool us-east-1_nothere does not exist."):
        idp.create_identity_provider(UserPoolId="us-east-1_nothere", ProviderName="Google", ProviderType="Google",
                                     ProviderDetails=GOOGLE)
    with aws_error("ResourceNotFoundException"):
        idp.describe_identity_provider(UserPoolId=pool["Id"], ProviderName="Google")
    with aws_error("ResourceNotFoundException"):
        idp.get_identity_provider_by_identifier(UserPoolId=pool["Id"], IdpIdentifier="nothing")
    with aws_error("ResourceNotFoundException"):
        idp.delete_identity_provider(UserPoolId=pool["Id"], ProviderName="Google")


def test_list_pages_and_update_and_delete(idp: Any, pool: dict[str, Any]) -> None:
    for index in range(3):
        idp.create_identity_provider(UserPoolId=pool["Id"], ProviderName=f"Corp{index}", ProviderType="SAML",
                                     ProviderDetails={"MetadataFile": METADATA})
    providers, pages = collect_pages(idp.list_identity_providers, "Providers", UserPoolId=pool["Id"], MaxResults=2)
    assert [p["ProviderName"] for p in providers] == ["Corp0", "Corp1", "Corp2"] and pages == 2
    updated = idp.update_identity_provider(UserPoolId=pool["Id"], ProviderName="Corp1",
                                           AttributeMapping={"email": "mail"}, IdpIdentifiers=["one"])
    assert updated["IdentityProvider"]["AttributeMapping"] == {"email": "mail"}
    assert updated["IdentityProvider"]["ProviderDetails"]["MetadataFile"] == METADATA
    # UpdateIdentityProvider's model lists no DuplicateProviderException (tests/unit/test_allowed_errors.py).
    with aws_error("InvalidParameterException", "Identifier one is already used by another provider."):
        idp.update_identity_provider(UserPoolId=pool["Id"], ProviderName="Corp2", IdpIdentifiers=["one"])
    idp.delete_identity_provider(UserPoolId=pool["Id"], ProviderName="Corp1")
    names = [p["ProviderName"] for p in idp.list_identity_providers(UserPoolId=pool["Id"])["Providers"]]
    assert names == ["Corp0", "Corp2"]


def test_clients_may_name_only_existing_providers(idp: Any, pool: dict[str, Any]) -> None:
    with aws_error("InvalidParameterException", f"The provider Google does not exist for User Pool {pool['Id']}"):
        idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="web",
                                    SupportedIdentityProviders=["COGNITO", "Google"])
    idp.create_identity_provider(UserPoolId=pool["Id"], ProviderName="Google", ProviderType="Google",
                                 ProviderDetails=GOOGLE)
    client = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="web",
                                         SupportedIdentityProviders=["COGNITO", "Google"])["UserPoolClient"]
    assert client["SupportedIdentityProviders"] == ["COGNITO", "Google"]
    idp.delete_identity_provider(UserPoolId=pool["Id"], ProviderName="Google")
    described = idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])["UserPoolClient"]
    assert described["SupportedIdentityProviders"] == ["COGNITO", "Google"]  # AWS leaves the name in place
    with aws_error("InvalidParameterException", f"The provider Google does not exist for User Pool {pool['Id']}"):
        idp.update_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"], ClientName="web",
                                    SupportedIdentityProviders=["COGNITO", "Google"])


def test_linking_a_user_shows_the_identity_and_disabling_removes_it(idp: Any, pool: dict[str, Any]) -> None:
    idp.create_identity_provider(UserPoolId=pool["Id"], ProviderName="Google", ProviderType="Google",
                                 ProviderDetails=GOOGLE)
    _user(idp, pool["Id"])
    source = {"ProviderName": "Google", "ProviderAttributeName": "Cognito_Subject", "ProviderAttributeValue": "1234"}
    idp.admin_link_provider_for_user(UserPoolId=pool["Id"], SourceUser=source,
                                     DestinationUser={"ProviderName": "Cognito", "ProviderAttributeValue": "alice"})
    user = idp.admin_get_user(UserPoolId=pool["Id"], Username="alice")
    attributes = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    [identity] = json.loads(attributes["identities"])
    assert identity["userId"] == "1234" and identity["providerName"] == "Google"
    assert identity["providerType"] == "Google" and identity["primary"] is False
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username="alice", Password="Passw0rd!", Permanent=True)
    client_id = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="app",
                                            ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])["UserPoolClient"]["ClientId"]
    signed_in = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                  AuthParameters={"USERNAME": "alice", "PASSWORD": "Passw0rd!"})
    claims = jwt.decode(signed_in["AuthenticationResult"]["IdToken"], options={"verify_signature": False})
    assert [entry["userId"] for entry in claims["identities"]] == ["1234"]
    _user(idp, pool["Id"], "bob")
    with aws_error("AliasExistsException"):
        idp.admin_link_provider_for_user(UserPoolId=pool["Id"], SourceUser=source,
                                         DestinationUser={"ProviderName": "Cognito", "ProviderAttributeValue": "bob"})
    idp.admin_disable_provider_for_user(UserPoolId=pool["Id"], User=source)
    attributes = {a["Name"] for a in idp.admin_get_user(UserPoolId=pool["Id"], Username="alice")["UserAttributes"]}
    assert "identities" not in attributes
    idp.admin_link_provider_for_user(UserPoolId=pool["Id"], SourceUser=source,
                                     DestinationUser={"ProviderName": "Cognito", "ProviderAttributeValue": "bob"})


def test_linking_refusals(idp: Any, pool: dict[str, Any]) -> None:
    idp.create_identity_provider(UserPoolId=pool["Id"], ProviderName="Google", ProviderType="Google",
                                 ProviderDetails=GOOGLE)
    _user(idp, pool["Id"])
    destination = {"ProviderName": "Cognito", "ProviderAttributeValue": "alice"}
    with aws_error("InvalidParameterException", "Invalid SourceUser: Cognito users with a username/password may "
                   "not be passed in as a SourceUser, only as a DestinationUser"):
        idp.admin_link_provider_for_user(UserPoolId=pool["Id"], DestinationUser=destination, SourceUser={
            "ProviderName": "Cognito", "ProviderAttributeValue": "bob"})
    with aws_error("InvalidParameterException", f"The provider Facebook does not exist for User Pool {pool['Id']}"):
        idp.admin_link_provider_for_user(UserPoolId=pool["Id"], DestinationUser=destination, SourceUser={
            "ProviderName": "Facebook", "ProviderAttributeName": "Cognito_Subject", "ProviderAttributeValue": "1"})
    with aws_error("UserNotFoundException", "User does not exist."):
        idp.admin_link_provider_for_user(UserPoolId=pool["Id"], SourceUser={
            "ProviderName": "Google", "ProviderAttributeName": "Cognito_Subject", "ProviderAttributeValue": "1"},
            DestinationUser={"ProviderName": "Cognito", "ProviderAttributeValue": "nobody"})
    for value in range(5):
        idp.admin_link_provider_for_user(UserPoolId=pool["Id"], DestinationUser=destination, SourceUser={
            "ProviderName": "Google", "ProviderAttributeName": "Cognito_Subject", "ProviderAttributeValue": str(value)})
    with aws_error("LimitExceededException"):
        idp.admin_link_provider_for_user(UserPoolId=pool["Id"], DestinationUser=destination, SourceUser={
            "ProviderName": "Google", "ProviderAttributeName": "Cognito_Subject", "ProviderAttributeValue": "9"})
    with aws_error("UserNotFoundException"):
        idp.admin_disable_provider_for_user(UserPoolId=pool["Id"], User={
            "ProviderName": "Google", "ProviderAttributeName": "Cognito_Subject", "ProviderAttributeValue": "77"})


def test_saml_metadata_gives_the_redirect_endpoints(idp: Any, pool: dict[str, Any]) -> None:
    created = idp.create_identity_provider(UserPoolId=pool["Id"], ProviderName="Corp", ProviderType="SAML",
                                           ProviderDetails={"MetadataFile": METADATA, "IDPSignout": "true"})
    details = created["IdentityProvider"]["ProviderDetails"]
    assert details["SSORedirectBindingURI"] == "https://idp.example.com/sso"
    assert details["SLORedirectBindingURI"] == "https://idp.example.com/slo"
    for bad in ("not xml", "<root/>", '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'):
        with aws_error("InvalidParameterException", "Invalid SAML metadata."):
            idp.create_identity_provider(UserPoolId=pool["Id"], ProviderName="Bad", ProviderType="SAML",
                                         ProviderDetails={"MetadataFile": bad})


def test_saml_metadata_url_is_fetched_when_reachable(idp: Any, pool: dict[str, Any]) -> None:
    class Metadata(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            body = METADATA.encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Metadata)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/metadata"
        created = idp.create_identity_provider(UserPoolId=pool["Id"], ProviderName="Corp", ProviderType="SAML",
                                               ProviderDetails={"MetadataURL": url})
        details = created["IdentityProvider"]["ProviderDetails"]
        assert details == {"MetadataURL": url, "SSORedirectBindingURI": "https://idp.example.com/sso",
                           "SLORedirectBindingURI": "https://idp.example.com/slo"}
    finally:
        server.shutdown()
        server.server_close()
