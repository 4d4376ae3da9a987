"""The trigger infrastructure on its own: configuration, reply classification, the invokers."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from emulator.triggers import errors
from emulator.triggers.config import TriggerConfigError, parse_flags, parse_seed
from emulator.triggers.invoker import Router
from emulator.triggers.lambda_api import classify, function_name
from emulator.triggers.local import HandlerSpecError, LocalFunction, load_handler

ARN = "arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up"


def test_flags_and_seed_parse() -> None:
    assert parse_flags([f"{ARN}=tests.unit.test_triggers:echo"]).handlers == {ARN: "tests.unit.test_triggers:echo"}
    config = parse_seed({ARN: {"Endpoint": "http://127.0.0.1:9001"}, "other": "pkg.mod:fn"})
    assert config.endpoints == {ARN: "http://127.0.0.1:9001"} and config.handlers == {"other": "pkg.mod:fn"}
    for bad in ({ARN: "no-colon"}, {ARN: {"Url": "x"}}, {ARN: {"Endpoint": "ftp://x"}}, {"not an arn!": "a:b"}, []):
        with pytest.raises(TriggerConfigError):
            parse_seed(bad)
    with pytest.raises(TriggerConfigError):
        parse_flags([ARN])


def test_flags_win_over_the_seed() -> None:
    seed = parse_seed({ARN: {"Endpoint": "http://127.0.0.1:9001"}})
    merged = seed.merged(parse_flags([f"{ARN}=pkg.mod:fn"]))
    assert merged.handlers == {ARN: "pkg.mod:fn"} and merged.endpoints == {}


def test_load_handler_refuses_what_cannot_be_called() -> None:
    assert load_handler("tests.unit.test_triggers:echo") is echo
    for spec in ("tests.unit.test_triggers:missing", "no.such.module:fn", "nocolon"):
        with pytest.raises(HandlerSpecError):
            load_handler(spec)


def test_function_name_from_arn() -> None:
    assert function_name(ARN) == "pre-sign-up"
    assert function_name(ARN + ":live") == "pre-sign-up"
    assert function_name("bare") == "bare"


@pytest.mark.parametrize(("status", "headers", "body", "failure", "text"), [
    (200, {"x-amz-function-error": "Unhandled"}, '{"errorMessage": "nope", "errorType": "Error"}',
     errors.FunctionError, "nope"),
    (200, {}, '{"errorMessage": "boom", "errorType": "Exception", "stackTrace": []}', errors.FunctionError, "boom"),
    (200, {}, "Task timed out after 3.00 seconds", errors.FunctionError, "Task timed out after 3.00 seconds"),
    (200, {}, "not json", errors.BadOutput, errors.INVALID_JSON),
    (404, {}, '{"Type": "User", "Message": "Function not found"}', errors.InvokeFailed, errors.NOT_FOUND),
    (403, {}, "", errors.InvokeFailed, "AccessDeniedException"),
])
def test_classify_failures(status: int, headers: dict[str, str], body: str, failure: type, text: str) -> None:
    with pytest.raises(failure) as raised:
        classify(status, headers, body)
    assert raised.value.text == text


def test_classify_answer() -> None:
    assert classify(200, {}, '{"response": {}, "errorMessage": "x", "errorType": "y"}') == {
        "response": {}, "errorMessage": "x", "errorType": "y"}


def test_aws_wording() -> None:
    assert errors.as_aws_error("PreSignUp", errors.FunctionError("No.")).message == "PreSignUp failed with error No.."
    error = errors.as_aws_error("PreSignUp", errors.InvokeFailed(errors.SOCKET_TIMEOUT))
    assert (error.code, error.message) == (
        "UnexpectedLambdaException",
        "PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.")
    assert errors.as_aws_error("X", errors.BadOutput(errors.UNRECOGNIZABLE)).code == "InvalidLambdaResponseException"


def echo(event: dict[str, Any], context: Any) -> dict[str, Any]:
    event["response"]["seen"] = context.function_name
    return event


async def async_echo(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return event


def failing(event: dict[str, Any], context: Any) -> dict[str, Any]:
    raise ValueError("refused")


def not_json(event: dict[str, Any], context: Any) -> Any:
    return {"response": object()}


def slow(event: dict[str, Any], context: Any) -> dict[str, Any]:
    time.sleep(0.5)
    return event


def _run(router: Router, event: dict[str, Any]) -> Any:
    return asyncio.run(router.invoke(ARN, event))


def test_local_functions_sync_async_and_failures() -> None:
    event = {"response": {}}
    assert _run(Router({ARN: LocalFunction(echo)}), event) == {"response": {"seen": "pre-sign-up"}}
    assert event == {"response": {}}, "the handler works on its own copy"
    assert _run(Router({ARN: LocalFunction(async_echo)}), event) == event
    with pytest.raises(errors.FunctionError, match="refused"):
        _run(Router({ARN: LocalFunction(failing)}), event)
    with pytest.raises(errors.BadOutput):
        _run(Router({ARN: LocalFunction(not_json)}), event)
    with pytest.raises(errors.InvokeFailed, match=errors.NOT_FOUND):
        _run(Router(), event)


def test_timeout_is_per_call() -> None:
    with pytest.raises(errors.InvokeFailed, match="Socket timeout"):
        _run(Router({ARN: LocalFunction(slow)}, timeout=0.1), {"response": {}})
