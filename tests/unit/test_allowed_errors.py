"""Every error code the emulator can answer is one botocore's model lists (issue 12, item 6).

Two halves: every ``AwsError`` class is a code some operation of the models lists (or a common
code); and, with ``verify_error_codes`` on (as every e2e emulator runs, see tests/e2e/server.py),
an operation answering a code its own model entry does not list is a 500, so any test reaching
such a raise site fails. The fuzz tests (test_fuzz_operations.py) run with it on as well."""

from __future__ import annotations

from typing import Any

import pytest

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
