"""The real ``python -m emulator`` process: ready line, environment, binding, signals, exit codes."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.server import run_emulator

ROOT = Path(__file__).resolve().parents[2]


def health(url: str) -> dict[str, object]:
    with urllib.request.urlopen(f"{url}/_emulator/health", timeout=5) as response:
        return json.load(response)


def test_ready_line_shows_url_pool_and_clients() -> None:
    with run_emulator() as running:
        ready = next(line for line in running.output if "ready at" in line)
        assert ready.startswith(f"Cognito emulator ready at {running.url}  ")
        assert "user pool us-east-1_localdemo (clients: localdemoclient, localdemoserver)" in ready
        hosted = ready.split("hosted sign-in ", 1)[1].split()[0]
        assert hosted == (f"{running.url}/oauth2/authorize?client_id=localdemoclient&response_type=code"
                          "&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2F")
        page = urllib.request.urlopen(hosted, timeout=5)  # the demo client's hosted sign-in, at once
        assert page.url.startswith(f"{running.url}/login?") and b'name="password"' in page.read()
        assert health(running.url)["status"] == "ok"


def test_default_bind_is_loopback() -> None:
    with run_emulator() as running:
        assert running.url.startswith("http://127.0.0.1:")
        assert "Uvicorn running on http://127.0.0.1:" in running.log


def test_environment_variables_are_read() -> None:
    env = {"EMULATOR_REGION": "eu-west-1", "EMULATOR_LOG_LEVEL": "warning", "EMULATOR_NO_FIXTURES": "1"}
    with run_emulator(env=env) as running:
        assert health(running.url)["userPools"] == 0
        assert "Uvicorn running" not in running.log  # info lines are off at warning


def test_region_variable_applies_to_seeded_pools() -> None:
    with run_emulator(env={"EMULATOR_REGION": "eu-west-1"}) as running:
        assert "user pool eu-west-1_localdemo" in running.log


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signals_exit_cleanly_with_code_0(sig: signal.Signals) -> None:
    with run_emulator() as running:
        running.process.send_signal(sig)
        assert running.process.wait(10) == 0
    assert "Traceback" not in running.log


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "emulator", *args], capture_output=True, text=True, timeout=30,
                          cwd=ROOT, env={"PATH": "/usr/bin:/bin", **(env or {})})


def test_bad_flag_exits_2() -> None:
    result = run_cli("--port", "http")
    assert result.returncode == 2
    assert "argument --port: invalid port 'http'" in result.stderr


def test_bad_variable_exits_2() -> None:
    result = run_cli(env={"EMULATOR_ISSUER_MODE": "nope"})
    assert result.returncode == 2
    assert "$EMULATOR_ISSUER_MODE: invalid choice 'nope'" in result.stderr


def test_help_lists_every_variable() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for variable in ("EMULATOR_HOST", "EMULATOR_PORT", "EMULATOR_REGION", "EMULATOR_FIXTURES",
                     "EMULATOR_NO_FIXTURES", "EMULATOR_LOG_LEVEL", "EMULATOR_ISSUER_MODE"):
        assert variable in result.stdout
