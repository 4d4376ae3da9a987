"""One readable console line per sign-up, confirmation, password reset and sign-in step, so a
developer watching ``make run`` sees what their app just did and, when Cognito refused, why.

The dispatcher hands every answered operation to ``observe``; only the operations in the table
below produce a line. Never a password, code or token: names, ids, flows, challenges, and the
error AWS would return. Each line also carries its facts as ``extra`` fields for
``--log-format json``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from emulator.wire.errors import AwsError

log = logging.getLogger("emulator.activity")

Params = dict[str, Any]
Result = dict[str, Any] | None


def _username(params: Params) -> str:
    for holder in (params, params.get("AuthParameters") or {}, params.get("ChallengeResponses") or {}):
        name = holder.get("Username") or holder.get("USERNAME")
        if isinstance(name, str) and name:
            return name
    return "?"


def _where(params: Params) -> str:
    pool = params.get("UserPoolId")
    return f"in {pool}" if pool else f"via {params.get('ClientId', '?')}"


def _sign_up(params: Params, result: Result) -> str:
    state = "confirmed" if result and result.get("UserConfirmed") else "unconfirmed"
    return f"signed up {_username(params)} {_where(params)} ({state})"


def _confirmed(params: Params, result: Result) -> str:
    return f"confirmed {_username(params)} {_where(params)}"


def _created(params: Params, result: Result) -> str:
    status = ((result or {}).get("User") or {}).get("UserStatus", "")
    return f"created {_username(params)} {_where(params)} ({status})"


def _reset_asked(params: Params, result: Result) -> str:
    return f"password reset asked for {_username(params)} {_where(params)}"


def _reset_done(params: Params, result: Result) -> str:
    return f"password reset for {_username(params)} {_where(params)}"


def _sign_in(params: Params, result: Result) -> str:
    step = params.get("AuthFlow") or params.get("ChallengeName") or "?"
    who = f"{_username(params)} {_where(params)}"
    if result and result.get("ChallengeName"):
        return f"sign-in of {who}: {step} -> challenge {result['ChallengeName']}"
    return f"signed in {who} ({step})"


_LINES: dict[str, tuple[str, str, Callable[[Params, Result], str]]] = {
    # operation: (event, what a refusal refused, the line for success)
    "SignUp": ("sign_up", "sign-up", _sign_up),
    "ConfirmSignUp": ("confirm_sign_up", "confirmation", _confirmed),
    "AdminConfirmSignUp": ("confirm_sign_up", "confirmation", _confirmed),
    "AdminCreateUser": ("create_user", "user creation", _created),
    "ForgotPassword": ("forgot_password", "password reset", _reset_asked),
    "ConfirmForgotPassword": ("confirm_forgot_password", "password reset", _reset_done),
    "InitiateAuth": ("sign_in", "sign-in", _sign_in),
    "AdminInitiateAuth": ("sign_in", "sign-in", _sign_in),
    "RespondToAuthChallenge": ("sign_in", "sign-in", _sign_in),
    "AdminRespondToAuthChallenge": ("sign_in", "sign-in", _sign_in),
}
_QUIET_FLOWS = ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN")  # Amplify refreshes often: debug only


def observe(operation: str, params: Params, result: Result, error: AwsError | None) -> None:
    entry = _LINES.get(operation)
    if entry is None:
        return
    event, refused, describe = entry
    level = logging.DEBUG if params.get("AuthFlow") in _QUIET_FLOWS else logging.INFO
    if not log.isEnabledFor(level):
        return
    extra = {"event": event, "operation": operation, "username": _username(params),
             "userPoolId": params.get("UserPoolId"), "clientId": params.get("ClientId"),
             "authFlow": params.get("AuthFlow"), "challenge": params.get("ChallengeName"),
             "outcome": "refused" if error else "ok"}
    if error is None:
        log.log(level, describe(params, result), extra=extra)
        return
    extra["error"] = error.code
    step = params.get("AuthFlow") or params.get("ChallengeName")
    label = f"{refused} ({step})" if event == "sign_in" and step else refused
    log.log(level, "%s refused for %s %s: %s: %s", label, _username(params), _where(params), error.code,
            error.message, extra=extra)
