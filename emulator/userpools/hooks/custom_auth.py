"""CUSTOM_AUTH: the DefineAuthChallenge -> CreateAuthChallenge -> (answer) ->
VerifyAuthChallengeResponse -> DefineAuthChallenge loop (reference triggers.md §4.5), also with
SRP first (``CHALLENGE_NAME: SRP_A``, cognito-wire §3.6).

The challenge history (``session`` in the events) and the private challenge parameters travel
in the single-use challenge Session (for the SRP step, in the SRP state under its SECRET_BLOCK),
never to the client. Every trigger is awaited holding nothing; the pool, client and user are
read again after each await. InitiateAuth's ClientMetadata reaches only PreAuthentication;
Define/Create/Verify get RespondToAuthChallenge's [doc].

MFA: a user who owes MFA is asked for it right after a successful PASSWORD_VERIFIER step, by
Cognito itself, and gets tokens on answering it; Define is not called again (amplify-js #3876).
A custom flow without the password step never asks for MFA, since "MFA generation is dependent
on the password verifier challenge" (the Cognito team, amplify-js #12887)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from emulator.triggers.errors import NOT_FOUND, UNRECOGNIZABLE, InvokeFailed, as_aws_error
from emulator.triggers.events import envelope, user_attributes, with_optional
from emulator.triggers.fire import configured, current_pool, fire, flag, string_map, text
from emulator.userpools.auth import mfa_step
from emulator.userpools.auth.client_auth import check_flow_enabled, check_secret_hash, required
from emulator.userpools.auth.pipeline import complete_sign_in
from emulator.userpools.auth.sessions import INVALID, ChallengeSession
from emulator.userpools.auth.signin import INCORRECT, SignIn, check_may_sign_in, unknown_user_error
from emulator.userpools.auth.srp_flow import PASSWORD_VERIFIER, user_srp_auth, verified_password_claim
from emulator.userpools.hooks import sign_in as sign_in_hooks
from emulator.userpools.users.identity import USER_NOT_FOUND, find_user
from emulator.userpools.users.model import User
from emulator.wire.errors import (
    InvalidLambdaResponseException,
    InvalidParameterException,
    NotAuthorizedException,
    ResourceNotFoundException,
    UserNotFoundException,
)

FLOW = "CUSTOM_AUTH"
CUSTOM_CHALLENGE = "CUSTOM_CHALLENGE"
SRP_A = "SRP_A"
TRIGGERS = ("DefineAuthChallenge", "CreateAuthChallenge", "VerifyAuthChallengeResponse")
NOT_CONFIGURED = "Custom auth lambda trigger is not configured for the user pool."  # [obs]
MAX_CHALLENGES = 20  # custom challenges per sign-in; AWS documents no cap (unverified), a large one
STATE = "custom_auth"  # the SRP state's key for the history, when SRP comes first


@dataclass(frozen=True, slots=True)
class Who:
    """Who is signing in: the internal username, or the name as typed for a user the pool does
    not know (PreventUserExistenceErrors ENABLED runs the triggers with ``userNotFound``)."""

    username: str
    sub: str | None  # None: not found
    hides_existence: bool  # the client has PreventUserExistenceErrors ENABLED

    @property
    def found(self) -> bool:
        return self.sub is not None


def answers(signin: SignIn, name: str, responses: dict[str, str]) -> bool:
    """Whether this RespondToAuthChallenge belongs to a custom sign-in: a CUSTOM_CHALLENGE, or the
    PASSWORD_VERIFIER of one that started with SRP."""
    if name == CUSTOM_CHALLENGE:
        return True
    if name != PASSWORD_VERIFIER:
        return False
    pending = signin.ctx.sessions.peek(responses.get("PASSWORD_CLAIM_SECRET_BLOCK") or "")
    return pending is not None and STATE in pending.data


async def initiate(signin: SignIn, parameters: dict[str, str],
                   client_metadata: dict[str, str] | None) -> dict[str, Any]:
    """InitiateAuth / AdminInitiateAuth CUSTOM_AUTH: PreAuthentication, then Define (and Create)."""
    check_flow_enabled(signin.client, FLOW)
    if not all(configured(signin.pool, trigger) for trigger in TRIGGERS):
        raise InvalidParameterException(NOT_CONFIGURED)
    username = required(parameters, "USERNAME")
    check_secret_hash(signin.client, parameters.get("SECRET_HASH"), username)
    srp_first = parameters.get("CHALLENGE_NAME") == SRP_A
    if srp_first:
        required(parameters, "SRP_A")
    _resolve(signin, username)
    await sign_in_hooks.pre_authentication(signin, FLOW, parameters, client_metadata)
    signin = _fresh(signin)
    who, _ = _resolve(signin, username)
    history = [_entry(SRP_A, True)] if srp_first else []
    result = await _next_challenge(signin, who, history, None, parameters if srp_first else None)
    return await sign_in_hooks.complete(signin, result, sign_in_hooks.AUTHENTICATION, None)


async def respond(signin: SignIn, name: str, responses: dict[str, str], session: str | None,
                  client_metadata: dict[str, str] | None) -> dict[str, Any]:
    """A CUSTOM_CHALLENGE answer (Verify, then Define) or the SRP step's PASSWORD_VERIFIER (Define)."""
    if name == PASSWORD_VERIFIER:
        user, state = verified_password_claim(signin, responses)
        second = mfa_step.mfa_challenge(signin, user)
        if second is not None:  # Cognito asks for MFA itself and then issues tokens, Define is not asked again [obs]
            return await sign_in_hooks.complete(signin, second, sign_in_hooks.AUTHENTICATION, client_metadata)
        history = [*state[STATE]["history"], _entry(PASSWORD_VERIFIER, True)]
        who = Who(user.username, user.sub, signin.client.prevent_user_existence_errors == "ENABLED")
        result = await _next_challenge(signin, who, history, client_metadata, None)
    else:
        result = await _answer(signin, responses, session, client_metadata)
    return await sign_in_hooks.complete(signin, result, sign_in_hooks.AUTHENTICATION, client_metadata)


