"""Answers to the MFA challenges: SOFTWARE_TOKEN_MFA, SMS_MFA, EMAIL_OTP, SELECT_MFA_TYPE
and MFA_SETUP. A wrong code leaves the challenge standing, so the client may try again on
the same Session (guess: AWS's limit is not documented; the emulator allows ``MAX_ATTEMPTS``
answers per Session and then spends it).

A wrong code also counts towards the user's lockout as a wrong password does. AWS documents it
(Developer Guide, "Adding MFA to a user pool"): "After five unsuccessful attempts to present an MFA
code, Amazon Cognito begins the exponential-timeout lockout process described at Lockout behavior
for failed sign-in attempts." While the user is locked out, even the right code is refused with
``NotAuthorizedException: Password attempts exceeded`` (the lockout's documented message; that the
refusal spends the Session, so the user signs in again, is a guess)."""

from __future__ import annotations

import hmac
import re
from dataclasses import replace
from typing import Any

from emulator.userpools import auth_events
from emulator.userpools.auth.client_auth import required
from emulator.userpools.auth.lockout import check_not_locked, record_failure
from emulator.userpools.auth.mfa_step import send_code_challenge, start_factor
from emulator.userpools.auth.pipeline import complete_sign_in
from emulator.userpools.auth.sessions import ChallengeSession
from emulator.userpools.auth.signin import SignIn
from emulator.userpools.mfa import totp
from emulator.userpools.mfa.model import EMAIL_OTP
from emulator.userpools.users.identity import alias_values, check_alias_conflicts, sync_aliases
from emulator.userpools.users.model import User
from emulator.wire.errors import CodeMismatchException, ExpiredCodeException, InvalidParameterException

OpenedSession = tuple[str, ChallengeSession]  # the Session token as sent, and what it held
MAX_ATTEMPTS = 5
# AWS's words [obs]: Amplify's own error table and many apps quote them.
TOTP_MISMATCH = "Invalid code received for user"
TOTP_REUSED = "Your software token has already been used once."
CODE_MISMATCH = "Invalid code or auth state for the user."  # SMS_MFA [obs]; EMAIL_OTP: same (guess)
INVALID_ANSWER = "Invalid ANSWER for SELECT_MFA_TYPE: {answer}"  # guess
NOT_SET_UP = "MFA_SETUP cannot be answered before a software token is verified with this Session."  # guess
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

def software_token_mfa(signin: SignIn, user: User, responses: dict[str, str], opened: OpenedSession) -> dict[str, Any]:
    code = required(responses, "SOFTWARE_TOKEN_MFA_CODE")
    check_not_locked(user, signin.now())
    secret = user.mfa.totp_secret
    step = None if secret is None else totp.matching_step(secret, code, signin.now())
    if step is None:
        raise _retry(signin, opened, CodeMismatchException(TOTP_MISMATCH), wrong_code=True)
    if step <= user.mfa.last_totp_step:
        raise _retry(signin, opened, ExpiredCodeException(TOTP_REUSED))
    user.mfa.last_totp_step = step
    return complete_sign_in(signin, user)

def sms_mfa(signin: SignIn, user: User, responses: dict[str, str], opened: OpenedSession) -> dict[str, Any]:
    check_sent_code(signin, opened, required(responses, "SMS_MFA_CODE"))
    return complete_sign_in(signin, user)

def email_otp(signin: SignIn, user: User, responses: dict[str, str], opened: OpenedSession) -> dict[str, Any]:
    check_sent_code(signin, opened, required(responses, "EMAIL_OTP_CODE"))
    address = opened[1].data.get("setup_email")
    if address is not None:
        _set_up_email(signin, user, address)
    return complete_sign_in(signin, user)

def select_mfa_type(signin: SignIn, user: User, responses: dict[str, str], opened: OpenedSession) -> dict[str, Any]:
    answer = required(responses, "ANSWER")
    if answer not in opened[1].data.get("choices", []):
        raise InvalidParameterException(INVALID_ANSWER.format(answer=answer))
    return start_factor(signin, user, answer)

def mfa_setup(signin: SignIn, user: User, responses: dict[str, str], opened: OpenedSession) -> dict[str, Any]:
    """After AssociateSoftwareToken + VerifySoftwareToken on the Session: tokens. Email
    setup ({USERNAME, EMAIL}) sends a code to that address and asks EMAIL_OTP."""
    stage = opened[1].data.get("stage")
    if stage == "verified":
        return complete_sign_in(signin, user)
    address = responses.get("EMAIL")
    if address and stage == "challenge" and signin.pool.mfa.email_enabled:
        if not _EMAIL.match(address):
            raise InvalidParameterException("Invalid email address format.")
        return send_code_challenge(signin, user, EMAIL_OTP, "email", address, {"setup_email": address})
    raise InvalidParameterException(NOT_SET_UP)

def check_sent_code(signin: SignIn, opened: OpenedSession, given: str) -> None:
    """The code sent by SMS or email (MFA, or USER_AUTH's first factor): refused while the user is
    locked out, and a wrong one counts towards the lockout."""
    user = signin.pool.users.get(opened[1].username)
    if user is not None:
        check_not_locked(user, signin.now())
    expected = str(opened[1].data.get("code", ""))
    if not expected or not hmac.compare_digest(expected.encode(), given.encode("utf-8", "surrogatepass")):
        raise _retry(signin, opened, CodeMismatchException(CODE_MISMATCH), wrong_code=True)

def _retry(signin: SignIn, opened: OpenedSession, error: Exception, *, wrong_code: bool = False) -> Exception:
    """Reopen the same Session for another answer, until MAX_ATTEMPTS answers were wrong. A wrong
    code is a failed sign-in attempt for the lockout (a reused TOTP code is not: guess)."""
    token, session = opened
    user = signin.pool.users.get(session.username)
    if user is not None:
        if wrong_code:
            record_failure(user, signin.now())
        auth_events.record(signin.ctx, signin.pool, user, auth_events.SIGN_IN, auth_events.FAIL,
                           [(auth_events.PASSWORD, auth_events.SUCCESS), (auth_events.MFA, auth_events.FAILURE)])
    attempts = int(session.data.get("attempts", 0)) + 1
    if attempts < MAX_ATTEMPTS:
        session.data["attempts"] = attempts
        signin.ctx.sessions.open(session, signin.now(), key=token)
    return error

def _set_up_email(signin: SignIn, user: User, address: str) -> None:
    """The code proved the address: it becomes the user's verified email and email MFA is on."""
    pool = signin.pool
    merged = {**user.attributes, "email": address, "email_verified": "true"}
    check_alias_conflicts(pool, user, alias_values(pool, replace(user, attributes=merged)))
    before = alias_values(pool, user)
    previous = dict(user.attributes)
    user.attributes = merged
    pool.users.reindex(user, previous)
    sync_aliases(pool, user, before)
    user.mfa.email_enabled = True
    user.modified = signin.now()
