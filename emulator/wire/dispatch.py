"""POST on any path: X-Amz-Target -> operation -> parse -> validate -> call -> JSON 1.1.

Every failure becomes an AWS-shaped 4xx; only a bug in the emulator is a 500, and
that one is logged with its traceback and answered without it.
"""

from __future__ import annotations

import inspect
import json
import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope

from emulator.settings import Settings
from emulator.wire.allowed_errors import check_error_code
from emulator.wire.errors import (
    AwsError,
    InternalErrorException,
    RequestEntityTooLargeException,
    SerializationException,
    UnknownOperationException,
    UnsupportedOperationException,
)
from emulator.wire.models import Service, services_by_prefix
from emulator.wire.region import request_region
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

    def context(self, base_url: str, request_id: str, source_ip: str = "", user_agent: str = "",
                region: str | None = None) -> Context: ...


Observer = Callable[[str, dict[str, Any], "dict[str, Any] | None", "AwsError | None"], None]


class Dispatcher:
    """Routes a request to its operation; built once per app from the filled registries.
    ``observers`` see every answered operation (its params, and its result or AWS error): the
    console's activity lines."""

    def __init__(self, emulator: Host, registries: Iterable[Registry], observers: Sequence[Observer] = ()) -> None:
        self.emulator = emulator
        self.observers = tuple(observers)
        self.services: dict[str, Service] = services_by_prefix()
        self.registries: dict[str, Registry] = {registry.service.target_prefix: registry for registry in registries}

    async def handle(self, request: Request) -> Response:
        """The catch-all POST route (a POST without ``X-Amz-Target`` ends here too)."""
        status, body, headers = await self.answer(
            request.scope, scope_headers(request.scope), request.receive, request.scope["state"]["request_id"])
        return Response(body, status_code=status, headers=dict(headers), media_type=JSON_11)

    async def answer(self, scope: Scope, headers: Mapping[bytes, bytes], receive: Receive,
                     request_id: str) -> tuple[int, bytes, list[tuple[str, str]]]:
        """One API call as (status, JSON 1.1 body, extra headers), straight from the ASGI scope:
        SDK calls reach it without Starlette's Request (see http/api_path.py)."""
        answering: tuple[str, str] | None = None  # (service, operation) once the target is known
        settings = self.emulator.settings
        try:
            handler, operation_name, service = self._resolve(headers.get(b"x-amz-target", b"").decode("latin-1"))
            answering = (service.name, operation_name)
            body = await _read_capped(headers, receive, settings.max_body_bytes)
            if settings.require_sigv4:
                self._check_signature(service, operation_name, scope, headers, body)
            params = _read_params(headers, body)
            validate_input(service.input_shape(operation_name), params)
            if handler is None:
                raise UnsupportedOperationException(
                    f"The emulator does not implement {operation_name} yet."
                )
            region = request_region(_header(headers, b"authorization") or None, params, settings.region)
            client = scope.get("client")
            context = self.emulator.context(_base_url(scope, headers), request_id, client[0] if client else "",
                                            _header(headers, b"user-agent"), region)
            try:
                result = handler(context, params)
                if inspect.isawaitable(result):
                    result = await result
            except AwsError as error:
                self._observe(operation_name, params, None, error)
                raise
            self._observe(operation_name, params, result, None)
            return 200, _encode(_without_nulls(result)), []
        except AwsError as error:
            if answering is not None and settings.verify_error_codes:
                wrong = check_error_code(*answering, error.code)
                if wrong is not None:  # the emulator's own test runs: a wrong raise site is a bug
                    log.error("%s (request %s)", wrong, request_id)
                    return error_answer(InternalErrorException(wrong))
            return error_answer(error)
        except ClientDisconnected:
            raise
        except Exception:
            log.exception("unexpected error answering request %s", request_id)
            return error_answer(InternalErrorException("An internal error occurred in the emulator."))

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
        return self.registries[prefix].handler(operation_name), operation_name, service  # imported on first use

    def _check_signature(self, service: Service, operation: str, scope: Scope, headers: Mapping[bytes, bytes],
                         body: bytes) -> None:
        """--require-sigv4: an operation AWS authorizes with IAM needs a configured key's signature
        (sigv4 is imported only by a run that asks for it)."""
        from emulator.wire.sigv4 import SignedRequest, needs_signature, verify

        if not needs_signature(service, operation):
            return
        url = f"{scope.get('scheme', 'http')}://{_header(headers, b'host')}{scope.get('path', '/')}"
        query = scope.get("query_string", b"")
        if query:
            url += f"?{query.decode('latin-1')}"
        names = {name.decode("latin-1"): value.decode("latin-1") for name, value in headers.items()}
        signed = SignedRequest(scope.get("method", "POST"), url, names, body)
        verify(signed, dict(self.emulator.settings.access_keys), datetime.now(UTC))


