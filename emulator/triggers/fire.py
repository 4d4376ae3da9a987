"""Firing a pool's trigger from an operation, and reading the answer back.

Rules every caller follows (design.md "the event loop is the lock"): build the event from
checked state, ``await fire(...)`` holding nothing, then re-read the pool and user
(``current_pool`` / ``current_user``: a reset, a delete or the trigger's own callback may have
changed them, and re-reaching a record notes it for the journal again), check again and apply
the change in one step. A trigger that fails leaves nothing of the operation applied."""

from __future__ import annotations

import logging
import time
from typing import Any

from emulator.runtime import Context
from emulator.triggers.errors import UNRECOGNIZABLE, TriggerFailure, as_aws_error
from emulator.userpools.model import UserPool
from emulator.userpools.users.identity import USER_NOT_FOUND
from emulator.userpools.users.model import User
from emulator.wire.errors import InvalidLambdaResponseException, ResourceNotFoundException, UserNotFoundException

log = logging.getLogger("emulator.triggers")


def lambda_arn(pool: UserPool, trigger: str) -> str | None:
    """The ARN under a LambdaConfig key; the sender and token keys hold {LambdaArn, LambdaVersion}."""
    value = (pool.config.get("LambdaConfig") or {}).get(trigger)
    if isinstance(value, dict):
        return value.get("LambdaArn")
    return value if isinstance(value, str) and value else None


def configured(pool: UserPool, trigger: str) -> bool:
    """In the pool's LambdaConfig (whether or not the emulator can reach the function)."""
    return lambda_arn(pool, trigger) is not None


async def fire(ctx: Context, pool: UserPool, trigger: str, event: dict[str, Any],
               arn: str | None = None) -> dict[str, Any] | None:
    """The function's ``response`` member; None when the pool has no such trigger.
    Raises AWS's errors named after ``trigger`` (the LambdaConfig key)."""
    arn = arn or lambda_arn(pool, trigger)
    if arn is None or not ctx.triggers.reachable(arn):
        return None
    started = time.monotonic()
    try:
        answer = await ctx.triggers.invoke(arn, event)
    except TriggerFailure as failure:
        error = as_aws_error(trigger, failure)
        log.info("%s (%s) for %s: %s: %s", trigger, event["triggerSource"], event["userName"], error.code,
                 error.message, extra={"event": "trigger", "trigger": trigger, "error": error.code})
        raise error from None
    if not isinstance(answer, dict) or not isinstance(answer.get("response"), dict):
        raise InvalidLambdaResponseException(UNRECOGNIZABLE)
    log.info("%s (%s) for %s answered in %.0f ms", trigger, event["triggerSource"], event["userName"],
             (time.monotonic() - started) * 1000, extra={"event": "trigger", "trigger": trigger})
    return answer["response"]  # type: ignore[no-any-return]


def fire_and_forget(ctx: Context, pool: UserPool, trigger: str, event: dict[str, Any]) -> bool:
    """Custom senders: invoked asynchronously, never read back. False when not configured."""
    arn = lambda_arn(pool, trigger)
    if arn is None or not ctx.triggers.reachable(arn):
        return False
    ctx.triggers.invoke_later(arn, event)
    return True


def current_pool(ctx: Context, pool: UserPool) -> UserPool:
    """The pool as it is after an await (a reset or DeleteUserPool may have replaced it)."""
    now = ctx.store.user_pools.get(pool.id)
    if now is None:
        raise ResourceNotFoundException(f"User pool {pool.id} does not exist.")
    return now


def current_user(ctx: Context, pool: UserPool, username: str, sub: str) -> tuple[UserPool, User]:
    """The pool and the same user (same sub) after an await, reached again through their containers."""
    pool = current_pool(ctx, pool)
    now = pool.users.get(username)
    if now is None or now.sub != sub:
        raise UserNotFoundException(USER_NOT_FOUND)
    return pool, now


# Reading the answer: a member of the wrong type is AWS's "Unrecognizable lambda output".
def flag(response: dict[str, Any], name: str) -> bool:
    value = response.get(name)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise InvalidLambdaResponseException(UNRECOGNIZABLE)
    return value


def text(response: dict[str, Any], name: str) -> str | None:
    value = response.get(name)
    if value is not None and not isinstance(value, str):
        raise InvalidLambdaResponseException(UNRECOGNIZABLE)
    return value


def string_map(response: dict[str, Any], name: str) -> dict[str, str] | None:
    value = response.get(name)
    if value is None:
        return None
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise InvalidLambdaResponseException(UNRECOGNIZABLE)
    return value


def string_list(response: dict[str, Any], name: str) -> list[str] | None:
    value = response.get(name)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidLambdaResponseException(UNRECOGNIZABLE)
    return value
