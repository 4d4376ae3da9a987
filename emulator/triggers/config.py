"""Where trigger functions are, as the user configures it: ``--trigger ARN=pkg.mod:func`` and
the seed file's top-level ``Triggers`` (``{"<arn>": "pkg.mod:func"}`` or
``{"<arn>": {"Endpoint": "http://127.0.0.1:9001"}}``), checked before anything starts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

_HANDLER = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*$")
_URL = re.compile(r"^https?://[^\s/]+(/\S*)?$")
# What botocore's LambdaConfig ARN members accept, roughly: an ARN, or a bare name for local use.
_ARN = re.compile(r"^(arn:[\w+=/,.@-]+:lambda:[\w+=/,.@-]*:[\w+=/,.@-]*:function:)?[\w-]+(:[\w$-]+)?$")


class TriggerConfigError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class TriggerConfig:
    handlers: dict[str, str] = field(default_factory=dict)  # ARN -> package.module:function
    endpoints: dict[str, str] = field(default_factory=dict)  # ARN -> Invoke API base URL

    def merged(self, over: TriggerConfig) -> TriggerConfig:
        """``over`` (the flags) wins for an ARN both name."""
        handlers = {k: v for k, v in self.handlers.items() if k not in over.endpoints}
        endpoints = {k: v for k, v in self.endpoints.items() if k not in over.handlers}
        return TriggerConfig({**handlers, **over.handlers}, {**endpoints, **over.endpoints})


def parse_flags(values: Iterable[str]) -> TriggerConfig:
    """``ARN=package.module:function`` (the ARN has colons, so split at the first ``=``)."""
    handlers: dict[str, str] = {}
    for value in values:
        arn, sep, spec = value.partition("=")
        if not sep:
            raise TriggerConfigError(f"--trigger {value!r}: expected ARN=package.module:function")
        _check_arn(arn, "--trigger")
        _check_handler(spec, f"--trigger {arn}")
        handlers[arn] = spec
    return TriggerConfig(handlers)


def parse_seed(value: Any, where: str = "Triggers") -> TriggerConfig:
    if not isinstance(value, dict):
        raise TriggerConfigError(f"{where}: expected an object mapping function ARNs to handlers")
    handlers: dict[str, str] = {}
    endpoints: dict[str, str] = {}
    for arn, target in value.items():
        here = f"{where}[{arn!r}]"
        _check_arn(arn, here)
        if isinstance(target, str):
            _check_handler(target, here)
            handlers[arn] = target
        elif isinstance(target, dict):
            unknown = set(target) - {"Endpoint"}
            if unknown or "Endpoint" not in target:
                raise TriggerConfigError(f"{here}: expected {{\"Endpoint\": URL}}, got keys {sorted(target)}")
            endpoint = target["Endpoint"]
            if not isinstance(endpoint, str) or not _URL.match(endpoint):
                raise TriggerConfigError(f"{here}.Endpoint: expected an http(s) URL")
            endpoints[arn] = endpoint
        else:
            raise TriggerConfigError(f"{here}: expected \"package.module:function\" or {{\"Endpoint\": URL}}")
    return TriggerConfig(handlers, endpoints)


def _check_arn(arn: Any, where: str) -> None:
    if not isinstance(arn, str) or not _ARN.match(arn):
        raise TriggerConfigError(f"{where}: {arn!r} is not a Lambda function ARN")


def _check_handler(spec: str, where: str) -> None:
    if not _HANDLER.match(spec):
        raise TriggerConfigError(f"{where}: {spec!r} is not package.module:function")
