"""Amplify v6 in headless Chromium against the emulator, choice-based sign-in as an app user does
it: register a passkey with ``associateWebAuthnCredential`` on a Chrome DevTools virtual
authenticator (CTAP2, internal, resident keys, user verification), sign out, sign in with
``USER_AUTH`` and the passkey and no password; sign in with an emailed code read from the outbox
(directly and through the first-factor selection); sign up without a password, confirm by code and
be signed in by ``autoSignIn``. The relying party is ``localhost``, the app page's host."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.browser import AmplifyApp, open_app, requires_chromium
from tests.e2e.browser import app as app  # noqa: F401  (fixture)
from tests.e2e.browser import browser as browser  # noqa: F401  (fixture)
from tests.e2e.conftest import make_client
from tests.e2e.mfa_helpers import SES_EMAIL
from tests.e2e.outbox import last_code
from tests.e2e.readme import snippets
from tests.e2e.server import RunningEmulator, run_emulator
from tests.e2e.user_helpers import PASSWORD, attributes

pytestmark = requires_chromium

SNIPPETS = snippets()
AUTHENTICATOR = {"protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
                 "hasUserVerification": True, "isUserVerified": True, "automaticPresenceSimulation": True}


@pytest.fixture(scope="module")
def server() -> Iterator[RunningEmulator]:
    with run_emulator("--no-fixtures") as running:
        yield running


@pytest.fixture(scope="module")
def setup(server: RunningEmulator) -> dict[str, str]:
    """A passwordless pool (password, email code, passkey for RP id localhost) and a web client."""
    idp = make_client("cognito-idp", server.url)
    pool_id = idp.create_user_pool(
        PoolName="passwordless", EmailConfiguration=SES_EMAIL, AutoVerifiedAttributes=["email"],
        Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"]}},
    )["UserPool"]["Id"]
    idp.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="OFF",
                                 WebAuthnConfiguration={"RelyingPartyId": "localhost", "UserVerification": "required"})
    client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="web", ExplicitAuthFlows=[
        "ALLOW_USER_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    return {"pool": pool_id, "client": client_id, "endpoint": server.url}


def _user(server: RunningEmulator, setup: dict[str, str], password: bool = True) -> str:
    idp = make_client("cognito-idp", server.url)
    username = f"ada-{uuid.uuid4().hex[:6]}"
    idp.admin_create_user(UserPoolId=setup["pool"], Username=username, MessageAction="SUPPRESS",
                          UserAttributes=attributes({"email": f"{username}@example.com", "email_verified": "true"}))
    idp.admin_set_user_password(UserPoolId=setup["pool"], Username=username, Password=PASSWORD, Permanent=True)
    return username


def _configure(page: Any, setup: dict[str, str]) -> None:
    page.evaluate("config => window.configureAmplify(config)", {"Auth": {"Cognito": {
        "userPoolId": setup["pool"], "userPoolClientId": setup["client"], "userPoolEndpoint": setup["endpoint"]}}})


def test_register_a_passkey_sign_out_and_sign_in_with_it_without_a_password(
        server: RunningEmulator, app: AmplifyApp, browser: Any, setup: dict[str, str]) -> None:
    username = _user(server, setup)
    context, page, problems = open_app(browser, app)
    try:
        cdp = context.new_cdp_session(page)
        cdp.send("WebAuthn.enable")
        authenticator = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": AUTHENTICATOR})["authenticatorId"]
        _configure(page, setup)
        step = page.evaluate("async u => (await window.auth.signIn({username: u, password: 'Passw0rd!'}))"
                             ".nextStep.signInStep", username)
        assert step == "DONE"
        page.evaluate("async () => { await window.auth.associateWebAuthnCredential(); }")
        listed = page.evaluate("async () => (await window.auth.listWebAuthnCredentials()).credentials"
                               ".map(c => ({id: c.credentialId, rp: c.relyingPartyId}))")
        stored = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]
        assert len(stored) == 1 and stored[0]["rpId"] == "localhost" and stored[0]["isResidentCredential"]
        assert [entry["rp"] for entry in listed] == ["localhost"]

        page.evaluate("async () => { await window.auth.signOut(); }")
        result = page.evaluate(
            "async u => { const r = await window.auth.signIn({username: u,"
            " options: {authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN'}});"
            " const user = await window.auth.getCurrentUser();"
            " return {step: r.nextStep.signInStep, username: user.username}; }", username)
        assert result == {"step": "DONE", "username": username}
        after = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]
        assert after[0]["signCount"] >= 1  # the authenticator really signed an assertion
        assert [event["event"] for event in page.evaluate("window.authEvents")] \
            == ["signedIn", "signedOut", "signedIn"]

        left = page.evaluate("async id => { await window.auth.deleteWebAuthnCredential({credentialId: id});"
                             " return (await window.auth.listWebAuthnCredentials()).credentials.length; }",
                             listed[0]["id"])
        assert left == 0
        page.evaluate("async () => { await window.auth.signOut(); }")
        fallback = page.evaluate(
            "async u => { const r = await window.auth.signIn({username: u,"
            " options: {authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN'}});"
            " return {step: r.nextStep.signInStep, choices: r.nextStep.availableChallenges}; }", username)
        # Without a passkey the preference falls back to the choice, which no longer offers one.
        assert fallback == {"step": "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION",
                            "choices": ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]}
        assert not problems, problems
    finally:
        context.close()


def test_sign_in_with_an_emailed_code_read_from_the_outbox(
        server: RunningEmulator, app: AmplifyApp, browser: Any, setup: dict[str, str]) -> None:
    username = _user(server, setup)
    context, page, problems = open_app(browser, app)
    try:
        _configure(page, setup)
        step = page.evaluate(
            "async u => { const r = await window.auth.signIn({username: u,"
            " options: {authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP'}});"
            " return {step: r.nextStep.signInStep, medium: r.nextStep.codeDeliveryDetails.deliveryMedium}; }",
            username)
        assert step == {"step": "CONFIRM_SIGN_IN_WITH_EMAIL_CODE", "medium": "EMAIL"}
        code = last_code(server, setup["pool"], username)
        assert page.evaluate("async c => (await window.auth.confirmSignIn({challengeResponse: c}))"
                             ".nextStep.signInStep", code) == "DONE"
        page.evaluate("async () => { await window.auth.signOut(); }")

        choice = page.evaluate(
            "async u => { const r = await window.auth.signIn({username: u, options: {authFlowType: 'USER_AUTH'}});"
            " return {step: r.nextStep.signInStep, choices: r.nextStep.availableChallenges}; }", username)
        assert choice == {"step": "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION",
                          "choices": ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]}
        assert page.evaluate("async () => (await window.auth.confirmSignIn({challengeResponse: 'EMAIL_OTP'}))"
                             ".nextStep.signInStep") == "CONFIRM_SIGN_IN_WITH_EMAIL_CODE"
        code = last_code(server, setup["pool"], username)
        assert page.evaluate("async c => (await window.auth.confirmSignIn({challengeResponse: c}))"
                             ".nextStep.signInStep", code) == "DONE"
        assert not problems, problems
    finally:
        context.close()


def test_sign_up_without_a_password_confirm_and_auto_sign_in(
        server: RunningEmulator, app: AmplifyApp, browser: Any, setup: dict[str, str]) -> None:
    username = f"grace-{uuid.uuid4().hex[:6]}"
    context, page, problems = open_app(browser, app)
    try:
        _configure(page, setup)
        step = page.evaluate(
            "async u => (await window.auth.signUp({username: u, options: {userAttributes: {email: u + '@example.com'},"
            " autoSignIn: {authFlowType: 'USER_AUTH'}}})).nextStep.signUpStep", username)
        assert step == "CONFIRM_SIGN_UP"
        code = last_code(server, setup["pool"], username)
        step = page.evaluate("async ([u, c]) => (await window.auth.confirmSignUp({username: u, confirmationCode: c}))"
                             ".nextStep.signUpStep", [username, code])
        assert step == "COMPLETE_AUTO_SIGN_IN"
        signed_in = page.evaluate("async () => { const r = await window.auth.autoSignIn();"
                                  " return {step: r.nextStep.signInStep, user: (await window.auth.getCurrentUser())"
                                  ".username}; }")
        assert signed_in == {"step": "DONE", "user": username}
        idp = make_client("cognito-idp", server.url)
        factors = idp.admin_get_user_auth_factors(UserPoolId=setup["pool"], Username=username)
        assert factors["ConfiguredUserAuthFactors"] == ["EMAIL_OTP"]  # no password was ever set
        assert not problems, problems
    finally:
        context.close()


def test_the_readme_passkey_snippet_runs_in_the_page(
        server: RunningEmulator, app: AmplifyApp, browser: Any, setup: dict[str, str]) -> None:
    """The README's Amplify passkey snippet, its import replaced by the page's ``window.auth``."""
    username = _user(server, setup)
    code = SNIPPETS["amplify-passkey"].code
    imports, body = code.split("\n", 1)
    assert imports.startswith("import {") and imports.endswith('from "aws-amplify/auth";')
    body = imports.replace("import", "const", 1).replace(' from "aws-amplify/auth"', " = window.auth") + "\n" + body
    context, page, problems = open_app(browser, app)
    try:
        cdp = context.new_cdp_session(page)
        cdp.send("WebAuthn.enable")
        cdp.send("WebAuthn.addVirtualAuthenticator", {"options": AUTHENTICATOR})
        _configure(page, setup)
        page.evaluate("async () => {\n" + body.replace('"ada"', json.dumps(username)) + "\n}")
        assert page.evaluate("async () => (await window.auth.getCurrentUser()).username") == username
        assert [event["event"] for event in page.evaluate("window.authEvents")] \
            == ["signedIn", "signedOut", "signedIn"]
        assert not problems, problems
    finally:
        context.close()


@pytest.mark.parametrize("factor", ["PASSWORD", "PASSWORD_SRP"])
def test_a_password_first_factor_through_the_selection_and_preferred(
        server: RunningEmulator, app: AmplifyApp, browser: Any, setup: dict[str, str], factor: str) -> None:
    """Amplify answers the selection with the factor, asks the app for the password (its own step),
    then sends SELECT_CHALLENGE with PASSWORD or with SRP_A (and answers PASSWORD_VERIFIER)."""
    username = _user(server, setup)
    context, page, problems = open_app(browser, app)
    try:
        _configure(page, setup)
        steps = page.evaluate(
            "async ([u, f]) => { const steps = [];"
            " let r = await window.auth.signIn({username: u, options: {authFlowType: 'USER_AUTH'}});"
            " steps.push(r.nextStep.signInStep);"
            " r = await window.auth.confirmSignIn({challengeResponse: f}); steps.push(r.nextStep.signInStep);"
            " r = await window.auth.confirmSignIn({challengeResponse: 'Passw0rd!'}); steps.push(r.nextStep.signInStep);"
            " await window.auth.signOut();"
            " r = await window.auth.signIn({username: u, password: 'Passw0rd!',"
            "   options: {authFlowType: 'USER_AUTH', preferredChallenge: f}});"
            " steps.push(r.nextStep.signInStep); return steps; }", [username, factor])
        assert steps == ["CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION", "CONFIRM_SIGN_IN_WITH_PASSWORD", "DONE",
                         "DONE"]
        assert not problems, problems
    finally:
        context.close()
