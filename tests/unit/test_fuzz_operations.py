"""Property-based fuzzing of every operation of both services (issue 12, item 5), in-process.

For each operation botocore's models name (implemented or not, so new operations are covered
as they land), Hypothesis draws request bodies from the operation's input shape (see
tests/shape_strategies.py) against the demo seed plus an identity pool, and checks that:

* no answer is a 5xx (the emulator runs with ``verify_error_codes``, so an error code the
  model does not list for the operation is a 500 too: item 6);
* every error carries ``__type`` and ``message`` (and the matching headers);
* a refused request changes nothing: the export is the same before and after.

Accepted requests may change the state; the emulator is reset to the seed after those.
Bounded for CI: a few examples per operation, no deadline, derandomized under ``CI``
(profiles in tests/conftest.py).
"""

from __future__ import annotations

import asyncio
import json
import os
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings

from emulator.app import create_app
from emulator.runtime import Emulator
from emulator.seeding.export import export_emulator
from emulator.settings import Settings
from emulator.wire.models import IDENTITY_POOLS, USER_POOLS, load_service
from tests.shape_strategies import Known, operation_input

TARGETS = {USER_POOLS: "AWSCognitoIdentityProviderService", IDENTITY_POOLS: "AWSCognitoIdentityService"}
POOL = "us-east-1_localdemo"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))  # per operation; raise it locally to dig deeper
OPERATIONS = [(service, name) for service in (USER_POOLS, IDENTITY_POOLS)
              for name in sorted(load_service(service).operation_names)]


class Harness:
    """One emulator (demo seed + an identity pool) and a way to post raw bodies to it."""

    def __init__(self) -> None:
        self.emulator = Emulator(Settings(verify_error_codes=True))
        self.app = create_app(self.emulator.settings, self.emulator)
        created = self.post(IDENTITY_POOLS, "CreateIdentityPool", json.dumps({
            "IdentityPoolName": "fuzz", "AllowUnauthenticatedIdentities": True,
            "CognitoIdentityProviders": [{"ProviderName": f"cognito-idp.us-east-1.amazonaws.com/{POOL}",
                                          "ClientId": "localdemoclient"}]}).encode())
        identity_pool = created[1]["IdentityPoolId"]
        self.emulator.mark_start()  # reset() comes back here
        self.known = Known({
            "UserPoolId": [POOL], "ClientId": ["localdemoclient", "localdemoserver"],
            "Username": ["demo", "demo@example.com"], "GroupName": ["admins", "users"],
            "IdentityPoolId": [identity_pool], "ResourceArn": [f"arn:aws:cognito-idp:us-east-1:123456789012:"
                                                               f"userpool/{POOL}"],
            "Password": ["Passw0rd!"], "PreviousPassword": ["Passw0rd!"], "ProposedPassword": ["Passw0rd!2"],
        })

    def post(self, service: str, operation: str, body: bytes) -> tuple[int, dict[str, Any], httpx.Headers]:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://localhost:9229") as client:
                return await client.post("/", content=body, headers={
                    "X-Amz-Target": f"{TARGETS[service]}.{operation}",
                    "Content-Type": "application/x-amz-json-1.1"})

        response = asyncio.run(send())
        document = response.json() if response.content else {}
        return response.status_code, document, response.headers

    def snapshot(self) -> str:
        return json.dumps(export_emulator(self.emulator), sort_keys=True, default=str)


@pytest.fixture(scope="module")
def harness() -> Harness:
    return Harness()


def _encode(params: Any) -> bytes:
    """JSON as a client would send it; lone surrogates go as \\uD800 escapes."""
    return json.dumps(params).encode()


@pytest.mark.parametrize(("service", "operation"), OPERATIONS, ids=[f"{s}:{o}" for s, o in OPERATIONS])
def test_operation_never_breaks(harness: Harness, service: str, operation: str) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(params=operation_input(service, operation, harness.known))
    def check(params: Any) -> None:
        before = harness.snapshot()
        status, body, headers = harness.post(service, operation, _encode(params))
        assert status < 500, (operation, params, body)
        if status == 200:
            if harness.snapshot() != before:
                harness.emulator.reset()
            return
        assert isinstance(body.get("__type"), str) and body["__type"], body
        assert isinstance(body.get("message"), str), body
        assert headers["x-amzn-ErrorType"] == f"{body['__type']}:"
        after = harness.snapshot()
        if after != before:
            harness.emulator.reset()
        assert after == before, f"{operation} refused with {body['__type']} yet changed the state: {params!r}"

    check()
