"""The committed operations index (``emulator/operations_index.py``) is what the app imports
operation modules by, on their first call; it must equal what the modules register, or an
operation would answer UnsupportedOperationException (or fail) although it is implemented."""

from __future__ import annotations

import asyncio
import importlib
import subprocess
import sys

import httpx
import pytest

from emulator.operations import PACKAGES, index_of, lazy_operations, load_operations, operation_modules
from emulator.operations_index import OPERATIONS
from emulator.runtime import Emulator
from emulator.settings import Settings
from tests.unit.inprocess import InProcessClient, OperationError

PROBE = """
import sys
from emulator.cli import parse_settings
from emulator.app import create_app
create_app(parse_settings(["--port", "0"]))
print(" ".join(m for m in sys.modules if m.startswith(("emulator.userpools.ops.", "emulator.identitypools.ops."))))
"""


def test_the_index_is_what_every_module_registers() -> None:
    assert OPERATIONS == index_of(load_operations()), (
        "emulator/operations_index.py is stale: run `python scripts/operations_table.py --write`")


def test_importing_an_indexed_module_registers_its_operations() -> None:
    registries = {registry.service.target_prefix: registry for registry in load_operations()}
    for prefix, operations in OPERATIONS.items():
        for name, module in operations.items():
            importlib.import_module(module)
            assert name in registries[prefix].handlers, f"{module} does not register {name}"


def test_every_module_of_the_packages_is_found() -> None:
    modules = operation_modules()
    assert "emulator.userpools.ops.auth" in modules and "emulator.identitypools.ops.credentials" in modules
    assert all(module.startswith(tuple(f"{package}." for package in PACKAGES)) for module in modules)
    assert {module for operations in OPERATIONS.values() for module in operations.values()} <= set(modules)


def test_the_app_looks_handlers_up_through_the_index() -> None:
    registries = lazy_operations()
    for registry in registries:
        assert registry.modules == OPERATIONS[registry.service.target_prefix]
        assert registry.handler("NotAnOperation") is None
    user_pools = registries[0]
    assert user_pools.handler("AdminGetUser") is user_pools.handlers["AdminGetUser"]


def test_start_up_imports_only_the_operations_the_seed_needs() -> None:
    loaded = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout.split()
    assert "emulator.userpools.ops.auth" not in loaded
    assert not any(module.startswith("emulator.identitypools.ops.") for module in loaded)


def test_an_operation_neither_indexed_nor_registered_is_unsupported_and_unknown_names_unknown(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the lazy lookup, as before it: a model operation nothing implements is
    UnsupportedOperationException (after validation), a name outside the model UnknownOperationException."""
    load_operations()
    user_pools = lazy_operations()[0]
    monkeypatch.delitem(user_pools.handlers, "DescribeUserPool")
    monkeypatch.setattr(user_pools, "modules", {k: v for k, v in user_pools.modules.items() if k != "DescribeUserPool"})
    client = InProcessClient(Emulator(Settings(fixtures=None)))
    with pytest.raises(OperationError) as raised:
        client.describe_user_pool(UserPoolId="us-east-1_abc")
    assert (raised.value.code, raised.value.message) == (
        "UnsupportedOperationException", "The emulator does not implement DescribeUserPool yet.")
    with pytest.raises(OperationError) as raised:
        client.describe_user_pool(UserPoolId="")  # still validated first, as before
    assert raised.value.code == "InvalidParameterException"
    assert asyncio.run(_post_target(client, "AWSCognitoIdentityProviderService.NoSuchOperation")) == (
        400, "UnknownOperationException")


async def _post_target(client: InProcessClient, target: str) -> tuple[int, str]:
    transport = httpx.ASGITransport(app=client._app)
    async with httpx.AsyncClient(transport=transport, base_url="http://localhost:9229") as http:
        response = await http.post("/", json={}, headers={"X-Amz-Target": target,
                                                          "Content-Type": "application/x-amz-json-1.1"})
    return response.status_code, response.json()["__type"]
