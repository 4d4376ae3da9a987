"""How an ARN in a pool's LambdaConfig reaches its function, chosen per ARN: a Python
callable (``--trigger`` / the seed's ``Triggers``), an Invoke API endpoint of its own (one RIE
container per function), or the default endpoint (``AWS_ENDPOINT_URL_LAMBDA``,
``--lambda-endpoint``). Every call gets the same limit AWS gives a trigger (5 s by default)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Any, Protocol

from emulator.triggers.errors import NOT_FOUND, SOCKET_TIMEOUT, InvokeFailed
from emulator.triggers.lambda_api import LambdaEndpoint

log = logging.getLogger("emulator.triggers")
DEFAULT_TIMEOUT = 5.0


class Invoker(Protocol):
    """Runs one trigger function; raises ``errors.TriggerFailure`` subclasses. Awaited by the
    operations without holding anything: the function may call the emulator back."""

    async def invoke(self, arn: str, event: dict[str, Any]) -> Any: ...


class Target(Protocol):
    async def invoke(self, arn: str, event: dict[str, Any], timeout: float) -> Any: ...


class Router:
    """The emulator's invoker: per-ARN targets, else the default endpoint, else not found."""

    def __init__(self, targets: Mapping[str, Target] | None = None, default_endpoint: str | None = None,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        self.targets: dict[str, Target] = dict(targets or {})
        self.default = LambdaEndpoint(default_endpoint) if default_endpoint else None
        self.timeout = timeout
        self._background: set[asyncio.Task[Any]] = set()
        self._warned: set[str] = set()

    def target(self, arn: str) -> Target | None:
        return self.targets.get(arn) or self.default

    def reachable(self, arn: str) -> bool:
        """False when nothing says where the ARN's function is: the operation then goes on as
        if the trigger were not configured (with one warning per ARN), so a seed exported from
        a real pool works before its functions are wired up. With an endpoint, a missing
        function is AWS's UnexpectedLambdaException."""
        if self.target(arn) is not None:
            return True
        if arn not in self._warned:
            self._warned.add(arn)
            log.warning("trigger %s is not reachable (no --trigger handler, no Lambda endpoint): skipped", arn)
        return False

    async def invoke(self, arn: str, event: dict[str, Any]) -> Any:
        target = self.target(arn)
        if target is None:
            raise InvokeFailed(NOT_FOUND)
        try:
            return await asyncio.wait_for(target.invoke(arn, event, self.timeout), self.timeout)
        except TimeoutError:
            raise InvokeFailed(SOCKET_TIMEOUT) from None

    def invoke_later(self, arn: str, event: dict[str, Any]) -> None:
        """Cognito invokes the custom senders asynchronously and never reads the answer."""
        async def run() -> None:
            try:
                await self.invoke(arn, event)
            except Exception as error:  # nobody waits for it; say it on the console
                log.warning("%s for %s failed: %s", event.get("triggerSource"), arn, error)

        task = asyncio.get_running_loop().create_task(run())
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    @classmethod
    def from_config(cls, handlers: Mapping[str, str], endpoints: Mapping[str, str],
                    default_endpoint: str | None, timeout: float) -> Router:
        """``handlers``: ARN -> ``package.module:function`` (imported now: a typo fails the start)."""
        targets: dict[str, Target] = {arn: LambdaEndpoint(url) for arn, url in endpoints.items()}
        if handlers:  # local functions' module (and its LambdaContext) loads only when there are some
            from emulator.triggers.local import LocalFunction, load_handler

            targets.update({arn: LocalFunction(load_handler(spec), spec) for arn, spec in handlers.items()})
        return cls(targets, default_endpoint, timeout)
