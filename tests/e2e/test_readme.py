"""The README's client snippets, run as a reader would run them against a live emulator (the
documented http://localhost:9229 replaced by its address): boto3 and the helpers in a Python
subprocess, the shell ones with the venv's ``aws``, the JavaScript ones with node in
tests/e2e/node (skipped without node, as the other Node tests are), and the first screen's pytest
example as a test file in a project of its own, through the installed plugin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.pytest_runner import clean_environment, passed, run_pytest
from tests.e2e.readme import Snippet, snippets
from tests.e2e.server import RunningEmulator, run_emulator
from tests.e2e.test_node_clients import NODE_DIR, _node_or_skip

SNIPPETS = snippets()
BIN = Path(sys.executable).parent
TIMEOUT = 60.0


@pytest.fixture(scope="module")
def emulator() -> Iterator[RunningEmulator]:
    """An emulator of its own: the reset snippet must not wipe what other tests on this worker made."""
    with run_emulator() as running:
        yield running


def run(command: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
        stdin: str | None = None) -> str:
    """Run a snippet with no AWS settings from this machine (no ~/.aws, no AWS_* variables)."""
    environment = clean_environment() | {"PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "AWS_PAGER": ""}
    done = subprocess.run(command, env=environment | (env or {}), cwd=cwd, input=stdin, capture_output=True,
                          text=True, timeout=TIMEOUT, check=False)
    assert done.returncode == 0, f"{command[0]} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def python(code: str) -> Any:
    """Run Python code; its last stdout line is JSON."""
    return json.loads(run([sys.executable, "-c", code]).splitlines()[-1])


def shell(code: str, **env: str) -> str:
    return run(["bash", "-euo", "pipefail", "-c", code], env=env)


def node(code: str) -> Any:
    executable = _node_or_skip()
    out = run([executable, "--input-type=module", "-"], cwd=NODE_DIR, stdin=code, env={"NODE_NO_WARNINGS": "1"})
    return json.loads([line for line in out.splitlines() if line.startswith("{")][-1])


def test_every_client_snippet_is_marked() -> None:
    assert set(SNIPPETS) == {"demo-login", "pytest-example", "boto3", "endpoint-variables", "aws-cli", "sdk-v3",
                             "amazon-cognito-identity-js", "amplify", "reset", "latest-code", "adaptive-auth",
                             "oauth-setup",
                             "amplify-passkey"}  # run in the browser by test_passkeys_browser.py
    assert {snippet.language for snippet in SNIPPETS.values()} == {"sh", "python", "js"}


def test_the_demo_login(emulator: RunningEmulator) -> None:
    out = json.loads(shell(SNIPPETS["demo-login"].at(emulator.url)))
    assert out["AuthenticationResult"]["IdToken"]


def test_the_pytest_example_passes_through_the_plugin(tmp_path: Path) -> None:
    (tmp_path / "test_readme_example.py").write_text(SNIPPETS["pytest-example"].code)
    assert passed(run_pytest(tmp_path)) == 1


def test_boto3(emulator: RunningEmulator) -> None:
    check = """
import json
pool = idp.describe_user_pool(UserPoolId="us-east-1_localdemo")["UserPool"]
print(json.dumps([pool["Name"], identity.list_identity_pools(MaxResults=5)["IdentityPools"]]))
"""
    assert python(SNIPPETS["boto3"].at(emulator.url) + check) == ["local-demo", []]


def test_the_client_credentials_setup(emulator: RunningEmulator) -> None:
    check = """
import json, jwt
claims = jwt.decode(token, options={"verify_signature": False})
print(json.dumps([claims["scope"], claims["client_id"] == service["ClientId"]]))
"""
    assert python(SNIPPETS["oauth-setup"].at(emulator.url) + check) == ["orders/read", True]


def test_the_endpoint_variables_for_boto3_and_the_cli(emulator: RunningEmulator) -> None:
    check = """
aws cognito-idp describe-user-pool --user-pool-id us-east-1_localdemo --query UserPool.Name --output text
python -c 'import boto3; print(boto3.client("cognito-identity").list_identity_pools(MaxResults=5)["IdentityPools"])'
"""
    out = shell(SNIPPETS["endpoint-variables"].at(emulator.url) + check, AWS_ACCESS_KEY_ID="local",
                AWS_SECRET_ACCESS_KEY="local", AWS_DEFAULT_REGION="us-east-1")
    assert out.splitlines() == ["local-demo", "[]"]


def test_the_aws_cli(emulator: RunningEmulator) -> None:
    out = json.loads(shell(SNIPPETS["aws-cli"].at(emulator.url)))
    assert out["UserPool"]["Id"] == "us-east-1_localdemo"


def test_the_reset_helper(emulator: RunningEmulator) -> None:
    check = f"""
