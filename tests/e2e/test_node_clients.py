"""The real JavaScript Cognito clients against the real emulator: amazon-cognito-identity-js,
Amplify v6 and AWS SDK for JS v3, each driven by a script in tests/e2e/node/.

Python prepares pools and users with boto3, runs ``node <script>.mjs '<json>'``, and asserts on
the one JSON line the script prints (what the client observed). Skipped when Node or the
installed packages are missing, except in CI (``CI=true``), where that is a failure."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path
from typing import Any

import jwt
import pytest

from tests.e2e.auth_helpers import PASSWORD, make_client, make_user
from tests.e2e.conftest import make_client as make_boto3_client
from tests.e2e.expect import aws_error as expect_error
from tests.e2e.server import run_emulator

NODE_DIR = Path(__file__).resolve().parent / "node"
TIMEOUT = 60.0
WRONG_PASSWORD = "Wr0ng-password!"
INCORRECT = {"name": "NotAuthorizedException", "message": "Incorrect username or password."}


def _node_or_skip() -> str:
    node = shutil.which("node")
    missing = ("`node` is not on PATH" if node is None else
               None if (NODE_DIR / "node_modules").is_dir() else
               f"{NODE_DIR / 'node_modules'} is missing (run `npm ci` there, or `make install`)")
    if missing is None:
        assert node is not None
        return node
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"Node e2e tests cannot run in CI: {missing}")
    pytest.skip(f"Node e2e tests need Node 20 and the npm packages: {missing}")


@pytest.fixture(scope="session")
def node() -> str:
    return _node_or_skip()


def run_node(node: str, script: str, **args: Any) -> dict[str, Any]:
    """Run one scenario; any non-zero exit or unparseable output fails with the full output."""
    env = {**os.environ, "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local",
           "AWS_REGION": "us-east-1", "NODE_NO_WARNINGS": "1"}
    try:
        done = subprocess.run([node, script, json.dumps(args)], cwd=NODE_DIR, env=env, capture_output=True,
                              text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as timeout:
        pytest.fail(f"{script} {args.get('scenario')} timed out after {TIMEOUT}s:\n{timeout.stdout}\n{timeout.stderr}")
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    report = f"{script} {args.get('scenario')} exited {done.returncode}\nstdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    assert done.returncode == 0 and lines, report
    result = json.loads(lines[-1])
    assert result["ok"] is True, report
    return dict(result)


def claims(token: str) -> dict[str, Any]:
    return dict(jwt.decode(token, options={"verify_signature": False}))


def error_of(observed: dict[str, Any]) -> dict[str, Any]:
    assert observed["succeeded"] is False, f"expected an error, the call succeeded: {observed}"
    return {"name": observed["name"], "message": observed["message"]}


@pytest.fixture
def client_id(idp: Any, pool: dict[str, Any]) -> str:
    return make_client(idp, pool["Id"])


# --- amazon-cognito-identity-js -------------------------------------------------------------

def acij(node: str, emulator: Any, pool_id: str, client_id: str, scenario: str, **args: Any) -> dict[str, Any]:
    return run_node(node, "acij_flows.mjs", scenario=scenario, url=emulator.url, userPoolId=pool_id,
                    clientId=client_id, **args)


def test_acij_srp_sign_in_refresh_attributes_and_global_sign_out(
        node: str, emulator: Any, idp: Any, pool: dict[str, Any], client_id: str) -> None:
    username = make_user(idp, pool["Id"], attributes={"email": "acij@example.com", "given_name": "Ada"})
    out = acij(node, emulator, pool["Id"], client_id, "srp_lifecycle", username=username, password=PASSWORD)

    sign_in = out["signIn"]
    assert sign_in["valid"] is True
    assert sign_in["idPayload"]["cognito:username"] == username
    assert sign_in["idPayload"]["email"] == "acij@example.com" and sign_in["idPayload"]["aud"] == client_id
    assert sign_in["accessPayload"]["token_use"] == "access" and sign_in["accessPayload"]["username"] == username

    assert out["attributes"]["email"] == "acij@example.com" and out["attributes"]["given_name"] == "Ada"
    assert out["attributes"]["sub"] == sign_in["idPayload"]["sub"]

    refresh = out["refresh"]  # InitiateAuth REFRESH_TOKEN_AUTH; no rotation: the old refresh token is kept
    assert refresh["valid"] is True and refresh["refreshToken"] == sign_in["refreshToken"]
    assert refresh["accessToken"] != sign_in["accessToken"] and refresh["idToken"] != sign_in["idToken"]
    assert refresh["accessPayload"]["origin_jti"] == sign_in["accessPayload"]["origin_jti"]
    assert refresh["idPayload"]["cognito:username"] == username

    after = out["afterSignOut"]  # GlobalSignOut revoked every token of the user
    revoked = {"name": "NotAuthorizedException", "message": "Access Token has been revoked"}
    assert error_of(after["getUserAttributes"]) == revoked
    assert error_of(after["sdkGetUser"]) == revoked
    assert error_of(after["refresh"])["name"] == "NotAuthorizedException"
    with expect_error("NotAuthorizedException", "Access Token has been revoked"):
        idp.get_user(AccessToken=refresh["accessToken"])


def test_acij_wrong_password(node: str, emulator: Any, idp: Any, pool: dict[str, Any], client_id: str) -> None:
    username = make_user(idp, pool["Id"])
    out = acij(node, emulator, pool["Id"], client_id, "wrong_password", username=username, password=WRONG_PASSWORD)
    assert error_of(out["signIn"]) == INCORRECT
    assert out["signIn"]["code"] == "NotAuthorizedException"


def test_acij_new_password_required_after_admin_create_user(
        node: str, emulator: Any, idp: Any, pool: dict[str, Any], client_id: str) -> None:
    username = f"invited-{uuid.uuid4().hex[:8]}"
    temporary = "Temp-pass1!"
    idp.admin_create_user(UserPoolId=pool["Id"], Username=username, TemporaryPassword=temporary,
                          MessageAction="SUPPRESS", UserAttributes=[{"Name": "email", "Value": "new@example.com"}])
    out = acij(node, emulator, pool["Id"], client_id, "new_password_required", username=username,
               temporaryPassword=temporary, newPassword=PASSWORD)

    challenge = out["challenge"]
    assert challenge["kind"] == "newPasswordRequired"
    assert challenge["requiredAttributes"] == []
    assert challenge["userAttributes"]["email"] == "new@example.com" and "sub" not in challenge["userAttributes"]
    assert out["completed"]["valid"] is True and out["completed"]["idPayload"]["cognito:username"] == username
    assert out["signInWithNewPassword"]["idPayload"]["cognito:username"] == username
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username=username)["UserStatus"] == "CONFIRMED"


# --- Amplify v6 -----------------------------------------------------------------------------

@pytest.fixture
def email_pool(idp: Any) -> Any:
    """A pool where users sign up and sign in with their email, auto-verified by a code."""
    created = idp.create_user_pool(PoolName=f"amplify-{uuid.uuid4().hex[:8]}", UsernameAttributes=["email"],
                                   AutoVerifiedAttributes=["email"])["UserPool"]
    yield created
    idp.delete_user_pool(UserPoolId=created["Id"])


def amplify(node: str, emulator: Any, pool_id: str, client_id: str, scenario: str, **args: Any) -> dict[str, Any]:
    return run_node(node, "amplify_flows.mjs", scenario=scenario, url=emulator.url, userPoolId=pool_id,
                    clientId=client_id, **args)


def test_amplify_sign_up_confirm_sign_in_refresh_and_sign_out(
        node: str, emulator: Any, idp: Any, email_pool: dict[str, Any]) -> None:
    pool_id = email_pool["Id"]
    client_id = make_client(idp, pool_id)
    email = f"amp-{uuid.uuid4().hex[:8]}@example.com"
    out = amplify(node, emulator, pool_id, client_id, "lifecycle", username=email, email=email, password=PASSWORD)

    sign_up = out["signUp"]
    assert sign_up["isSignUpComplete"] is False and sign_up["userId"]
    assert sign_up["nextStep"]["signUpStep"] == "CONFIRM_SIGN_UP"
    assert sign_up["nextStep"]["codeDeliveryDetails"] == {
        "deliveryMedium": "EMAIL", "destination": "a***@e***", "attributeName": "email"}
    assert out["confirmSignUp"]["isSignUpComplete"] is True
    assert out["confirmSignUp"]["nextStep"]["signUpStep"] == "DONE"

    assert out["signIn"] == {"isSignedIn": True, "nextStep": {"signInStep": "DONE"}}
    session = out["session"]
    internal = session["idPayload"]["cognito:username"]
    assert session["idPayload"]["email"] == email and session["idPayload"]["email_verified"] is True
    assert sign_up["userId"] == session["idPayload"]["sub"]  # SignUp's UserSub
    assert str(uuid.UUID(internal)) == internal  # email-username pool: a generated internal username
    assert idp.admin_get_user(UserPoolId=pool_id, Username=email)["UserStatus"] == "CONFIRMED"

    assert out["currentUser"]["username"] == internal and out["currentUser"]["userId"] == session["idPayload"]["sub"]
    assert out["currentUser"]["signInDetails"]["loginId"] == email

    refreshed = out["refreshed"]  # fetchAuthSession({forceRefresh: true}) -> GetTokensFromRefreshToken
    assert refreshed["accessToken"] != session["accessToken"] and refreshed["idToken"] != session["idToken"]
    assert refreshed["accessPayload"]["origin_jti"] == session["accessPayload"]["origin_jti"]
    assert refreshed["idPayload"]["email"] == email
    assert out["refreshTokenAfterRefresh"] == out["refreshToken"]  # no rotation: Amplify keeps the old one
    assert out["cached"]["accessToken"] == refreshed["accessToken"]  # not refreshed again without need

    after = out["afterSignOut"]  # signOut() revoked the refresh token (RevokeToken) and cleared storage
    assert after["session"] is None
    assert error_of(after["getCurrentUser"])["name"] == "UserUnAuthenticatedException"
    assert error_of(after["sdkRefresh"])["name"] == "NotAuthorizedException"
    assert error_of(after["sdkGetUser"]) == {"name": "NotAuthorizedException",
                                             "message": "Access Token has been revoked"}
    with expect_error("NotAuthorizedException"):
        idp.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                          AuthParameters={"REFRESH_TOKEN": out["refreshToken"]})


def test_amplify_user_password_auth_and_fetch_user_attributes(
        node: str, emulator: Any, idp: Any, pool: dict[str, Any], client_id: str) -> None:
    username = make_user(idp, pool["Id"], attributes={"email": "flow@example.com", "family_name": "Lovelace"})
    out = amplify(node, emulator, pool["Id"], client_id, "password_flow", username=username, password=PASSWORD)
    assert out["signIn"] == {"isSignedIn": True, "nextStep": {"signInStep": "DONE"}}
    assert out["session"]["idPayload"]["cognito:username"] == username
    attributes = out["userAttributes"]
    assert attributes["email"] == "flow@example.com" and attributes["family_name"] == "Lovelace"
    assert attributes["sub"] == out["session"]["idPayload"]["sub"]


def test_amplify_new_password_required(
        node: str, emulator: Any, idp: Any, pool: dict[str, Any], client_id: str) -> None:
    username = f"invited-{uuid.uuid4().hex[:8]}"
    idp.admin_create_user(UserPoolId=pool["Id"], Username=username, TemporaryPassword="Temp-pass1!",
                          MessageAction="SUPPRESS")
    out = amplify(node, emulator, pool["Id"], client_id, "new_password", username=username,
                  temporaryPassword="Temp-pass1!", newPassword=PASSWORD)
    assert out["signIn"]["isSignedIn"] is False
    assert out["signIn"]["nextStep"]["signInStep"] == "CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED"
    assert out["confirmSignIn"] == {"isSignedIn": True, "nextStep": {"signInStep": "DONE"}}
    assert out["session"]["idPayload"]["cognito:username"] == username
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username=username)["UserStatus"] == "CONFIRMED"


def test_amplify_wrong_password(node: str, emulator: Any, idp: Any, pool: dict[str, Any], client_id: str) -> None:
    username = make_user(idp, pool["Id"])
    out = amplify(node, emulator, pool["Id"], client_id, "wrong_password", username=username, password=WRONG_PASSWORD)
    assert error_of(out["signIn"]) == INCORRECT


# --- AWS SDK for JavaScript v3 --------------------------------------------------------------

def sdk_v3(node: str, emulator: Any, pool_id: str, client_id: str, scenario: str, **args: Any) -> dict[str, Any]:
    return run_node(node, "sdk_v3_flows.mjs", scenario=scenario, url=emulator.url, userPoolId=pool_id,
                    clientId=client_id, **args)


def test_sdk_v3_password_auth_and_get_user(
        node: str, emulator: Any, idp: Any, pool: dict[str, Any], client_id: str) -> None:
    username = make_user(idp, pool["Id"], attributes={"email": "sdk@example.com"})
    out = sdk_v3(node, emulator, pool["Id"], client_id, "password_auth", username=username, password=PASSWORD)

    sign_in = out["signIn"]
    assert sign_in["status"] == 200 and sign_in["requestId"]
    assert sign_in["tokenType"] == "Bearer" and sign_in["expiresIn"] == 3600 and sign_in["hasRefreshToken"]
    assert sign_in["idPayload"]["cognito:username"] == username and sign_in["idPayload"]["aud"] == client_id
    assert sign_in["accessPayload"]["client_id"] == client_id
    assert out["getUser"]["username"] == username
    assert out["getUser"]["attributes"]["email"] == "sdk@example.com"
    assert out["getUser"]["attributes"]["sub"] == sign_in["idPayload"]["sub"]
    admin = out["adminGetUser"]
    assert admin["username"] == username and admin["status"] == "CONFIRMED" and admin["enabled"] is True
    assert admin["createDateIsDate"] is True


def test_sdk_v3_errors(node: str, emulator: Any, idp: Any, pool: dict[str, Any], client_id: str) -> None:
    username = make_user(idp, pool["Id"])
    out = sdk_v3(node, emulator, pool["Id"], client_id, "errors", username=username, wrongPassword=WRONG_PASSWORD)

    for case in ("wrongPassword", "unknownClient", "badAccessToken", "unknownUser"):
        observed = out[case]
        assert observed["succeeded"] is False, (case, observed)
        assert observed["status"] == 400 and observed["fault"] == "client" and observed["requestId"], (case, observed)
        assert observed["modeled"] is True, (case, observed)  # instanceof the SDK's exception class
    assert error_of(out["wrongPassword"]) == INCORRECT
    assert error_of(out["unknownClient"]) == {"name": "ResourceNotFoundException",
                                              "message": "User pool client 1234567890abcdefghijklmnop does not exist."}
    assert error_of(out["badAccessToken"]) == {"name": "NotAuthorizedException", "message": "Invalid Access Token"}
    assert error_of(out["unknownUser"]) == {"name": "UserNotFoundException", "message": "User does not exist."}


# --- aws-jwt-verify -------------------------------------------------------------------------

def verify_tokens(node: str, url: str, idp: Any, scenario: str, **args: Any) -> dict[str, Any]:
    pool_id = idp.create_user_pool(PoolName=f"jwt-{uuid.uuid4().hex[:8]}")["UserPool"]["Id"]
    try:
        client_id = make_client(idp, pool_id)
        username = make_user(idp, pool_id)
        tokens = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                   AuthParameters={"USERNAME": username, "PASSWORD": PASSWORD})["AuthenticationResult"]
        out = run_node(node, "jwt_verify_flows.mjs", scenario=scenario, url=url, userPoolId=pool_id,
                       clientId=client_id, idToken=tokens["IdToken"], accessToken=tokens["AccessToken"],
                       issuer=claims(tokens["IdToken"])["iss"], **args)
    finally:
        idp.delete_user_pool(UserPoolId=pool_id)
    assert out["id"] == {"succeeded": True, "value": {"tokenUse": "id", "username": username}}
    assert out["access"] == {"succeeded": True, "value": {"tokenUse": "access", "username": username}}
    assert len(set(out["kids"])) == len(out["kids"]) >= 2
    assert out["idAsAccess"]["succeeded"] is False
    assert out["otherClient"]["succeeded"] is False
    assert out["tamperedId"]["class"] == "JwtInvalidSignatureError", out["tamperedId"]
    return out


def test_aws_jwt_verify_rsa_verifier_with_local_issuer(node: str, emulator: Any, idp: Any) -> None:
    out = verify_tokens(node, emulator.url, idp, "rsa_verifier")
    assert out["otherClient"]["class"] == "JwtInvalidAudienceError", out["otherClient"]


def test_aws_jwt_verify_cognito_verifier_with_aws_issuer(node: str) -> None:
    with run_emulator("--issuer-mode", "aws") as aws_mode:
        out = verify_tokens(node, aws_mode.url, make_boto3_client("cognito-idp", aws_mode.url), "cognito_verifier")
    assert out["idAsAccess"]["class"] == "CognitoJwtInvalidTokenUseError", out["idAsAccess"]
