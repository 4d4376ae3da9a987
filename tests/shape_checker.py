"""Strict checks of every response body against its operation's botocore output shape.

botocore itself is lenient (it drops unknown members, accepts nulls), so a wrong answer
from the emulator could pass unnoticed. ``attach(client)`` makes every successful call
through that client fail loudly on an unknown member, a wrong JSON type, a null, or a
missing required member.
"""

from __future__ import annotations

import json
from typing import Any

from botocore.model import OperationModel, Shape, StructureShape


class ShapeMismatch(AssertionError):
    pass


def check_output(operation: OperationModel, body: bytes) -> None:
    data = json.loads(body or b"{}")
    if not isinstance(data, dict):
        raise ShapeMismatch(f"{operation.name}: response body is not a JSON object")
    shape = operation.output_shape
    if shape is None:
        if data:
            raise ShapeMismatch(f"{operation.name}: expected an empty object, got {data}")
        return
    _check(shape, data, operation.name)


def _check(shape: Shape, value: Any, path: str) -> None:
    kind = shape.type_name
    if value is None:
        raise ShapeMismatch(f"{path}: null is never sent by AWS (omit the member)")
    if kind == "structure" and shape.metadata.get("document"):
        if not isinstance(value, dict):  # a document: any JSON object (branding Settings)
            raise ShapeMismatch(f"{path}: expected a JSON object document, got {value!r}")
        return
    if kind == "structure":
        assert isinstance(shape, StructureShape)
        if not isinstance(value, dict):
            raise ShapeMismatch(f"{path}: expected object, got {value!r}")
        unknown = set(value) - set(shape.members)
        if unknown:
            raise ShapeMismatch(f"{path}: unknown members {sorted(unknown)}")
        for name in shape.required_members:
            if name not in value:
                raise ShapeMismatch(f"{path}: missing required member {name}")
        for name, member_value in value.items():
            _check(shape.members[name], member_value, f"{path}.{name}")
    elif kind == "list":
        if not isinstance(value, list):
            raise ShapeMismatch(f"{path}: expected list, got {value!r}")
        for index, item in enumerate(value):
            _check(shape.member, item, f"{path}[{index}]")  # type: ignore[attr-defined]
    elif kind == "map":
        if not isinstance(value, dict):
            raise ShapeMismatch(f"{path}: expected map, got {value!r}")
        for key, item in value.items():
            _check(shape.value, item, f"{path}[{key!r}]")  # type: ignore[attr-defined]
    elif kind == "string":
        if not isinstance(value, str):
            raise ShapeMismatch(f"{path}: expected string, got {value!r}")
        if shape.enum and value not in shape.enum:
            raise ShapeMismatch(f"{path}: {value!r} not in enum {shape.enum}")
    elif kind in ("integer", "long"):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ShapeMismatch(f"{path}: expected integer, got {value!r}")
    elif kind == "boolean":
        if not isinstance(value, bool):
            raise ShapeMismatch(f"{path}: expected boolean, got {value!r}")
    elif kind == "timestamp":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ShapeMismatch(f"{path}: expected epoch-seconds number, got {value!r}")
    elif kind in ("double", "float"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ShapeMismatch(f"{path}: expected number, got {value!r}")


def attach(client: Any) -> Any:
    """Check every 2xx response of this boto3 client against its output shape."""

    def before_parse(operation_model: OperationModel, response_dict: dict[str, Any], **_: Any) -> None:
        if 200 <= response_dict["status_code"] < 300:
            check_output(operation_model, response_dict["body"])

    client.meta.events.register("before-parse", before_parse)
    return client
