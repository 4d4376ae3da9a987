"""Managed login's choice-based sign-in on the hosted pages, in headless Chromium with a Chrome
DevTools virtual authenticator: authorize -> the username -> the user's factors; password, then
the passkey prompt registers a passkey (navigator.credentials.create); the next sign-in is
authorize -> username -> passkey (navigator.credentials.get) -> back at the app with a code ->
tokens. Also: an emailed sign-in code, "Not now" on the prompt, /passkeys/add, email MFA set-up,
and the page language (``lang``). Screenshots go to /tmp/hosted-shots/."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest

from tests.e2e.browser import launch_browser, requires_chromium
from tests.e2e.conftest import make_client
from tests.e2e.mfa_helpers import SES_EMAIL, set_mfa
from tests.e2e.oauth_helpers import CALLBACK, PASSWORD, authorize_url, query_of
from tests.e2e.outbox import last_code
from tests.e2e.server import RunningEmulator, run_emulator

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
pytestmark = requires_chromium
SHOTS = Path("/tmp/hosted-shots")
AUTHENTICATOR = {"protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
                 "hasUserVerification": True, "isUserVerified": True, "automaticPresenceSimulation": True}
SCOPES = ["openid", "email", "profile", "aws.cognito.signin.user.admin"]


@pytest.fixture(scope="module")
def server() -> Iterator[RunningEmulator]:
    with run_emulator("--no-fixtures") as running:
        yield running


@pytest.fixture(scope="module")
def base(server: RunningEmulator) -> str:
    """The pages on http://localhost:<port>: the passkeys' relying party is localhost."""
    return server.url.replace("127.0.0.1", "localhost")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch_browser() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def idp(server: RunningEmulator) -> Any:
    return make_client("cognito-idp", server.url)


@pytest.fixture(scope="module")
def pool(idp: Any) -> dict[str, str]:
    """Password, email code and passkey (RP id localhost) as first factors; a web client for USER_AUTH."""
    pool_id = idp.create_user_pool(
        PoolName=f"choice-{uuid.uuid4().hex[:6]}", EmailConfiguration=SES_EMAIL, AutoVerifiedAttributes=["email"],
        Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"]}},
    )["UserPool"]["Id"]
    idp.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="OFF",
                                 WebAuthnConfiguration={"RelyingPartyId": "localhost", "UserVerification": "required"})
    idp.create_user_pool_domain(UserPoolId=pool_id, Domain=f"c{uuid.uuid4().hex[:12]}")
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="web", ExplicitAuthFlows=["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["code"], AllowedOAuthScopes=SCOPES,
        CallbackURLs=[CALLBACK], SupportedIdentityProviders=["COGNITO"])["UserPoolClient"]["ClientId"]
    return {"pool": pool_id, "client": client_id}


def new_user(idp: Any, pool_id: str) -> str:
    username = f"ada-{uuid.uuid4().hex[:6]}"
    idp.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS", UserAttributes=[
        {"Name": "email", "Value": f"{username}@example.com"}, {"Name": "email_verified", "Value": "true"}])
    idp.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=PASSWORD, Permanent=True)
    return username


@pytest.fixture
def tab(browser: Any) -> Iterator[tuple[Any, Any]]:
    """A page with a virtual authenticator; the app at CALLBACK answers a stub."""
    context = browser.new_context()
    page = context.new_page()
    page.route(f"{CALLBACK.rsplit('/', 1)[0]}/**",
               lambda route: route.fulfill(body="<h1>app</h1>", content_type="text/html"))
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": AUTHENTICATOR})["authenticatorId"]
    page.passkeys = lambda: cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]
    yield page, context
    context.close()


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    for field in page.locator("input:not([type=hidden])").all():
        field_id = field.get_attribute("id")
        assert field_id and page.locator(f"label[for='{field_id}']").count() == 1, f"{name}: unlabelled input"


def code_at_callback(page: Any) -> str:
    page.wait_for_url(f"{CALLBACK}*")
    return query_of(page.url)["code"]


def tokens(base: str, client_id: str, code: str) -> dict[str, Any]:
    answer = httpx.post(f"{base}/oauth2/token", data={"grant_type": "authorization_code", "code": code,
                                                       "client_id": client_id, "redirect_uri": CALLBACK})
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def claims(token: str) -> dict[str, Any]:
    return dict(jwt.decode(token, options={"verify_signature": False}))


def test_password_then_passkey_prompt_then_passkey_sign_in(
        server: RunningEmulator, base: str, idp: Any, pool: dict[str, str], tab: tuple[Any, Any]) -> None:
    page, _ = tab
    username = new_user(idp, pool["pool"])
    page.goto(authorize_url(base, pool["client"]))
    assert page.get_by_label("Password").count() == 0  # the username first
    shot(page, "20-choice-username")
    page.get_by_label("Username").fill(username)
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Sign in with password").wait_for()
    assert page.get_by_role("button", name="Email me a code").count() == 1
    assert page.get_by_role("button", name="Sign in with a passkey").count() == 0  # none registered yet
    shot(page, "21-choice-factors")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in with password").click()

    page.get_by_role("button", name="Add a passkey").wait_for()  # managed login's prompt
    shot(page, "22-passkey-prompt")
    page.get_by_role("button", name="Add a passkey").click()
    first = code_at_callback(page)
    assert claims(tokens(base, pool["client"], first)["id_token"])["cognito:username"] == username
    stored = page.passkeys()
    assert len(stored) == 1 and stored[0]["rpId"] == "localhost" and stored[0]["isResidentCredential"]
    factors = idp.admin_get_user_auth_factors(UserPoolId=pool["pool"], Username=username)
    assert "WEB_AUTHN" in factors["ConfiguredUserAuthFactors"]

    page.goto(authorize_url(base, pool["client"], prompt="login"))
    page.get_by_label("Username").fill(username)
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Sign in with a passkey").click()  # the choice
    page.locator("form#passkey-form").wait_for()  # the passkey page
    shot(page, "23-passkey-sign-in")
    page.get_by_role("button", name="Sign in with a passkey").click()
    second = tokens(base, pool["client"], code_at_callback(page))
    assert claims(second["access_token"])["username"] == username
    assert page.passkeys()[0]["signCount"] >= 1  # the authenticator really signed an assertion
    me = idp.get_user(AccessToken=second["access_token"])
    assert me["Username"] == username


