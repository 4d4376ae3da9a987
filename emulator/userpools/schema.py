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
    raw_name = entry.get("Name")
    if not raw_name:
        raise InvalidParameterException("Attribute name must not be empty.")
    if creating and raw_name in STANDARD_ATTRIBUTES:
        return _adjusted_standard(schema[raw_name], entry)
    name = raw_name if raw_name.startswith(("custom:", "dev:")) else f"custom:{raw_name}"
    if name in schema:
        raise InvalidParameterException(f"Existing attribute already has name {name}.")
    if entry.get("Required"):
        raise InvalidParameterException("Required custom attributes are not supported currently.")
    data_type = entry.get("AttributeDataType", "String")
    attribute = SchemaAttribute(
        name=name,
        data_type=data_type,
        developer_only=bool(entry.get("DeveloperOnlyAttribute", False)),
        mutable=bool(entry.get("Mutable", True)),
        required=False,
    )
    if data_type == "String":
        attribute.string_constraints = dict(entry.get("StringAttributeConstraints") or {})
    elif data_type == "Number":
        attribute.number_constraints = dict(entry.get("NumberAttributeConstraints") or {})
    return attribute


def _adjusted_standard(current: SchemaAttribute, entry: dict[str, Any]) -> SchemaAttribute:
    data_type = entry.get("AttributeDataType", current.data_type)
    if data_type != current.data_type:
        raise InvalidParameterException(
            f"{current.name} attribute data type cannot be changed to {data_type}."
        )
    if current.name == "sub" and (entry.get("Mutable") or entry.get("Required") is False):
        raise InvalidParameterException("sub attribute cannot be changed.")
    adjusted = SchemaAttribute(
        name=current.name,
        data_type=current.data_type,
        mutable=bool(entry.get("Mutable", current.mutable)),
        required=bool(entry.get("Required", current.required)),
        number_constraints=current.number_constraints,
        string_constraints=dict(entry.get("StringAttributeConstraints") or current.string_constraints or {})
        if current.data_type == "String" else None,
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
