"""Amplify v6 ``signInWithRedirect`` and ``signOut`` in headless Chromium against the hosted UI
over HTTPS (``--https-port``), from an app on another origin: authorize -> /login -> the code
comes back to the app, Amplify exchanges it (PKCE, cross-origin fetch to /oauth2/token), refreshes
through the user-pool API, signs out through RevokeToken and /logout, and a silent
(``prompt: 'NONE'``) sign-in afterwards is refused with login_required."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import jwt
import pytest

from tests.e2e.browser import AmplifyApp, open_app, requires_chromium
from tests.e2e.browser import app as app  # noqa: F401  (fixture)
from tests.e2e.browser import browser as browser  # noqa: F401  (fixture)
from tests.e2e.conftest import make_client
from tests.e2e.server import RunningEmulator, run_emulator

pytestmark = requires_chromium
PASSWORD = "Passw0rd!"
SCOPES = ["openid", "email", "profile", "aws.cognito.signin.user.admin"]


@pytest.fixture(scope="module")
def server() -> Iterator[RunningEmulator]:
    with run_emulator("--https-port", "0") as running:
        yield running


def amplify_config(server: RunningEmulator, app: AmplifyApp) -> tuple[dict[str, Any], str]:
    idp = make_client("cognito-idp", server.url)
    pool_id = idp.create_user_pool(PoolName=f"amplify-{uuid.uuid4().hex[:6]}")["UserPool"]["Id"]
    idp.create_user_pool_domain(UserPoolId=pool_id, Domain=f"app{uuid.uuid4().hex[:8]}")
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="web", AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=SCOPES, CallbackURLs=[app.url], LogoutURLs=[app.url],
        SupportedIdentityProviders=["COGNITO"])["UserPoolClient"]["ClientId"]
    username = f"amp{uuid.uuid4().hex[:6]}"
    idp.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": "email", "Value": f"{username}@example.com"}])
    idp.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=PASSWORD, Permanent=True)
    domain = server.https_url.removeprefix("https://")
    config = {"Auth": {"Cognito": {
        "userPoolId": pool_id, "userPoolClientId": client_id, "userPoolEndpoint": server.url,
        "loginWith": {"oauth": {"domain": domain, "scopes": SCOPES, "redirectSignIn": [app.url],
                                "redirectSignOut": [app.url], "responseType": "code"}}}}}
    return config, username


def events(page: Any) -> list[str]:
    return [event["event"] for event in page.evaluate("window.authEvents")]


def test_sign_in_with_redirect_refresh_and_sign_out(server: RunningEmulator, app: AmplifyApp, browser: Any) -> None:
    config, username = amplify_config(server, app)
    context, page, problems = open_app(browser, app, ignore_https_errors=True)
    try:
        page.evaluate("config => window.configureAmplify(config)", config)
        page.evaluate("() => { window.auth.signInWithRedirect(); }")
        page.wait_for_url(f"{server.https_url}/login?**")
        assert "code_challenge_method=S256" in page.url and "identity_provider=COGNITO" in page.url
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{app.url}?code=*")
        page.wait_for_function("window.authEvents.some(e => e.event.startsWith('signInWithRedirect'))")
        assert "signInWithRedirect" in events(page), page.evaluate("window.authEvents")
        session = page.evaluate(
            "async () => { const s = await window.auth.fetchAuthSession();"
            " const u = await window.auth.getCurrentUser();"
            " return {id: s.tokens.idToken.toString(), access: s.tokens.accessToken.toString(),"
            " username: u.username}; }")
        access = jwt.decode(session["access"], options={"verify_signature": False})
        assert session["username"] == username and access["scope"] == " ".join(SCOPES)
        assert jwt.decode(session["id"], options={"verify_signature": False})["email"] == f"{username}@example.com"
        refreshed = page.evaluate(
            "async () => (await window.auth.fetchAuthSession({forceRefresh: true})).tokens.accessToken.toString()")
        assert refreshed != session["access"]
        assert jwt.decode(refreshed, options={"verify_signature": False})["scope"] == access["scope"]
        attributes = page.evaluate("async () => await window.auth.fetchUserAttributes()")
        assert attributes["email"] == f"{username}@example.com"

        with page.expect_response(f"{server.https_url}/logout?**") as answered:
            page.evaluate("() => { window.auth.signOut(); }")
        assert f"logout_uri={app.url.replace(':', '%3A').replace('/', '%2F')}" in answered.value.url
        assert answered.value.status == 302 and answered.value.headers["location"] == app.url
        page.wait_for_load_state()
        page.wait_for_function("window.amplifyReady === true")
        signed_out = page.evaluate(
            "async () => { try { await window.auth.getCurrentUser(); return 'still signed in'; }"
            " catch (error) { return error.name; } }")
        assert signed_out == "UserUnAuthenticatedException"

        page.evaluate("() => { window.auth.signInWithRedirect({options: {prompt: 'NONE'}}); }")
        page.wait_for_url(f"{app.url}?error=login_required*")
        page.wait_for_function("window.authEvents.some(e => e.event === 'signInWithRedirect_failure')")
        assert not problems, problems
    finally:
        context.close()


def test_sign_in_with_redirect_through_a_custom_provider(server: RunningEmulator, app: AmplifyApp,
                                                         browser: Any) -> None:
    """``signInWithRedirect({provider: {custom: 'Corp'}})``: straight to the provider (another
    pool of this emulator), its sign-in page, back through /oauth2/idpresponse to the app."""
    config, _ = amplify_config(server, app)
    idp = make_client("cognito-idp", server.url)
    pool_a, client_id = config["Auth"]["Cognito"]["userPoolId"], config["Auth"]["Cognito"]["userPoolClientId"]
    pool_b = idp.create_user_pool(PoolName=f"corp-{uuid.uuid4().hex[:6]}")["UserPool"]["Id"]
    idp.create_user_pool_domain(UserPoolId=pool_b, Domain=f"corp{uuid.uuid4().hex[:8]}")
    b_client = idp.create_user_pool_client(
        UserPoolId=pool_b, ClientName="for-a", GenerateSecret=True, AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"], AllowedOAuthScopes=["openid", "email"],
        CallbackURLs=[f"{server.https_url}/oauth2/idpresponse"])["UserPoolClient"]
    idp.admin_create_user(UserPoolId=pool_b, Username="carol", MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": "email", "Value": "carol@corp.example"}])
    idp.admin_set_user_password(UserPoolId=pool_b, Username="carol", Password=PASSWORD, Permanent=True)
    idp.create_identity_provider(UserPoolId=pool_a, ProviderName="Corp", ProviderType="OIDC", ProviderDetails={
        "client_id": b_client["ClientId"], "client_secret": b_client["ClientSecret"],
        "attributes_request_method": "GET", "oidc_issuer": f"{server.url}/{pool_b}",
        "authorize_scopes": "openid email"},
        AttributeMapping={"email": "email", "username": "sub"})
    idp.update_user_pool_client(
        UserPoolId=pool_a, ClientId=client_id, AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=SCOPES, CallbackURLs=[app.url], LogoutURLs=[app.url],
        SupportedIdentityProviders=["COGNITO", "Corp"])
    context, page, problems = open_app(browser, app, ignore_https_errors=True)
    try:
        page.evaluate("config => window.configureAmplify(config)", config)
        page.evaluate("() => { window.auth.signInWithRedirect({provider: {custom: 'Corp'}}); }")
        page.wait_for_url(f"{server.url}/login?**")  # pool B's page, reached from A's authorize
        assert f"client_id={b_client['ClientId']}" in page.url
        page.get_by_label("Username").fill("carol")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{app.url}?code=*")
        page.wait_for_function("window.authEvents.some(e => e.event.startsWith('signInWithRedirect'))")
        assert "signInWithRedirect" in events(page), page.evaluate("window.authEvents")
        session = page.evaluate(
            "async () => { const s = await window.auth.fetchAuthSession();"
            " const u = await window.auth.getCurrentUser();"
            " return {id: s.tokens.idToken.toString(), username: u.username}; }")
        claims = jwt.decode(session["id"], options={"verify_signature": False})
        assert session["username"] == claims["cognito:username"] and claims["cognito:username"].startswith("Corp_")
        assert claims["email"] == "carol@corp.example" and claims["cognito:groups"] == [f"{pool_a}_Corp"]
        assert claims["identities"][0]["providerName"] == "Corp"
        assert not problems, problems
    finally:
        context.close()
