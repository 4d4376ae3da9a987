"""USER_AUTH, choice-based sign-in: the user starts with one of the pool's first factors
(SignInPolicy.AllowedFirstAuthFactors) that they can use, named by PREFERRED_CHALLENGE or picked
from SELECT_CHALLENGE's AvailableChallenges.

* PASSWORD / PASSWORD_SRP run the password checks (lockout included) and then the pipeline after
  the password, so MFA is asked as for USER_PASSWORD_AUTH / USER_SRP_AUTH;
* EMAIL_OTP / SMS_OTP send a code through the outbox (wrong answers retry on the same Session, up to
  the MFA limit); WEB_AUTHN sends CREDENTIAL_REQUEST_OPTIONS and checks the assertion (py_webauthn);
  these passwordless factors complete the sign-in without a further MFA challenge (guess: AWS
  documents no MFA after a passwordless first factor, and does not offer them where MFA is
  required, except passkeys that count as MFA);
* InitiateAuth with the Session of SignUp / ConfirmSignUp signs a just-confirmed user in, the
  confirmation code standing for the first factor [doc].
"""

from __future__ import annotations

import json
from typing import Any

from emulator.runtime import Context
from emulator.userpools.auth import choice_decoy
from emulator.userpools.auth.client_auth import check_secret_hash, required
from emulator.userpools.auth.lockout import check_not_locked
from emulator.userpools.auth.mfa_challenges import OpenedSession, check_sent_code
from emulator.userpools.auth.mfa_challenges import email_otp as mfa_email_otp
from emulator.userpools.auth.mfa_step import send_code_challenge
from emulator.userpools.auth.pipeline import after_password, complete_sign_in
from emulator.userpools.auth.sessions import INVALID, ChallengeSession
from emulator.userpools.auth.signin import SignIn, challenge, check_may_sign_in, resolve_user, wrong_password
from emulator.userpools.auth.srp_flow import user_srp_auth
from emulator.userpools.model import UserPool, UserPoolClient
from emulator.userpools.passkeys import ceremony
from emulator.userpools.passkeys.relying_party import relying_party_id, user_verification
from emulator.userpools.sign_in_policy import (
    CHALLENGE_ORDER,
    EMAIL_OTP,
    PASSWORD,
    PASSWORD_SRP,
    SMS_OTP,
    WEB_AUTHN,
    available_challenges,
)
from emulator.userpools.users.credentials import password_matches
from emulator.userpools.users.identity import find_user
from emulator.userpools.users.model import CONFIRMED, User
from emulator.wire.errors import (
    FeatureUnavailableInTierException,
    InvalidParameterException,
    NotAuthorizedException,
    WebAuthnConfigurationMissingException,
)

FLOW = "USER_AUTH"
SELECT_CHALLENGE = "SELECT_CHALLENGE"
SIGN_UP_SESSION = "SIGN_UP_SIGN_IN"  # the ChallengeSession SignUp / ConfirmSignUp hand out; never on the wire
OUTBOX_PURPOSE = "SIGN_IN"
# Guesses: AWS's wording is not documented.
TIER = "USER_AUTH is not available in the LITE tier. Upgrade the user pool to ESSENTIALS or PLUS."
NO_CHALLENGES = "The user has no sign-in method this user pool allows."
INVALID_ANSWER = "Invalid ANSWER for SELECT_CHALLENGE: {answer}"
ASSERTION_FAILED = "Failed to verify the WebAuthn credential."


def user_auth(signin: SignIn, parameters: dict[str, str], session: str | None) -> dict[str, Any]:
    if signin.pool.tier == "LITE":
        raise FeatureUnavailableInTierException(TIER)
    username = required(parameters, "USERNAME")
    check_secret_hash(signin.client, parameters.get("SECRET_HASH"), username)
    if session:
        return _signed_up(signin, username, session)
    preferred = parameters.get("PREFERRED_CHALLENGE")
    if preferred and preferred not in CHALLENGE_ORDER:
        raise InvalidParameterException(f"Invalid PREFERRED_CHALLENGE: {preferred}")  # guess
    if find_user(signin.pool, username) is None and choice_decoy.applies(signin):
        return choice_decoy.start(signin, username, preferred, parameters)
    user = resolve_user(signin, username)
    available = available_challenges(signin.pool, user, _current_rp_id(signin))
    if preferred in available:
        return start(signin, user, str(preferred), parameters)
    if not available:
        raise NotAuthorizedException(NO_CHALLENGES)
    # A preferred challenge the user cannot use falls back to the choice (unverified).
    return _select(signin, user, available)


