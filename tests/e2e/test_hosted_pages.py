"""The hosted UI's pages in headless Chromium: sign-up -> emailed code -> confirm -> sign-in back
to the app; forgot password; new password required; TOTP set-up from the QR page's key, then
TOTP at the next sign-in; choosing an MFA type; errors in AWS's words. Each page is screenshotted
to /tmp/hosted-shots/ (and checked to load nothing from elsewhere and to label its inputs)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import launch_browser, requires_chromium
from tests.e2e.mfa_helpers import email_pool as email_pool_with_ses
from tests.e2e.mfa_helpers import set_mfa, totp_code
from tests.e2e.oauth_helpers import CALLBACK, PASSWORD, OAuthPool, authorize_url, oauth_pool, query_of
from tests.e2e.outbox import last_code
from tests.e2e.server import RunningEmulator

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
pytestmark = requires_chromium
SHOTS = Path("/tmp/hosted-shots")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch_browser() as chromium:
        yield chromium


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    tab = context.new_page()
    requests_seen: list[str] = []
    tab.on("request", lambda request: requests_seen.append(request.url))
    tab.route(f"{CALLBACK.rsplit('/', 1)[0]}/**", lambda route: route.fulfill(body="<h1>app</h1>",
                                                                             content_type="text/html"))
    tab.requests_seen = requests_seen
    yield tab
    context.close()


def shot(page: Any, name: str) -> None:
    """Screenshot, and what every hosted page must be: labelled inputs, nothing from elsewhere."""
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    for field in page.locator("input:not([type=hidden]):not([type=radio])").all():
        field_id = field.get_attribute("id")
        assert field_id and page.locator(f"label[for='{field_id}']").count() == 1, f"{name}: unlabelled input"
    origin = re.match(r"https?://[^/]+", page.url)
    assert origin
    assert all(url.startswith((origin.group(0), "data:", CALLBACK.rsplit("/", 1)[0]))
               for url in page.requests_seen), page.requests_seen


def at_callback(page: Any) -> dict[str, str]:
    page.wait_for_url(f"{CALLBACK}*")
    return query_of(page.url)


@pytest.fixture
def setup(idp: Any, pool: dict[str, Any]) -> OAuthPool:
    return oauth_pool(idp, pool)


@pytest.fixture
def email_pool(idp: Any) -> Iterator[dict[str, Any]]:
    """A pool that asks for an email at sign-up and verifies it with an emailed code."""
    created = idp.create_user_pool(PoolName=f"hosted-{uuid.uuid4().hex[:6]}", AutoVerifiedAttributes=["email"],
                                   Schema=[{"Name": "email", "AttributeDataType": "String", "Required": True,
                                            "Mutable": True}])["UserPool"]
    yield created
    domain = idp.describe_user_pool(UserPoolId=created["Id"])["UserPool"].get("Domain")
    if domain:
        idp.delete_user_pool_domain(UserPoolId=created["Id"], Domain=domain)
    idp.delete_user_pool(UserPoolId=created["Id"])


def test_sign_up_confirm_and_sign_in(emulator: RunningEmulator, idp: Any, email_pool: dict[str, Any],
                                     page: Any) -> None:
    setup = oauth_pool(idp, email_pool)
    page.goto(authorize_url(emulator.url, setup.web["ClientId"], state="xyz"))
    shot(page, "01-sign-in")
    page.get_by_role("link", name="Sign up").click()
    shot(page, "02-sign-up")
    username = f"new{uuid.uuid4().hex[:6]}"
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.com")
    page.get_by_label("Password").fill("short")
    page.get_by_role("button", name="Sign up").click()
    assert "Password did not conform with policy" in page.locator(".error").inner_text()
    shot(page, "03-sign-up-error")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    assert f"We have sent a code to {username[0]}***@e***" in page.locator(".notice").inner_text()
    page.get_by_label("Verification code").wait_for()
    shot(page, "04-confirm")
    page.get_by_label("Verification code").fill("000000")
    page.get_by_role("button", name="Confirm account").click()
    assert "Invalid verification code provided, please try again." in page.locator(".error").inner_text()
    page.get_by_role("button", name="Resend code").click()
    assert "We have sent a new code" in page.locator(".notice").inner_text()
    page.get_by_label("Verification code").fill(last_code(emulator, setup.pool_id, username))
    page.get_by_role("button", name="Confirm account").click()
    assert "Your account is confirmed" in page.locator(".notice").inner_text()
    shot(page, "05-confirmed")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    params = at_callback(page)
    assert params["state"] == "xyz" and params["code"]


def test_wrong_password_then_forgot_password(emulator: RunningEmulator, setup: OAuthPool, page: Any) -> None:
    page.goto(authorize_url(emulator.url, setup.web["ClientId"]))
    page.get_by_label("Username").fill(setup.username)
    page.get_by_label("Password").fill("Wrong-passw0rd")
    page.get_by_role("button", name="Sign in").click()
    assert page.locator(".error").inner_text() == "Incorrect username or password."
    assert page.get_by_label("Username").input_value() == setup.username
    shot(page, "06-sign-in-error")
    page.get_by_role("link", name="Forgot your password?").click()
    shot(page, "07-forgot")
    page.get_by_label("Username").fill(setup.username)
    page.get_by_role("button", name="Reset my password").click()
    page.get_by_label("Code").wait_for()
    shot(page, "08-reset")
    page.get_by_label("Code").fill(last_code(emulator, setup.pool_id, setup.username))
    page.get_by_label("New password").fill("N3w-Passw0rd!")
    page.get_by_role("button", name="Change password").click()
    assert "Your password has been changed" in page.locator(".notice").inner_text()
    page.get_by_label("Password").fill("N3w-Passw0rd!")
    page.get_by_role("button", name="Sign in").click()
    assert at_callback(page)["code"]


def test_new_password_required(emulator: RunningEmulator, idp: Any, setup: OAuthPool, page: Any) -> None:
    name = f"tmp{uuid.uuid4().hex[:6]}"
    idp.admin_create_user(UserPoolId=setup.pool_id, Username=name, TemporaryPassword="Temp-Passw0rd!",
                          MessageAction="SUPPRESS")
    page.goto(authorize_url(emulator.url, setup.web["ClientId"]))
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill("Temp-Passw0rd!")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("New password").wait_for()
    shot(page, "09-new-password")
    page.get_by_label("New password").fill("Final-Passw0rd!")
    page.get_by_role("button", name="Send").click()
    assert at_callback(page)["code"]
    user = idp.admin_get_user(UserPoolId=setup.pool_id, Username=name)
    assert user["UserStatus"] == "CONFIRMED"


def test_totp_set_up_then_totp_sign_in(emulator: RunningEmulator, idp: Any, setup: OAuthPool, page: Any) -> None:
    set_mfa(idp, setup.pool_id, "ON", totp=True)
    url = authorize_url(emulator.url, setup.web["ClientId"], prompt="login")
    page.goto(url)
    page.get_by_label("Username").fill(setup.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code from your authenticator app").wait_for()
    qr = page.locator("img.qr")
    assert qr.get_attribute("src").startswith("data:image/svg+xml")
    assert qr.evaluate("image => image.naturalWidth") > 0
    shot(page, "10-mfa-setup")
    secret = page.locator("#secret").inner_text().strip()
    page.get_by_label("Code from your authenticator app").fill(totp_code(emulator.url, secret))
    page.get_by_role("button", name="Verify and sign in").click()
    assert at_callback(page)["code"]
    page.goto(url)  # prompt=login: the password again, then the code
    page.get_by_label("Username").fill(setup.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code", exact=True).wait_for()
    page.get_by_label("Code", exact=True).fill("000000")
    page.get_by_role("button", name="Sign in").click()
    assert "Invalid code received for user" in page.locator(".error").inner_text()
    shot(page, "11-mfa-code-error")
    page.get_by_label("Code", exact=True).fill(totp_code(emulator.url, secret, 1))
    page.get_by_role("button", name="Sign in").click()
    assert at_callback(page)["code"]


def test_sms_code(emulator: RunningEmulator, idp: Any, setup: OAuthPool, page: Any) -> None:
    set_mfa(idp, setup.pool_id, "OPTIONAL", sms=True)
    idp.admin_update_user_attributes(UserPoolId=setup.pool_id, Username=setup.username, UserAttributes=[
        {"Name": "phone_number", "Value": "+15555550123"}, {"Name": "phone_number_verified", "Value": "true"}])
    idp.admin_set_user_mfa_preference(UserPoolId=setup.pool_id, Username=setup.username,
                                      SMSMfaSettings={"Enabled": True, "PreferredMfa": False})
    page.goto(authorize_url(emulator.url, setup.web["ClientId"]))
    page.get_by_label("Username").fill(setup.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code", exact=True).wait_for()
    assert "+*******0123" in page.locator("form p").inner_text()
    shot(page, "12-sms-code")
    page.get_by_label("Code", exact=True).fill(last_code(emulator, setup.pool_id, setup.username))
    page.get_by_role("button", name="Sign in").click()
    assert at_callback(page)["code"]


def test_select_mfa_type(emulator: RunningEmulator, idp: Any, setup: OAuthPool, page: Any) -> None:
    set_mfa(idp, setup.pool_id, "OPTIONAL", sms=True, totp=True)
    admin = idp.create_user_pool_client(UserPoolId=setup.pool_id, ClientName="admin",
                                        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH"])["UserPoolClient"]
    tokens = idp.admin_initiate_auth(UserPoolId=setup.pool_id, ClientId=admin["ClientId"],
                                     AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                     AuthParameters={"USERNAME": setup.username, "PASSWORD": PASSWORD})
    access = tokens["AuthenticationResult"]["AccessToken"]
    secret = idp.associate_software_token(AccessToken=access)["SecretCode"]
    idp.verify_software_token(AccessToken=access, UserCode=totp_code(emulator.url, secret))
    idp.admin_update_user_attributes(UserPoolId=setup.pool_id, Username=setup.username, UserAttributes=[
        {"Name": "phone_number", "Value": "+15555550123"}, {"Name": "phone_number_verified", "Value": "true"}])
    idp.admin_set_user_mfa_preference(UserPoolId=setup.pool_id, Username=setup.username,
                                      SMSMfaSettings={"Enabled": True, "PreferredMfa": False},
                                      SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": False})
    page.goto(authorize_url(emulator.url, setup.web["ClientId"]))
    page.get_by_label("Username").fill(setup.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Authenticator app").wait_for()
    shot(page, "13-select-mfa")
    page.get_by_label("Authenticator app").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Code", exact=True).fill(totp_code(emulator.url, secret, 1))
    page.get_by_role("button", name="Sign in").click()
    assert at_callback(page)["code"]


def test_email_code(emulator: RunningEmulator, idp: Any, page: Any) -> None:
    pool_id = email_pool_with_ses(idp, f"email-mfa-{uuid.uuid4().hex[:6]}")
    try:
        setup = oauth_pool(idp, {"Id": pool_id})
        set_mfa(idp, pool_id, "ON", email=True)
        page.goto(authorize_url(emulator.url, setup.web["ClientId"]))
        page.get_by_label("Username").fill(setup.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_label("Code", exact=True).wait_for()
        assert "@" in page.locator("form p").inner_text()
        shot(page, "14-email-code")
        page.get_by_label("Code", exact=True).fill(last_code(emulator, pool_id, setup.username))
        page.get_by_role("button", name="Sign in").click()
        assert at_callback(page)["code"]
    finally:
        domain = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Domain"]
        idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=domain)
        idp.delete_user_pool(UserPoolId=pool_id)


def _png(width: int = 40, height: int = 20) -> bytes:
    """A real (decodable) PNG: an orange rectangle."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xec\x72\x11" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def test_the_pools_ui_customization_styles_the_pages(emulator: RunningEmulator, idp: Any, setup: OAuthPool,
                                                      page: Any) -> None:
    css = (".submitButton-customizable { background-color: rgb(10, 20, 30); }\n"
           ".label-customizable { color: rgb(200, 0, 0); }")
    idp.set_ui_customization(UserPoolId=setup.pool_id, ClientId="ALL", CSS=css, ImageFile=_png())
    page.goto(authorize_url(emulator.url, setup.web["ClientId"]))
    button = page.get_by_role("button", name="Sign in")
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(10, 20, 30)"
    assert page.locator("label[for=username]").evaluate("l => getComputedStyle(l).color") == "rgb(200, 0, 0)"
    logo = page.locator("img.logo-customizable")
    assert logo.get_attribute("src").startswith("data:image/png;base64,")
    assert logo.evaluate("image => image.naturalWidth") == 40
    shot(page, "15-customized")
    page.get_by_role("link", name="Sign up").click()  # every page carries it
    assert page.get_by_role("button", name="Sign up").evaluate("b => getComputedStyle(b).backgroundColor") == \
        "rgb(10, 20, 30)"


