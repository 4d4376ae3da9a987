"""PreTokenGeneration V1_0, V2_0 and V3_0 (reference triggers.md §4.6): the event, and its
answer as ``ClaimOverrides`` for the token builder. One reader per version, in a table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from emulator.runtime import Context
from emulator.tokens.claims import ADMIN_SCOPE, ClaimOverrides, GroupClaim, TokenEdit, preferred_role
from emulator.triggers.errors import UNRECOGNIZABLE
from emulator.triggers.events import envelope, user_attributes, with_optional
from emulator.triggers.fire import fire
from emulator.userpools.model import UserPool
from emulator.userpools.users.model import User
from emulator.wire.errors import InvalidLambdaResponseException

TRIGGER = "PreTokenGeneration"
VERSIONS = {"V1_0": "1", "V2_0": "2", "V3_0": "3"}
RESPONSE_KEY = {"1": "claimsOverrideDetails", "2": "claimsAndScopeOverrideDetails",
                "3": "claimsAndScopeOverrideDetails"}


def token_trigger(pool: UserPool) -> tuple[str, str] | None:
    """(ARN, event version): PreTokenGenerationConfig wins; the legacy key is a V1_0 event."""
    config = pool.config.get("LambdaConfig") or {}
    versioned = config.get("PreTokenGenerationConfig")
    if isinstance(versioned, dict) and versioned.get("LambdaArn"):
        return versioned["LambdaArn"], VERSIONS.get(versioned.get("LambdaVersion") or "V1_0", "1")
    legacy = config.get(TRIGGER)
    return (legacy, "1") if legacy else None


async def token_overrides(ctx: Context, pool: UserPool, client_id: str, user: User, source: str,
                          client_metadata: dict[str, str] | None, scope: str = ADMIN_SCOPE
                          ) -> ClaimOverrides | None:
    found = token_trigger(pool)
    if found is None:
        return None
    arn, version = found
    groups = [pool.groups.get(name) for name in sorted(user.groups)]
    claims = [GroupClaim(g.name, g.role_arn, g.precedence) for g in groups if g is not None]
    request: dict[str, Any] = {
        "userAttributes": user_attributes(pool, user),
        "groupConfiguration": {
            "groupsToOverride": [g.name for g in claims],
            "iamRolesToOverride": [g.role_arn for g in claims if g.role_arn],
            "preferredRole": preferred_role(claims),
        },
    }
    if version != "1":
        request["scopes"] = scope.split()
    with_optional(request, clientMetadata=client_metadata)
    event = envelope(pool, pool.region, source, user.username, client_id, request,
                     {RESPONSE_KEY[version]: None}, version=version)
    response = await fire(ctx, pool, TRIGGER, event, arn=arn)
    if response is None:
        return None
    details = response.get(RESPONSE_KEY[version])
    if details is None:
        return None
    if not isinstance(details, dict):
        raise InvalidLambdaResponseException(UNRECOGNIZABLE)
    return READERS[version](details)


def _v1(details: dict[str, Any]) -> ClaimOverrides:
    """V1 edits the ID token only (claim values must be strings); groups go to both tokens."""
    edit = _edit(details, strings_only=True)
    return ClaimOverrides(id=edit, **_group_override(details))


def _v2(details: dict[str, Any]) -> ClaimOverrides:
    id_edit = _edit(_member(details, "idTokenGeneration"), strings_only=False)
    access = _member(details, "accessTokenGeneration")
    access_edit = _edit(access, strings_only=False)
    access_edit = TokenEdit(access_edit.add, access_edit.suppress, tuple(_strings(access, "scopesToAdd")),
                            frozenset(_strings(access, "scopesToSuppress")))
    return ClaimOverrides(id=id_edit, access=access_edit, **_group_override(details))


READERS: dict[str, Callable[[dict[str, Any]], ClaimOverrides]] = {"1": _v1, "2": _v2, "3": _v2}


def _member(details: dict[str, Any], name: str) -> dict[str, Any]:
    value = details.get(name)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InvalidLambdaResponseException(UNRECOGNIZABLE)
    return value


def _edit(section: dict[str, Any], *, strings_only: bool) -> TokenEdit:
    add = section.get("claimsToAddOrOverride") or {}
    if not isinstance(add, dict) or (strings_only and not all(isinstance(v, str) for v in add.values())):
        raise InvalidLambdaResponseException(UNRECOGNIZABLE)  # [obs] V1 refuses arrays
    return TokenEdit(add=add, suppress=frozenset(_strings(section, "claimsToSuppress")))


def _strings(section: dict[str, Any], name: str) -> list[str]:
    value = section.get(name) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidLambdaResponseException(UNRECOGNIZABLE)
    return value


def _group_override(details: dict[str, Any]) -> dict[str, Any]:
    """Absent: the user's groups stay (unverified); null or {}: no groups [doc]."""
    if "groupOverrideDetails" not in details:
        return {}
    group = details["groupOverrideDetails"] or {}
    if not isinstance(group, dict):
        raise InvalidLambdaResponseException(UNRECOGNIZABLE)
    preferred = group.get("preferredRole")
    if preferred is not None and not isinstance(preferred, str):
        raise InvalidLambdaResponseException(UNRECOGNIZABLE)
    return {"groups": [GroupClaim(name) for name in _strings(group, "groupsToOverride")],
            "roles": _strings(group, "iamRolesToOverride"), "preferred_role": preferred}


async def client_credentials_overrides(ctx: Context, pool: UserPool, client_id: str, scope: str,
                                       client_metadata: dict[str, str] | None) -> ClaimOverrides | None:
    """``TokenGeneration_ClientCredentials``: only a V3_0 trigger hears of M2M tokens [doc]. No user:
    ``userName`` is the client id and ``userAttributes`` empty [unverified]."""
    found = token_trigger(pool)
    if found is None or found[1] != "3":
        return None
    arn, version = found
    request: dict[str, Any] = {"userAttributes": {}, "groupConfiguration": {
        "groupsToOverride": [], "iamRolesToOverride": [], "preferredRole": None}, "scopes": scope.split()}
    with_optional(request, clientMetadata=client_metadata)
    event = envelope(pool, pool.region, "TokenGeneration_ClientCredentials", client_id, client_id, request,
                     {RESPONSE_KEY[version]: None}, version=version)
    response = await fire(ctx, pool, TRIGGER, event, arn=arn)
    details = None if response is None else response.get(RESPONSE_KEY[version])
    if details is None:
        return None
    if not isinstance(details, dict):
        raise InvalidLambdaResponseException(UNRECOGNIZABLE)
    return READERS[version](details)
