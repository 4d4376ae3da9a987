"""The plugin's settings: flags over ini keys, seed paths relative to where they were written, and
the AWS variables it sets (only the missing credentials, everything put back afterwards)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest

from emulator.pytest_plugin import emulator_options
from emulator.testing.environment import aws_environment, aws_variables


@dataclass
class FakeConfig:
    options: dict[str, Any] = field(default_factory=dict)
    ini: dict[str, str] = field(default_factory=dict)
    inipath: Path | None = Path("/project/pytest.ini")
    rootpath: Path = Path("/project")
    invocation_params: Any = field(default_factory=lambda: SimpleNamespace(dir=Path("/project/sub")))

    def getoption(self, name: str) -> Any:
        return self.options.get(name)

    def getini(self, name: str) -> str:
        return self.ini.get(name, "")


def options(**kwargs: Any) -> dict[str, Any]:
    return emulator_options(cast(pytest.Config, FakeConfig(**kwargs)))


def test_defaults_are_the_demo_seed_in_us_east_1() -> None:
    assert options() == {"region": "us-east-1"}


def test_an_ini_seed_is_relative_to_the_ini_file() -> None:
    assert options(ini={"cognito_fixtures": "seeds/app.yaml"})["fixtures"] == Path("/project/seeds/app.yaml")


def test_a_flag_seed_is_relative_to_where_pytest_was_started_and_wins() -> None:
    found = options(options={"cognito_fixtures": "seed.json"}, ini={"cognito_fixtures": "other.json"})
    assert found["fixtures"] == Path("/project/sub/seed.json")


def test_none_means_no_pools() -> None:
    assert options(ini={"cognito_fixtures": "None"}) == {"no_fixtures": True, "region": "us-east-1"}


def test_issuer_mode_and_region() -> None:
    found = options(options={"cognito_issuer_mode": "aws"}, ini={"cognito_region": "eu-west-1"})
    assert (found["issuer_mode"], found["region"]) == ("aws", "eu-west-1")
    assert options(ini={"cognito_issuer_mode": "AWS"})["issuer_mode"] == "aws"
    with pytest.raises(pytest.UsageError, match="cognito_issuer_mode"):
        options(ini={"cognito_issuer_mode": "amazon"})


def test_dummy_credentials_and_region_only_when_missing() -> None:
    endpoints = {"AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER": "http://e", "AWS_ENDPOINT_URL_COGNITO_IDENTITY": "http://e"}
    assert aws_variables("http://e", "us-east-1", {}) == endpoints | {
        "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local", "AWS_DEFAULT_REGION": "us-east-1"}
    mine = {"AWS_ACCESS_KEY_ID": "AKIA", "AWS_SECRET_ACCESS_KEY": "s", "AWS_REGION": "eu-west-1"}
    assert aws_variables("http://e", "us-east-1", mine) == endpoints


def test_the_environment_is_put_back_exactly() -> None:
    environ = {"AWS_ENDPOINT_URL_COGNITO_IDENTITY": "http://before", "HOME": "/root"}
    with aws_environment("http://e", "us-east-1", environ):
        assert environ["AWS_ENDPOINT_URL_COGNITO_IDENTITY"] == "http://e"
        assert environ["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"] == "http://e"
    assert environ == {"AWS_ENDPOINT_URL_COGNITO_IDENTITY": "http://before", "HOME": "/root"}