async def _answer(signin: SignIn, responses: dict[str, str], session: str | None,
                  client_metadata: dict[str, str] | None) -> dict[str, Any]:
    if not session:
        raise InvalidParameterException("Missing required parameter Session")
    username = required(responses, "USERNAME")
    answer = required(responses, "ANSWER")
    pending = signin.ctx.sessions.take(session, signin.now())
    if (pending.pool_id, pending.client_id, pending.challenge) != (signin.pool.id, signin.client.client_id,
                                                                   CUSTOM_CHALLENGE):
        raise NotAuthorizedException(INVALID)
    data = pending.data
    who = Who(pending.username, data["sub"], data["hides_existence"])
    user = _user(signin, who, NotAuthorizedException(INVALID))
    check_secret_hash(signin.client, responses.get("SECRET_HASH"), pending.username, username)
    if user is not None:
        check_may_sign_in(user)
    request = {"privateChallengeParameters": data["private"], "challengeAnswer": answer}
    verdict = await _fire(signin, who, user, "VerifyAuthChallengeResponse", request, client_metadata,
                          {"answerCorrect": None})
    signin = _fresh(signin)
    _user(signin, who, UserNotFoundException(USER_NOT_FOUND))
    history = [*data["history"], _entry(CUSTOM_CHALLENGE, flag(verdict, "answerCorrect"), data["metadata"])]
    return await _next_challenge(signin, who, history, client_metadata, None)


