"""What a developer sees in the terminal: one line per sign-up, confirmation and sign-in step
(with the reason when Cognito refuses), never a password; JSON lines with --log-format json."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import make_client
from tests.e2e.outbox import last_code
from tests.e2e.server import RunningEmulator, run_emulator

POOL = "us-east-1_localdemo"
CLIENT = "localdemoclient"
SECRET = "Sup3r-secret-pw!"


def _activity(idp: Any, emulator: RunningEmulator) -> None:
    idp.sign_up(ClientId=CLIENT, Username="watcher", Password=SECRET,
                UserAttributes=[{"Name": "email", "Value": "watcher@example.com"}])
    idp.confirm_sign_up(ClientId=CLIENT, Username="watcher", ConfirmationCode=last_code(emulator, POOL, "watcher"))
    with pytest.raises(idp.exceptions.NotAuthorizedException):
        idp.initiate_auth(ClientId=CLIENT, AuthFlow="USER_PASSWORD_AUTH",
                          AuthParameters={"USERNAME": "watcher", "PASSWORD": "Wr0ng-password!"})
    idp.initiate_auth(ClientId=CLIENT, AuthFlow="USER_PASSWORD_AUTH",
                      AuthParameters={"USERNAME": "watcher", "PASSWORD": SECRET})


def _wait_for(emulator: RunningEmulator, text: str) -> str:
    deadline = time.monotonic() + 5
    while text not in emulator.log and time.monotonic() < deadline:
        time.sleep(0.02)
    return emulator.log


def test_one_readable_line_per_step() -> None:
    with run_emulator() as emulator:
        _activity(make_client("cognito-idp", emulator.url), emulator)
        log = _wait_for(emulator, "signed in watcher")
    assert "INFO emulator.activity: signed up watcher via localdemoclient (unconfirmed)" in log
    assert "INFO emulator.activity: confirmed watcher via localdemoclient" in log
    assert ("sign-in (USER_PASSWORD_AUTH) refused for watcher via localdemoclient: NotAuthorizedException: "
            "Incorrect username or password.") in log
    assert "signed in watcher via localdemoclient (USER_PASSWORD_AUTH)" in log
    assert "EMAIL to watcher@example.com (SIGN_UP" in log  # the code sent
    assert SECRET not in log and "Wr0ng-password!" not in log


def test_json_lines_for_machines() -> None:
    with run_emulator("--log-format", "json") as emulator:
        _activity(make_client("cognito-idp", emulator.url), emulator)
        _wait_for(emulator, "signed in watcher")
        lines = [json.loads(line) for line in emulator.log.splitlines() if line.strip()]
    ready = next(entry for entry in lines if entry.get("event") == "ready")
    assert ready["url"] == emulator.url and ready["level"] == "INFO" and "time" in ready
    refused = next(entry for entry in lines if entry.get("outcome") == "refused")
    assert refused == {**refused, "event": "sign_in", "operation": "InitiateAuth", "username": "watcher",
                       "clientId": CLIENT, "authFlow": "USER_PASSWORD_AUTH", "error": "NotAuthorizedException"}
    sent = next(entry for entry in lines if entry.get("event") == "message_sent")
    assert sent["purpose"] == "SIGN_UP" and sent["username"] == "watcher" and len(sent["code"]) == 6
    assert SECRET not in json.dumps(lines)


def test_a_bad_log_format_exits_2() -> None:
    refused = subprocess.run([sys.executable, "-m", "emulator", "--log-format", "xml"], capture_output=True,
                             text=True, timeout=30, cwd=Path(__file__).resolve().parents[2])
    assert refused.returncode == 2 and "--log-format" in refused.stderr