def test_a_managed_login_style_colours_the_pages(emulator: RunningEmulator, idp: Any, setup: OAuthPool,
                                                 page: Any) -> None:
    """CreateManagedLoginBranding's Settings (AWS's branding-editor shape, RRGGBBAA colours) and
    its header logo; a value that is not a colour is left out rather than written into the CSS."""
    settings = {
        "components": {
            "primaryButton": {"lightMode": {"defaults": {"backgroundColor": "0a141eff", "textColor": "fafafaff"}}},
            "pageBackground": {"lightMode": {"color": "dde4eeff"}},
            "form": {"lightMode": {"backgroundColor": "fffff0ff"}, "borderRadius": 16},
            "link": {"lightMode": {"defaults": {"textColor": "red;}body{display:none"}}},
        },
        "categories": {"global": {"colorSchemeMode": "LIGHT"}},
    }
    idp.create_managed_login_branding(
        UserPoolId=setup.pool_id, ClientId=setup.web["ClientId"], Settings=settings,
        Assets=[{"Category": "PAGE_HEADER_LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": _png()}])
    page.goto(authorize_url(emulator.url, setup.web["ClientId"]))
    style = "(e, p) => getComputedStyle(e)[p]"
    assert page.get_by_role("button", name="Sign in").evaluate(style, "backgroundColor") == "rgb(10, 20, 30)"
    assert page.get_by_role("button", name="Sign in").evaluate(style, "color") == "rgb(250, 250, 250)"
    assert page.locator("body").evaluate(style, "backgroundColor") == "rgb(221, 228, 238)"
    assert page.locator("main.card").evaluate(style, "backgroundColor") == "rgb(255, 255, 240)"
    assert page.locator("main.card").evaluate(style, "borderTopLeftRadius") == "16px"
    assert page.locator("main.card").is_visible()
    assert page.locator("img.logo-customizable").evaluate("image => image.naturalWidth") == 40
    shot(page, "16-managed-style")