def test_emailed_code_and_not_now(server: RunningEmulator, base: str, idp: Any, pool: dict[str, str],
                                  tab: tuple[Any, Any]) -> None:
    page, _ = tab
    username = new_user(idp, pool["pool"])
    page.goto(authorize_url(base, pool["client"]))
    page.get_by_label("Username").fill(username)
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Email me a code").click()
    page.get_by_label("Code").wait_for()
    assert "@" in page.locator(".textDescription-customizable").first.inner_text()  # "We sent a code to a***@..."
    page.get_by_label("Code").fill("000000" if last_code(server, pool["pool"], username) != "000000" else "111111")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("alert").wait_for()  # a wrong code: AWS's words, and another try
    assert "Invalid code" in page.get_by_role("alert").inner_text()
    assert "We sent a code to" in page.locator(".textDescription-customizable").first.inner_text()
    shot(page, "24-email-code-wrong")
    page.get_by_label("Code").fill(last_code(server, pool["pool"], username, "SIGN_IN"))
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Not now").click()
    code = code_at_callback(page)
    assert claims(tokens(base, pool["client"], code)["id_token"])["cognito:username"] == username
    assert page.passkeys() == []


def test_passkeys_add_needs_a_session_then_registers(server: RunningEmulator, base: str, idp: Any,
                                                      pool: dict[str, str], tab: tuple[Any, Any]) -> None:
    page, _ = tab
    add = f"{base}/passkeys/add?client_id={pool['client']}&redirect_uri={CALLBACK}"
    unsigned = httpx.get(add)
    assert unsigned.status_code == 302 and unsigned.headers["location"].startswith("/login?")
    username = new_user(idp, pool["pool"])
    page.goto(authorize_url(base, pool["client"]))
    page.get_by_label("Username").fill(username)
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in with password").click()
    page.get_by_role("button", name="Not now").click()
    code_at_callback(page)
    page.goto(add)  # the app sends its signed-in user to add a passkey
    page.get_by_role("button", name="Add a passkey").click()
    page.wait_for_url(CALLBACK)  # back at redirect_uri, without a code
    assert len(page.passkeys()) == 1


def test_email_mfa_set_up(server: RunningEmulator, base: str, idp: Any, tab: tuple[Any, Any]) -> None:
    page, _ = tab
    pool_id = idp.create_user_pool(PoolName=f"mfa-{uuid.uuid4().hex[:6]}",
                                   EmailConfiguration=SES_EMAIL)["UserPool"]["Id"]
    set_mfa(idp, pool_id, "ON", totp=True, email=True)
    idp.create_user_pool_domain(UserPoolId=pool_id, Domain=f"m{uuid.uuid4().hex[:12]}")
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="web", AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=SCOPES, CallbackURLs=[CALLBACK])["UserPoolClient"]["ClientId"]
    username = f"bo-{uuid.uuid4().hex[:6]}"
    idp.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=PASSWORD, Permanent=True)
    page.goto(authorize_url(base, client_id))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Email").wait_for()
    assert page.get_by_role("button", name="Authenticator app").count() == 1  # TOTP is offered too
    shot(page, "25-mfa-setup-choice")
    page.get_by_label("Email").fill(f"{username}@example.com")
    page.get_by_role("button", name="Email me a code").click()
    page.get_by_label("Code").fill(last_code(server, pool_id, username))
    page.get_by_role("button", name="Sign in").click()
    assert code_at_callback(page)
    user = idp.admin_get_user(UserPoolId=pool_id, Username=username)
    attributes = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    assert attributes["email"] == f"{username}@example.com" and attributes["email_verified"] == "true"
    assert "EMAIL_OTP" in user.get("UserMFASettingList", [])


def test_lang_translates_the_pages_and_is_remembered(server: RunningEmulator, base: str, pool: dict[str, str],
                                                      tab: tuple[Any, Any]) -> None:
    page, context = tab
    page.goto(authorize_url(base, pool["client"], lang="de"))
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.get_by_role("heading").inner_text() == "Anmelden"
    assert page.get_by_label("Benutzername").count() == 1 and page.get_by_role("button", name="Weiter").count() == 1
    shot(page, "26-lang-de")
    page.goto(authorize_url(base, pool["client"]))  # no lang: the cookie keeps German
    assert page.get_by_role("button", name="Weiter").count() == 1
    page.goto(authorize_url(base, pool["client"], lang="ja"))
    assert page.get_by_role("button", name="次へ").count() == 1
    shot(page, "27-lang-ja")
    for lang, button in (("fr", "Suivant"), ("es", "Siguiente"), ("ko", "Next"), ("xx", "Next")):
        context.clear_cookies()
        page.goto(authorize_url(base, pool["client"], lang=lang))
        assert page.get_by_role("button", name=button).count() == 1, lang
        assert page.locator("html").get_attribute("lang") == ("en" if lang == "xx" else lang)
