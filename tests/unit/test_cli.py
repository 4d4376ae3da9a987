"""Flags and EMULATOR_* variables -> Settings: flags win, bad values exit 2 naming the variable."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from emulator.cli import ENVIRONMENT, parse_settings, ready_line
from emulator.settings import DEFAULT_FIXTURES, Settings


def test_defaults_bind_loopback_and_seed_the_demo_pool() -> None:
    settings = parse_settings([], env={})
    assert settings == Settings(host="127.0.0.1", port=9229, region="us-east-1", fixtures=DEFAULT_FIXTURES,
                                log_level="info", issuer_mode="local")
    assert DEFAULT_FIXTURES.is_file()


def test_environment_variables() -> None:
    env = {"EMULATOR_HOST": "0.0.0.0", "EMULATOR_PORT": "0", "EMULATOR_REGION": "eu-west-1",
           "EMULATOR_FIXTURES": "seed.yaml", "EMULATOR_LOG_LEVEL": "WARNING", "EMULATOR_ISSUER_MODE": "aws"}
    settings = parse_settings([], env=env)
    assert (settings.host, settings.port, settings.region) == ("0.0.0.0", 0, "eu-west-1")
    assert settings.fixtures == Path("seed.yaml")
    assert (settings.log_level, settings.issuer_mode) == ("warning", "aws")


def test_flags_win_over_environment() -> None:
    env = {"EMULATOR_HOST": "0.0.0.0", "EMULATOR_PORT": "1234", "EMULATOR_NO_FIXTURES": "1",
           "EMULATOR_LOG_LEVEL": "debug"}
    flags = ["--host", "::1", "--port", "5678", "--fixtures", "x.json", "--log-level", "ERROR"]
    settings = parse_settings(flags, env=env)
    assert (settings.host, settings.port, settings.fixtures, settings.log_level) == (
        "::1", 5678, Path("x.json"), "error")


@pytest.mark.parametrize("value, seeded", [("1", False), ("true", False), ("YES", False), ("0", True),
                                           ("", True), ("false", True)])
def test_no_fixtures_variable(value: str, seeded: bool) -> None:
    settings = parse_settings([], env={"EMULATOR_NO_FIXTURES": value})
    assert (settings.fixtures is not None) is seeded


def test_no_fixtures_flag_wins_over_fixtures_variable() -> None:
    assert parse_settings(["--no-fixtures"], env={"EMULATOR_FIXTURES": "x.json"}).fixtures is None


def test_fixtures_and_no_fixtures_are_exclusive(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        parse_settings(["--fixtures", "x.json", "--no-fixtures"], env={})
    assert exited.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


@pytest.mark.parametrize("variable, value, expected", [
    ("EMULATOR_PORT", "abc", "$EMULATOR_PORT: invalid port 'abc'"),
    ("EMULATOR_PORT", "70000", "$EMULATOR_PORT: port 70000 is not in 0..65535"),
    ("EMULATOR_LOG_LEVEL", "loud", "$EMULATOR_LOG_LEVEL: invalid choice 'loud'"),
    ("EMULATOR_ISSUER_MODE", "google", "$EMULATOR_ISSUER_MODE: invalid choice 'google'"),
])
def test_bad_variables_exit_2_naming_them(capsys: pytest.CaptureFixture[str], variable: str, value: str,
                                          expected: str) -> None:
    with pytest.raises(SystemExit) as exited:
        parse_settings([], env={variable: value})
    assert exited.value.code == 2
    assert expected in capsys.readouterr().err


def test_bad_port_flag_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        parse_settings(["--port", "-1"], env={})
    assert exited.value.code == 2
    assert "port -1 is not in 0..65535" in capsys.readouterr().err


def test_every_variable_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for variable in ENVIRONMENT.values():
        assert variable in readme


def _state(*pools: tuple[str, list[str]]) -> SimpleNamespace:
    user_pools = {pid: SimpleNamespace(id=pid, clients=dict.fromkeys(clients)) for pid, clients in pools}
    return SimpleNamespace(emulator=SimpleNamespace(store=SimpleNamespace(user_pools=user_pools)))


def test_ready_line_lists_pools_and_clients() -> None:
    line = ready_line(Settings(), _state(("us-east-1_a", ["c1", "c2"]), ("us-east-1_b", [])))
    assert line.format(port=9229) == (
        "Cognito emulator ready at http://127.0.0.1:9229  "
        "user pool us-east-1_a (clients: c1, c2)  user pool us-east-1_b (clients: no clients)")


def test_ready_line_for_wildcard_and_ipv6_hosts() -> None:
    assert ready_line(Settings(host="0.0.0.0"), _state()).format(port=1) == (
        "Cognito emulator ready at http://127.0.0.1:1 (listening on 0.0.0.0)")
    assert ready_line(Settings(host="::1"), _state()).format(port=1) == "Cognito emulator ready at http://[::1]:1"


def test_trigger_flags_and_lambda_endpoint() -> None:
    from emulator.cli import parse_settings

    arn = "arn:aws:lambda:us-east-1:123456789012:function:f"
    settings = parse_settings(["--trigger", f"{arn}=pkg.mod:fn", "--trigger-timeout", "1.5"],
                              env={"AWS_ENDPOINT_URL_LAMBDA": "http://127.0.0.1:3001"})
    assert settings.triggers == ((arn, "pkg.mod:fn"),)
    assert settings.trigger_timeout == 1.5
    assert settings.lambda_endpoint == "http://127.0.0.1:3001"
    assert parse_settings([], env={"AWS_ENDPOINT_URL_LAMBDA": "http://a", "EMULATOR_LAMBDA_ENDPOINT": "http://b"}
                          ).lambda_endpoint == "http://b"
    assert parse_settings([], env={}).trigger_timeout == 5.0
