"""Amplify v6 running in headless Chromium against the emulator, from a page on another origin:
the SRP sign-in a browser app does (cross-origin, so CORS is part of it), the session Amplify
keeps in localStorage across a reload, and sign-out. Also the proof that the browser harness of
``tests/e2e/browser.py`` works, which the hosted-UI and passkey tests build on."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jwt
import pytest

from tests.e2e.browser import AmplifyApp, open_app, requires_chromium
from tests.e2e.browser import app as app  # noqa: F401  (fixture)
from tests.e2e.browser import browser as browser  # noqa: F401  (fixture)
from tests.e2e.server import RunningEmulator, run_emulator

pytestmark = requires_chromium

POOL = "us-east-1_localdemo"
CLIENT = "localdemoclient"


@pytest.fixture(scope="module")
def server() -> Iterator[RunningEmulator]:
    with run_emulator() as running:
        yield running


def test_amplify_signs_in_with_srp_keeps_the_session_over_a_reload_and_signs_out(
        server: RunningEmulator, app: AmplifyApp, browser: Any) -> None:
    context, page, problems = open_app(browser, app)
    try:
        page.evaluate("config => window.configureAmplify(config)", {
            "Auth": {"Cognito": {"userPoolId": POOL, "userPoolClientId": CLIENT, "userPoolEndpoint": server.url}},
        })
        result = page.evaluate(
            "async () => { const r = await window.auth.signIn({username: 'demo', password: 'Passw0rd!'});"
            " return r.nextStep.signInStep; }")
        assert result == "DONE"
        assert [event["event"] for event in page.evaluate("window.authEvents")] == ["signedIn"]

        page.reload()
        page.wait_for_function("window.amplifyReady === true")
        session = page.evaluate(
            "async () => { const s = await window.auth.fetchAuthSession();"
            " const u = await window.auth.getCurrentUser();"
            " return {id: s.tokens.idToken.toString(), username: u.username}; }")
        claims = jwt.decode(session["id"], options={"verify_signature": False})
        assert claims["cognito:username"] == session["username"] == "demo"
        assert claims["iss"].endswith(f"/{POOL}")

        page.evaluate("async () => { await window.auth.signOut(); }")
        signed_out = page.evaluate(
            "async () => { try { await window.auth.getCurrentUser(); return 'still signed in'; }"
            " catch (error) { return error.name; } }")
        assert signed_out == "UserUnAuthenticatedException"
        assert [event["event"] for event in page.evaluate("window.authEvents")] == ["signedOut"]  # since the reload
        assert not problems, problems
    finally:
        context.close()


def test_a_wrong_password_reaches_the_page_as_the_error_aws_names(
        server: RunningEmulator, app: AmplifyApp, browser: Any) -> None:
    context, page, problems = open_app(browser, app)
    try:
        page.evaluate("config => window.configureAmplify(config)", {
            "Auth": {"Cognito": {"userPoolId": POOL, "userPoolClientId": CLIENT, "userPoolEndpoint": server.url}},
        })
        error = page.evaluate(
            "async () => { try { await window.auth.signIn({username: 'demo', password: 'wrong-Passw0rd!'});"
            " return null; } catch (e) { return {name: e.name, message: e.message}; } }")
        assert error == {"name": "NotAuthorizedException", "message": "Incorrect username or password."}
        assert not problems, problems
    finally:
        context.close()
