"""CUSTOM_AUTH with the real JavaScript clients: amazon-cognito-identity-js (``initiateAuth`` →
``customChallenge`` → ``sendCustomChallengeAnswer``, and SRP first through ``authenticateUser``)
and Amplify v6 (``CUSTOM_WITHOUT_SRP`` / ``CUSTOM_WITH_SRP`` → ``confirmSignIn``). The trigger
functions run as Python callables in the emulator (tests/e2e/custom_auth_functions.py)."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e import custom_auth_functions as custom
from tests.e2e.conftest import make_client
from tests.e2e.server import RunningEmulator, run_emulator
from tests.e2e.test_custom_auth import PASSWORD, _pool, _user, handlers, lambda_config
from tests.e2e.test_node_clients import node, run_node

__all__ = ["node"]  # the fixture, imported to be found


@pytest.fixture(scope="module")
def triggered() -> Iterator[tuple[RunningEmulator, Any, Path]]:
    directory = Path(tempfile.mkdtemp(prefix="custom-node-"))
    seed = directory / "seed.json"
    seed.write_text(json.dumps({"Triggers": handlers()}))
    with run_emulator("--fixtures", str(seed), env={"TRIGGER_DIR": str(directory)}) as running:
        yield running, make_client("cognito-idp", running.url), directory


def _run(node: str, triggered: tuple[RunningEmulator, Any, Path], scenario: str, name: str,
         **pool: Any) -> dict[str, Any]:
    running, idp, directory = triggered
    pool_id, client_id = _pool(idp, lambda_config(), **pool)
    _user(idp, pool_id, name)
    code_file = custom.code_path(directory, pool_id, name)
    observed = run_node(node, "custom_auth_flows.mjs", scenario=scenario, url=running.url, userPoolId=pool_id,
                        clientId=client_id, username=name, password=PASSWORD, codeFile=str(code_file))
    entries = [json.loads(line) for line in (directory / "events.jsonl").read_text().splitlines()]
    observed["defined"] = [[entry["challengeName"] for entry in e["event"]["request"]["session"]]
                           for e in entries if e["function"] == "define" and e["event"]["userPoolId"] == pool_id]
    return observed


def test_acij_custom_challenge_wrong_then_right(node: str, triggered: Any) -> None:
    observed = _run(node, triggered, "acij_passwordless", "ann")
    assert observed["challengeParameters"] == {"delivery": "EMAIL", "email": "ann@example.com", "USERNAME": "ann"}
    assert observed["retryKind"] == "customChallenge"
    assert observed["valid"] is True and observed["idPayload"]["cognito:username"] == "ann"


def test_acij_custom_auth_with_srp_first(node: str, triggered: Any) -> None:
    observed = _run(node, triggered, "acij_srp_first", "bob")
    assert observed["kind"] == "success" and observed["idPayload"]["cognito:username"] == "bob"
    assert observed["defined"] == [["SRP_A"], ["SRP_A", "PASSWORD_VERIFIER"],
                                   ["SRP_A", "PASSWORD_VERIFIER", "CUSTOM_CHALLENGE"]]


def test_amplify_custom_without_srp(node: str, triggered: Any) -> None:
    observed = _run(node, triggered, "amplify_without_srp", "cy")
    assert observed["startedStep"]["signInStep"] == "CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE"
    assert observed["startedStep"]["additionalInfo"] == {"delivery": "EMAIL", "email": "cy@example.com",
                                                         "USERNAME": "cy"}
    assert observed["wrongStep"]["signInStep"] == "CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE"
    assert observed["done"]["isSignedIn"] is True and observed["done"]["nextStep"]["signInStep"] == "DONE"
    assert observed["idPayload"]["email"] == "cy@example.com"


def test_amplify_custom_with_srp(node: str, triggered: Any) -> None:
    observed = _run(node, triggered, "amplify_with_srp", "dee", aliases=True)
    assert observed["startedStep"]["signInStep"] == "CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE"
    assert observed["done"]["isSignedIn"] is True and observed["idPayload"]["cognito:username"] == "dee"
    assert observed["defined"][1] == ["SRP_A", "PASSWORD_VERIFIER"]


def test_amplify_failed_authentication(node: str, triggered: Any) -> None:
    observed = _run(node, triggered, "amplify_fails", "eve")
    third = observed["third"]
    assert third["succeeded"] is False
    assert (third["name"], third["message"]) == ("NotAuthorizedException", "Incorrect username or password.")

