"""Federation with an OIDC identity provider, through a second pool of the same emulator: pool B
(a domain and a secret OAuth client whose callback is A's /oauth2/idpresponse) is the OIDC
provider ``B`` of pool A. A browser-like HTTP client (requests) follows the redirects: A's
authorize -> B's authorize -> B's sign-in form -> A's idpresponse -> the app with a code, which
the app exchanges at A. Then: the EXTERNAL_PROVIDER user and its group, attributes updated on the
next sign-in, the linked-user path, the triggers, and the refusals."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import jwt
import pytest
import requests

from tests.e2e.oauth_helpers import CALLBACK, PASSWORD, authorize_url, code_from, query_of
from tests.e2e.server import RunningEmulator
from tests.e2e.test_oauth import exchange
from tests.e2e.test_triggers import Triggered, triggered_emulator
from tests.e2e.trigger_functions import FUNCTIONS, arn


def claims(token: str) -> dict[str, Any]:
    return jwt.decode(token, options={"verify_signature": False})


@dataclass
class Federation:
    base: str
    pool_a: str
    app: dict[str, Any]  # A's client: COGNITO and B
    pool_b: str
    b_client: dict[str, Any]
    b_user: str  # username at B
    b_sub: str


def make_federation(idp: Any, base: str, lambda_config: dict[str, Any] | None = None) -> Federation:
    b = idp.create_user_pool(PoolName=f"b-{uuid.uuid4().hex[:6]}")["UserPool"]["Id"]
    idp.create_user_pool_domain(UserPoolId=b, Domain=f"b{uuid.uuid4().hex[:12]}")
    b_client = idp.create_user_pool_client(
        UserPoolId=b, ClientName="for-a", GenerateSecret=True, AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"], AllowedOAuthScopes=["openid", "email", "profile"],
        CallbackURLs=[f"{base}/oauth2/idpresponse"], SupportedIdentityProviders=["COGNITO"])["UserPoolClient"]
    b_user = f"bob{uuid.uuid4().hex[:6]}"
    created = idp.admin_create_user(UserPoolId=b, Username=b_user, MessageAction="SUPPRESS", UserAttributes=[
        {"Name": "email", "Value": f"{b_user}@corp.example"}, {"Name": "email_verified", "Value": "true"},
        {"Name": "given_name", "Value": "Bob"}])["User"]
    b_sub = next(a["Value"] for a in created["Attributes"] if a["Name"] == "sub")
    idp.admin_set_user_password(UserPoolId=b, Username=b_user, Password=PASSWORD, Permanent=True)
    a = idp.create_user_pool(PoolName=f"a-{uuid.uuid4().hex[:6]}", LambdaConfig=lambda_config or {})["UserPool"]["Id"]
    idp.create_user_pool_domain(UserPoolId=a, Domain=f"a{uuid.uuid4().hex[:12]}")
    idp.create_identity_provider(UserPoolId=a, ProviderName="PoolB", ProviderType="OIDC", ProviderDetails={
        "client_id": b_client["ClientId"], "client_secret": b_client["ClientSecret"],
        "attributes_request_method": "GET", "oidc_issuer": f"{base}/{b}", "authorize_scopes": "openid email profile"},
        AttributeMapping={"email": "email", "given_name": "given_name", "username": "sub"},
        IdpIdentifiers=["corp.example"])
    app = idp.create_user_pool_client(
        UserPoolId=a, ClientName="app", AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email", "profile"], CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=["COGNITO", "PoolB"])["UserPoolClient"]
    return Federation(base, a, app, b, b_client, b_user, b_sub)


def at_provider(browser: requests.Session, fed: Federation, url: str) -> requests.Response:
    """A's authorize -> B's authorize -> B's /login: the answer to the posted password (B
    sending the browser to A's idpresponse), or B's authorize answer when B remembers the user."""
    first = browser.get(url, allow_redirects=False)
    assert first.status_code == 302, first.text
    to_b = first.headers["location"]
    assert to_b.startswith(f"{fed.base}/oauth2/authorize?"), to_b
    at_b = browser.get(to_b, allow_redirects=False)
    login = at_b.headers["location"]
    if login.startswith(f"{fed.base}/oauth2/idpresponse?"):
        return at_b  # still signed in at B (its ``cognito`` cookie): straight back
    assert login.startswith("/login?"), login
    return browser.post(fed.base + login, data={"username": fed.b_user, "password": PASSWORD},
                        allow_redirects=False)


def federated_code(browser: requests.Session, fed: Federation, **params: str) -> requests.Response:
    """Through B and back: A's answer to idpresponse."""
    url = authorize_url(fed.base, fed.app["ClientId"], **{"identity_provider": "PoolB", "state": "app-state",
                                                          **params})
    back = at_provider(browser, fed, url)
    assert back.status_code == 302, back.text
    assert back.headers["location"].startswith(f"{fed.base}/oauth2/idpresponse?"), back.headers["location"]
    return browser.get(back.headers["location"], allow_redirects=False)


