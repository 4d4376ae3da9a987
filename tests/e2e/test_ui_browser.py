"""The dashboard in headless Chromium (Playwright), against a real emulator: every page loads
without a script error, the user actions work by clicking, the outbox shows a new code without
a reload, the inspector checks a real sign-in's token, and reset works.

Playwright's own browser download is not used: the tests drive the system's Chromium (Debian's
``chromium`` package; ``.ci/run`` installs it) and are skipped when there is none. One browser
per module; screenshots of each page go to a temporary directory and to /tmp/ui-shots/.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import browser as browser  # noqa: F401  (fixture)
from tests.e2e.browser import requires_chromium
from tests.e2e.conftest import make_client
from tests.e2e.outbox import last_code
from tests.e2e.server import RunningEmulator, run_emulator

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
pytestmark = requires_chromium

UI = "/_emulator/ui"
POOL = "us-east-1_localdemo"
CLIENT = "localdemoclient"
SHOTS_COPY = Path("/tmp/ui-shots")
HOSTILE = "<script>alert(\"pwn\")</script>'&é漢字🙂"


@pytest.fixture(scope="module")
def server() -> Iterator[RunningEmulator]:
    with run_emulator() as running:
        yield running


@pytest.fixture(scope="module")
def idp(server: RunningEmulator) -> Any:
    return make_client("cognito-idp", server.url)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ui-shots")


@pytest.fixture
def page(browser: Any, server: RunningEmulator) -> Iterator[Any]:
    """A fresh page that accepts confirm() dialogs and fails the test on any script error or alert."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server.url)
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    opened.on("console", lambda message: problems.append(f"console: {message.text}")
              if message.type == "error" else None)

    def dialog(box: Any) -> None:
        if box.type != "confirm":
            problems.append(f"unexpected {box.type}: {box.message}")
        box.accept()

    opened.on("dialog", dialog)
    yield opened
    context.close()
    assert not problems, problems


def shoot(page: Any, shots: Path, name: str) -> None:
    path = shots / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    try:
        SHOTS_COPY.mkdir(exist_ok=True)
        shutil.copy(path, SHOTS_COPY / path.name)
    except OSError:
        pass  # the copy is for people to look at; the test does not depend on it


def _tokens(idp: Any, username: str = "demo", password: str = "Passw0rd!") -> dict[str, str]:
    result = idp.admin_initiate_auth(UserPoolId=POOL, ClientId=CLIENT, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                     AuthParameters={"USERNAME": username, "PASSWORD": password})
    return dict(result["AuthenticationResult"])


def test_every_page_loads_cleanly(page: Any, server: RunningEmulator, idp: Any, shots: Path) -> None:
    expect = sync_api.expect
    idp.admin_create_user(UserPoolId=POOL, Username=HOSTILE, MessageAction="SUPPRESS", UserAttributes=[
        {"Name": "email", "Value": "hostile@example.com"}, {"Name": "name", "Value": '<img src=x onerror="alert(1)">'}])
    signed_up = f"reader{uuid.uuid4().hex[:6]}"
    idp.sign_up(ClientId=CLIENT, Username=signed_up, Password="Passw0rd!",
                UserAttributes=[{"Name": "email", "Value": f"{signed_up}@example.com"}])
    identity = make_client("cognito-identity", server.url)
    identity_pool = identity.create_identity_pool(IdentityPoolName="browser-identities",
                                                  AllowUnauthenticatedIdentities=True)
    identity.get_id(IdentityPoolId=identity_pool["IdentityPoolId"])

    pages = [
        ("pools", UI, "User pools"),
        ("pool", f"{UI}/pools/{POOL}", "local-demo"),
        ("user", f"{UI}/pools/{POOL}/user?username=demo", "demo"),
        ("user-hostile", f"{UI}/pools/{POOL}/user?username=%3Cscript%3Ealert(%22pwn%22)%3C%2Fscript%3E%27%26%C3%A9"
                         "%E6%BC%A2%E5%AD%97%F0%9F%99%82", HOSTILE),
        ("outbox", f"{UI}/outbox", "Outbox"),
        ("identity-pools", f"{UI}/identity-pools", "Identity pools"),
        ("identity-pool", f"{UI}/identity-pools/{identity_pool['IdentityPoolId']}", "browser-identities"),
        ("tokens", f"{UI}/tokens", "Token inspector"),
        ("state", f"{UI}/state", "State and clock"),
    ]
    for name, path, heading in pages:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        expect(page.locator("h1")).to_contain_text(heading)
        shoot(page, shots, name)
    # The hostile strings are text on the page, not markup.
    page.goto(f"{UI}/pools/{POOL}?field=email&q=hostile")
    expect(page.locator("table.users a").first).to_have_text(HOSTILE)
    assert page.locator("img[src=x]").count() == 0


