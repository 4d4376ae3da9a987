"""The standard attribute schema AWS gives every pool, and how Schema / AddCustomAttributes
input extends it (custom names gain ``custom:``; standard names adjust the standard entry)."""

from __future__ import annotations

from typing import Any

from emulator.userpools.model import SchemaAttribute
from emulator.wire.errors import InvalidParameterException

_STRING = {"MinLength": "0", "MaxLength": "2048"}

# (name, type, mutable, required, constraints) in the order DescribeUserPool lists them.
_STANDARD: list[tuple[str, str, bool, bool, dict[str, str] | None]] = [
    ("sub", "String", False, True, {"MinLength": "1", "MaxLength": "2048"}),
    ("name", "String", True, False, _STRING),
    ("given_name", "String", True, False, _STRING),
    ("family_name", "String", True, False, _STRING),
    ("middle_name", "String", True, False, _STRING),
    ("nickname", "String", True, False, _STRING),
    ("preferred_username", "String", True, False, _STRING),
    ("profile", "String", True, False, _STRING),
    ("picture", "String", True, False, _STRING),
    ("website", "String", True, False, _STRING),
    ("email", "String", True, False, _STRING),
    ("email_verified", "Boolean", True, False, None),
    ("gender", "String", True, False, _STRING),
    ("birthdate", "String", True, False, {"MinLength": "10", "MaxLength": "10"}),
    ("zoneinfo", "String", True, False, _STRING),
    ("locale", "String", True, False, _STRING),
    ("phone_number", "String", True, False, _STRING),
    ("phone_number_verified", "Boolean", True, False, None),
    ("address", "String", True, False, _STRING),
    ("updated_at", "Number", True, False, None),
    ("identities", "String", True, False, {}),
]

STANDARD_ATTRIBUTES = frozenset(name for name, *_ in _STANDARD)
MAX_CUSTOM_ATTRIBUTES = 50
MAX_STRING_LENGTH = 2048


def standard_schema() -> dict[str, SchemaAttribute]:
    schema: dict[str, SchemaAttribute] = {}
    for name, data_type, mutable, required, constraints in _STANDARD:
        attribute = SchemaAttribute(name, data_type, mutable=mutable, required=required)
        if data_type == "String":
            attribute.string_constraints = dict(constraints or {})
        elif data_type == "Number":
            attribute.number_constraints = {"MinValue": "0"}
        schema[name] = attribute
    return schema


def apply_schema_input(schema: dict[str, SchemaAttribute], entries: list[dict[str, Any]], *,
                       creating: bool) -> None:
    """Validate every entry first, then apply all of them: an error changes nothing."""
    prepared = [_prepare(schema, entry, creating) for entry in entries]
    names = [attribute.name for attribute in prepared]
    if len(set(names)) != len(names):
        raise InvalidParameterException("Duplicate attribute names are not allowed in the schema.")
    custom_count = sum(1 for a in schema.values() if a.is_custom) + sum(1 for a in prepared if a.is_custom)
    if custom_count > MAX_CUSTOM_ATTRIBUTES:
        raise InvalidParameterException(f"A user pool can have at most {MAX_CUSTOM_ATTRIBUTES} custom attributes.")
    for attribute in prepared:
        schema[attribute.name] = attribute