async def _next_challenge(signin: SignIn, who: Who, history: list[dict[str, Any]],
                          client_metadata: dict[str, str] | None,
                          srp_parameters: dict[str, str] | None) -> dict[str, Any]:
    """Define decides: fail, tokens (through the sign-in pipeline), the built-in SRP step, or a
    custom challenge made by Create."""
    user = _user(signin, who, UserNotFoundException(USER_NOT_FOUND))
    response = {"challengeName": None, "issueTokens": None, "failAuthentication": None}  # prefill unverified
    decision = await _fire(signin, who, user, "DefineAuthChallenge", {"session": history}, client_metadata,
                           response)
    signin = _fresh(signin)
    user = _user(signin, who, UserNotFoundException(USER_NOT_FOUND))
    if flag(decision, "failAuthentication"):
        raise NotAuthorizedException(INCORRECT)
    if flag(decision, "issueTokens"):
        if user is None:  # an unknown user never gets tokens, whatever Define says
            raise NotAuthorizedException(INCORRECT)
        check_may_sign_in(user)
        return complete_sign_in(signin, user)
    name = text(decision, "challengeName")
    if name == PASSWORD_VERIFIER and srp_parameters is not None:
        return _srp_step(signin, srp_parameters, history)
    if name != CUSTOM_CHALLENGE:  # no decision, or a challenge Define cannot ask for here (unverified)
        raise InvalidLambdaResponseException(UNRECOGNIZABLE)
    if sum(1 for entry in history if entry["challengeName"] == CUSTOM_CHALLENGE) >= MAX_CHALLENGES:
        raise NotAuthorizedException(INCORRECT)
    request = {"challengeName": CUSTOM_CHALLENGE, "session": history}
    response = {"publicChallengeParameters": None, "privateChallengeParameters": None, "challengeMetadata": None}
    created = await _fire(signin, who, user, "CreateAuthChallenge", request, client_metadata, response)
    public = string_map(created, "publicChallengeParameters") or {}
    private = string_map(created, "privateChallengeParameters") or {}
    metadata = text(created, "challengeMetadata")
    signin = _fresh(signin)
    _user(signin, who, UserNotFoundException(USER_NOT_FOUND))
    data = {"history": history, "private": private, "metadata": metadata, "sub": who.sub,
            "hides_existence": who.hides_existence}
    expires = signin.now() + signin.client.auth_session_validity * 60
    session = ChallengeSession(signin.pool.id, signin.client.client_id, who.username, CUSTOM_CHALLENGE, expires,
                               data)
    token = signin.ctx.sessions.open(session, signin.now())
    # AWS adds USERNAME (the internal username) to what Create made public [obs].
    return {"ChallengeName": CUSTOM_CHALLENGE, "ChallengeParameters": {**public, "USERNAME": who.username},
            "Session": token}


def _srp_step(signin: SignIn, parameters: dict[str, str], history: list[dict[str, Any]]) -> dict[str, Any]:
    """The normal PASSWORD_VERIFIER challenge; the history waits in the SRP state (an unknown
    user gets USER_SRP_AUTH's decoy, whose answer then fails as a wrong password)."""
    result = user_srp_auth(signin, parameters)
    pending = signin.ctx.sessions.peek(result["ChallengeParameters"]["SECRET_BLOCK"])
    if pending is not None:
        pending.data[STATE] = {"history": history}
    return result


async def _fire(signin: SignIn, who: Who, user: User | None, trigger: str, request: dict[str, Any],
                client_metadata: dict[str, str] | None, response: dict[str, Any]) -> dict[str, Any]:
    """``userAttributes`` of an unknown user are empty (unverified); ``userNotFound`` is sent only
    to clients that hide user existence [doc]."""
    source = f"{trigger}_Authentication"
    attributes = user_attributes(signin.pool, user) if user is not None else {}
    full = with_optional({"userAttributes": attributes, **request}, clientMetadata=client_metadata)
    if who.hides_existence:
        full["userNotFound"] = not who.found
    event = envelope(signin.pool, signin.pool.region, source, who.username, signin.client.client_id, full,
                     response)
    answer = await fire(signin.ctx, signin.pool, trigger, event)
    if answer is None:  # configured, but nowhere to reach it: as a missing function (§5)
        raise as_aws_error(trigger, InvokeFailed(NOT_FOUND))
    return answer


def _resolve(signin: SignIn, username: str) -> tuple[Who, User | None]:
    hides = signin.client.prevent_user_existence_errors == "ENABLED"
    user = find_user(signin.pool, username)
    if user is None:
        if not hides:
            raise unknown_user_error(signin.client)
        return Who(username, None, hides), None
    check_may_sign_in(user)
    return Who(user.username, user.sub, hides), user


def _user(signin: SignIn, who: Who, missing: Exception) -> User | None:
    """The same user (same sub) as when the sign-in began, or None for an unknown one."""
    if not who.found:
        return None
    user = signin.pool.users.get(who.username)
    if user is None or user.sub != who.sub:
        raise missing
    return user


def _fresh(signin: SignIn) -> SignIn:
    """The pool and client as they are after an await."""
    pool = current_pool(signin.ctx, signin.pool)
    client = pool.clients.get(signin.client.client_id)
    if client is None:
        raise ResourceNotFoundException(f"User pool client {signin.client.client_id} does not exist.")
    return dataclasses.replace(signin, pool=pool, client=client)


def _entry(name: str, result: bool, metadata: str | None = None) -> dict[str, Any]:
    return {"challengeName": name, "challengeResult": result, "challengeMetadata": metadata}