def scope_headers(scope: Scope) -> dict[bytes, bytes]:
    """The request's headers by lower-case name; the first of a repeated one wins, as in Starlette."""
    return dict(reversed(scope["headers"]))


class ClientDisconnected(Exception):
    """The client went away before its body arrived: there is no one to answer."""


def _header(headers: Mapping[bytes, bytes], name: bytes) -> str:
    value = headers.get(name)
    return value.decode("latin-1") if value is not None else ""


def _read_params(headers: Mapping[bytes, bytes], body: bytes) -> dict[str, Any]:
    content_type = _header(headers, b"content-type").split(";", 1)[0].strip().lower()
    if content_type not in _ACCEPTED_CONTENT_TYPES:
        raise SerializationException(
            f"Unsupported Content-Type '{content_type or '(none)'}'; expected {JSON_11}."
        )
    if not body.strip():
        raise SerializationException("Request body is empty; expected a JSON object.")
    try:  # as json.loads(body) does, with one decoder made once (loads makes one per call)
        params = _DECODER.decode(body.decode(json.detect_encoding(body), "surrogatepass"))
    except (ValueError, RecursionError):
        raise SerializationException("Request body is not valid JSON.") from None
    if _SURROGATE_ESCAPE.search(body) and _has_lone_surrogate(params):
        # Valid JSON, not valid Unicode: such a string can be neither stored nor echoed as UTF-8.
        raise SerializationException(
            "Request body contains a lone UTF-16 surrogate; strings must be valid Unicode.")
    if not isinstance(params, dict):
        raise SerializationException("Start of list found where not expected." if isinstance(
            params, list) else "Request body must be a JSON object.")
    return params


async def _read_capped(headers: Mapping[bytes, bytes], receive: Receive, limit: int) -> bytes:
    declared = headers.get(b"content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise RequestEntityTooLargeException(f"Request body is larger than {limit} bytes.")
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":  # http.disconnect
            raise ClientDisconnected
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise RequestEntityTooLargeException(f"Request body is larger than {limit} bytes.")
        chunks.append(chunk)
        if not message.get("more_body", False):
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")  # where a lone surrogate can come from: a \uD8xx escape


def _has_lone_surrogate(document: Any) -> bool:
    """Only walked when the body has a surrogate escape (a pair such as an emoji decodes whole);
    with a stack, not recursion: the JSON may nest as deep as the parser allows."""
    pending = [document]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            if any("\ud800" <= char <= "\udfff" for char in value):
                return True
        elif isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return False


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


# Made once: json.loads / json.dumps with any option build a new decoder / encoder on every call.
_DECODER = json.JSONDecoder(parse_constant=_reject_constant)
_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)


def _base_url(scope: Scope, headers: Mapping[bytes, bytes]) -> str:
    """From the ASGI scope (``request.url`` parses a whole URL: a cost on every request)."""
    host = _header(headers, b"host")
    if not host:
        server = scope.get("server") or ("localhost", None)
        host = f"{server[0]}:{server[1]}" if server[1] is not None else str(server[0])
    return f"{scope.get('scheme', 'http')}://{host}"


def _encode(document: dict[str, Any]) -> bytes:
    """UTF-8 JSON; a string that is not valid Unicode (a lone surrogate from a seed file) goes out
    as a JSON escape rather than failing the response."""
    text = _ENCODER.encode(document)
    try:
        return text.encode()
    except UnicodeEncodeError:
        return json.dumps(document, separators=(",", ":")).encode()


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


def error_answer(error: AwsError) -> tuple[int, bytes, list[tuple[str, str]]]:
    """AWS's error shape: ``__type`` and ``message`` in the body, the same in two headers."""
    body = _encode({"__type": error.code, "message": error.message})
    return error.status, body, [("x-amzn-ErrorType", f"{error.code}:"),
                                ("x-amzn-ErrorMessage", _header_safe(error.message))]


def _header_safe(text: str) -> str:
    """Header values must be printable ASCII on one line (a NUL or newline in a header makes the
    HTTP layer drop the connection); the body keeps the exact text."""
    flat = " ".join(text.split())
    escaped = flat.encode("ascii", "backslashreplace").decode("ascii")
    return _CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", escaped)[:1024]


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