def _prepare(schema: dict[str, SchemaAttribute], entry: dict[str, Any], creating: bool) -> SchemaAttribute:
    """One Schema / CustomAttributes entry checked as AWS checks it (messages as moto's tests
    record them): custom names gain ``custom:``, developer-only ones ``dev:custom:``."""
    raw_name = entry.get("Name")
    if not raw_name:
        raise InvalidParameterException("Attribute name must not be empty.")
    if creating and raw_name in STANDARD_ATTRIBUTES:
        return _adjusted_standard(schema[raw_name], entry)
    base = raw_name.removeprefix("dev:").removeprefix("custom:")
    developer_only = bool(entry.get("DeveloperOnlyAttribute", False)) or raw_name.startswith("dev:")
    name = f"dev:custom:{base}" if developer_only else f"custom:{base}"
    if name in schema:
        raise InvalidParameterException(f"custom:{base}: Existing attribute already has name {name}.")
    data_type = entry.get("AttributeDataType")
    if not data_type:
        raise InvalidParameterException(
            "Invalid AttributeDataType input, consider using the provided AttributeDataType enum.")
    if entry.get("Required"):
        raise InvalidParameterException("Required custom attributes are not supported currently.")
    attribute = SchemaAttribute(
        name=name,
        data_type=data_type,
        developer_only=developer_only,
        mutable=bool(entry.get("Mutable", True)),
        required=False,
    )
    if data_type == "String":
        attribute.string_constraints = _string_constraints(name, entry.get("StringAttributeConstraints") or {})
    elif data_type == "Number":
        attribute.number_constraints = _number_constraints(name, entry.get("NumberAttributeConstraints") or {})
    return attribute


def _limit(name: str, kind: str, value: str | None) -> int | None:
    """A constraint is a non-negative whole number written as a string."""
    if value is None or value == "":
        return None
    if not value.isdigit():
        raise InvalidParameterException(f"Invalid {kind} for schema attribute {name}")
    return int(value)


def _string_constraints(name: str, given: dict[str, str]) -> dict[str, str]:
    kind = "StringAttributeConstraints"
    low, high = _limit(name, kind, given.get("MinLength")), _limit(name, kind, given.get("MaxLength"))
    if (low or 0) > MAX_STRING_LENGTH or (high or 0) > MAX_STRING_LENGTH:
        raise InvalidParameterException(
            f"user.{name}: String attributes cannot have a length of more than {MAX_STRING_LENGTH}")
    if low is not None and high is not None and low > high:
        raise InvalidParameterException(f"user.{name}: Max length cannot be less than min length.")
    return dict(given)


def _number_constraints(name: str, given: dict[str, str]) -> dict[str, str]:
    kind = "NumberAttributeConstraints"
    low, high = _limit(name, kind, given.get("MinValue")), _limit(name, kind, given.get("MaxValue"))
    if low is not None and high is not None and low > high:
        raise InvalidParameterException(f"user.{name}: Max value cannot be less than min value.")
    return dict(given)


def _adjusted_standard(current: SchemaAttribute, entry: dict[str, Any]) -> SchemaAttribute:
    data_type = entry.get("AttributeDataType", current.data_type)
    if data_type != current.data_type or entry.get("DeveloperOnlyAttribute"):
        raise InvalidParameterException(
            "You can not change AttributeDataType or set developerOnlyAttribute for standard schema "
            f"attribute {current.name}")
    if current.name == "sub" and (entry.get("Mutable") or entry.get("Required") is False):
        raise InvalidParameterException("sub attribute cannot be changed.")
    strings = None
    if current.data_type == "String":
        given = entry.get("StringAttributeConstraints")
        strings = _string_constraints(current.name, given) if given else dict(current.string_constraints or {})
    numbers = current.number_constraints
    if current.data_type == "Number" and entry.get("NumberAttributeConstraints"):
        numbers = _number_constraints(current.name, entry["NumberAttributeConstraints"])
    adjusted = SchemaAttribute(
        name=current.name,
        data_type=current.data_type,
        mutable=bool(entry.get("Mutable", current.mutable)),
        required=bool(entry.get("Required", current.required)),
        number_constraints=numbers,
        string_constraints=strings,
    )
    return adjusted


def schema_view(attribute: SchemaAttribute) -> dict[str, Any]:
    view: dict[str, Any] = {
        "Name": attribute.name,
        "AttributeDataType": attribute.data_type,
        "DeveloperOnlyAttribute": attribute.developer_only,
        "Mutable": attribute.mutable,
        "Required": attribute.required,
    }
    if attribute.number_constraints is not None:
        view["NumberAttributeConstraints"] = attribute.number_constraints
    if attribute.string_constraints is not None:
        view["StringAttributeConstraints"] = attribute.string_constraints
    return view
