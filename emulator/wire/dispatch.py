"""POST on any path: X-Amz-Target -> operation -> parse -> validate -> call -> JSON 1.1.

Every failure becomes an AWS-shaped 4xx; only a bug in the emulator is a 500, and
that one is logged with its traceback and answered without it.
"""

from __future__ import annotations

import inspect
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from starlette.requests import Request
from starlette.responses import Response

from emulator.settings import Settings
from emulator.wire.errors import (
    AwsError,
    InternalErrorException,
    RequestEntityTooLargeException,
    SerializationException,
    UnknownOperationException,
    UnsupportedOperationException,
)
from emulator.wire.models import Service, services_by_prefix
from emulator.wire.registry import Handler, Registry
from emulator.wire.validation import validate_input

if TYPE_CHECKING:
    from emulator.runtime import Context

log = logging.getLogger("emulator.wire")

JSON_11 = "application/x-amz-json-1.1"
_ACCEPTED_CONTENT_TYPES = ("application/x-amz-json-1.1", "application/x-amz-json-1.0")


class Host(Protocol):
    """The running emulator as the wire layer sees it (wire never imports the runtime, which
    pulls in both services): its settings, and the Context each operation is called with."""

    @property
    def settings(self) -> Settings: ...

    def context(self, base_url: str, request_id: str) -> Context: ...


Observer = Callable[[str, dict[str, Any], "dict[str, Any] | None", "AwsError | None"], None]


class Dispatcher:
    """Routes a request to its operation; built once per app from the filled registries.
    ``observers`` see every answered operation (its params, and its result or AWS error): the
    console's activity lines."""

    def __init__(self, emulator: Host, registries: Iterable[Registry], observers: Sequence[Observer] = ()) -> None:
        self.emulator = emulator
        self.observers = tuple(observers)
        self.services: dict[str, Service] = services_by_prefix()
        self.handlers: dict[str, dict[str, Handler]] = {
            registry.service.target_prefix: registry.handlers for registry in registries
        }

    async def handle(self, request: Request) -> Response:
        request_id: str = request.scope["state"]["request_id"]
        try:
            handler, operation_name, service = self._resolve(request.headers.get("x-amz-target", ""))
            params = await self._read_params(request)
            validate_input(service.input_shape(operation_name), params)
            if handler is None:
                raise UnsupportedOperationException(
                    f"The emulator does not implement {operation_name} yet."
                )
            context = self.emulator.context(_base_url(request), request_id)
            try:
                result = handler(context, params)
                if inspect.isawaitable(result):
                    result = await result
            except AwsError as error:
                self._observe(operation_name, params, None, error)
                raise
            self._observe(operation_name, params, result, None)
            return _json_response(result)
        except AwsError as error:
            return error_response(error)
        except Exception:
            log.exception("unexpected error answering request %s", request_id)
            return error_response(InternalErrorException("An internal error occurred in the emulator."))

    def _observe(self, operation: str, params: dict[str, Any], result: dict[str, Any] | None,
                 error: AwsError | None) -> None:
        for observer in self.observers:
            try:
                observer(operation, params, result, error)
            except Exception:  # a log line must never change an answer
                log.exception("observer failed for %s", operation)

    def _resolve(self, target: str) -> tuple[Handler | None, str, Service]:
        prefix, _, operation_name = target.partition(".")
        service = self.services.get(prefix)
        if service is None or operation_name not in service.operation_names:
            shown = target or "(missing X-Amz-Target header)"
            raise UnknownOperationException(f"Unknown operation {shown}")
        return self.handlers[prefix].get(operation_name), operation_name, service

    async def _read_params(self, request: Request) -> dict[str, Any]:
        content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if content_type not in _ACCEPTED_CONTENT_TYPES:
            raise SerializationException(
                f"Unsupported Content-Type '{content_type or '(none)'}'; expected {JSON_11}."
            )
        body = await _read_capped(request, self.emulator.settings.max_body_bytes)
        if not body.strip():
            raise SerializationException("Request body is empty; expected a JSON object.")
        try:
            params = json.loads(body, parse_constant=_reject_constant)
        except (ValueError, RecursionError):
            raise SerializationException("Request body is not valid JSON.") from None
        if not isinstance(params, dict):
            raise SerializationException("Start of list found where not expected." if isinstance(
                params, list) else "Request body must be a JSON object.")
        return params


async def _read_capped(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise RequestEntityTooLargeException(f"Request body is larger than {limit} bytes.")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise RequestEntityTooLargeException(f"Request body is larger than {limit} bytes.")
        chunks.append(chunk)
    return b"".join(chunks)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _base_url(request: Request) -> str:
    host = request.headers.get("host") or f"{request.url.hostname}:{request.url.port}"
    return f"{request.url.scheme}://{host}"


def _json_response(result: dict[str, Any]) -> Response:
    body = json.dumps(_without_nulls(result), separators=(",", ":"), ensure_ascii=False)
    return Response(body.encode(), media_type=JSON_11)


def _without_nulls(members: dict[str, Any]) -> dict[str, Any]:
    """AWS omits members without a value; never send ``null``. Recurses only into
    containers (the hot path: every response passes through here)."""
    kept: dict[str, Any] = {}
    for name, value in members.items():
        if value is None:
            continue
        kind = type(value)
        if kind is dict:
            value = _without_nulls(value)
        elif kind is list:
            value = [_without_nulls(item) if type(item) is dict else item for item in value]
        kept[name] = value
    return kept


def error_response(error: AwsError) -> Response:
    body = json.dumps({"__type": error.code, "message": error.message}, ensure_ascii=False)
    headers = {
        "x-amzn-ErrorType": f"{error.code}:",
        "x-amzn-ErrorMessage": _header_safe(error.message),
    }
    return Response(body.encode(), status_code=error.status, media_type=JSON_11, headers=headers)


def _header_safe(text: str) -> str:
    """Header values must be latin-1 and single-line; the body keeps the exact text."""
    flat = " ".join(text.split())
    return flat.encode("ascii", "backslashreplace").decode("ascii")[:1024]
