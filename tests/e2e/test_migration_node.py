"""User migration with a real client: Amplify v6 signs a legacy user in with
``authFlowType: USER_PASSWORD_AUTH`` (the UserMigration function runs as a Python callable in the
emulator, tests/e2e/trigger_functions.py:migrate), and the migrated user then signs in by SRP."""

from __future__ import annotations

import json
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e import trigger_functions
from tests.e2e.conftest import make_client
from tests.e2e.server import RunningEmulator, run_emulator
from tests.e2e.test_node_clients import node, run_node

__all__ = ["node"]  # the fixture, imported to be found


@pytest.fixture(scope="module")
def migrating() -> Iterator[tuple[RunningEmulator, Any]]:
    directory = Path(tempfile.mkdtemp(prefix="migration-node-"))
    seed = directory / "seed.json"
    seed.write_text(json.dumps({"Triggers": {trigger_functions.arn("migrate"): "tests.e2e.trigger_functions:migrate"}}))
    with run_emulator("--fixtures", str(seed), env={"TRIGGER_DIR": str(directory)}) as running:
        yield running, make_client("cognito-idp", running.url)


def test_amplify_migrates_a_legacy_user_then_signs_in_by_srp(node: str, migrating: Any) -> None:
    running, idp = migrating
    pool_id = idp.create_user_pool(PoolName=f"m-{uuid.uuid4().hex[:8]}",
                                   LambdaConfig={"UserMigration": trigger_functions.arn("migrate")})["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    observed = run_node(node, "migration_flows.mjs", scenario="amplify_migration", url=running.url,
                        userPoolId=pool_id, clientId=client_id, username="legacy-lou", password="Legacy-pass-1")
    assert observed["beforeSrp"]["succeeded"] is False  # SRP cannot migrate: the user is unknown
    assert observed["beforeSrp"]["name"] == "UserNotFoundException"
    assert observed["migrated"]["isSignedIn"] is True and observed["migrated"]["nextStep"]["signInStep"] == "DONE"
    assert observed["idPayload"]["email"] == "legacy-lou@example.com"
    assert observed["idPayload"]["name"] == "Legacy User"
    assert observed["srpAfter"]["isSignedIn"] is True  # the password came along: SRP works now
    user = idp.admin_get_user(UserPoolId=pool_id, Username="legacy-lou")
    assert user["UserStatus"] == "CONFIRMED"
