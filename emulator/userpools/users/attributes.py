"""User attributes against the pool schema and the client's read/write permissions,
with AWS's error wording, plus the masked destinations of CodeDeliveryDetails."""

from __future__ import annotations

import re
from typing import Any

from emulator.userpools.model import UserPool, UserPoolClient
from emulator.wire.errors import InvalidParameterException, NotAuthorizedException

VERIFIED_FLAGS = {"email": "email_verified", "phone_number": "phone_number_verified"}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
_PHONE = re.compile(r"^\+[0-9]{4,15}$")
UNAUTHORIZED_WRITE = "A client attempted to write unauthorized attribute"


def as_dict(attribute_list: list[dict[str, Any]] | None) -> dict[str, str]:
    """[{Name, Value}] -> {name: value}; a missing Value means the empty string, as in AWS."""
    return {item["Name"]: item.get("Value", "") for item in attribute_list or []}


def as_list(attributes: dict[str, str]) -> list[dict[str, str]]:
    return [{"Name": name, "Value": value} for name, value in attributes.items()]


def schema_error(name: str, reason: str) -> InvalidParameterException:
    return InvalidParameterException(f"Attributes did not conform to the schema: {name}: {reason}")


def check_values(pool: UserPool, attributes: dict[str, str], *, creating: bool) -> None:
    """Names exist, mutability, constraints and email/phone formats. Booleans are accepted in
    any case (``True``, ``FALSE``: AWS does) and stored as ``true``/``false`` in ``attributes``."""
    for name, value in list(attributes.items()):
        attribute = pool.schema.get(name)
        if attribute is None:
            raise schema_error(name, "Attribute does not exist in the schema.")
        if name == "sub" or (not creating and not attribute.mutable):
            raise schema_error(name, "Attribute cannot be updated. (changing an immutable attribute)")
        if attribute.data_type == "Boolean":
            if value.lower() not in ("true", "false"):
                raise schema_error(name, "Attribute value must be a boolean (true or false).")
            attributes[name] = value = value.lower()
        if attribute.data_type == "Number" and value and not _is_number(value):
            raise schema_error(name, "Attribute value must be a number.")
        constraints = attribute.string_constraints or {}
        if "MaxLength" in constraints and len(value) > int(constraints["MaxLength"]):
            raise schema_error(name, f"String must be no longer than {constraints['MaxLength']} characters")
        if "MinLength" in constraints and value and len(value) < int(constraints["MinLength"]):
            raise schema_error(name, f"String must be no shorter than {constraints['MinLength']} characters")
        if name == "email" and value and not _EMAIL.match(value):
            raise InvalidParameterException("Invalid email address format.")
        if name == "phone_number" and value and not _PHONE.match(value):
            raise InvalidParameterException("Invalid phone number format.")


def check_required(pool: UserPool, attributes: dict[str, str]) -> None:
    for name, attribute in pool.schema.items():
        if attribute.required and name != "sub" and not attributes.get(name):
            raise schema_error(name, "The attribute is required")


def check_writable(client: UserPoolClient, names: list[str]) -> None:
    """Self-service writes obey the client's WriteAttributes (unset: every non-developer
    attribute except the ``*_verified`` flags, which only Cognito or an administrator sets:
    a user cannot mark their own email verified without the code; guess, see reference §7.5)."""
    allowed = client.write_attributes
    for name in names:
        if allowed is None:
            refused = name.startswith("dev:") or name in VERIFIED_FLAGS.values()
        else:
            refused = name.startswith("dev:") or name not in allowed
        if refused:
            raise NotAuthorizedException(UNAUTHORIZED_WRITE)


def readable(attributes: dict[str, str], client: UserPoolClient | None) -> dict[str, str]:
    """What the client may read (unset ReadAttributes: all but developer-only attributes)."""
    allowed = client.read_attributes if client is not None else None
    return {
        name: value for name, value in attributes.items()
        if name == "sub" or (not name.startswith("dev:") and (allowed is None or name in allowed))
    }


def mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain[:1]}***"


def mask_phone(phone: str) -> str:
    return "+" + "*" * max(len(phone) - 5, 0) + phone[-4:]


def delivery_details(attribute: str, value: str) -> dict[str, str]:
    """CodeDeliveryDetails for a code sent to ``attribute`` (email or phone_number)."""
    if attribute == "email":
        return {"Destination": mask_email(value), "DeliveryMedium": "EMAIL", "AttributeName": "email"}
    return {"Destination": mask_phone(value), "DeliveryMedium": "SMS", "AttributeName": "phone_number"}


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True
