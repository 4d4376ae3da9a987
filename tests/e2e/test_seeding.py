"""Seed files through the real CLI: --fixtures, --no-fixtures, $EMULATOR_FIXTURES, bad files exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import make_client
from tests.e2e.server import run_emulator

ROOT = Path(__file__).resolve().parents[2]

SEED = {"UserPools": [{"Id": "seeded", "PoolName": "from-file",
                       "Clients": [{"ClientId": "seededclient", "ClientName": "web",
                                    "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}],
                       "Groups": [{"GroupName": "readers"}]}]}


def pools(url: str) -> list[dict[str, Any]]:
    return make_client("cognito-idp", url).list_user_pools(MaxResults=60)["UserPools"]


def test_fixtures_flag_loads_a_json_file(tmp_path: Path) -> None:
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(SEED), encoding="utf-8")
    with run_emulator("--fixtures", str(path)) as running:
        assert [p["Id"] for p in pools(running.url)] == ["us-east-1_seeded"]
        idp = make_client("cognito-idp", running.url)
        client = idp.describe_user_pool_client(UserPoolId="us-east-1_seeded", ClientId="seededclient")
        assert client["UserPoolClient"]["ExplicitAuthFlows"] == ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
        assert idp.get_group(UserPoolId="us-east-1_seeded", GroupName="readers")["Group"]["GroupName"] == "readers"
        assert "user pool us-east-1_seeded (clients: seededclient)" in running.log


def test_fixtures_variable_loads_a_yaml_file(tmp_path: Path) -> None:
    path = tmp_path / "seed.yaml"
    path.write_text("UserPools:\n  - {Id: yamlpool, PoolName: from-yaml}\n", encoding="utf-8")
    with run_emulator(env={"EMULATOR_FIXTURES": str(path)}) as running:
        assert [p["Name"] for p in pools(running.url)] == ["from-yaml"]


def test_no_fixtures_starts_empty() -> None:
    with run_emulator("--no-fixtures") as running:
        assert pools(running.url) == []
        ready = next(line for line in running.output if "ready at" in line)
        assert "user pool" not in ready


def test_default_seed_is_the_demo_pool() -> None:
    with run_emulator() as running:
        idp = make_client("cognito-idp", running.url)
        clients = idp.list_user_pool_clients(UserPoolId="us-east-1_localdemo", MaxResults=60)["UserPoolClients"]
        assert sorted(c["ClientId"] for c in clients) == ["localdemoclient", "localdemoserver"]
        server = idp.describe_user_pool_client(UserPoolId="us-east-1_localdemo", ClientId="localdemoserver")
        assert server["UserPoolClient"]["ClientSecret"]
        demo = idp.admin_get_user(UserPoolId="us-east-1_localdemo", Username="demo")
        assert demo["UserStatus"] == "CONFIRMED"
        groups = idp.admin_list_groups_for_user(UserPoolId="us-east-1_localdemo", Username="demo")["Groups"]
        assert sorted(g["GroupName"] for g in groups) == ["admins", "users"]
        signed_in = idp.initiate_auth(ClientId="localdemoclient", AuthFlow="USER_PASSWORD_AUTH",
                                      AuthParameters={"USERNAME": "demo", "PASSWORD": "Passw0rd!"})
        assert signed_in["AuthenticationResult"]["AccessToken"]


def start_and_fail(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "emulator", "--port", "0", *args], capture_output=True,
                          text=True, timeout=30, cwd=ROOT)


def test_bad_seed_file_exits_2_naming_the_entry(tmp_path: Path) -> None:
    bad = json.loads(json.dumps(SEED))
    bad["UserPools"][0]["Clients"].append({"ClientName": "x", "ExplicitAuthFlows": ["ALLOW_EVERYTHING"]})
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    result = start_and_fail("--fixtures", str(path))
    assert result.returncode == 2
    assert f"cognito-emulator: bad seed file: {path}: UserPools[0].Clients[1]: InvalidParameterException: " in (
        result.stderr)
    assert "Traceback" not in result.stderr
    assert "ready at" not in result.stdout


def test_missing_and_unparseable_seed_files_exit_2(tmp_path: Path) -> None:
    missing = start_and_fail("--fixtures", str(tmp_path / "absent.json"))
    assert missing.returncode == 2
    assert "cannot read seed file" in missing.stderr and "No such file" in missing.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    unparseable = start_and_fail("--fixtures", str(broken))
    assert unparseable.returncode == 2
    assert "is not valid JSON" in unparseable.stderr


def test_a_large_seed_answers_before_its_passwords_are_hashed(tmp_path: Path) -> None:
    """2,000+ users without a state dir: the hashing runs after the ready line; a user signs in
    with either flow at once, a reset keeps them signing in, and the export holds only hashes."""
    import httpx

    from tests.e2e.auth_helpers import SignInSetup, password_sign_in, srp_sign_in

    users = [{"Username": f"bulk{i}", "Password": f"Bulk-pass-{i}!", "Status": "CONFIRMED"} for i in range(2100)]
    seed = {"UserPools": [{"Id": "bulk", "PoolName": "bulk", "Clients": [{
        "ClientId": "bulkclient", "ClientName": "web",
        "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}],
        "Users": users}]}
    path = tmp_path / "bulk.json"
    path.write_text(json.dumps(seed), encoding="utf-8")
    with run_emulator("--fixtures", str(path), timeout=60) as running:
        idp = make_client("cognito-idp", running.url)
        for index in (7, 2099):
            setup = SignInSetup("us-east-1_bulk", "bulkclient", f"bulk{index}", f"Bulk-pass-{index}!")
            assert srp_sign_in(idp, setup)["AccessToken"]
            assert password_sign_in(idp, setup)["IdToken"]
        with httpx.Client(base_url=running.url, timeout=60) as http:
            assert http.post("/_emulator/reset").status_code == 200
            setup = SignInSetup("us-east-1_bulk", "bulkclient", "bulk1500", "Bulk-pass-1500!")
            assert srp_sign_in(idp, setup)["AccessToken"]
            exported = http.get("/_emulator/export")
        assert exported.status_code == 200
        assert "Bulk-pass-" not in exported.text
        entries = exported.json()["UserPools"][0]["Users"]
        assert len(entries) == 2100 and all(entry["PasswordHash"]["SrpVerifier"] for entry in entries)
        with pytest.raises(idp.exceptions.NotAuthorizedException):
            password_sign_in(idp, SignInSetup("us-east-1_bulk", "bulkclient", "bulk3", "Bulk-pass-4!"))
