"""Which IAM role GetCredentialsForIdentity assumes for an identity (reference §8.3).

Unauthenticated identities get the pool's ``unauthenticated`` role. Authenticated ones get the
pool's ``authenticated`` role unless the login has a RoleMapping (keyed, for a user pool, by
``<provider>:<app client id>`` as AWS keys them): ``Token`` takes the
role from the ID token (CustomRoleArn if the token lists it, else ``cognito:preferred_role``, else
the only ``cognito:roles`` entry), ``Rules`` takes the first matching rule's role. When neither
decides, ``AmbiguousRoleResolution`` says: the default authenticated role, or deny.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from emulator.identitypools.logins import VerifiedLogin
from emulator.identitypools.model import IdentityPool
from emulator.wire.errors import InvalidIdentityPoolConfigurationException, NotAuthorizedException

NO_ROLE = "Invalid identity pool configuration. Check assigned IAM roles for this pool."
CUSTOM_ROLE_REFUSED = "Invalid CustomRoleArn."  # unverified wording


def default_role(pool: IdentityPool, kind: str) -> str:
    role = pool.roles.get(kind)
    if not role:
        raise InvalidIdentityPoolConfigurationException(NO_ROLE)
    return role


def unauthenticated_role(pool: IdentityPool) -> str:
    return default_role(pool, "unauthenticated")


def authenticated_role(pool: IdentityPool, logins: list[VerifiedLogin], custom_role_arn: str | None) -> str:
    """The first login whose provider has a RoleMapping decides; without one, the default role."""
    for login in logins:
        mapping = pool.role_mappings.get(login.role_mapping_key or login.provider)
        if mapping is not None:
            return _mapped_role(pool, login, mapping, custom_role_arn)
    return default_role(pool, "authenticated")


def _mapped_role(pool: IdentityPool, login: VerifiedLogin, mapping: dict[str, Any],
                 custom_role_arn: str | None) -> str:
    if mapping["Type"] == "Token":
        role = _role_from_token(login.claims, custom_role_arn)
    else:
        role = _role_from_rules(login.claims, mapping.get("RulesConfiguration", {}).get("Rules", []))
    if role is not None:
        return role
    if mapping.get("AmbiguousRoleResolution") == "AuthenticatedRole":
        return default_role(pool, "authenticated")
    key = login.role_mapping_key or login.provider
    raise NotAuthorizedException(f"The ambiguous role mapping rules for: {key} denied this request.")


def _role_from_token(claims: dict[str, Any], custom_role_arn: str | None) -> str | None:
    roles = claims.get("cognito:roles")
    roles = roles if isinstance(roles, list) else []
    if custom_role_arn is not None:
        if custom_role_arn not in roles:
            raise NotAuthorizedException(CUSTOM_ROLE_REFUSED)
        return custom_role_arn
    preferred = claims.get("cognito:preferred_role")
    if isinstance(preferred, str):
        return preferred
    return str(roles[0]) if len(roles) == 1 else None


def _role_from_rules(claims: dict[str, Any], rules: list[dict[str, Any]]) -> str | None:
    for rule in rules:
        value = claims.get(rule["Claim"])
        if value is None:
            continue  # a missing claim matches nothing, NotEqual included
        if _matches(rule["MatchType"], _as_strings(value), rule["Value"]):
            return str(rule["RoleARN"])
    return None


def _as_strings(value: Any) -> list[str]:
    """Claims compare as strings; a list claim (cognito:groups) matches if one element does."""
    if isinstance(value, list):
        return [_as_string(v) for v in value]
    return [_as_string(value)]


def _as_string(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


_MATCHERS: dict[str, Callable[[str, str], bool]] = {
    "Equals": lambda claim, wanted: claim == wanted,
    "Contains": lambda claim, wanted: wanted in claim,
    "StartsWith": lambda claim, wanted: claim.startswith(wanted),
}


def _matches(match_type: str, values: list[str], wanted: str) -> bool:
    if match_type == "NotEqual":
        return all(v != wanted for v in values)
    return any(_MATCHERS[match_type](v, wanted) for v in values)
