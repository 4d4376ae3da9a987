"""The real AWS CLI (the venv's ``aws`` script) against the emulator, as a user types it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.server import RunningEmulator

AWS = Path(sys.executable).parent / "aws"

pytestmark = pytest.mark.skipif(not AWS.exists(), reason="the AWS CLI is not installed in this environment")


def aws(emulator: RunningEmulator, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_PAGER": "", "AWS_MAX_ATTEMPTS": "1",
    }
    env.pop("AWS_PROFILE", None)
    command = [str(AWS), "--endpoint-url", emulator.url, "--region", "us-east-1", "--output", "json",
               "cognito-idp", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, check=False)


def ok(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout) if result.stdout.strip() else {}


def test_create_describe_list_delete(emulator: RunningEmulator) -> None:
    created = ok(aws(emulator, "create-user-pool", "--pool-name", "cli-pool",
                     "--policies", '{"PasswordPolicy": {"MinimumLength": 9}}'))["UserPool"]
    pool_id = created["Id"]
    assert created["Name"] == "cli-pool" and pool_id.startswith("us-east-1_")

    described = ok(aws(emulator, "describe-user-pool", "--user-pool-id", pool_id))["UserPool"]
    assert described["Policies"]["PasswordPolicy"]["MinimumLength"] == 9

    client = ok(aws(emulator, "create-user-pool-client", "--user-pool-id", pool_id,
                    "--client-name", "cli-client", "--generate-secret"))["UserPoolClient"]
    assert client["ClientSecret"]

    listed = ok(aws(emulator, "list-user-pools", "--max-results", "60"))["UserPools"]
    assert pool_id in {p["Id"] for p in listed}

    ok(aws(emulator, "delete-user-pool", "--user-pool-id", pool_id))
    gone = aws(emulator, "describe-user-pool", "--user-pool-id", pool_id)
    assert gone.returncode in (254, 255)
    assert "ResourceNotFoundException" in gone.stderr
    assert f"User pool {pool_id} does not exist." in gone.stderr


def test_cli_auto_pagination_follows_next_token(emulator: RunningEmulator) -> None:
    pool_id = ok(aws(emulator, "create-user-pool", "--pool-name", "cli-paging"))["UserPool"]["Id"]
    try:
        names = {f"group-{i}" for i in range(4)}
        for name in sorted(names):
            ok(aws(emulator, "create-group", "--user-pool-id", pool_id, "--group-name", name))
        # --page-size 1 makes the CLI follow NextToken once per group and merge the pages.
        listed = ok(aws(emulator, "list-groups", "--user-pool-id", pool_id, "--page-size", "1"))["Groups"]
        seen = [g["GroupName"] for g in listed]
        assert sorted(seen) == sorted(names)
        first = ok(aws(emulator, "list-groups", "--user-pool-id", pool_id, "--max-items", "2"))
        assert len(first["Groups"]) == 2 and first["NextToken"]
    finally:
        aws(emulator, "delete-user-pool", "--user-pool-id", pool_id)


def test_validation_error_reaches_the_cli(emulator: RunningEmulator) -> None:
    result = aws(emulator, "list-user-pools", "--max-results", "61")
    assert result.returncode in (254, 255)
    assert "InvalidParameterException" in result.stderr
    assert "Member must have value less than or equal to 60" in result.stderr


def test_unknown_client_error(emulator: RunningEmulator) -> None:
    result = aws(emulator, "describe-user-pool-client", "--user-pool-id", "us-east-1_localdemo",
                 "--client-id", "nosuchclient")
    assert result.returncode in (254, 255)
    assert "ResourceNotFoundException" in result.stderr
    assert "User pool client nosuchclient does not exist." in result.stderr


def test_groups_through_the_cli(emulator: RunningEmulator) -> None:
    groups = ok(aws(emulator, "list-groups", "--user-pool-id", "us-east-1_localdemo"))["Groups"]
    assert {"admins", "users"} <= {g["GroupName"] for g in groups}
    duplicate = aws(emulator, "create-group", "--user-pool-id", "us-east-1_localdemo",
                    "--group-name", "admins")
    assert duplicate.returncode in (254, 255)
    assert "GroupExistsException" in duplicate.stderr


def test_identity_provider_and_ui_customization_from_the_cli(emulator: RunningEmulator, tmp_path: Path) -> None:
    """The CLI's shorthand maps (``--provider-details k=v,...``) and ``fileb://`` logos."""
    pool_id = ok(aws(emulator, "create-user-pool", "--pool-name", "cli-idp"))["UserPool"]["Id"]
    try:
        created = ok(aws(emulator, "create-identity-provider", "--user-pool-id", pool_id,
                         "--provider-name", "Google", "--provider-type", "Google", "--provider-details",
                         "client_id=abc.apps.googleusercontent.com,client_secret=s3cret,authorize_scopes=openid email",
                         "--attribute-mapping", "email=email"))["IdentityProvider"]
        assert created["ProviderDetails"]["token_url"] == "https://www.googleapis.com/oauth2/v4/token"
        listed = ok(aws(emulator, "list-identity-providers", "--user-pool-id", pool_id))["Providers"]
        assert [p["ProviderName"] for p in listed] == ["Google"]
        wrong = aws(emulator, "create-identity-provider", "--user-pool-id", pool_id, "--provider-name", "Gmail",
                    "--provider-type", "Google", "--provider-details", "client_id=a,client_secret=b,authorize_scopes=c")
        assert wrong.returncode in (254, 255) and "Provider Gmail cannot be of type Google." in wrong.stderr

        domain = f"cli-{pool_id[-8:].lower()}"
        ok(aws(emulator, "create-user-pool-domain", "--user-pool-id", pool_id, "--domain", domain))
        logo = tmp_path / "logo.png"
        logo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 8)
        custom = ok(aws(emulator, "set-ui-customization", "--user-pool-id", pool_id, "--image-file",
                        f"fileb://{logo}", "--css", ".logo-customizable { max-width: 60%; }"))["UICustomization"]
        assert custom["CSS"] == ".logo-customizable { max-width: 60%; }" and custom["ImageUrl"].endswith(".png")
        ok(aws(emulator, "delete-user-pool-domain", "--user-pool-id", pool_id, "--domain", domain))
    finally:
        ok(aws(emulator, "delete-user-pool", "--user-pool-id", pool_id))
