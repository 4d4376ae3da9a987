"""``--state-dir``: state that survives restarts and crashes, refused when unusable.

Every test here runs real emulator processes on one directory, one after the other, and drives
them with boto3 (and pycognito for SRP), as a developer restarting ``make run`` would.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import jwt
import pytest

from tests.e2e.auth_helpers import PASSWORD, SignInSetup, make_client, make_user, password_sign_in, srp_sign_in
from tests.e2e.conftest import make_client as boto3_client
from tests.e2e.server import RunningEmulator, run_emulator

DEMO_POOL = "us-east-1_localdemo"
ROOT = Path(__file__).resolve().parents[2]


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def _post(url: str, body: dict[str, Any] | None = None) -> Any:
    request = urllib.request.Request(url, data=json.dumps(body or {}).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def _verify_with_jwks(emulator: RunningEmulator, token: str, pool_id: str, **options: Any) -> dict[str, Any]:
    """PyJWT against the pool's published JWKS, as an app's backend verifies."""
    jwks = _get(f"{emulator.url}/{pool_id}/.well-known/jwks.json")
    kid = jwt.get_unverified_header(token)["kid"]
    key = next(jwt.PyJWK(k) for k in jwks["keys"] if k["kid"] == kid)
    return dict(jwt.decode(token, key.key, algorithms=["RS256"], options={"verify_aud": False, **options}))


def test_a_restart_continues_where_it_stopped(tmp_path: Path) -> None:
    state = str(tmp_path / "state")
    with run_emulator("--state-dir", state) as first:
        idp = boto3_client("cognito-idp", first.url)
        identity = boto3_client("cognito-identity", first.url)
        pool_id = idp.create_user_pool(PoolName="kept")["UserPool"]["Id"]
        client_id = make_client(idp, pool_id)
        setup = SignInSetup(pool_id, client_id, make_user(idp, pool_id, attributes={"email": "k@example.com"}))
        revoked_setup = SignInSetup(pool_id, client_id, make_user(idp, pool_id))
        tokens = password_sign_in(idp, setup)
        revoked = password_sign_in(idp, revoked_setup)
        idp.revoke_token(Token=revoked["RefreshToken"], ClientId=client_id)
        signed_out = password_sign_in(idp, SignInSetup(pool_id, client_id, make_user(idp, pool_id, "leaver")))
        idp.global_sign_out(AccessToken=signed_out["AccessToken"])
        identity_pool = identity.create_identity_pool(
            IdentityPoolName="kept", AllowUnauthenticatedIdentities=False,
            CognitoIdentityProviders=[{"ProviderName": f"cognito-idp.us-east-1.amazonaws.com/{pool_id}",
                                       "ClientId": client_id}])["IdentityPoolId"]
        logins = {f"cognito-idp.us-east-1.amazonaws.com/{pool_id}": tokens["IdToken"]}
        identity_id = identity.get_id(IdentityPoolId=identity_pool, Logins=logins)["IdentityId"]
        jwks_before = _get(f"{first.url}/{pool_id}/.well-known/jwks.json")

    with run_emulator("--state-dir", state) as second:
        idp = boto3_client("cognito-idp", second.url)
        identity = boto3_client("cognito-identity", second.url)
        assert _get(f"{second.url}/{pool_id}/.well-known/jwks.json") == jwks_before
        claims = _verify_with_jwks(second, tokens["IdToken"], pool_id)
        assert claims["cognito:username"] == setup.username and claims["email"] == "k@example.com"
        assert idp.get_user(AccessToken=tokens["AccessToken"])["Username"] == setup.username
        refreshed = idp.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                                      AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})
        assert idp.get_user(AccessToken=refreshed["AuthenticationResult"]["AccessToken"])["Username"] == setup.username
        with pytest.raises(idp.exceptions.NotAuthorizedException):
            idp.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                              AuthParameters={"REFRESH_TOKEN": revoked["RefreshToken"]})
        with pytest.raises(idp.exceptions.NotAuthorizedException):
            idp.get_user(AccessToken=signed_out["AccessToken"])
        assert srp_sign_in(idp, setup)["AccessToken"]
        assert password_sign_in(idp, setup)["IdToken"]
        assert identity.get_id(IdentityPoolId=identity_pool, Logins=logins)["IdentityId"] == identity_id
        assert [p["Id"] for p in idp.list_user_pools(MaxResults=60)["UserPools"]].count(pool_id) == 1


def _write_stream(url: str, prefix: str, acknowledged: list[str], stop: threading.Event) -> None:
    """AdminCreateUser after AdminCreateUser; a name is recorded only once its answer arrived."""
    client = boto3_client("cognito-idp", url)
    for n in range(5000):
        if stop.is_set():
            return
        name = f"{prefix}-u{n}"
        try:
            client.admin_create_user(UserPoolId=DEMO_POOL, Username=name, MessageAction="SUPPRESS",
                                     UserAttributes=[{"Name": "email", "Value": f"{name}@example.com"}])
        except Exception:
            return  # the process died under us: this write was never acknowledged
        acknowledged.append(name)


def test_kill_9_loses_no_acknowledged_write(tmp_path: Path) -> None:
    """Writes stream in from a thread; the process is killed mid-stream (at a different point each
    trial); every user whose AdminCreateUser was answered must be there after the restart."""
    state = str(tmp_path / "state")
    for trial in range(3):
        acknowledged: list[str] = []
        stop = threading.Event()
        with run_emulator("--state-dir", state) as running:
            writer = threading.Thread(target=_write_stream, args=(running.url, f"t{trial}", acknowledged, stop))
            writer.start()
            deadline = time.monotonic() + 10
            while len(acknowledged) < 20 + 15 * trial and time.monotonic() < deadline:
                time.sleep(0.005)
            running.process.send_signal(signal.SIGKILL)
            running.process.wait(10)
            stop.set()
            writer.join(10)
        assert len(acknowledged) >= 20
        with run_emulator("--state-dir", state) as restarted:
            idp = boto3_client("cognito-idp", restarted.url)
            for name in acknowledged:
                assert idp.admin_get_user(UserPoolId=DEMO_POOL, Username=name)["Username"] == name


def test_reset_snapshot_and_restore(tmp_path: Path) -> None:
    with run_emulator("--state-dir", str(tmp_path / "state")) as running:
        idp = boto3_client("cognito-idp", running.url)
        client_id = "localdemoclient"
        demo = SignInSetup(DEMO_POOL, client_id, "demo", "Passw0rd!")
        before = srp_sign_in(idp, demo)
        make_user(idp, DEMO_POOL, "first", attributes={"email": "first@example.com"})
        _post(f"{running.url}/_emulator/snapshot", {"name": "with-first"})
        assert _get(f"{running.url}/_emulator/snapshots") == {"snapshots": ["with-first"]}
        make_user(idp, DEMO_POOL, "second", attributes={"email": "second@example.com"})
        extra_pool = idp.create_user_pool(PoolName="extra")["UserPool"]["Id"]

        _post(f"{running.url}/_emulator/restore", {"name": "with-first"})
        assert idp.admin_get_user(UserPoolId=DEMO_POOL, Username="first")["Username"] == "first"
        with pytest.raises(idp.exceptions.UserNotFoundException):
            idp.admin_get_user(UserPoolId=DEMO_POOL, Username="second")
        with pytest.raises(idp.exceptions.ResourceNotFoundException):
            idp.describe_user_pool(UserPoolId=extra_pool)

        assert _post(f"{running.url}/_emulator/reset") == {"status": "reset"}
        with pytest.raises(idp.exceptions.UserNotFoundException):
            idp.admin_get_user(UserPoolId=DEMO_POOL, Username="first")
        assert _get(f"{running.url}/_emulator/messages")["messages"] == []
        # The seeded pool kept its keys: tokens from before the reset still verify.
        assert _verify_with_jwks(running, before["IdToken"], DEMO_POOL)["cognito:username"] == "demo"
        assert srp_sign_in(idp, demo)["AccessToken"]
        make_user(idp, DEMO_POOL, "after-reset", attributes={"email": "after-reset@example.com"})

    # The snapshot and the start state are kept in the state dir too.
    with run_emulator("--state-dir", str(tmp_path / "state")) as again:
        idp = boto3_client("cognito-idp", again.url)
        assert idp.admin_get_user(UserPoolId=DEMO_POOL, Username="after-reset")["Username"] == "after-reset"
        assert _get(f"{again.url}/_emulator/snapshots") == {"snapshots": ["with-first"]}
        _post(f"{again.url}/_emulator/restore", {"name": "with-first"})
        assert idp.admin_get_user(UserPoolId=DEMO_POOL, Username="first")["Username"] == "first"
        _post(f"{again.url}/moto-api/reset")
        with pytest.raises(idp.exceptions.UserNotFoundException):
            idp.admin_get_user(UserPoolId=DEMO_POOL, Username="first")


def test_reset_isolates_tests_in_memory_too() -> None:
    with run_emulator() as running:
        idp = boto3_client("cognito-idp", running.url)
        idp.sign_up(ClientId="localdemoclient", Username="leftover", Password=PASSWORD,
                    UserAttributes=[{"Name": "email", "Value": "leftover@example.com"}])
        assert _get(f"{running.url}/_emulator/messages?username=leftover")["messages"]
        _post(f"{running.url}/_emulator/clock/advance", {"seconds": 3600})
        _post(f"{running.url}/_emulator/reset")
        with pytest.raises(idp.exceptions.UserNotFoundException):
            idp.admin_get_user(UserPoolId=DEMO_POOL, Username="leftover")
        assert _get(f"{running.url}/_emulator/messages")["messages"] == []
        assert abs(_get(f"{running.url}/_emulator/clock")["now"] - time.time()) < 60
        assert srp_sign_in(idp, SignInSetup(DEMO_POOL, "localdemoclient", "demo", "Passw0rd!"))["IdToken"]


def test_bad_snapshot_requests_are_refused() -> None:
    with run_emulator("--no-fixtures") as running:
        for path, body, status in [("snapshot", {}, 400), ("snapshot", {"name": ""}, 400),
                                   ("snapshot", {"name": "x" * 300}, 400), ("restore", {"name": 5}, 400),
                                   ("restore", {"name": "never-saved"}, 404)]:
            with pytest.raises(urllib.error.HTTPError) as refused:
                _post(f"{running.url}/_emulator/{path}", body)
            assert refused.value.code == status
            assert "message" in json.load(refused.value)


def test_seed_applies_only_to_a_new_state_dir(tmp_path: Path) -> None:
    state = str(tmp_path / "state")
    with run_emulator("--state-dir", state) as first:
        idp = boto3_client("cognito-idp", first.url)
        idp.admin_delete_user(UserPoolId=DEMO_POOL, Username="demo")
    with run_emulator("--state-dir", state) as second:
        idp = boto3_client("cognito-idp", second.url)
        with pytest.raises(idp.exceptions.UserNotFoundException):
            idp.admin_get_user(UserPoolId=DEMO_POOL, Username="demo")
        assert "user pool us-east-1_localdemo" in second.log


def test_private_files_are_owner_only(tmp_path: Path) -> None:
    state = tmp_path / "state"
    with run_emulator("--state-dir", str(state)) as running:
        idp = boto3_client("cognito-idp", running.url)
        srp_sign_in(idp, SignInSetup(DEMO_POOL, "localdemoclient", "demo", "Passw0rd!"))  # makes the keys
        assert stat.S_IMODE(state.stat().st_mode) == 0o700
        files = sorted(state.iterdir())
        assert {f.name for f in files} >= {"state.sqlite3", "lock"}
        for file in files:
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name
        raw = b"".join(f.read_bytes() for f in files)
        assert b"Passw0rd!" not in raw  # passwords only as hash and verifier
        assert b"BEGIN PRIVATE KEY" in raw  # the signing keys are kept (owner-only)


def _start_and_fail(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "emulator", "--port", "0", *args], capture_output=True, text=True,
                          timeout=30, cwd=ROOT, env={**os.environ, "E2E_DURABLE": "0"})


def test_a_second_process_on_the_same_dir_is_refused(tmp_path: Path) -> None:
    state = str(tmp_path / "state")
    with run_emulator("--state-dir", state) as running:
        refused = _start_and_fail("--state-dir", state)
        assert refused.returncode == 2
        assert "in use by another emulator" in refused.stderr and str(running.process.pid) in refused.stderr
        idp = boto3_client("cognito-idp", running.url)
        assert idp.describe_user_pool(UserPoolId=DEMO_POOL)["UserPool"]["Id"] == DEMO_POOL


def test_an_incompatible_or_foreign_state_dir_is_refused(tmp_path: Path) -> None:
    state = tmp_path / "state"
    with run_emulator("--state-dir", str(state)):
        pass
    with sqlite3.connect(state / "state.sqlite3") as db:
        db.execute("UPDATE meta SET value = '999' WHERE name = 'schema_version'")
    refused = _start_and_fail("--state-dir", str(state))
    assert refused.returncode == 2 and "schema version 999" in refused.stderr
    assert "Traceback" not in refused.stderr

    with sqlite3.connect(state / "state.sqlite3") as db:
        db.execute("UPDATE meta SET value = '1' WHERE name = 'schema_version'")
        db.execute("UPDATE records SET body = X'80054b' WHERE kind = 'user'")  # a truncated pickle
    refused = _start_and_fail("--state-dir", str(state))
    assert refused.returncode == 2 and "cannot be read" in refused.stderr and "Traceback" not in refused.stderr

    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "state.sqlite3").write_bytes(b"not a database at all" * 100)
    refused = _start_and_fail("--state-dir", str(foreign))
    assert refused.returncode == 2 and "not an emulator state dir" in refused.stderr

    a_file = tmp_path / "plain-file"
    a_file.write_text("x")
    refused = _start_and_fail("--state-dir", str(a_file))
    assert refused.returncode == 2 and "state dir" in refused.stderr


def test_export_then_load_gives_the_same_state(tmp_path: Path) -> None:
    """Users made through the API, exported from the running emulator and from the stopped
    state dir: both exports are equal, and loading one signs every user in as before."""
    state = str(tmp_path / "state")
    with run_emulator("--state-dir", state) as running:
        idp = boto3_client("cognito-idp", running.url)
        identity = boto3_client("cognito-identity", running.url)
        pool_id = idp.create_user_pool(PoolName="exported", UserPoolTags={"team": "auth"})["UserPool"]["Id"]
        client_id = make_client(idp, pool_id)
        setup = SignInSetup(pool_id, client_id, make_user(idp, pool_id, "carried", attributes={"name": "Carried"}))
        disabled = make_user(idp, pool_id, "switched-off")
        idp.admin_disable_user(UserPoolId=pool_id, Username=disabled)
        idp.create_group(UserPoolId=pool_id, GroupName="staff")
        idp.admin_add_user_to_group(UserPoolId=pool_id, Username="carried", GroupName="staff")
        identity.create_identity_pool(IdentityPoolName="exported", AllowUnauthenticatedIdentities=True,
                                      IdentityPoolTags={"env": "dev"})
        live = _get(f"{running.url}/_emulator/export")
    exported = subprocess.run([sys.executable, "-m", "emulator", "export", "--state-dir", state],
                              capture_output=True, text=True, timeout=60, cwd=ROOT, check=True)
    assert json.loads(exported.stdout) == live
    assert "Corr3ct-horse!" not in exported.stdout and "PasswordHash" in exported.stdout

    seed = tmp_path / "seed.json"
    seed.write_text(exported.stdout)
    with run_emulator("--fixtures", str(seed)) as loaded:
        idp = boto3_client("cognito-idp", loaded.url)
        assert srp_sign_in(idp, setup)["AccessToken"]
        tokens = password_sign_in(idp, setup)
        claims = _verify_with_jwks(loaded, tokens["IdToken"], pool_id)
        assert claims["cognito:groups"] == ["staff"] and claims["name"] == "Carried"
        with pytest.raises(idp.exceptions.NotAuthorizedException, match="User is disabled"):
            password_sign_in(idp, SignInSetup(pool_id, client_id, disabled))
        assert idp.list_tags_for_resource(ResourceArn=idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Arn"]
                                          )["Tags"] == {"team": "auth"}
        assert _get(f"{loaded.url}/_emulator/export") == live


def test_export_of_a_missing_state_dir_is_refused(tmp_path: Path) -> None:
    refused = subprocess.run([sys.executable, "-m", "emulator", "export", "--state-dir", str(tmp_path / "none")],
                             capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert refused.returncode == 2 and "holds no emulator state" in refused.stderr