def test_create_disable_enable_set_password_and_group(page: Any, idp: Any, shots: Path) -> None:
    expect = sync_api.expect
    name = f"clicked{uuid.uuid4().hex[:6]}"
    page.goto(f"{UI}/pools/{POOL}")
    page.locator("summary", has_text="Create user").click()
    form = page.locator("#create-user")
    form.locator("input[name=username]").fill(name)
    form.locator("input[name=email]").fill(f"{name}@example.com")
    form.locator("button[type=submit]").click()
    expect(page.locator(".flash-ok")).to_have_text(f"Created user {name}.")
    expect(page.locator("#user-status")).to_contain_text("FORCE_CHANGE_PASSWORD")

    page.locator("button[data-action=disable]").click()
    expect(page.locator(".flash-ok")).to_have_text(f"Disabled {name}.")
    expect(page.locator("#user-enabled")).to_have_text("disabled")
    assert idp.admin_get_user(UserPoolId=POOL, Username=name)["Enabled"] is False
    page.locator("button[data-action=enable]").click()
    expect(page.locator("#user-enabled")).to_have_text("enabled")

    page.locator("#set-password input[name=password]").fill("Cl1cked-Passw0rd")
    page.locator("#set-password button[type=submit]").click()
    expect(page.locator(".flash-ok")).to_have_text(f"Set a new password for {name}.")
    expect(page.locator("#user-status")).to_contain_text("CONFIRMED")
    assert "AccessToken" in _tokens(idp, name, "Cl1cked-Passw0rd")

    page.locator("#add-group select").select_option("admins")
    page.locator("#add-group button").click()
    expect(page.locator(".flash-ok")).to_have_text(f"Added {name} to admins.")
    expect(page.locator("ul.groups")).to_contain_text("admins")
    groups = idp.admin_list_groups_for_user(UserPoolId=POOL, Username=name)["Groups"]
    assert [g["GroupName"] for g in groups] == ["admins"]

    page.locator("#set-password input[name=password]").fill("weak")
    page.locator("#set-password button[type=submit]").click()
    expect(page.locator(".flash-error")).to_contain_text("InvalidPasswordException")
    shoot(page, shots, "user-after-actions")


def test_outbox_shows_a_new_code_without_reload(page: Any, server: RunningEmulator, idp: Any, shots: Path) -> None:
    expect = sync_api.expect
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{UI}/outbox")
    page.evaluate("window.notReloaded = true")
    name = f"poll{uuid.uuid4().hex[:6]}"
    idp.sign_up(ClientId=CLIENT, Username=name, Password="Passw0rd!",
                UserAttributes=[{"Name": "email", "Value": f"{name}@example.com"}])
    code = last_code(server, POOL, name)
    newest = page.locator("#outbox-rows tr").first
    expect(newest.locator("code.code-big")).to_have_text(code, timeout=6000)
    expect(newest).to_contain_text(name)
    assert page.evaluate("window.notReloaded") is True
    newest.locator("button.copy").click()
    expect(newest.locator("button.copy")).to_have_text("Copied")
    shoot(page, shots, "outbox-live")


def test_token_inspector_checks_a_real_sign_in(page: Any, idp: Any, shots: Path) -> None:
    expect = sync_api.expect
    tokens = _tokens(idp)
    page.goto(f"{UI}/tokens")
    page.locator("textarea[name=token]").fill(tokens["AccessToken"])
    page.locator("#inspect button[type=submit]").click()
    expect(page.locator("#signature")).to_contain_text(
        f"Signature verifies: signed with pool {POOL}'s access-token key")
    expect(page.locator("#signature")).to_have_class("verdict ok")
    expect(page.locator("#expiry")).to_contain_text("Valid for")
    expect(page.locator("#claims")).to_contain_text('"token_use": "access"')
    assert tokens["AccessToken"] not in page.url
    shoot(page, shots, "tokens-inspected")


def test_clock_and_reset(page: Any, idp: Any, shots: Path) -> None:
    expect = sync_api.expect
    idp.admin_create_user(UserPoolId=POOL, Username="before-reset", MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": "email", "Value": "before-reset@example.com"}])
    page.goto(f"{UI}/state")
    before = page.locator("#emulator-now").inner_text()
    page.locator("#advance input[name=amount]").fill("2")
    page.locator("#advance select").select_option("days")
    page.locator("#advance button").click()
    expect(page.locator(".flash-ok")).to_have_text("Clock advanced by 2 d.")
    assert page.locator("#emulator-now").inner_text() != before
    expect(page.locator("#clock-ahead")).to_contain_text("2 d")
    page.locator("#reset button").click()  # confirm() is accepted by the fixture
    expect(page.locator(".flash-ok")).to_have_text("Reset: back to the start state.")
    shoot(page, shots, "state-after-reset")
    with pytest.raises(idp.exceptions.UserNotFoundException):
        idp.admin_get_user(UserPoolId=POOL, Username="before-reset")