@pytest.fixture
def fed(emulator: RunningEmulator, idp: Any) -> Federation:
    return make_federation(idp, emulator.url)


def test_authorize_sends_the_user_to_the_provider(fed: Federation) -> None:
    answer = requests.get(authorize_url(fed.base, fed.app["ClientId"], identity_provider="PoolB", state="s1"),
                          allow_redirects=False)
    assert answer.status_code == 302
    location = answer.headers["location"]
    assert location.split("?")[0] == f"{fed.base}/oauth2/authorize"  # B's, found by discovery
    sent = query_of(location)
    assert sent["client_id"] == fed.b_client["ClientId"] and sent["response_type"] == "code"
    assert sent["scope"] == "openid email profile" and sent["redirect_uri"] == f"{fed.base}/oauth2/idpresponse"
    assert sent["state"] != "s1" and len(sent["nonce"]) >= 16
    by_identifier = requests.get(authorize_url(fed.base, fed.app["ClientId"], idp_identifier="corp.example"),
                                 allow_redirects=False)
    assert query_of(by_identifier.headers["location"])["client_id"] == fed.b_client["ClientId"]


def test_first_sign_in_creates_the_external_user(fed: Federation, idp: Any) -> None:
    browser = requests.Session()
    answer = federated_code(browser, fed, nonce="app-nonce", scope="openid email profile")
    assert query_of(answer.headers["location"])["state"] == "app-state"
    tokens = exchange(fed.base, fed.app["ClientId"], code_from(answer)).json()
    id_claims = claims(tokens["id_token"])
    username = f"PoolB_{fed.b_sub}"
    assert id_claims["cognito:username"] == username and id_claims["nonce"] == "app-nonce"
    assert id_claims["email"] == f"{fed.b_user}@corp.example" and id_claims["given_name"] == "Bob"
    assert id_claims["cognito:groups"] == [f"{fed.pool_a}_PoolB"]
    (identity,) = id_claims["identities"]
    assert identity["userId"] == fed.b_sub and identity["providerName"] == "PoolB"
    assert identity["providerType"] == "OIDC" and identity["issuer"] == f"{fed.base}/{fed.pool_b}"
    assert identity["primary"] == "true" and identity["dateCreated"].isdigit()
    assert claims(tokens["access_token"])["username"] == username
    user = idp.admin_get_user(UserPoolId=fed.pool_a, Username=username)
    assert user["UserStatus"] == "EXTERNAL_PROVIDER"
    stored = json.loads(next(a["Value"] for a in user["UserAttributes"] if a["Name"] == "identities"))
    assert stored[0]["primary"] is True and isinstance(stored[0]["dateCreated"], int)
    group = idp.get_group(UserPoolId=fed.pool_a, GroupName=f"{fed.pool_a}_PoolB")["Group"]
    assert group["Description"] == "Autogenerated group for users who sign in using PoolB"
    # The provider's attributes change: the next sign-in brings them over, the same user again.
    idp.admin_update_user_attributes(UserPoolId=fed.pool_b, Username=fed.b_user,
                                     UserAttributes=[{"Name": "given_name", "Value": "Robert"}])
    again = exchange(fed.base, fed.app["ClientId"], code_from(federated_code(browser, fed))).json()
    assert claims(again["id_token"])["given_name"] == "Robert"
    assert claims(again["id_token"])["sub"] == id_claims["sub"]
    listed = idp.list_users(UserPoolId=fed.pool_a)["Users"]
    assert [u["Username"] for u in listed] == [username]


