"""USER_AUTH for a user who does not exist, on an app client with PreventUserExistenceErrors
ENABLED: a decoy challenge instead of UserNotFoundException, and a later step that fails as a
wrong answer does.

AWS documents it (Developer Guide, "Managing user existence error responses"; the English page was
not in the search corpus, its translations read): "For choice-based authentication requests, Amazon
Cognito responds with a randomly selected one of the challenge types that the user pool allows.
Your user pool might return a passkey, one-time password, or password challenge." So:

* a PREFERRED_CHALLENGE the pool allows is honoured, as for a user who has that factor (guess: the
  doc does not say; anything else would tell the user apart): PASSWORD with a password fails at
  once as a wrong password does, PASSWORD_SRP gets the SRP decoy PASSWORD_VERIFIER (``srp_flow``),
  EMAIL_OTP / SMS_OTP a code challenge whose destination is masked as AWS masks (nothing is
  sent), WEB_AUTHN request options without allowCredentials;
* without one, a random one of the pool's first factors [doc]; PASSWORD is then the
  ``PASSWORD`` challenge (a ChallengeName in the model: "Respond with the user's password as
  PASSWORD"), which Amplify answers with SELECT_CHALLENGE {ANSWER: PASSWORD} [src signInHelpers.ts];
* answers: a wrong code is CodeMismatchException and may be retried on the Session as a real wrong
  code may; a password "Incorrect username or password."; an assertion NotAuthorizedException.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from emulator.state.ids import choice
from emulator.userpools.auth import mfa_challenges
from emulator.userpools.auth.client_auth import required
from emulator.userpools.auth.mfa_challenges import OpenedSession
from emulator.userpools.auth.sessions import ChallengeSession
from emulator.userpools.auth.signin import INCORRECT, SignIn
from emulator.userpools.auth.srp_flow import user_srp_auth
from emulator.userpools.passkeys import ceremony
from emulator.userpools.passkeys.relying_party import relying_party_id, user_verification
from emulator.userpools.sign_in_policy import EMAIL_OTP, PASSWORD, PASSWORD_SRP, SMS_OTP, WEB_AUTHN, first_factors
from emulator.userpools.users.attributes import mask_email, mask_phone
from emulator.wire.errors import (
    InvalidParameterException,
    NotAuthorizedException,
    WebAuthnConfigurationMissingException,
)

DECOY = "decoy"  # marks the ChallengeSession of a user who does not exist
SELECT_CHALLENGE = "SELECT_CHALLENGE"
ASSERTION_FAILED = "Failed to verify the WebAuthn credential."  # as choice_flow's (guess)
INVALID_ANSWER = "Invalid ANSWER for SELECT_CHALLENGE: {answer}"


def applies(signin: SignIn) -> bool:
    return signin.client.prevent_user_existence_errors == "ENABLED"


def start(signin: SignIn, username: str, preferred: str | None, parameters: dict[str, str]) -> dict[str, Any]:
    offered = _pool_challenges(signin)
    if preferred == PASSWORD_SRP and PASSWORD in offered:
        return user_srp_auth(signin, {**parameters, "USERNAME": username})
    if preferred == PASSWORD and PASSWORD in offered:
        required(parameters, "PASSWORD")
        raise NotAuthorizedException(INCORRECT)
    name = preferred if preferred in offered else choice(offered)
    return _challenge(signin, username, name)


def answer(signin: SignIn, name: str, responses: dict[str, str], opened: OpenedSession) -> dict[str, Any]:
    """RespondToAuthChallenge on a decoy Session: it fails as the same answer fails for a real user."""
    session = opened[1]
    if name == SELECT_CHALLENGE:
        name = required(responses, "ANSWER")
        if name not in session.data.get("choices", [session.challenge]):
            raise InvalidParameterException(INVALID_ANSWER.format(answer=name))
    if name == PASSWORD_SRP:
        return user_srp_auth(signin, {**responses, "USERNAME": session.username})
    if name == PASSWORD:
        required(responses, "PASSWORD")
        raise NotAuthorizedException(INCORRECT)
    if name in (EMAIL_OTP, SMS_OTP):
        mfa_challenges.check_sent_code(signin, opened, required(responses, f"{name}_CODE"))  # never matches
    required(responses, "CREDENTIAL")
    raise NotAuthorizedException(ASSERTION_FAILED)


def answers(name: str, session: ChallengeSession) -> bool:
    """Whether a ChallengeName may answer this decoy Session (as ``flows.ANSWERS`` for real ones)."""
    if session.challenge == PASSWORD:
        return name in (PASSWORD, PASSWORD_SRP, SELECT_CHALLENGE)
    return name == session.challenge


def _pool_challenges(signin: SignIn) -> list[str]:
    """The challenge types the pool allows as first factors; WEB_AUTHN only where a relying party
    can be named."""
    offered = [name for name in (PASSWORD, EMAIL_OTP, SMS_OTP, WEB_AUTHN) if name in first_factors(signin.pool)]
    if WEB_AUTHN in offered and _rp_id(signin) is None:
        offered.remove(WEB_AUTHN)
    return offered


def _challenge(signin: SignIn, username: str, name: str) -> dict[str, Any]:
    parameters: dict[str, str] = {}
    data: dict[str, Any] = {DECOY: True, "attempts": 0, "code": ""}
    if name == PASSWORD:
        data["choices"] = [PASSWORD, PASSWORD_SRP]
    elif name in (EMAIL_OTP, SMS_OTP):
        sms = name == SMS_OTP
        parameters = {"CODE_DELIVERY_DELIVERY_MEDIUM": "SMS" if sms else "EMAIL",
                      "CODE_DELIVERY_DESTINATION": _destination(username, sms), "USER_ID_FOR_SRP": username}
    else:
        rp_id = _rp_id(signin) or ""
        options = ceremony.request_options(rp_id, ceremony.new_challenge(), user_verification(signin.pool), [],
                                           signin.client.auth_session_validity * 60 * 1000)
        parameters = {"CREDENTIAL_REQUEST_OPTIONS": json.dumps(options)}
    expires = signin.now() + signin.client.auth_session_validity * 60
    session = ChallengeSession(signin.pool.id, signin.client.client_id, username, name, expires, data)
    token = signin.ctx.sessions.open(session, signin.now())
    return {"ChallengeName": name, "ChallengeParameters": parameters, "Session": token}


def _destination(username: str, sms: bool) -> str:
    """A masked destination that stays the same for one username (a new one on every try would tell
    the decoy apart); an email username is masked as itself."""
    digits = int.from_bytes(hashlib.sha256(username.encode("utf-8", "surrogatepass")).digest()[:4], "big")
    if sms:
        return mask_phone(f"+1555{digits % 10_000_000:07d}")
    return mask_email(username if "@" in username else f"{username[:1] or 'u'}@example.com")


def _rp_id(signin: SignIn) -> str | None:
    try:
        return relying_party_id(signin.pool, signin.pool.region)
    except WebAuthnConfigurationMissingException:
        return None
