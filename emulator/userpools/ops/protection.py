"""SetRiskConfiguration, DescribeRiskConfiguration (threat protection, per app client or for the
whole pool), SetLogDeliveryConfiguration, GetLogDeliveryConfiguration (log export).

Stored, checked and described back; ``userpools/risk`` applies the risk configuration to sign-ins
(with levels a tester schedules: there is no risk engine); no logs are shipped."""

from __future__ import annotations

from typing import Any

from emulator.runtime import Context
from emulator.userpools.config.model import ALL_CLIENTS, LogDelivery, RiskConfiguration
from emulator.userpools.config.store import key
from emulator.userpools.lookup import get_client, get_pool
from emulator.userpools.model import UserPool
from emulator.wire.errors import FeatureUnavailableInTierException, InvalidParameterException
from emulator.wire.registry import Params, Result, user_pools

_RISK_MEMBERS = (("CompromisedCredentialsRiskConfiguration", "compromised_credentials"),
                 ("AccountTakeoverRiskConfiguration", "account_takeover"),
                 ("RiskExceptionConfiguration", "risk_exceptions"))
_DESTINATIONS = ("CloudWatchLogsConfiguration", "S3Configuration", "FirehoseConfiguration")
# Which level each log source exports (developer guide, "Exporting user pool logs").
_LOG_LEVELS = {"userNotification": "ERROR", "userAuthEvents": "INFO"}


def _check_takeover(config: dict[str, Any] | None) -> None:
    """Notifying users of a risky sign-in needs somewhere to send the email from."""
    if not config:
        return
    actions = config.get("Actions") or {}
    notifies = any((actions.get(level) or {}).get("Notify") for level in ("LowAction", "MediumAction", "HighAction"))
    if notifies and not config.get("NotifyConfiguration"):
        raise InvalidParameterException("NotifyConfiguration is required when any action notifies the user.")


def _risk_view(risk: RiskConfiguration) -> dict[str, Any]:
    view: dict[str, Any] = {"UserPoolId": risk.user_pool_id, "LastModifiedDate": risk.modified}
    if risk.client_id != ALL_CLIENTS:
        view["ClientId"] = risk.client_id
    for member, attribute in _RISK_MEMBERS:
        view[member] = getattr(risk, attribute)
    return view


@user_pools.operation("SetRiskConfiguration")
def set_risk_configuration(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    client_id = params.get("ClientId") or ALL_CLIENTS
    if client_id != ALL_CLIENTS:
        get_client(ctx.store, pool.id, client_id)
    _check_takeover(params.get("AccountTakeoverRiskConfiguration"))
    risk = RiskConfiguration(pool.id, client_id, ctx.now())
    for member, attribute in _RISK_MEMBERS:
        setattr(risk, attribute, params.get(member))
    ctx.config.risk[key(pool.id, client_id)] = risk
    return {"RiskConfiguration": _risk_view(risk)}


@user_pools.operation("DescribeRiskConfiguration")
def describe_risk_configuration(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    client_id = params.get("ClientId")
    if client_id:
        get_client(ctx.store, pool.id, client_id)
        own = dict.get(ctx.config.risk, key(pool.id, client_id))
        if own is not None:
            return {"RiskConfiguration": _risk_view(own)}
    pooled = dict.get(ctx.config.risk, key(pool.id, ALL_CLIENTS))
    if pooled is not None:  # a client without its own configuration uses the pool's
        return {"RiskConfiguration": _risk_view(pooled)}
    empty: dict[str, Any] = {"UserPoolId": pool.id}
    if client_id:
        empty["ClientId"] = client_id
    return {"RiskConfiguration": empty}


def _check_log_configurations(pool: UserPool, configurations: list[dict[str, Any]]) -> None:
    sources = [c["EventSource"] for c in configurations]
    if len(set(sources)) != len(sources):
        raise InvalidParameterException("Each EventSource can be configured only once.")
    for configuration in configurations:
        source = configuration["EventSource"]
        destinations = [d for d in _DESTINATIONS if configuration.get(d)]
        if len(destinations) != 1:
            raise InvalidParameterException(
                f"Exactly one destination must be configured for EventSource {source}.")
        if configuration["LogLevel"] != _LOG_LEVELS[source]:
            raise InvalidParameterException(
                f"LogLevel {configuration['LogLevel']} is not supported for EventSource {source}.")
        if source == "userAuthEvents" and pool.tier != "PLUS":
            raise FeatureUnavailableInTierException(
                "Exporting user auth events requires the PLUS feature plan.")


@user_pools.operation("SetLogDeliveryConfiguration")
def set_log_delivery_configuration(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    configurations = list(params["LogConfigurations"])
    _check_log_configurations(pool, configurations)
    delivery = LogDelivery(pool.id, configurations)
    ctx.config.log_delivery[key(pool.id, "log-delivery")] = delivery
    return {"LogDeliveryConfiguration": {"UserPoolId": pool.id, "LogConfigurations": configurations}}


@user_pools.operation("GetLogDeliveryConfiguration")
def get_log_delivery_configuration(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    delivery = dict.get(ctx.config.log_delivery, key(pool.id, "log-delivery"))
    configurations = list(delivery.log_configurations) if delivery is not None else []
    return {"LogDeliveryConfiguration": {"UserPoolId": pool.id, "LogConfigurations": configurations}}
