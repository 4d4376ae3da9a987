"""Building blocks for the users tests: pools with settings, clients, users and tokens."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.e2e.conftest import make_client as make_boto3_client
from tests.e2e.server import RunningEmulator, run_emulator

PASSWORD = "Passw0rd!"
NEW_PASSWORD = "N3w-Passw0rd!"


@pytest.fixture
def make_pool(idp: Any) -> Iterator[Callable[..., str]]:
    """Factory: a new pool created with these CreateUserPool members; deleted afterwards."""
    created: list[str] = []

    def make(**params: Any) -> str:
        pool_id = str(idp.create_user_pool(PoolName=f"users-{uuid.uuid4().hex[:8]}", **params)["UserPool"]["Id"])
        created.append(pool_id)
        return pool_id

    yield make
    for pool_id in created:
        try:
            idp.delete_user_pool(UserPoolId=pool_id)
        except idp.exceptions.ResourceNotFoundException:
            pass


@pytest.fixture
def clock_emulator() -> Iterator[tuple[RunningEmulator, Any]]:
    """An emulator of its own and a boto3 client for it: tests that move the clock must not
    move the shared emulator's (tokens it issues later would be from the future)."""
    with run_emulator("--no-fixtures") as running:
        yield running, make_boto3_client("cognito-idp", running.url)


def make_client(idp: Any, pool_id: str, **settings: Any) -> dict[str, Any]:
    settings.setdefault("ExplicitAuthFlows", ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    return dict(idp.create_user_pool_client(UserPoolId=pool_id, ClientName="app", **settings)["UserPoolClient"])


def attributes(values: dict[str, str]) -> list[dict[str, str]]:
    return [{"Name": k, "Value": v} for k, v in values.items()]


def attribute_map(listed: list[dict[str, str]]) -> dict[str, str]:
    return {a["Name"]: a["Value"] for a in listed}


def confirmed_user(idp: Any, pool_id: str, username: str | None = None, password: str = PASSWORD,
                   values: dict[str, str] | None = None) -> str:
    username = username or f"user-{uuid.uuid4().hex[:8]}"
    idp.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS",
                          UserAttributes=attributes(values or {}))
    idp.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=password, Permanent=True)
    return username


def sign_in(idp: Any, pool_id: str, client_id: str, username: str, password: str = PASSWORD) -> dict[str, Any]:
    """Tokens through AdminInitiateAuth ADMIN_USER_PASSWORD_AUTH."""
    return dict(idp.admin_initiate_auth(
        UserPoolId=pool_id, ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password},
    )["AuthenticationResult"])