def test_a_linked_identity_signs_in_as_the_local_user(fed: Federation, idp: Any) -> None:
    idp.admin_create_user(UserPoolId=fed.pool_a, Username="alice", MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": "email", "Value": "alice@example.com"}])
    idp.admin_link_provider_for_user(
        UserPoolId=fed.pool_a, DestinationUser={"ProviderName": "Cognito", "ProviderAttributeValue": "alice"},
        SourceUser={"ProviderName": "PoolB", "ProviderAttributeName": "Cognito_Subject",
                    "ProviderAttributeValue": fed.b_sub})
    tokens = exchange(fed.base, fed.app["ClientId"], code_from(federated_code(requests.Session(), fed))).json()
    id_claims = claims(tokens["id_token"])
    assert id_claims["cognito:username"] == "alice" and id_claims["email"] == "alice@example.com"
    assert id_claims["identities"][0]["userId"] == fed.b_sub
    assert [u["Username"] for u in idp.list_users(UserPoolId=fed.pool_a)["Users"]] == ["alice"]


def test_the_sign_in_page_offers_the_provider(fed: Federation) -> None:
    browser = requests.Session()
    first = browser.get(authorize_url(fed.base, fed.app["ClientId"], state="st"), allow_redirects=False)
    page = browser.get(fed.base + first.headers["location"])
    assert 'class="btn idpButton-customizable"' in page.text and ">PoolB</a>" in page.text
    link = page.text.split('class="btn idpButton-customizable" href="')[1].split('"')[0].replace("&amp;", "&")
    assert query_of(link)["identity_provider"] == "PoolB" and query_of(link)["state"] == "st"
    to_b = browser.get(fed.base + link, allow_redirects=False)
    assert to_b.headers["location"].startswith(f"{fed.base}/oauth2/authorize?client_id={fed.b_client['ClientId']}")


def test_refusals(fed: Federation, idp: Any) -> None:
    def refused(**params: str) -> dict[str, str]:
        answer = requests.get(authorize_url(fed.base, fed.app["ClientId"], state="s", **params),
                              allow_redirects=False)
        assert answer.status_code == 302 and answer.headers["location"].startswith(CALLBACK)
        return query_of(answer.headers["location"])

    assert refused(identity_provider="Nobody")["error"] == "invalid_request"
    assert refused(idp_identifier="unknown.example")["error"] == "invalid_request"
    idp.create_identity_provider(UserPoolId=fed.pool_a, ProviderName="PoolC", ProviderType="OIDC", ProviderDetails={
        "client_id": "c", "attributes_request_method": "GET", "oidc_issuer": f"{fed.base}/{fed.pool_b}",
        "authorize_scopes": "openid"})
    assert refused(identity_provider="PoolC") == {"error": "invalid_request", "state": "s",
                                              "error_description": "identity provider is not supported"}
    # An unknown or spent state: no app to go back to, AWS's error page.
    bogus = requests.get(f"{fed.base}/oauth2/idpresponse?code=x&state=nope", allow_redirects=False)
    assert bogus.status_code == 400 and "An error was encountered" in bogus.text
    # The provider answers an error: the app hears it, prefixed with the provider's name.
    first = requests.get(authorize_url(fed.base, fed.app["ClientId"], identity_provider="PoolB", state="s"),
                         allow_redirects=False)
    provider_state = query_of(first.headers["location"])["state"]
    denied = requests.get(f"{fed.base}/oauth2/idpresponse", params={
        "error": "access_denied", "error_description": "no thanks", "state": provider_state}, allow_redirects=False)
    assert query_of(denied.headers["location"]) == {"error": "invalid_request", "state": "s",
                                                    "error_description": "PoolB Error - access_denied no thanks"}
    again = requests.get(f"{fed.base}/oauth2/idpresponse", params={"code": "x", "state": provider_state},
                         allow_redirects=False)
    assert again.status_code == 400  # the state was spent
    # A wrong client secret: the code exchange fails at B's token endpoint.
    idp.update_identity_provider(UserPoolId=fed.pool_a, ProviderName="PoolB", ProviderDetails={
        "client_id": fed.b_client["ClientId"], "client_secret": "wrong", "attributes_request_method": "GET",
        "oidc_issuer": f"{fed.base}/{fed.pool_b}", "authorize_scopes": "openid email profile"})
    answer = federated_code(requests.Session(), fed)
    assert urlsplit(answer.headers["location"]).path == urlsplit(CALLBACK).path
    assert query_of(answer.headers["location"]) == {"error": "invalid_request", "state": "app-state",
                                                    "error_description": "PoolB Error - 400 invalid_client"}
    assert idp.list_users(UserPoolId=fed.pool_a)["Users"] == []
    # The ID token's issuer is not the provider's oidc_issuer: refused, no user made.
    idp.update_identity_provider(UserPoolId=fed.pool_a, ProviderName="PoolB", ProviderDetails={
        "client_id": fed.b_client["ClientId"], "client_secret": fed.b_client["ClientSecret"],
        "attributes_request_method": "GET", "oidc_issuer": "https://issuer.example/other",
        "authorize_scopes": "openid email profile", "authorize_url": f"{fed.base}/oauth2/authorize",
        "token_url": f"{fed.base}/oauth2/token", "attributes_url": f"{fed.base}/oauth2/userInfo",
        "jwks_uri": f"{fed.base}/{fed.pool_b}/.well-known/jwks.json"})
    answer = federated_code(requests.Session(), fed)
    assert query_of(answer.headers["location"])["error_description"] == "PoolB Error - invalid id_token: Invalid issuer"
    assert idp.list_users(UserPoolId=fed.pool_a)["Users"] == []


def test_a_disabled_federated_user_is_refused(fed: Federation, idp: Any) -> None:
    exchange(fed.base, fed.app["ClientId"], code_from(federated_code(requests.Session(), fed)))
    idp.admin_disable_provider_for_user(UserPoolId=fed.pool_a, User={
        "ProviderName": "PoolB", "ProviderAttributeName": "Cognito_Subject", "ProviderAttributeValue": fed.b_sub})
    answer = federated_code(requests.Session(), fed)
    assert query_of(answer.headers["location"]) == {"error": "invalid_request", "state": "app-state",
                                                    "error_description": "User is disabled."}


@pytest.fixture(scope="module")
def triggered() -> Iterator[Triggered]:
    handlers = {arn(name): f"tests.e2e.trigger_functions:{name}" for name in FUNCTIONS}
    with triggered_emulator("python", "federation-triggers-", handlers, FUNCTIONS, 2) as found:
        yield found


def test_triggers_of_a_federated_sign_in(triggered: Triggered) -> None:
    config = {"InboundFederation": {"LambdaVersion": "V1_0", "LambdaArn": arn("inbound_federation")},
              "PreSignUp": arn("record"), "PostConfirmation": arn("record"), "PreAuthentication": arn("record"),
              "PostAuthentication": arn("record"),
              "PreTokenGenerationConfig": {"LambdaVersion": "V2_0", "LambdaArn": arn("record")}}
    fed = make_federation(triggered.idp, triggered.emulator.url, config)
    browser = requests.Session()
    tokens = exchange(fed.base, fed.app["ClientId"], code_from(federated_code(browser, fed))).json()
    assert claims(tokens["id_token"])["nickname"] == f"fed-{fed.b_user}@corp.example"
    (inbound,) = triggered.events("inbound_federation", fed.pool_a)
    assert inbound["triggerSource"] == "InboundFederation_ExternalProvider"
    assert inbound["userName"] == f"PoolB_{fed.b_sub}"
    assert inbound["request"]["providerName"] == "PoolB" and inbound["request"]["providerType"] == "OIDC"
    attributes = inbound["request"]["attributes"]
    assert attributes["idToken"]["sub"] == fed.b_sub and attributes["userInfo"]["email"].endswith("@corp.example")
    assert "access_token" in attributes["tokenResponse"]
    assert inbound["response"]["userAttributesToMap"]["email"] == f"{fed.b_user}@corp.example"
    sources = [e["triggerSource"] for e in triggered.events("record", fed.pool_a)]
    assert sources == ["PreSignUp_ExternalProvider", "PostConfirmation_ConfirmSignUp",
                       "PreAuthentication_Authentication", "PostAuthentication_Authentication",
                       "TokenGeneration_HostedAuth"]
    exchange(fed.base, fed.app["ClientId"], code_from(federated_code(browser, fed)))
    sources = [e["triggerSource"] for e in triggered.events("record", fed.pool_a)][5:]
    assert sources == ["PreAuthentication_Authentication", "PostAuthentication_Authentication",
                       "TokenGeneration_HostedAuth"]


def test_a_corporate_email_routes_to_its_provider(fed: Federation) -> None:
    """IdpIdentifiers: the email's domain picks the provider, the address goes along as login_hint."""
    browser = requests.Session()
    login = browser.get(authorize_url(fed.base, fed.app["ClientId"], state="st"),
                        allow_redirects=False).headers["location"]
    page = browser.get(fed.base + login)
    assert 'name="corporate_email"' in page.text
    routed = browser.post(fed.base + login, data={"corporate_email": "carol@corp.example"}, allow_redirects=False)
    assert routed.status_code == 302
    sent = query_of(routed.headers["location"])
    assert sent["client_id"] == fed.b_client["ClientId"] and sent["login_hint"] == "carol@corp.example"
    unknown = browser.post(fed.base + login, data={"corporate_email": "dan@elsewhere.example"})
    assert unknown.status_code == 400 and "No identity provider is set up for that email domain." in unknown.text


def test_a_client_without_cognito_offers_only_its_providers(fed: Federation, idp: Any) -> None:
    only_b = idp.create_user_pool_client(
        UserPoolId=fed.pool_a, ClientName="only-b", AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid"], CallbackURLs=[CALLBACK], SupportedIdentityProviders=["PoolB"])["UserPoolClient"]
    browser = requests.Session()
    login = browser.get(authorize_url(fed.base, only_b["ClientId"]), allow_redirects=False).headers["location"]
    page = browser.get(fed.base + login)
    assert ">PoolB</a>" in page.text and 'name="password"' not in page.text
    posted = browser.post(fed.base + login, data={"username": "x", "password": PASSWORD}, allow_redirects=False)
    assert posted.status_code == 400 and "Login option is not available" in posted.text
    refused = browser.get(authorize_url(fed.base, only_b["ClientId"], identity_provider="COGNITO"),
                          allow_redirects=False)
    assert query_of(refused.headers["location"])["error"] == "invalid_request"
