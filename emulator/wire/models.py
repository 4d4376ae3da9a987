"""botocore's service models, read once: the single source of wire truth.

Operation names, input shapes and constraints come from the ``service-2.json`` files that
botocore ships, so the emulator follows the installed botocore instead of a hand-typed
copy. They are read directly (without importing botocore, whose import tree costs more
start-up time than the rest of the emulator) into a small ``Shape`` with the parts of
botocore's shape API that validation uses.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from emulator.wire import model_cache

USER_POOLS = "cognito-idp"
IDENTITY_POOLS = "cognito-identity"

# Shape keys that constrain values (botocore calls these the shape's metadata).
_CONSTRAINTS = ("min", "max", "pattern", "enum", "sensitive", "document")

# Where the live service checks differently from the published model, as observed in
# AWS's own error messages: passwords may contain inner spaces (reference §1.4).
SERVER_PATTERNS = {"PasswordType": r"^[\S]+.*[\S]+$"}


class Shape:
    """One shape of a model, its member shapes resolved on first use."""

    def __init__(self, service: ServiceModel, name: str, spec: dict[str, Any],
                 member_traits: dict[str, Any] | None = None) -> None:
        self._service = service
        self.name = name
        self.type_name: str = spec["type"]
        self.metadata: dict[str, Any] = {k: spec[k] for k in _CONSTRAINTS if k in spec}
        if name in SERVER_PATTERNS:
            self.metadata["pattern"] = SERVER_PATTERNS[name]
        for trait, value in (member_traits or {}).items():
            if trait in _CONSTRAINTS:
                self.metadata[trait] = value
        self._spec = spec

    @property
    def service_name(self) -> str:
        """The botocore name of the service whose model holds this shape."""
        return self._service.name

    @cached_property
    def enum(self) -> tuple[str, ...]:
        return tuple(self.metadata.get("enum", ()))

    @cached_property
    def required_members(self) -> frozenset[str]:
        return frozenset(self._spec.get("required", ()))

    @cached_property
    def members(self) -> dict[str, Shape]:
        return {name: self._service.resolve(ref) for name, ref in self._spec.get("members", {}).items()}

    @cached_property
    def member(self) -> Shape:
        return self._service.resolve(self._spec["member"])

    @cached_property
    def key(self) -> Shape:
        return self._service.resolve(self._spec["key"])

    @cached_property
    def value(self) -> Shape:
        return self._service.resolve(self._spec["value"])

    def __repr__(self) -> str:
        return f"Shape({self.name}: {self.type_name})"


@dataclass(slots=True)
class ServiceModel:
    name: str
    data: dict[str, Any]
    _shapes: dict[str, Shape] = field(default_factory=dict)
    _inputs: dict[str, Shape | None] = field(default_factory=dict)  # operation -> its input shape, once

    def resolve(self, ref: dict[str, Any]) -> Shape:
        traits = {k: v for k, v in ref.items() if k != "shape"}
        if traits:
            return Shape(self, ref["shape"], self.data["shapes"][ref["shape"]], traits)
        return self.shape(ref["shape"])

    def input_shape(self, operation: str) -> Shape | None:
        """The operation's input shape (None when it takes no input), resolved once per operation."""
        if operation not in self._inputs:
            ref = self.data["operations"][operation].get("input")
            self._inputs[operation] = self.resolve(ref) if ref else None
        return self._inputs[operation]

    def shape(self, name: str) -> Shape:
        found = self._shapes.get(name)
        if found is None:
            found = self._shapes[name] = Shape(self, name, self.data["shapes"][name])
        return found


@dataclass(frozen=True, slots=True)
class Service:
    """One AWS service as the wire sees it: its X-Amz-Target prefix and model."""

    name: str  # botocore service name, e.g. "cognito-idp"
    target_prefix: str  # e.g. "AWSCognitoIdentityProviderService"
    model: ServiceModel
    operation_names: frozenset[str]

    def input_shape(self, operation: str) -> Shape | None:
        """The operation's input shape (None when it takes no input)."""
        return self.model.input_shape(operation)


@cache
def load_service(service_name: str) -> Service:
    data = _read_model(service_name)
    model = ServiceModel(service_name, data)
    return Service(service_name, data["metadata"]["targetPrefix"], model, frozenset(data["operations"]))


def services_by_prefix() -> dict[str, Service]:
    services = (load_service(USER_POOLS), load_service(IDENTITY_POOLS))
    return {s.target_prefix: s for s in services}


def _read_model(service_name: str) -> dict[str, Any]:
    """The newest ``service-2.json`` botocore ships for the service (gzipped or not), without its
    documentation, through the compiled copy of ``model_cache``."""
    spec = importlib.util.find_spec("botocore")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("botocore is not installed; it provides the Cognito service models")
    service_dir = Path(next(iter(spec.submodule_search_locations))) / "data" / service_name
    version_dir = sorted(p for p in service_dir.iterdir() if p.is_dir())[-1]
    plain, packed = version_dir / "service-2.json", version_dir / "service-2.json.gz"
    source = plain if plain.exists() else packed

    def parse() -> dict[str, Any]:
        if source is plain:
            return dict(json.loads(plain.read_bytes()))
        import gzip  # only when there is no compiled copy yet

        return dict(json.loads(gzip.decompress(packed.read_bytes())))

    return model_cache.load(service_name, source, parse)
