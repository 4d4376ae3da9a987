"""The pytest plugin as a user meets it: the example projects in tests/plugin_example/ run as their
own pytest sessions (the plugin loaded from the installed package's entry point, boto3 against the
real emulator process), plus the helper that starts it, outside pytest."""

from __future__ import annotations

import os
from pathlib import Path

import boto3
import pytest

from emulator.testing import start_emulator
from emulator.testing.environment import ENDPOINT_VARIABLES
from tests.e2e.pytest_runner import passed, run_pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "plugin_example"
DEMO_TESTS = 11


def test_the_demo_example_project_passes() -> None:
    assert passed(run_pytest(EXAMPLES / "demo")) == DEMO_TESTS


def test_one_emulator_per_xdist_worker() -> None:
    assert passed(run_pytest(EXAMPLES / "demo", "-n", "2")) == DEMO_TESTS


def test_seed_file_and_issuer_mode_from_the_ini_file() -> None:
    assert passed(run_pytest(EXAMPLES / "seeded")) == 3


def test_seed_file_and_issuer_mode_from_the_command_line() -> None:
    result = run_pytest(EXAMPLES / "seeded", "-o", "cognito_fixtures=", "-o", "cognito_issuer_mode=",
                        "--cognito-fixtures", "seed.yaml", "--cognito-issuer-mode", "aws")
    assert passed(result) == 3


def test_without_the_ini_seed_the_demo_pool_is_back() -> None:
    result = run_pytest(EXAMPLES / "seeded", "-o", "cognito_fixtures=")
    assert result.returncode == 1
    assert "FAILED test_seeded.py::test_only_the_seeded_pool_exists" in result.stdout, result.stdout


def test_no_seed_and_a_project_outside_the_repository(tmp_path: Path) -> None:
    (tmp_path / "test_empty.py").write_text(
        "def test_no_pools(cognito):\n"
        "    assert cognito.idp.list_user_pools(MaxResults=10)['UserPools'] == []\n"
    )
    assert passed(run_pytest(tmp_path, "--cognito-fixtures", "none")) == 1


def test_a_bad_seed_file_is_reported_with_the_emulators_message(tmp_path: Path) -> None:
    (tmp_path / "seed.json").write_text('{"UserPools": [{"Nope": 1}]}')
    (tmp_path / "test_x.py").write_text("def test_x(cognito):\n    pass\n")
    result = run_pytest(tmp_path, "--cognito-fixtures", "seed.json")
    assert result.returncode == 1
    assert "the emulator did not start" in result.stdout and "bad seed file" in result.stdout, result.stdout


def test_a_suite_that_asks_for_no_fixture_starts_no_emulator(tmp_path: Path) -> None:
    (tmp_path / "test_plain.py").write_text(
        "import os\n\n"
        "def test_plain():\n"
        "    assert 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER' not in os.environ\n"
    )
    assert passed(run_pytest(tmp_path)) == 1


def test_start_emulator_sets_the_environment_and_puts_it_back(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENDPOINT_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "mine")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "mine")
    with start_emulator() as cognito:
        assert {name: os.environ[name] for name in ENDPOINT_VARIABLES} == dict.fromkeys(ENDPOINT_VARIABLES,
                                                                                        cognito.endpoint)
        assert os.environ["AWS_ACCESS_KEY_ID"] == "mine"  # existing credentials are left alone
        pool = boto3.client("cognito-idp", region_name="us-east-1").describe_user_pool(
            UserPoolId="us-east-1_localdemo")["UserPool"]
        assert pool["Name"] == "local-demo"
        process = cognito.process
    assert not set(ENDPOINT_VARIABLES) & set(os.environ)
    assert process is not None and process.process.poll() is not None  # stopped
