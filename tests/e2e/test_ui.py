"""The dashboard over HTTP against a real emulator: every page, every action (with AWS's errors
as flash messages), the form-token and origin refusals, escaping of hostile strings, the
outbox's poll, the token inspector and the state controls."""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import make_client
from tests.e2e.server import RunningEmulator, run_emulator
from tests.e2e.ui_client import UiClient

POOL = "us-east-1_localdemo"
CLIENT = "localdemoclient"
HOSTILE = "<script>alert(\"pwn\")</script>'&é漢字🙂"


@pytest.fixture(scope="module")
def ui_emulator() -> Iterator[RunningEmulator]:
    """An emulator of this module's own: these tests reset it and move its clock."""
    with run_emulator() as running:
        yield running


@pytest.fixture(scope="module")
def idp(ui_emulator: RunningEmulator) -> Any:
    return make_client("cognito-idp", ui_emulator.url)


@pytest.fixture
def ui(ui_emulator: RunningEmulator) -> Iterator[UiClient]:
    client = UiClient(ui_emulator.url)
    yield client
    client.close()


def _user(idp: Any, username: str | None = None, **attributes: str) -> str:
    """A user of the demo pool (which requires an email)."""
    username = username or f"u{uuid.uuid4().hex[:10]}"
    attributes.setdefault("email", f"{uuid.uuid4().hex[:10]}@example.com")
    idp.admin_create_user(UserPoolId=POOL, Username=username, MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": k, "Value": v} for k, v in attributes.items()])
    return username


def test_every_page_renders(ui: UiClient) -> None:
    assert "local-demo" in ui.page("")
    pool = ui.page(f"/pools/{POOL}")
    for text in ("localdemoclient", "localdemosecret0000000000000000000000000000000000000", "ALLOW_USER_SRP_AUTH",
                 "admins", "Administrators", "demo@example.com", "Create user"):
        assert text in pool
    user = ui.page(f"/pools/{POOL}/user", username="demo")
    for text in ("CONFIRMED", "Demo User", "admins", "Set password", "Remembered devices", "Enabled factors"):
        assert text in user
    assert "Outbox" in ui.page("/outbox")
    assert "Identity pools" in ui.page("/identity-pools")
    assert "Token inspector" in ui.page("/tokens")
    assert "Reset emulator" in ui.page("/state")


def test_every_form_on_every_page_carries_the_token(ui: UiClient, idp: Any) -> None:
    """As rendered: a page variable must never shadow the token field's name (it once did)."""
    token = ui.token()
    name = _user(idp)
    for path, params in (("", {}), (f"/pools/{POOL}", {}), (f"/pools/{POOL}/user", {"username": name}),
                         ("/tokens", {}), ("/state", {})):
        forms = re.findall(r'<form method="post".*?</form>', ui.page(path, **params), re.DOTALL)
        for form in forms:
            assert f'<input type="hidden" name="csrf" value="{token}">' in form, (path, form)
        assert forms or path == "", path


def test_pages_carry_security_headers_and_static_files_are_served(ui: UiClient) -> None:
    response = ui.get("")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert ui.get("/static/ui.css").headers["content-type"].startswith("text/css")
    assert "setInterval" in ui.get("/static/ui.js").text
    assert ui.get("/static/nope.js").status_code == 404


def test_unknown_pages_pools_and_users_are_404(ui: UiClient) -> None:
    assert ui.get("/nowhere").status_code == 404
    missing_pool = ui.get("/pools/us-east-1_nothere")
    assert missing_pool.status_code == 404 and "not found" in missing_pool.text.lower()
    missing_user = ui.get(f"/pools/{POOL}/user", username="nobody-here")
    assert missing_user.status_code == 404 and "User does not exist." in missing_user.text
    assert ui.get("/identity-pools/us-east-1:00000000-0000-0000-0000-000000000000").status_code == 404


def test_create_user_then_every_user_action(ui: UiClient, idp: Any) -> None:
    name = f"ui{uuid.uuid4().hex[:8]}"
    kind, text, page = ui.submit(f"/pools/{POOL}/users", {
        "username": name, "email": f"{name}@example.com", "email_verified": "1", "temporary_password": "Temp0rary!",
        "invite": "1"})
    assert (kind, text) == ("ok", f"Created user {name}.")
    assert "FORCE_CHANGE_PASSWORD" in page
    assert idp.admin_get_user(UserPoolId=POOL, Username=name)["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert "Temp0rary!" in ui.page("/outbox", pool=POOL, username=name)  # the invitation, with its password

    assert ui.submit(f"/pools/{POOL}/user/disable", {"username": name})[:2] == ("ok", f"Disabled {name}.")
    assert idp.admin_get_user(UserPoolId=POOL, Username=name)["Enabled"] is False
    assert ui.submit(f"/pools/{POOL}/user/enable", {"username": name})[:2] == ("ok", f"Enabled {name}.")
    assert idp.admin_get_user(UserPoolId=POOL, Username=name)["Enabled"] is True

    kind, text, _ = ui.submit(f"/pools/{POOL}/user/password", {"username": name, "password": "N3w-Passw0rd!",
                                                                "permanent": "1"})
    assert kind == "ok"
    assert idp.admin_get_user(UserPoolId=POOL, Username=name)["UserStatus"] == "CONFIRMED"
    tokens = idp.admin_initiate_auth(UserPoolId=POOL, ClientId=CLIENT, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                     AuthParameters={"USERNAME": name, "PASSWORD": "N3w-Passw0rd!"})
    assert "AuthenticationResult" in tokens

    assert ui.submit(f"/pools/{POOL}/user/add-group", {"username": name, "group": "admins"})[:2] == (
        "ok", f"Added {name} to admins.")
    groups = idp.admin_list_groups_for_user(UserPoolId=POOL, Username=name)["Groups"]
    assert [g["GroupName"] for g in groups] == ["admins"]
    assert ui.submit(f"/pools/{POOL}/user/remove-group", {"username": name, "group": "admins"})[0] == "ok"
    assert idp.admin_list_groups_for_user(UserPoolId=POOL, Username=name)["Groups"] == []

    kind, text, page = ui.submit(f"/pools/{POOL}/user/delete", {"username": name})
    assert (kind, text) == ("ok", f"Deleted {name}.")
    assert "local-demo" in page  # back on the pool's page
    with pytest.raises(idp.exceptions.UserNotFoundException):
        idp.admin_get_user(UserPoolId=POOL, Username=name)


def test_confirm_is_admin_confirm_sign_up(ui: UiClient, idp: Any) -> None:
    name = f"su{uuid.uuid4().hex[:8]}"
    idp.sign_up(ClientId=CLIENT, Username=name, Password="Passw0rd!",
                UserAttributes=[{"Name": "email", "Value": f"{name}@example.com"}])
    assert "Confirm sign-up" in ui.page(f"/pools/{POOL}/user", username=name)
    assert ui.submit(f"/pools/{POOL}/user/confirm", {"username": name})[:2] == ("ok", f"Confirmed {name}.")
    assert idp.admin_get_user(UserPoolId=POOL, Username=name)["UserStatus"] == "CONFIRMED"
    # AWS's own refusal, shown on the page rather than as an error page.
    kind, text, _ = ui.submit(f"/pools/{POOL}/user/confirm", {"username": name})
    assert (kind, text) == ("error", "NotAuthorizedException: User cannot be confirmed. Current status is CONFIRMED")


def test_aws_errors_are_flash_messages(ui: UiClient) -> None:
    kind, text, _ = ui.submit(f"/pools/{POOL}/users", {"username": "demo"})
    assert (kind, text) == ("error", "UsernameExistsException: User already exists")
    kind, text, _ = ui.submit(f"/pools/{POOL}/user/password", {"username": "demo", "password": "short",
                                                                "permanent": "1"})
    assert kind == "error" and text.startswith("InvalidPasswordException:")
    kind, text, _ = ui.submit(f"/pools/{POOL}/user/add-group", {"username": "demo", "group": "no-such-group"})
    assert (kind, text) == ("error", "ResourceNotFoundException: Group not found.")
    # Model validation happens as on the wire: an empty username breaks the model's constraints.
    kind, text, _ = ui.submit(f"/pools/{POOL}/users", {"username": ""})
    assert kind == "error" and text.startswith("InvalidParameterException: ") and "'username'" in text
    # The flash shows once.
    assert "flash-error" not in ui.page(f"/pools/{POOL}")


def test_forms_without_the_token_or_from_another_site_are_refused(ui: UiClient, idp: Any) -> None:
    name = _user(idp)
    for token in (None, "", "wrong-token"):
        response = ui.post(f"/pools/{POOL}/user/disable", {"username": name}, token=token)
        assert response.status_code == 403 and "security token" in response.text
    foreign = ui.post(f"/pools/{POOL}/user/disable", {"username": name}, origin="http://evil.example")
    assert foreign.status_code == 403
    not_a_form = ui.http.post(f"/_emulator/ui/pools/{POOL}/user/disable", json={"username": name})
    assert not_a_form.status_code == 400
    assert idp.admin_get_user(UserPoolId=POOL, Username=name)["Enabled"] is True
    # Another site's script cannot read a page (and the token in it) either.
    assert ui.http.get("/_emulator/ui/state", headers={"Origin": "http://evil.example"}).status_code == 403
    same = ui.http.get("/_emulator/ui/state", headers={"Origin": ui.http.base_url.scheme + "://"
                                                        + ui.http.base_url.netloc.decode()})
    assert same.status_code == 200


def test_hostile_strings_are_escaped(ui: UiClient, idp: Any) -> None:
    _user(idp, HOSTILE, name='<img src=x onerror="alert(1)">', email="hostile@example.com")
    listed = ui.page(f"/pools/{POOL}", field="email", q="hostile@")
    for page in (listed, ui.page(f"/pools/{POOL}/user", username=HOSTILE)):
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(&#34;pwn&#34;)&lt;/script&gt;&#39;&amp;é漢字🙂" in page
    user_page = ui.page(f"/pools/{POOL}/user", username=HOSTILE)
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in user_page
    # Actions on such a user work: the username travels in a form field and a query parameter.
    assert ui.submit(f"/pools/{POOL}/user/disable", {"username": HOSTILE})[0] == "ok"
    assert idp.admin_get_user(UserPoolId=POOL, Username=HOSTILE)["Enabled"] is False
    kind, _, page = ui.submit(f"/pools/{POOL}/user/delete", {"username": HOSTILE})
    assert kind == "ok" and "<script>alert" not in page


def test_user_search_and_paging(ui: UiClient, idp: Any) -> None:
    prefix = f"pg{uuid.uuid4().hex[:6]}"
    for i in range(55):
        _user(idp, f"{prefix}-{i:02d}", email=f"{prefix}-{i:02d}@example.net")
    first = ui.page(f"/pools/{POOL}", field="username", q=prefix)
    assert first.count(f">{prefix}-") == 100  # username and email of each
    assert f">{prefix}-49</a>" in first and f">{prefix}-50</a>" not in first
    next_link = html.unescape(first.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0])
    second = ui.http.get(next_link).text
    assert second.count(f">{prefix}-") == 10 and f">{prefix}-54</a>" in second and "Page 2" in second
    assert "‹ Previous" in second
    exact = ui.page(f"/pools/{POOL}", field="email_exact", q=f"{prefix}-07@example.net")
    assert exact.count(f">{prefix}-") == 2
    by_email = ui.page(f"/pools/{POOL}", field="email", q=f"{prefix}-1")
    assert by_email.count(f">{prefix}-") == 20
    broken = ui.page(f"/pools/{POOL}", t="not-a-token")
    assert "InvalidParameterException" in broken


def test_outbox_page_and_poll(ui: UiClient, idp: Any) -> None:
    name = f"ob{uuid.uuid4().hex[:8]}"
    before = ui.get("/outbox.json", pool=POOL, username=name).json()
    assert before["total"] == 0 and "No messages yet" in before["html"]
    assert ui.get("/outbox.json", pool=POOL, username=name, version=before["version"]).json().get("html") is None
    idp.sign_up(ClientId=CLIENT, Username=name, Password="Passw0rd!",
                UserAttributes=[{"Name": "email", "Value": f"{name}@example.com"}])
    after = ui.get("/outbox.json", pool=POOL, username=name, version=before["version"]).json()
    assert after["total"] == 1 and after["version"] != before["version"]
    assert 'class="code-big"' in after["html"] and "SIGN_UP" in after["html"]
    page = ui.page("/outbox", pool=POOL, username=name)
    assert "code-big" in page and "data-copy=" in page and f"{name}@example.com" in page


def test_token_inspector(ui: UiClient, idp: Any) -> None:
    result = idp.admin_initiate_auth(UserPoolId=POOL, ClientId=CLIENT, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                     AuthParameters={"USERNAME": "demo", "PASSWORD": "Passw0rd!"})
    result = result["AuthenticationResult"]
    response = ui.post("/tokens", {"token": result["IdToken"]})
    assert response.status_code == 303 and result["IdToken"] not in response.headers["location"]
    page = ui.http.get(response.headers["location"]).text
    assert f"Signature verifies: signed with pool {POOL}" in page
    assert re.search(r"Valid for (59 min|1 h) ", page)  # an hour, less the time the test took
    assert "demo@example.com" in page and "&#34;token_use&#34;: &#34;id&#34;" in page

    header, claims, signature = result["AccessToken"].split(".")
    tampered = f"{header}.{claims}.{signature[:-4]}AAAA"
    page = ui.http.get(ui.post("/tokens", {"token": tampered}).headers["location"]).text
    assert "does not verify" in page
    page = ui.http.get(ui.post("/tokens", {"token": "not a token"}).headers["location"]).text
    assert "Not a readable JWT" in page
    page = ui.http.get(ui.post("/tokens", {"token": result["RefreshToken"]}).headers["location"]).text
    assert "encrypted token (JWE" in page


def test_identity_pools_and_identities(ui: UiClient, ui_emulator: RunningEmulator) -> None:
    identity = make_client("cognito-identity", ui_emulator.url)
    created = identity.create_identity_pool(IdentityPoolName=f"ip{uuid.uuid4().hex[:6]}",
                                            AllowUnauthenticatedIdentities=True)
    identity_id = identity.get_id(IdentityPoolId=created["IdentityPoolId"])["IdentityId"]
    assert created["IdentityPoolName"] in ui.page("/identity-pools")
    page = ui.page(f"/identity-pools/{created['IdentityPoolId']}")
    assert identity_id in page and "unauthenticated" in page


def test_snapshot_restore_clock_and_reset(ui: UiClient, idp: Any) -> None:
    kind, text, _ = ui.submit("/state/snapshot", {"name": "before-ui-test"})
    assert (kind, text) == ("ok", "Saved snapshot 'before-ui-test'.")
    assert '<option value="before-ui-test">' in ui.page("/state")  # offered to restore
    name = _user(idp)
    assert ui.submit("/state/restore", {"name": "before-ui-test"})[0] == "ok"
    with pytest.raises(idp.exceptions.UserNotFoundException):
        idp.admin_get_user(UserPoolId=POOL, Username=name)
    assert ui.submit("/state/restore", {"name": "never-saved"})[:2] == ("error", "No snapshot named 'never-saved'.")
    assert ui.submit("/state/snapshot", {"name": ""})[0] == "error"

    now = float(ui.http.get("/_emulator/clock").json()["now"])
    kind, text, _ = ui.submit("/state/clock", {"amount": "90", "unit": "minutes"})
    assert (kind, text) == ("ok", "Clock advanced by 1 h 30 min.")
    assert float(ui.http.get("/_emulator/clock").json()["now"]) - now >= 5400
    assert "ahead of real time" in ui.page("/state")
    for amount in ("-5", "abc", "nan", "1e30"):
        assert ui.submit("/state/clock", {"amount": amount, "unit": "seconds"})[0] == "error"

    _user(idp, "gone-after-reset")
    assert ui.submit("/state/reset", {})[:2] == ("ok", "Reset: back to the start state.")
    with pytest.raises(idp.exceptions.UserNotFoundException):
        idp.admin_get_user(UserPoolId=POOL, Username="gone-after-reset")


def test_changes_made_in_the_dashboard_survive_a_restart(tmp_path: Path) -> None:
    state_dir = str(tmp_path / "state")
    with run_emulator("--state-dir", state_dir) as running:
        ui = UiClient(running.url)
        assert ui.submit(f"/pools/{POOL}/users", {"username": "durable-ui", "email": "durable@example.com",
                                                        "temporary_password": "Temp0rary!"})[0] == "ok"
        assert ui.submit(f"/pools/{POOL}/user/add-group", {"username": "durable-ui", "group": "users"})[0] == "ok"
        assert ui.submit(f"/pools/{POOL}/user/disable", {"username": "durable-ui"})[0] == "ok"
        ui.close()
    with run_emulator("--state-dir", state_dir) as running:
        idp = make_client("cognito-idp", running.url)
        user = idp.admin_get_user(UserPoolId=POOL, Username="durable-ui")
        assert user["Enabled"] is False
        groups = idp.admin_list_groups_for_user(UserPoolId=POOL, Username="durable-ui")["Groups"]
        assert [g["GroupName"] for g in groups] == ["users"]
