"""Trigger functions as Python callables in the emulator's own process: a project's real
handler ``(event, context)`` runs with no Lambda runtime.

A synchronous handler runs in a worker thread (``asyncio.to_thread``): the server is one event
loop, and a handler that calls the emulator back over HTTP with a blocking client (boto3 in a
PostConfirmation function adding the user to a group) would otherwise wait for a loop that it
is blocking. An ``async def`` handler is awaited on the loop itself."""

from __future__ import annotations

import asyncio
import importlib
import inspect
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from emulator.state import ids
from emulator.triggers.errors import INVALID_JSON, BadOutput, FunctionError, HandlerSpecError

Handler = Callable[[dict[str, Any], Any], Any]


def load_handler(spec: str) -> Handler:
    module_name, sep, attribute = spec.partition(":")
    if not sep or not module_name or not attribute:
        raise HandlerSpecError(f"{spec!r} is not package.module:function")
    try:
        module = importlib.import_module(module_name)
    except Exception as error:  # an import can fail in any way; say which at start
        raise HandlerSpecError(f"cannot import {module_name}: {error}") from None
    target: Any = module
    for part in attribute.split("."):
        target = getattr(target, part, None)
        if target is None:
            raise HandlerSpecError(f"{module_name} has no {attribute}")
    if not callable(target):
        raise HandlerSpecError(f"{spec} is not callable")
    return target  # type: ignore[no-any-return]


@dataclass(slots=True)
class LambdaContext:
    """The members of Lambda's Python context object that handlers commonly read."""

    function_name: str
    invoked_function_arn: str
    timeout: float
    function_version: str = "$LATEST"
    memory_limit_in_mb: str = "128"
    aws_request_id: str = field(default_factory=ids.new_uuid)
    log_group_name: str = ""
    log_stream_name: str = "local"
    _deadline: float = 0.0

    def __post_init__(self) -> None:
        self.log_group_name = f"/aws/lambda/{self.function_name}"
        self._deadline = time.monotonic() + self.timeout

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


class LocalFunction:
    """One ARN's Python handler."""

    def __init__(self, handler: Handler, spec: str = "") -> None:
        self.handler = handler
        self.spec = spec

    async def invoke(self, arn: str, event: dict[str, Any], timeout: float) -> dict[str, Any]:
        name = arn.rsplit(":function:", 1)[-1].split(":", 1)[0]
        context = LambdaContext(name, arn, timeout)
        given = json.loads(json.dumps(event))  # the handler's own copy, as Lambda deserialises one
        try:
            if inspect.iscoroutinefunction(self.handler):
                answer = await self.handler(given, context)
            else:
                answer = await asyncio.to_thread(self.handler, given, context)
                if inspect.isawaitable(answer):
                    answer = await answer
        except Exception as error:  # the function's own failure: Lambda reports its message
            raise FunctionError(str(error) or type(error).__name__) from None
        try:
            return json.loads(json.dumps(answer))  # type: ignore[no-any-return]
        except (TypeError, ValueError):
            raise BadOutput(INVALID_JSON) from None
