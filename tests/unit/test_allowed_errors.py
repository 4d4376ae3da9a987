"""Every error code the emulator can answer is one botocore's model lists (issue 12, item 6).

Two halves: every ``AwsError`` class is a code some operation of the models lists (or a common
code); and, with ``verify_error_codes`` on (as every e2e emulator runs, see tests/e2e/server.py),
an operation answering a code its own model entry does not list is a 500, so any test reaching
such a raise site fails. The fuzz tests (test_fuzz_operations.py) run with it on as well."""

from __future__ import annotations

from typing import Any

import pytest

from emulator.operations import load_operations
from emulator.runtime import Emulator
from emulator.settings import Settings
from emulator.wire import errors
from emulator.wire.allowed_errors import COMMON_ERRORS, allowed_errors, check_error_code
from emulator.wire.models import IDENTITY_POOLS, USER_POOLS, load_service
from emulator.wire.registry import user_pools
from tests.unit.inprocess import InProcessClient, OperationError


def _listed_somewhere() -> set[str]:
    codes: set[str] = set()
    for name in (USER_POOLS, IDENTITY_POOLS):
        for operation in load_service(name).operation_names:
            codes |= allowed_errors(name, operation)
    return codes


def test_every_error_class_is_a_code_of_the_models() -> None:
    classes = [cls for cls in vars(errors).values()
               if isinstance(cls, type) and issubclass(cls, errors.AwsError) and cls is not errors.AwsError]
    assert classes
    unknown = sorted(cls.__name__ for cls in classes if cls.__name__ not in _listed_somewhere())
    assert unknown == []


def test_common_codes_are_few_and_listed_by_operation() -> None:
    assert "InvalidParameterException" not in COMMON_ERRORS  # each operation's model entry lists it itself
    assert "UserNotFoundException" in allowed_errors(USER_POOLS, "AdminGetUser")
    assert "UserNotFoundException" not in allowed_errors(USER_POOLS, "CreateUserPool")
    assert check_error_code(USER_POOLS, "DescribeUserPool", "GroupExistsException") is not None
    assert check_error_code(IDENTITY_POOLS, "GetId", "ValidationException") is None


@pytest.fixture
def strict_client() -> InProcessClient:
    # Every module imported first: replacing a handler whose module loads later (on its first
    # call) would make that module's own registration fail as a duplicate.
    load_operations()
    return InProcessClient(Emulator(Settings(fixtures=None, verify_error_codes=True)))


def _raising(error: errors.AwsError) -> Any:
    def handler(ctx: Any, params: Any) -> Any:
        raise error
    return handler


def test_a_code_the_model_does_not_list_is_a_500(strict_client: InProcessClient,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(user_pools.handlers, "DescribeUserPool", _raising(errors.GroupExistsException("x")))
    with pytest.raises(OperationError) as raised:
        strict_client.describe_user_pool(UserPoolId="us-east-1_abc")
    assert raised.value.code == "InternalErrorException"
    assert "DescribeUserPool answered GroupExistsException" in raised.value.message


def test_a_listed_code_passes(strict_client: InProcessClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(user_pools.handlers, "DescribeUserPool", _raising(errors.ResourceNotFoundException("gone")))
    with pytest.raises(OperationError) as raised:
        strict_client.describe_user_pool(UserPoolId="us-east-1_abc")
    assert (raised.value.code, raised.value.message) == ("ResourceNotFoundException", "gone")


# --- the raise sites, read from the source --------------------------------------------------
# Every ``raise SomeError(...)`` written in an operation's own function (the functions
# decorated ``@user_pools.operation`` / ``@identity_pools.operation`` in */ops/*.py, and the
# module-private helpers of the same file that they call) must be a code the model lists for
# that operation. Deeper raise sites (domain code shared by many operations) are exercised by
# the e2e suite and the fuzz tests instead, with verify_error_codes on.

import ast  # noqa: E402
from pathlib import Path  # noqa: E402

_OPS_DIRS = [Path(__file__).resolve().parents[2] / "emulator" / part / "ops"
             for part in ("userpools", "identitypools")]
_REGISTRY_SERVICE = {"user_pools": USER_POOLS, "identity_pools": IDENTITY_POOLS}


def _raised_names(function: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and isinstance(node.exc.func, ast.Name):
            names.add(node.exc.func.id)
    return names


def _called_names(function: ast.AST) -> set[str]:
    return {node.func.id for node in ast.walk(function)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}


def _operation_raise_sites() -> list[tuple[str, str, str, str]]:
    """(file, service, operation, code) for every direct raise of an AwsError class."""
    codes = {name for name, cls in vars(errors).items() if isinstance(cls, type) and issubclass(cls, errors.AwsError)}
    sites = []
    for directory in _OPS_DIRS:
        for path in sorted(directory.glob("*.py")):
            tree = ast.parse(path.read_text())
            helpers = {node.name: node for node in tree.body
                       if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
            for function in helpers.values():
                for decorator in function.decorator_list:
                    if not (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute)
                            and isinstance(decorator.func.value, ast.Name)
                            and decorator.func.value.id in _REGISTRY_SERVICE and decorator.args
                            and isinstance(decorator.args[0], ast.Constant)):
                        continue
                    service, operation = _REGISTRY_SERVICE[decorator.func.value.id], decorator.args[0].value
                    reached, pending = {function.name}, [function]
                    while pending:  # the same file's helpers, transitively
                        for name in _called_names(pending.pop()):
                            if name in helpers and name not in reached:
                                reached.add(name)
                                pending.append(helpers[name])
                    for name in reached:
                        for code in _raised_names(helpers[name]) & codes:
                            sites.append((path.name, service, str(operation), code))
    return sites


def test_raise_sites_are_found() -> None:
    sites = set(_operation_raise_sites())
    assert ("auth.py", USER_POOLS, "RevokeToken", "UnsupportedTokenTypeException") in sites  # in the function
    assert ("auth.py", USER_POOLS, "RevokeToken", "UnauthorizedException") in sites
    assert len(sites) > 50


def test_every_direct_raise_site_is_a_code_the_model_lists() -> None:
    wrong = sorted({f"{file}: {operation} raises {code}" for file, service, operation, code
                    in _operation_raise_sites() if check_error_code(service, operation, code) is not None})
    assert wrong == []
