"""Where threat protection decides, in AWS's terms [doc: AccountTakeoverActionType, EventRiskType,
"Working with compromised-credentials detection"; obs: the error messages, quoted by apps that
handle them].

* ``refuse_blocked_ip``: InitiateAuth from a BlockedIPRangeList address is refused before anything
  is checked ("always blocks authentication requests") in ENFORCED mode.
* ``assess``: once the password is proved. SkippedIPRangeList addresses are never scored. A
  compromised password (USER_PASSWORD_AUTH / ADMIN_USER_PASSWORD_AUTH only: SRP never sends it)
  with EventAction BLOCK sets the user RESET_REQUIRED, so the sign-in answers
  PasswordResetRequiredException. Otherwise the scheduled level picks the AccountTakeover action:
  BLOCK refuses, MFA_IF_CONFIGURED / MFA_REQUIRED ask for MFA the user's settings would not (or
  MFA_REQUIRED refuses when no factor is possible), NO_ACTION lets it pass; ``Notify`` emails the
  user. AUDIT mode scores and records only. The sign-in's auth event carries the decision.
* ``check_new_password``: SignUp and password changes with a compromised password are refused with
  InvalidPasswordException when the configuration blocks that event.
"""

from __future__ import annotations

from emulator.runtime import Context
from emulator.userpools import auth_events
from emulator.userpools.auth_events import FAIL, IN_PROGRESS, PASSWORD, SUCCESS, EventRisk
from emulator.userpools.config.model import RiskConfiguration
from emulator.userpools.model import UserPool
from emulator.userpools.risk import compromised, schedule, settings
from emulator.userpools.risk.factors import possible_factor
from emulator.userpools.risk.notify import notify
from emulator.userpools.risk.ranges import contains
from emulator.userpools.risk.settings import BLOCK, ENFORCED, MFA_REQUIRED, NO_ACTION, LevelAction
from emulator.userpools.users.events import AuthEvent
from emulator.userpools.users.identity import find_user
from emulator.userpools.users.model import RESET_REQUIRED, User
from emulator.wire.errors import InvalidPasswordException, NotAuthorizedException

BLOCKED_IP = "Request not allowed due to security reasons."  # [obs: an app's error table]
BLOCKED = "Unable to login because of security reasons."  # [obs: apps handling adaptive blocks]
COMPROMISED = "Provided password cannot be used for security reasons."  # [obs: an app's test, on reset]
ACCOUNT_TAKEOVER, NO_RISK, BLOCK_DECISION = "AccountTakeover", "NoRisk", "Block"
_PASSED = [(PASSWORD, SUCCESS)]


def refuse_blocked_ip(ctx: Context, pool: UserPool, client_id: str, username: str | None) -> None:
    if settings.mode(pool) != ENFORCED:
        return
    config = settings.effective(ctx, pool, client_id)
    if not contains(settings.ip_ranges(config, "BlockedIPRangeList"), ctx.source_ip):
        return
    user = find_user(pool, username) if username else None
    if user is not None:  # guess: the event lists no challenge, none was tried
        auth_events.record(ctx, pool, user, auth_events.SIGN_IN, FAIL, [], EventRisk(BLOCK_DECISION))
    raise NotAuthorizedException(BLOCKED_IP)


def assess(ctx: Context, pool: UserPool, client_id: str, user: User, password: str | None) -> str | None:
    """Decide this sign-in (the password is proved); the MFA factor it now owes, if any.
    Raises when the sign-in is refused. Opens the sign-in's auth event."""
    if not auth_events.threat_protection(pool):
        return None
    config = settings.effective(ctx, pool, client_id)
    if contains(settings.ip_ranges(config, "SkippedIPRangeList"), ctx.source_ip):
        auth_events.record(ctx, pool, user, auth_events.SIGN_IN, IN_PROGRESS, _PASSED, EventRisk())
        return None
    enforced = settings.mode(pool) == ENFORCED
    watched = settings.compromised_action(config, settings.SIGN_IN)  # None: sign-ins not monitored
    found = watched is not None and password is not None and compromised.is_compromised(ctx, pool, password)
    level = schedule.take_next(user)
    if found and enforced and watched == BLOCK:
        auth_events.record(ctx, pool, user, auth_events.SIGN_IN, FAIL, _PASSED, EventRisk(BLOCK_DECISION, level, True))
        user.status = RESET_REQUIRED  # [doc] "it sets the user's UserStatus to RESET_REQUIRED"
        return None
    action = settings.takeover_action(config, level) if level is not None else None
    if level is None or action is None or not enforced:
        auth_events.record(ctx, pool, user, auth_events.SIGN_IN, IN_PROGRESS, _PASSED, EventRisk(NO_RISK, level, found))
        return None
    factor = possible_factor(pool, user) if action.event_action not in (BLOCK, NO_ACTION) else None
    owes_setup = pool.mfa_configuration == "ON"  # the pool's own MFA_SETUP challenge follows
    refused = action.event_action == BLOCK or (action.event_action == MFA_REQUIRED and factor is None
                                                and not owes_setup)
    if refused:
        event = auth_events.record(ctx, pool, user, auth_events.SIGN_IN, FAIL, _PASSED,
                                   EventRisk(BLOCK_DECISION, level, found))
        _notify(ctx, pool, client_id, user, event, config, action, "BLOCK")
        raise NotAuthorizedException(BLOCKED)
    event = auth_events.record(ctx, pool, user, auth_events.SIGN_IN, IN_PROGRESS, _PASSED,
                               EventRisk(ACCOUNT_TAKEOVER, level, found))
    _notify(ctx, pool, client_id, user, event, config, action, "MFA" if factor or owes_setup else "NO_ACTION")
    return factor


def _notify(ctx: Context, pool: UserPool, client_id: str, user: User, event: AuthEvent | None,
            config: RiskConfiguration | None, action: LevelAction, kind: str) -> None:
    if action.notify and event is not None:
        notify(ctx, pool, client_id, user, event, settings.notify_configuration(config), kind, action.event_action)


def check_new_password(ctx: Context, pool: UserPool, client_id: str | None, event: str, password: str) -> None:
    """SIGN_UP or PASSWORD_CHANGE with a compromised password, where the configuration blocks it."""
    if settings.mode(pool) != ENFORCED:
        return
    config = settings.effective(ctx, pool, client_id)
    if contains(settings.ip_ranges(config, "SkippedIPRangeList"), ctx.source_ip):
        return
    if settings.compromised_action(config, event) == BLOCK and compromised.is_compromised(ctx, pool, password):
        raise InvalidPasswordException(COMPROMISED)
