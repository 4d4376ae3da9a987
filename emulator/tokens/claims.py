"""The claims of Cognito's ID and access tokens (reference §6.2/§6.3), from plain values.

Inputs are plain dataclasses so this module knows nothing of the user-pool model: the caller
(sign-in, refresh, hosted UI) resolves the user, its readable attributes and its groups first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

ADMIN_SCOPE = "aws.cognito.signin.user.admin"
DEFAULT_VALIDITY_SECONDS = 3600

# Attributes Cognito puts in the ID token as JSON booleans; every other attribute is a string.
BOOLEAN_ATTRIBUTES = frozenset({"email_verified", "phone_number_verified"})
STANDARD_ATTRIBUTES = frozenset({
    "address", "birthdate", "email", "email_verified", "family_name", "gender", "given_name",
    "identities", "locale", "middle_name", "name", "nickname", "phone_number", "phone_number_verified",
    "picture", "preferred_username", "profile", "sub", "updated_at", "website", "zoneinfo",
})


@dataclass(frozen=True, slots=True)
class GroupClaim:
    """What a token needs of one group the user belongs to."""

    name: str
    role_arn: str | None = None
    precedence: int | None = None


GroupLike = GroupClaim | tuple[str, str | None, int | None]


# Claims a PreTokenGeneration trigger may not add, change or suppress (reference triggers.md §4.6);
# attempts are ignored (AWS's reaction unverified).
PROTECTED_CLAIMS = frozenset({
    "acr", "amr", "aud", "at_hash", "auth_time", "azp", "cognito:username", "exp", "iat", "identities", "iss",
    "jti", "nbf", "nonce", "origin_jti", "sub", "token_use",
})
PROTECTED_ACCESS_CLAIMS = PROTECTED_CLAIMS | {"client_id", "scope", "username", "device_key", "event_id", "version"}


@dataclass(frozen=True, slots=True)
class TokenEdit:
    """What a PreTokenGeneration answer does to one token."""

    add: Mapping[str, Any] = field(default_factory=dict)
    suppress: frozenset[str] = frozenset()
    scopes_add: tuple[str, ...] = ()
    scopes_suppress: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ClaimOverrides:
    """A PreTokenGeneration answer: per-token edits, and groups replacing the user's in both
    tokens (None keeps them)."""

    id: TokenEdit = TokenEdit()
    access: TokenEdit = TokenEdit()
    groups: Sequence[GroupLike] | None = None
    roles: Sequence[str] | None = None
    preferred_role: str | None = None


def apply_edit(claims: dict[str, Any], edit: TokenEdit, protected: frozenset[str]) -> None:
    """Suppress beats add when a claim is in both lists [doc]."""
    for name, value in edit.add.items():
        if name not in protected and name not in edit.suppress:
            claims[name] = value
    for name in edit.suppress:
        if name not in protected:
            claims.pop(name, None)


@dataclass(frozen=True, slots=True)
class TokenGrant:
    """Everything one ID + access token pair says about a sign-in.

    ``origin_jti`` is the sign-in's id, kept across refreshes (RevokeToken revokes by it);
    ``auth_time`` is when the user authenticated (also kept across refreshes); ``now`` is the
    injected clock's time at issue. ``attributes`` are the user's readable attributes by wire
    name (custom ones may be given with or without ``custom:``); ``groups`` keep caller order.
    """

    pool_id: str
    client_id: str
    issuer: str
    username: str
    sub: str
    origin_jti: str
    auth_time: float
    now: float
    attributes: Mapping[str, str] = field(default_factory=dict)
    groups: Sequence[GroupLike] = ()
    id_validity: int = DEFAULT_VALIDITY_SECONDS
    access_validity: int = DEFAULT_VALIDITY_SECONDS
    scope: str = ADMIN_SCOPE
    device_key: str | None = None
    id_extra: Mapping[str, Any] = field(default_factory=dict)  # nonce, at_hash (hosted UI)
    access_extra: Mapping[str, Any] = field(default_factory=dict)  # version (OAuth endpoints)
    overrides: ClaimOverrides | None = None  # a PreTokenGeneration trigger's answer


def as_groups(groups: Iterable[GroupLike]) -> list[GroupClaim]:
    return [g if isinstance(g, GroupClaim) else GroupClaim(*g) for g in groups]


def preferred_role(groups: Iterable[GroupClaim]) -> str | None:
    """The role of the lowest-Precedence group that has one (null Precedence ranks last).

    Ties at that precedence leave the claim out unless every tied group has the same role ARN
    (botocore's CreateGroup ``Precedence`` documentation).
    """
    with_roles = [g for g in groups if g.role_arn]
    if not with_roles:
        return None

    def rank(group: GroupClaim) -> float:
        return float("inf") if group.precedence is None else group.precedence

    best = min(rank(g) for g in with_roles)
    roles = {g.role_arn for g in with_roles if rank(g) == best}
    return roles.pop() if len(roles) == 1 else None


def group_claims(groups: Sequence[GroupLike], *, with_roles: bool) -> dict[str, Any]:
    """``cognito:groups`` (both tokens) and, for the ID token, ``cognito:roles`` / ``preferred_role``."""
    resolved = as_groups(groups)
    if not resolved:
        return {}
    claims: dict[str, Any] = {"cognito:groups": [g.name for g in resolved]}
    if with_roles:
        roles = list(dict.fromkeys(g.role_arn for g in resolved if g.role_arn))
        if roles:
            claims["cognito:roles"] = roles
        preferred = preferred_role(resolved)
        if preferred is not None:
            claims["cognito:preferred_role"] = preferred
    return claims


def identities_claim(listed: Any) -> Any:
    """Tokens carry every member of an identity as a string (``"primary":"true"``,
    ``"dateCreated":"1583..."``) where the attribute has a boolean and a number [obs]; null stays."""
    if not isinstance(listed, list):
        return listed
    def text(value: Any) -> Any:
        if isinstance(value, bool):
            return "true" if value else "false"
        return value if value is None or isinstance(value, str) else str(value)
    return [{k: text(v) for k, v in entry.items()} if isinstance(entry, dict) else entry for entry in listed]


def attribute_claim(name: str, value: str) -> tuple[str, Any]:
    """One attribute as the ID token carries it: verified flags as booleans, identities as JSON."""
    if name in BOOLEAN_ATTRIBUTES:
        return name, value.strip().lower() == "true"
    if name == "identities":
        try:
            listed = json.loads(value)
        except ValueError:
            return name, value
        return name, identities_claim(listed)
    if ":" not in name and name not in STANDARD_ATTRIBUTES:
        name = f"custom:{name}"
    return name, str(value)


def attribute_claims(attributes: Mapping[str, str]) -> dict[str, Any]:
    claims: dict[str, Any] = {}
    for name, value in attributes.items():
        if name == "sub" or name.startswith("dev:"):  # sub comes from the grant; dev: never leaves
            continue
        key, converted = attribute_claim(name, value)
        claims[key] = converted
    return claims


def id_token_claims(grant: TokenGrant, *, jti: str, event_id: str) -> dict[str, Any]:
    iat = int(grant.now)
    claims: dict[str, Any] = {"sub": grant.sub, **_groups(grant, with_roles=True)}
    claims.update(attribute_claims(grant.attributes))
    claims.update({
        "iss": grant.issuer,
        "cognito:username": grant.username,
        "origin_jti": grant.origin_jti,
        "aud": grant.client_id,
        "event_id": event_id,
        "token_use": "id",
        "auth_time": int(grant.auth_time),
        "exp": iat + int(grant.id_validity),
        "iat": iat,
        "jti": jti,
    })
    claims.update(grant.id_extra)
    if grant.overrides is not None:
        apply_edit(claims, grant.overrides.id, PROTECTED_CLAIMS)
    return claims


def access_token_claims(grant: TokenGrant, *, jti: str, event_id: str) -> dict[str, Any]:
    iat = int(grant.now)
    claims: dict[str, Any] = {"sub": grant.sub}
    if grant.device_key is not None:
        claims["device_key"] = grant.device_key
    claims.update(_groups(grant, with_roles=False))
    claims.update({
        "iss": grant.issuer,
        "client_id": grant.client_id,
        "origin_jti": grant.origin_jti,
        "event_id": event_id,
        "token_use": "access",
        "scope": _scope(grant),
        "auth_time": int(grant.auth_time),
        "exp": iat + int(grant.access_validity),
        "iat": iat,
        "jti": jti,
        "username": grant.username,
    })
    claims.update(grant.access_extra)
    if grant.overrides is not None:
        apply_edit(claims, grant.overrides.access, PROTECTED_ACCESS_CLAIMS)
    return claims


@dataclass(frozen=True, slots=True)
class ClientGrant:
    """A client-credentials access token: the app client is its own subject, no user."""

    pool_id: str
    client_id: str
    issuer: str
    scope: str
    now: float
    validity: int = DEFAULT_VALIDITY_SECONDS
    overrides: ClaimOverrides | None = None


def client_token_claims(grant: ClientGrant, *, jti: str) -> dict[str, Any]:
    """As AWS's M2M tokens: ``sub`` = ``client_id``, ``version`` 2, no username, groups or
    origin_jti (hosted-ui.md §1.6)."""
    iat = int(grant.now)
    claims: dict[str, Any] = {
        "sub": grant.client_id, "token_use": "access", "scope": grant.scope, "auth_time": iat,
        "iss": grant.issuer, "exp": iat + int(grant.validity), "iat": iat, "version": 2, "jti": jti,
        "client_id": grant.client_id,
    }
    if grant.overrides is not None:
        edit = grant.overrides.access
        scopes = [s for s in grant.scope.split() if s not in edit.scopes_suppress]
        scopes += [s for s in edit.scopes_add if s not in scopes and s not in edit.scopes_suppress]
        claims["scope"] = " ".join(scopes)
        apply_edit(claims, edit, PROTECTED_ACCESS_CLAIMS)
    return claims


def _groups(grant: TokenGrant, *, with_roles: bool) -> dict[str, Any]:
    """The user's groups, or the trigger's ``groupOverrideDetails`` (which also sets the roles)."""
    overrides = grant.overrides
    if overrides is None or overrides.groups is None:
        return group_claims(grant.groups, with_roles=with_roles)
    claims: dict[str, Any] = {}
    names = [g.name for g in as_groups(overrides.groups)]
    if names:
        claims["cognito:groups"] = names
    if with_roles and overrides.roles:
        claims["cognito:roles"] = list(overrides.roles)
    if with_roles and overrides.preferred_role:
        claims["cognito:preferred_role"] = overrides.preferred_role
    return claims


def _scope(grant: TokenGrant) -> str:
    if grant.overrides is None:
        return grant.scope
    edit = grant.overrides.access
    scopes = [s for s in grant.scope.split() if s not in edit.scopes_suppress]
    scopes += [s for s in edit.scopes_add if s not in scopes and s not in edit.scopes_suppress]
    return " ".join(scopes)