def start(signin: SignIn, user: User, name: str, parameters: dict[str, str]) -> dict[str, Any]:
    """Begin one first factor; ``parameters`` are InitiateAuth's or the SELECT_CHALLENGE answer."""
    if name == PASSWORD:
        return _password(signin, user, required(parameters, "PASSWORD"))
    if name == PASSWORD_SRP:
        required(parameters, "SRP_A")
        return user_srp_auth(signin, {**parameters, "USERNAME": parameters.get("USERNAME") or user.username})
    if name == EMAIL_OTP:
        return send_code_challenge(signin, user, EMAIL_OTP, "email", user.attributes["email"],
                                   {"first_factor": True}, purpose=OUTBOX_PURPOSE)
    if name == SMS_OTP:
        return send_code_challenge(signin, user, SMS_OTP, "phone_number", user.attributes["phone_number"],
                                   {"first_factor": True}, purpose=OUTBOX_PURPOSE)
    options, data = _request_options(signin, user)
    return challenge(signin, user, WEB_AUTHN, {"CREDENTIAL_REQUEST_OPTIONS": json.dumps(options)}, data)


def select_challenge(signin: SignIn, user: User, responses: dict[str, str], opened: OpenedSession) -> dict[str, Any]:
    """ANSWER names one of AvailableChallenges; PASSWORD, PASSWORD_SRP and WEB_AUTHN may carry their
    answer in the same call [doc], EMAIL_OTP / SMS_OTP send the code."""
    answer = required(responses, "ANSWER")
    data = opened[1].data
    if answer not in data.get("choices", []):
        raise InvalidParameterException(INVALID_ANSWER.format(answer=answer))
    if answer == WEB_AUTHN and responses.get("CREDENTIAL") and data.get("challenge"):
        return _check_assertion(signin, user, responses["CREDENTIAL"], data)
    return start(signin, user, answer, responses)


def password(signin: SignIn, user: User, responses: dict[str, str], opened: OpenedSession) -> dict[str, Any]:
    """RespondToAuthChallenge named PASSWORD ({USERNAME, PASSWORD}) on a SELECT_CHALLENGE Session that
    offers it: the model lists PASSWORD among the ChallengeNames, "Respond with the user's password as
    PASSWORD" [doc]; the same as SELECT_CHALLENGE {ANSWER: PASSWORD, PASSWORD}."""
    return _named_first_factor(signin, user, PASSWORD, responses, opened)


def password_srp(signin: SignIn, user: User, responses: dict[str, str], opened: OpenedSession) -> dict[str, Any]:
    """PASSWORD_SRP ({USERNAME, SRP_A}): "Respond with the initial SRP secret as SRP_A" [doc], answered
    by PASSWORD_VERIFIER as USER_SRP_AUTH is."""
    return _named_first_factor(signin, user, PASSWORD_SRP, responses, opened)


def _named_first_factor(signin: SignIn, user: User, name: str, responses: dict[str, str],
                        opened: OpenedSession) -> dict[str, Any]:
    if name not in opened[1].data.get("choices", []):
        raise InvalidParameterException(INVALID_ANSWER.format(answer=name))
    return start(signin, user, name, responses)


def web_authn(signin: SignIn, user: User, responses: dict[str, str], opened: OpenedSession) -> dict[str, Any]:
    return _check_assertion(signin, user, required(responses, "CREDENTIAL"), opened[1].data)


def email_otp(signin: SignIn, user: User, responses: dict[str, str], opened: OpenedSession) -> dict[str, Any]:
    """EMAIL_OTP answers both the passwordless first factor and email MFA (``mfa_challenges``)."""
    if not opened[1].data.get("first_factor"):
        return mfa_email_otp(signin, user, responses, opened)
    _check_code(signin, user, opened, required(responses, "EMAIL_OTP_CODE"))
    return complete_sign_in(signin, user)


def sms_otp(signin: SignIn, user: User, responses: dict[str, str], opened: OpenedSession) -> dict[str, Any]:
    _check_code(signin, user, opened, required(responses, "SMS_OTP_CODE"))
    return complete_sign_in(signin, user)


