"""pytest plugin (entry point ``pytest11``), loaded by pytest wherever the package is installed.

Fixtures:

* ``cognito_emulator`` (session): a real emulator (``python -m emulator``, in memory) on a free
  loopback port, one per pytest-xdist worker; while it runs, ``AWS_ENDPOINT_URL_COGNITO_*`` point
  at it (and dummy credentials are set when there are none), so code that makes its own boto3
  clients reaches it unchanged.
* ``cognito`` (function): the same object, reset to the start state before each test, so tests
  never see each other's users.

Nothing starts unless a test asks for one of them, so loading the plugin costs a suite nothing.
Options: ``--cognito-fixtures PATH|none`` (ini ``cognito_fixtures``), ``--cognito-issuer-mode
local|aws`` (ini ``cognito_issuer_mode``), ``--cognito-region`` (ini ``cognito_region``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from emulator.testing.handle import DEFAULT_REGION, CognitoEmulator, start_emulator

ISSUER_MODES = ("local", "aws")
NO_SEED = "none"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("cognito", "Cognito emulator (cognito / cognito_emulator fixtures)")
    group.addoption("--cognito-fixtures", dest="cognito_fixtures", default=None, metavar="PATH",
                    help="seed file the emulator starts with, or 'none' for no pools (default: the demo pool)")
    group.addoption("--cognito-issuer-mode", dest="cognito_issuer_mode", default=None, choices=ISSUER_MODES,
                    help="token iss: 'local' (the emulator's URL, default) or 'aws'")
    group.addoption("--cognito-region", dest="cognito_region", default=None, metavar="REGION",
                    help=f"region of the emulator's pool ids and ARNs (default {DEFAULT_REGION})")
    parser.addini("cognito_fixtures", "seed file for the Cognito emulator, relative to the ini file, or 'none'",
                  default="")
    parser.addini("cognito_issuer_mode", "token iss of the Cognito emulator: local or aws", default="")
    parser.addini("cognito_region", "region of the Cognito emulator", default="")


def emulator_options(config: pytest.Config) -> dict[str, Any]:
    """Flags win over ini keys; relative seed paths are taken from where each was written."""
    options: dict[str, Any] = {}
    seed, base = config.getoption("cognito_fixtures"), config.invocation_params.dir
    if not seed:
        seed = str(config.getini("cognito_fixtures")).strip()
        base = config.inipath.parent if config.inipath else config.rootpath
    if seed.lower() == NO_SEED:
        options["no_fixtures"] = True
    elif seed:
        options["fixtures"] = (Path(base) / Path(seed).expanduser()).resolve()
    mode = config.getoption("cognito_issuer_mode") or str(config.getini("cognito_issuer_mode")).strip().lower()
    if mode:
        if mode not in ISSUER_MODES:
            raise pytest.UsageError(f"cognito_issuer_mode: {mode!r} is not one of {', '.join(ISSUER_MODES)}")
        options["issuer_mode"] = mode
    options["region"] = config.getoption("cognito_region") or str(config.getini("cognito_region")).strip() \
        or DEFAULT_REGION
    return options


@pytest.fixture(scope="session")
def cognito_emulator(pytestconfig: pytest.Config) -> Iterator[CognitoEmulator]:
    """One emulator for the session (per xdist worker), stopped at its end."""
    with start_emulator(**emulator_options(pytestconfig)) as emulator:
        yield emulator


@pytest.fixture
def cognito(cognito_emulator: CognitoEmulator) -> CognitoEmulator:
    """The session's emulator, reset to its start state before this test."""
    cognito_emulator.reset()
    return cognito_emulator