import boto3
idp = boto3.client("cognito-idp", endpoint_url="{emulator.url}", region_name="us-east-1",
                   aws_access_key_id="local", aws_secret_access_key="local")
idp.admin_create_user(UserPoolId="us-east-1_localdemo", Username="to-be-reset", MessageAction="SUPPRESS",
                      UserAttributes=[{{"Name": "email", "Value": "reset@example.com"}}])
reset()
print(json.dumps([user["Username"] for user in idp.list_users(UserPoolId="us-east-1_localdemo")["Users"]]))
"""
    assert python(SNIPPETS["reset"].at(emulator.url) + check) == ["demo"]


def test_the_latest_code_helper(emulator: RunningEmulator) -> None:
    check = f"""
import boto3
idp = boto3.client("cognito-idp", endpoint_url="{emulator.url}", region_name="us-east-1",
                   aws_access_key_id="local", aws_secret_access_key="local")
idp.sign_up(ClientId="localdemoclient", Username="readme-reader", Password="Passw0rd!",
            UserAttributes=[{{"Name": "email", "Value": "reader@example.com"}}])
code = latest_code("us-east-1_localdemo", "readme-reader")
idp.confirm_sign_up(ClientId="localdemoclient", Username="readme-reader", ConfirmationCode=code)
user = idp.admin_get_user(UserPoolId="us-east-1_localdemo", Username="readme-reader")
print(json.dumps([len(code), user["UserStatus"]]))
"""
    assert python(SNIPPETS["latest-code"].at(emulator.url) + check) == [6, "CONFIRMED"]


def test_adaptive_authentication(emulator: RunningEmulator) -> None:
    check = """
events = idp.admin_list_user_auth_events(UserPoolId=pool_id, Username="alice")["AuthEvents"]
print(json.dumps([events[0]["EventRisk"], events[0]["EventResponse"]]))
"""
    out = python(SNIPPETS["adaptive-auth"].at(emulator.url) + check)
    assert out == [{"RiskDecision": "Block", "RiskLevel": "High", "CompromisedCredentialsDetected": False}, "Fail"]


def test_the_sdk_v3(emulator: RunningEmulator) -> None:
    check = """
const { DescribeUserPoolCommand } = await import("@aws-sdk/client-cognito-identity-provider");
const { ListIdentityPoolsCommand } = await import("@aws-sdk/client-cognito-identity");
const described = await idp.send(new DescribeUserPoolCommand({ UserPoolId: "us-east-1_localdemo" }));
const listed = await identity.send(new ListIdentityPoolsCommand({ MaxResults: 5 }));
console.log(JSON.stringify({ pool: described.UserPool.Name, identityPools: listed.IdentityPools }));
"""
    assert node(SNIPPETS["sdk-v3"].at(emulator.url) + check) == {"pool": "local-demo", "identityPools": []}


def test_amazon_cognito_identity_js(emulator: RunningEmulator) -> None:
    check = """
const { AuthenticationDetails, CognitoUser } = await import("amazon-cognito-identity-js");
const user = new CognitoUser({ Username: "demo", Pool: userPool });
const details = new AuthenticationDetails({ Username: "demo", Password: "Passw0rd!" });
const session = await new Promise((resolve, reject) =>
  user.authenticateUser(details, { onSuccess: resolve, onFailure: reject }));
console.log(JSON.stringify({ username: session.getIdToken().payload["cognito:username"] }));
"""
    assert node(SNIPPETS["amazon-cognito-identity-js"].at(emulator.url) + check) == {"username": "demo"}


def test_amplify(emulator: RunningEmulator) -> None:
    check = """
const { signIn, fetchAuthSession } = await import("aws-amplify/auth");
const result = await signIn({ username: "demo", password: "Passw0rd!" });
const session = await fetchAuthSession();
console.log(JSON.stringify({ signedIn: result.isSignedIn, user: session.tokens.idToken.payload["cognito:username"] }));
"""
    assert node(SNIPPETS["amplify"].at(emulator.url) + check) == {"signedIn": True, "user": "demo"}


@pytest.mark.parametrize("text, names", [
    ("<!-- readme-test: a -->\n```sh\necho 1\n```\n\n```sh\nunmarked\n```\n", ["a"]),
    ("<!-- readme-test: b -->\n```python\nx = 1\n\ny = 2\n```\n", ["b"]),
])
def test_the_extractor_takes_only_marked_blocks(text: str, names: list[str]) -> None:
    found = snippets(text)
    assert list(found) == names
    assert all(isinstance(snippet, Snippet) and "```" not in snippet.code for snippet in found.values())
