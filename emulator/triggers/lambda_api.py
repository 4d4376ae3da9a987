"""Functions behind the Lambda Invoke REST API: ``sam local start-lambda``, LocalStack, moto's
server, the runtime interface emulator (reference triggers.md §7).

The bare function name is sent (SAM knows functions by name, RIE ignores it, LocalStack and AWS
accept both), with no query string (SAM refuses any) and no signature (none of them checks
one). Replies are classified as §7.6 recommends."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from emulator.triggers.errors import INVALID_JSON, NOT_FOUND, BadOutput, FunctionError, InvokeFailed

if TYPE_CHECKING:
    import httpx  # imported on the first invoke: most runs never call a Lambda endpoint (start-up time)

STATUS_REASONS = {403: "AccessDeniedException", 404: NOT_FOUND, 409: "ResourceConflictException",
                  413: "RequestTooLargeException", 429: "TooManyRequestsException"}
ERROR_BODY_MARKERS = ("errorType", "trace", "stackTrace")
TASK_TIMED_OUT = "Task timed out after"


def function_name(arn: str) -> str:
    """``arn:aws:lambda:r:acct:function:name[:qualifier]`` -> ``name``; a bare name stays."""
    return arn.rsplit(":function:", 1)[-1].split(":", 1)[0]


class LambdaEndpoint:
    """One Invoke API server; the client is made on first use, on the loop that uses it."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        self._client: httpx.AsyncClient | None = None

    async def invoke(self, arn: str, event: dict[str, Any], timeout: float) -> dict[str, Any]:
        import httpx

        if self._client is None:
            self._client = httpx.AsyncClient()
        url = f"{self.url}/2015-03-31/functions/{quote(function_name(arn), safe='')}/invocations"
        headers = {"X-Amz-Invocation-Type": "RequestResponse", "Content-Type": "application/json"}
        try:
            reply = await self._client.post(url, content=json.dumps(event), headers=headers, timeout=timeout)
        except httpx.TimeoutException:
            raise InvokeFailed("Socket timeout while invoking Lambda function") from None
        except httpx.HTTPError as error:
            raise InvokeFailed(type(error).__name__) from None
        return classify(reply.status_code, reply.headers, reply.text)

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


def classify(status: int, headers: Mapping[str, str], body: str) -> dict[str, Any]:
    """The function's answer, or the failure it stands for (§7.6, in that order)."""
    if not 200 <= status < 300:
        raise InvokeFailed(STATUS_REASONS.get(status, f"HTTP {status}"))
    try:
        parsed = json.loads(body) if body.strip() else {}
    except ValueError:
        parsed = None
    if headers.get("x-amz-function-error") or headers.get("X-Amz-Function-Error"):
        message = parsed.get("errorMessage") if isinstance(parsed, dict) else None
        raise FunctionError(str(message) if message is not None else body)
    if isinstance(parsed, dict) and _is_error_body(parsed):
        raise FunctionError(str(parsed["errorMessage"]))
    if body.startswith(TASK_TIMED_OUT):
        raise FunctionError(body.strip())
    if parsed is None:
        raise BadOutput(INVALID_JSON)
    return parsed  # type: ignore[no-any-return]


def _is_error_body(body: dict[str, Any]) -> bool:
    """RIE and SAM's runtime send an error body without the header (reference §7.4)."""
    return ("errorMessage" in body and any(key in body for key in ERROR_BODY_MARKERS)
            and "triggerSource" not in body and "response" not in body)
