"""The risk configuration that applies to a sign-in, and what it says per risk level.

A client's own SetRiskConfiguration wins over the pool's, as DescribeRiskConfiguration shows it
[doc: SetRiskConfiguration "ClientId ... overrides the pool-level configuration"]."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from emulator.runtime import Context
from emulator.userpools.config.model import ALL_CLIENTS, RiskConfiguration
from emulator.userpools.config.store import key
from emulator.userpools.model import UserPool

AUDIT, ENFORCED = "AUDIT", "ENFORCED"
BLOCK, NO_ACTION = "BLOCK", "NO_ACTION"
MFA_IF_CONFIGURED, MFA_REQUIRED = "MFA_IF_CONFIGURED", "MFA_REQUIRED"
LEVELS = ("Low", "Medium", "High")
SIGN_IN, SIGN_UP, PASSWORD_CHANGE = "SIGN_IN", "SIGN_UP", "PASSWORD_CHANGE"
ALL_EVENTS = (SIGN_IN, SIGN_UP, PASSWORD_CHANGE)  # [doc] EventFilter "Defaults to all events"


@dataclass(frozen=True, slots=True)
class LevelAction:
    event_action: str  # BLOCK | MFA_IF_CONFIGURED | MFA_REQUIRED | NO_ACTION
    notify: bool


def mode(pool: UserPool) -> str | None:
    return (pool.config.get("UserPoolAddOns") or {}).get("AdvancedSecurityMode")


def effective(ctx: Context, pool: UserPool, client_id: str | None) -> RiskConfiguration | None:
    risk = ctx.config.risk
    own = dict.get(risk, key(pool.id, client_id)) if client_id else None
    return own if own is not None else dict.get(risk, key(pool.id, ALL_CLIENTS))


def takeover_action(config: RiskConfiguration | None, level: str) -> LevelAction | None:
    actions = ((config.account_takeover if config else None) or {}).get("Actions") or {}
    chosen = actions.get(f"{level}Action")
    if not chosen:
        return None
    return LevelAction(chosen["EventAction"], bool(chosen.get("Notify")))


def notify_configuration(config: RiskConfiguration | None) -> dict[str, Any]:
    return ((config.account_takeover if config else None) or {}).get("NotifyConfiguration") or {}


def compromised_action(config: RiskConfiguration | None, event: str) -> str | None:
    """BLOCK or NO_ACTION when the configuration watches ``event``; None when it does not."""
    compromised = (config.compromised_credentials if config else None) or {}
    if not compromised:
        return None
    if event not in (compromised.get("EventFilter") or ALL_EVENTS):
        return None
    return str((compromised.get("Actions") or {}).get("EventAction") or NO_ACTION)


def ip_ranges(config: RiskConfiguration | None, member: str) -> list[str]:
    return list(((config.risk_exceptions if config else None) or {}).get(member) or [])
