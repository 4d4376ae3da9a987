"""Fixtures for end-to-end tests: one real emulator per test session (per xdist worker),
boto3 clients whose every answer is checked against botocore's output shapes."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config

from tests.e2e.server import RunningEmulator, run_emulator
from tests.shape_checker import attach

REGION = "us-east-1"


@pytest.fixture(scope="session")
def emulator() -> Iterator[RunningEmulator]:
    """The emulator with the default seed (demo pool us-east-1_localdemo)."""
    with run_emulator() as running:
        yield running


def make_client(service: str, url: str) -> Any:
    client = boto3.client(
        service, endpoint_url=url, region_name=REGION,
        aws_access_key_id="local", aws_secret_access_key="local",
        config=Config(retries={"max_attempts": 1}),
    )
    return attach(client)


@pytest.fixture(scope="session")
def idp(emulator: RunningEmulator) -> Any:
    return make_client("cognito-idp", emulator.url)


@pytest.fixture(scope="session")
def identity(emulator: RunningEmulator) -> Any:
    return make_client("cognito-identity", emulator.url)


@pytest.fixture
def pool(idp: Any) -> Iterator[dict[str, Any]]:
    """A fresh user pool for one test, deleted afterwards."""
    created = idp.create_user_pool(PoolName=f"test-{uuid.uuid4().hex[:8]}")["UserPool"]
    yield created
    try:
        described = idp.describe_user_pool(UserPoolId=created["Id"])["UserPool"]
        for domain in filter(None, (described.get("Domain"), described.get("CustomDomain"))):
            idp.delete_user_pool_domain(UserPoolId=created["Id"], Domain=domain)
        idp.update_user_pool(UserPoolId=created["Id"], DeletionProtection="INACTIVE")
        idp.delete_user_pool(UserPoolId=created["Id"])
    except idp.exceptions.ResourceNotFoundException:
        pass
