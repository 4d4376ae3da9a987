"""GetProvisionedLimit, UpdateProvisionedLimit: the account's request-rate limits per API
category (``{"LimitClass": "API_CATEGORY", "Attributes": {"Category": "UserAuthentication"}}``).

The emulator enforces no rate limits; it stores what is provisioned and answers it back."""

from __future__ import annotations

from typing import Any

from emulator.runtime import Context
from emulator.userpools.config.model import ProvisionedLimit
from emulator.wire.errors import InvalidParameterException, ServiceQuotaExceededException
from emulator.wire.registry import Params, Result, user_pools

# Requests per second included at no cost ("Quotas in Amazon Cognito", API request rates).
FREE_LIMITS = {
    "UserAuthentication": 120, "UserCreation": 50, "UserFederation": 25, "UserAccountRecovery": 30,
    "UserRead": 120, "UserUpdate": 25, "UserResourceRead": 50, "UserResourceUpdate": 25, "UserList": 30,
    "UserPoolRead": 15, "UserPoolUpdate": 15, "UserPoolResourceRead": 20, "UserPoolResourceUpdate": 15,
    "UserPoolClientRead": 15, "UserPoolClientUpdate": 15, "UserToken": 2000, "ClientAuthentication": 150,
}
MAX_FACTOR = 10  # the account-level maximum, as a multiple of the free limit (guessed)


def _category(definition: dict[str, Any]) -> str:
    category = (definition.get("Attributes") or {}).get("Category")
    if set(definition.get("Attributes") or {}) != {"Category"} or category not in FREE_LIMITS:
        raise InvalidParameterException(
            f"Attributes must name one Category of: {', '.join(sorted(FREE_LIMITS))}.")
    return str(category)


def _view(category: str, value: int) -> dict[str, Any]:
    return {"Limit": {"LimitDefinition": {"LimitClass": "API_CATEGORY", "Attributes": {"Category": category}},
                      "ProvisionedLimitValue": value, "FreeLimitValue": FREE_LIMITS[category]}}


@user_pools.operation("GetProvisionedLimit")
def get_provisioned_limit(ctx: Context, params: Params) -> Result:
    category = _category(params["LimitDefinition"])
    stored = dict.get(ctx.config.limits, category)
    return _view(category, stored.value if stored is not None else FREE_LIMITS[category])


@user_pools.operation("UpdateProvisionedLimit")
def update_provisioned_limit(ctx: Context, params: Params) -> Result:
    category = _category(params["LimitDefinition"])
    value, free = params["RequestedLimitValue"], FREE_LIMITS[category]
    if value < free:
        raise InvalidParameterException(f"RequestedLimitValue must be at least the default limit of {free}.")
    if value > free * MAX_FACTOR:
        raise ServiceQuotaExceededException(
            f"RequestedLimitValue exceeds the account's maximum of {free * MAX_FACTOR} for {category}.")
    ctx.config.limits[category] = ProvisionedLimit("API_CATEGORY", {"Category": category}, value)
    return _view(category, value)
