"""The operation fuzzer (tests/unit/test_fuzz_operations.py) in small against the real server:
every eighth operation of both models, a few drawn requests each over real HTTP, no 5xx and
every error AWS-shaped. The server runs with EMULATOR_VERIFY_ERROR_CODES (tests/e2e/server.py),
so a code the model does not list for the operation is a 5xx here too."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings

from tests.e2e.server import RunningEmulator, run_emulator
from tests.shape_strategies import Known, operation_input
from tests.unit.test_fuzz_operations import OPERATIONS, POOL, TARGETS

SAMPLE = OPERATIONS[::8]
KNOWN = Known({"UserPoolId": [POOL], "ClientId": ["localdemoclient", "localdemoserver"], "Username": ["demo"],
               "GroupName": ["admins"], "Password": ["Passw0rd!"]})


@pytest.fixture(scope="module")
def own_emulator() -> Iterator[RunningEmulator]:
    """Its own server: drawn requests may delete the demo pool other tests rely on."""
    with run_emulator() as running:
        yield running


@pytest.mark.parametrize(("service", "operation"), SAMPLE, ids=[f"{s}:{o}" for s, o in SAMPLE])
def test_real_server_answers_drawn_requests(own_emulator: RunningEmulator, service: str, operation: str) -> None:
    with httpx.Client(base_url=own_emulator.url, timeout=10) as client:
        @settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(params=operation_input(service, operation, KNOWN))
        def check(params: Any) -> None:
            response = client.post("/", content=json.dumps(params).encode(), headers={
                "X-Amz-Target": f"{TARGETS[service]}.{operation}", "Content-Type": "application/x-amz-json-1.1"})
            assert response.status_code < 500, (operation, params, response.text)
            if response.status_code != 200:
                body = response.json()
                assert isinstance(body["__type"], str) and isinstance(body["message"], str)

        check()
