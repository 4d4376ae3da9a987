"""The events Cognito sends to trigger functions (reference triggers.md §2, §4): the common
envelope and the pieces every trigger shares. Optional request members that are absent are
left out, not sent as ``{}``/``false`` (a captured DefineAuthChallenge event had neither)."""

from __future__ import annotations

from typing import Any

from emulator.userpools.model import UserPool
from emulator.userpools.users.identity import alias_values
from emulator.userpools.users.model import User

CLIENT_ID_NOT_APPLICABLE = "CLIENT_ID_NOT_APPLICABLE"  # [obs] Admin* calls, made without an app client
SDK_VERSION = "aws-sdk-unknown-unknown"  # [obs] what browsers and the hosted UI get; per-SDK values unverified
_ALIAS_MARKERS = {"email": "cognito:email_alias", "phone_number": "cognito:phone_number_alias"}


def envelope(pool: UserPool, region: str, source: str, username: str, client_id: str | None,
             request: dict[str, Any], response: dict[str, Any], version: str = "1") -> dict[str, Any]:
    return {
        "version": version,
        "triggerSource": source,
        "region": region,
        "userPoolId": pool.id,
        "userName": username,
        "callerContext": {"awsSdkVersion": SDK_VERSION, "clientId": client_id or CLIENT_ID_NOT_APPLICABLE},
        "request": request,
        "response": response,
    }


def user_attributes(pool: UserPool, user: User) -> dict[str, str]:
    """Strings only, with ``sub``, ``cognito:user_status`` and, in alias pools, the alias markers."""
    attributes = {name: str(value) for name, value in user.attributes.items()}
    attributes["cognito:user_status"] = user.status
    if pool.alias_attributes:
        for attribute, value in alias_values(pool, user).items():
            marker = _ALIAS_MARKERS.get(attribute)
            if marker is not None:
                attributes[marker] = value
    return attributes


def with_optional(request: dict[str, Any], **members: Any) -> dict[str, Any]:
    """Add the members that have a value (``clientMetadata``, ``validationData``, ``userNotFound``)."""
    request.update({name: value for name, value in members.items() if value not in (None, {}, False)})
    return request


def validation_data(entries: list[dict[str, str]] | None) -> dict[str, str] | None:
    """SignUp's ``ValidationData`` list of {Name, Value} becomes a map."""
    if not entries:
        return None
    return {entry["Name"]: entry.get("Value", "") for entry in entries}