def _check_code(signin: SignIn, user: User, opened: OpenedSession, given: str) -> None:
    """A wrong code counts towards the user's lockout as a wrong password does, and while locked out
    even the right code gets "Password attempts exceeded" (``check_sent_code``; AWS documents it for
    MFA codes, the same for sign-in codes is a guess)."""
    check_sent_code(signin, opened, given)


def sign_up_session(ctx: Context, pool: UserPool, client: UserPoolClient, user: User) -> str | None:
    """The Session SignUp and ConfirmSignUp answer for a client that allows USER_AUTH (guess: AWS
    answers it only where it can be used)."""
    if "ALLOW_USER_AUTH" not in client.explicit_auth_flows:
        return None
    session = ChallengeSession(pool.id, client.client_id, user.username, SIGN_UP_SESSION,
                               ctx.now() + client.auth_session_validity * 60)
    return ctx.sessions.open(session, ctx.now())


def _signed_up(signin: SignIn, username: str, token: str) -> dict[str, Any]:
    pending = signin.ctx.sessions.take(token, signin.now())
    user = signin.pool.users.get(pending.username)
    bound_to = (pending.pool_id, pending.client_id, pending.challenge)
    if (bound_to != (signin.pool.id, signin.client.client_id, SIGN_UP_SESSION) or user is None
            or find_user(signin.pool, username) is not user or user.status != CONFIRMED):
        raise NotAuthorizedException(INVALID)
    check_may_sign_in(user)
    return complete_sign_in(signin, user)


def _select(signin: SignIn, user: User, available: list[str]) -> dict[str, Any]:
    """SELECT_CHALLENGE. With WEB_AUTHN among the choices its request options come along (guess:
    needed for the one-step {ANSWER: WEB_AUTHN, CREDENTIAL} answer the API docs show)."""
    data: dict[str, Any] = {"choices": available}
    parameters: dict[str, str] = {}
    if WEB_AUTHN in available:
        options, web = _request_options(signin, user)
        data.update(web)
        parameters["CREDENTIAL_REQUEST_OPTIONS"] = json.dumps(options)
    result = challenge(signin, user, SELECT_CHALLENGE, parameters, data)
    result["AvailableChallenges"] = available
    return result


def _password(signin: SignIn, user: User, password: str) -> dict[str, Any]:
    check_not_locked(user, signin.now())
    if not password_matches(user.password, password):
        raise wrong_password(signin, user)
    return after_password(signin, user)


def _current_rp_id(signin: SignIn) -> str | None:
    """The pool's relying-party id now; None where none can be named (then no passkey is usable)."""
    try:
        return relying_party_id(signin.pool, signin.pool.region)
    except WebAuthnConfigurationMissingException:
        return None


def _request_options(signin: SignIn, user: User) -> tuple[dict[str, Any], dict[str, Any]]:
    """WEB_AUTHN is offered only with a passkey for the current relying-party id (``available_challenges``),
    so one exists here; allowCredentials lists those passkeys only."""
    rp_id = _current_rp_id(signin) or ""
    passkeys = [key for key in user.passkeys.values() if key.relying_party_id == rp_id]
    # Passkey MFA on for the user: "the user's passkey authentication requires user verification" [doc].
    uv = "required" if user.mfa.web_authn_enabled else user_verification(signin.pool)
    challenge_value = ceremony.new_challenge()
    options = ceremony.request_options(rp_id, challenge_value, uv, passkeys,
                                       signin.client.auth_session_validity * 60 * 1000)
    return options, {"challenge": challenge_value, "uv": uv, "rp_id": rp_id}


def _check_assertion(signin: SignIn, user: User, credential: str, data: dict[str, Any]) -> dict[str, Any]:
    """A failed assertion is NotAuthorizedException [doc-inferred: RespondToAuthChallenge lists no
    WebAuthn errors]; the Session is spent either way, so a replayed answer finds none."""
    try:
        passkey = user.passkeys.get(ceremony.credential_id_of(credential))
        if passkey is None or passkey.relying_party_id != data.get("rp_id", passkey.relying_party_id):
            raise NotAuthorizedException(ASSERTION_FAILED)  # unknown, or registered for another RP id
        passkey.sign_count = ceremony.verify_assertion(credential, passkey, str(data["challenge"]),
                                                       require_uv=data.get("uv") == "required")
    except ceremony.CeremonyError:
        raise NotAuthorizedException(ASSERTION_FAILED) from None
    return complete_sign_in(signin, user)
