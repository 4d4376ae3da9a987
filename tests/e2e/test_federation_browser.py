"""Federation in headless Chromium: the app's sign-in page at pool A shows pool B's button; the
user clicks it, signs in on B's page, and lands back at the app with a code that A exchanges for
an ID token of A's federated user (its identities claim and provider group)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jwt
import pytest
import requests

from tests.e2e.browser import launch_browser, requires_chromium
from tests.e2e.oauth_helpers import CALLBACK, PASSWORD, authorize_url, query_of
from tests.e2e.server import RunningEmulator
from tests.e2e.test_federation import make_federation
from tests.e2e.test_hosted_pages import shot
from tests.e2e.test_oauth import exchange

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
pytestmark = requires_chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch_browser() as chromium:
        yield chromium


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    tab = context.new_page()
    tab.requests_seen = []
    tab.on("request", lambda request: tab.requests_seen.append(request.url))
    tab.route(f"{CALLBACK.rsplit('/', 1)[0]}/**", lambda route: route.fulfill(body="<h1>app</h1>",
                                                                             content_type="text/html"))
    yield tab
    context.close()


def test_sign_in_through_the_providers_button(emulator: RunningEmulator, idp: Any, page: Any) -> None:
    fed = make_federation(idp, emulator.url)
    page.goto(authorize_url(fed.base, fed.app["ClientId"], state="from-app", scope="openid email"))
    shot(page, "federation-a-sign-in")
    page.get_by_role("link", name="PoolB").click()
    page.wait_for_url(f"{fed.base}/login?*")
    assert query_of(page.url)["client_id"] == fed.b_client["ClientId"]  # B's own sign-in page
    shot(page, "federation-b-sign-in")
    page.fill("#username", fed.b_user)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{CALLBACK}*")
    back = query_of(page.url)
    assert back["state"] == "from-app"
    tokens = exchange(fed.base, fed.app["ClientId"], back["code"]).json()
    claims = jwt.decode(tokens["id_token"], options={"verify_signature": False})
    assert claims["cognito:username"] == f"PoolB_{fed.b_sub}" and claims["email"] == f"{fed.b_user}@corp.example"
    assert claims["identities"][0]["providerName"] == "PoolB"
    assert claims["cognito:groups"] == [f"{fed.pool_a}_PoolB"]
    assert requests.get(f"{fed.base}/oauth2/userInfo", headers={
        "Authorization": f"Bearer {tokens['access_token']}"}).json()["username"] == f"PoolB_{fed.b_sub}"
