"""DefineAuthChallenge / CreateAuthChallenge / VerifyAuthChallengeResponse functions for the
CUSTOM_AUTH e2e tests: a passwordless email code, as real apps write it. Run both as Python
callables in the emulator and behind ``lambda_server``. Each records its event to
``$TRIGGER_DIR/events.jsonl``; Create writes the code it "emails" to
``$TRIGGER_DIR/codes/<userPoolId>.<userName>`` (the test reads it back)."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

Event = dict[str, Any]
MAX_WRONG = 3


def _record(name: str, event: Event) -> None:
    with open(Path(os.environ["TRIGGER_DIR"]) / "events.jsonl", "a", encoding="utf-8") as out:
        out.write(json.dumps({"function": name, "event": event}) + "\n")


def code_path(directory: Path, pool_id: str, username: str) -> Path:
    return directory / "codes" / f"{pool_id}.{username}"


def define(event: Event, context: Any) -> Event:
    """One code answered right signs in; three wrong answers fail; SRP first when asked."""
    _record("define", event)
    session, response = event["request"]["session"], event["response"]
    last = session[-1] if session else None
    wrong = sum(1 for entry in session if entry["challengeName"] == "CUSTOM_CHALLENGE"
                and not entry["challengeResult"])
    if last is not None and last["challengeName"] == "SRP_A":
        response.update(challengeName="PASSWORD_VERIFIER", issueTokens=False, failAuthentication=False)
    elif last is not None and last["challengeName"] == "CUSTOM_CHALLENGE" and last["challengeResult"]:
        response.update(issueTokens=True, failAuthentication=False)
    elif wrong >= MAX_WRONG:
        response.update(issueTokens=False, failAuthentication=True)
    else:
        response.update(challengeName="CUSTOM_CHALLENGE", issueTokens=False, failAuthentication=False)
    return event


def define_three(event: Event, context: Any) -> Event:
    """Three questions in a row, each answered right, before tokens."""
    _record("define_three", event)
    session, response = event["request"]["session"], event["response"]
    if session and not session[-1]["challengeResult"]:
        response.update(failAuthentication=True, issueTokens=False)
    elif len(session) == 3:
        response.update(issueTokens=True, failAuthentication=False)
    else:
        response.update(challengeName="CUSTOM_CHALLENGE", issueTokens=False, failAuthentication=False)
    return event


def define_forever(event: Event, context: Any) -> Event:
    """Never decides: always one more challenge (the emulator's cap ends it)."""
    event["response"].update(challengeName="CUSTOM_CHALLENGE", issueTokens=False, failAuthentication=False)
    return event


def create(event: Event, context: Any) -> Event:
    _record("create", event)
    round_number = len(event["request"]["session"]) + 1
    code = f"{secrets.randbelow(10**6):06d}"
    path = code_path(Path(os.environ["TRIGGER_DIR"]), event["userPoolId"], event["userName"])
    path.parent.mkdir(exist_ok=True)
    path.write_text(code)
    email = event["request"]["userAttributes"].get("email", "")
    event["response"].update(publicChallengeParameters={"delivery": "EMAIL", "email": email},
                             privateChallengeParameters={"code": code},
                             challengeMetadata=f"CODE-{round_number}")
    return event


def verify(event: Event, context: Any) -> Event:
    _record("verify", event)
    expected = event["request"]["privateChallengeParameters"].get("code")
    event["response"]["answerCorrect"] = event["request"]["challengeAnswer"] == expected
    return event


FUNCTIONS: dict[str, Callable[[Event, Any], Any]] = {
    name: globals()[name] for name in ("define", "define_three", "define_forever", "create", "verify")
}


def arn(name: str) -> str:
    return f"arn:aws:lambda:us-east-1:123456789012:function:custom-{name}"
