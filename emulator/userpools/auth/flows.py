"""InitiateAuth / AdminInitiateAuth and RespondToAuthChallenge / AdminRespondToAuthChallenge
as tables: one small function per AuthFlow and per ChallengeName."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from emulator.userpools.auth import choice_decoy, choice_flow
from emulator.userpools.auth import mfa_challenges as mfa
from emulator.userpools.auth.client_auth import check_flow_enabled, check_secret_hash, required
from emulator.userpools.auth.device_flow import device_password_verifier, device_srp_auth
from emulator.userpools.auth.new_password import new_password_required
from emulator.userpools.auth.password_flow import password_auth
from emulator.userpools.auth.refresh_flow import refresh_token_auth
from emulator.userpools.auth.signin import SignIn, check_may_sign_in
from emulator.userpools.auth.srp_flow import PASSWORD_VERIFIER, password_verifier, user_srp_auth
from emulator.userpools.users.model import User
from emulator.wire.errors import (
    InvalidParameterException,
    NotAuthorizedException,
)

Parameters = dict[str, str]
FlowHandler = Callable[[SignIn, Parameters], dict[str, Any]]
SessionChallenge = Callable[[SignIn, User, Parameters], dict[str, Any]]
RetryableChallenge = Callable[[SignIn, User, Parameters, mfa.OpenedSession], dict[str, Any]]

FLOWS: dict[str, FlowHandler] = {
    "USER_SRP_AUTH": user_srp_auth,
    "USER_PASSWORD_AUTH": password_auth,
    "ADMIN_USER_PASSWORD_AUTH": password_auth,
    "ADMIN_NO_SRP_AUTH": password_auth,
    "REFRESH_TOKEN_AUTH": refresh_token_auth,
    "REFRESH_TOKEN": refresh_token_auth,
}
INVALID_SESSION = "Invalid session for the user."
ADMIN_ONLY = {"ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"}
NOT_ADMIN = {"USER_PASSWORD_AUTH"}
# CUSTOM_AUTH: userpools/hooks/custom_auth.py; USER_AUTH (it may carry a Session): auth/choice_flow.py

# Challenges answered with a Session (PASSWORD_VERIFIER is keyed by its SECRET_BLOCK instead).
SESSION_CHALLENGES: dict[str, SessionChallenge] = {
    "NEW_PASSWORD_REQUIRED": new_password_required,
}
# Session challenges whose handler also gets the Session (token and data): a wrong MFA code
# reopens it for another try, and MFA codes and choices live in it.
RETRYABLE_CHALLENGES: dict[str, RetryableChallenge] = {
    "SOFTWARE_TOKEN_MFA": mfa.software_token_mfa,
    "SMS_MFA": mfa.sms_mfa,
    "EMAIL_OTP": choice_flow.email_otp,  # email MFA (mfa.email_otp) or USER_AUTH's first factor
    "SELECT_MFA_TYPE": mfa.select_mfa_type,
    "MFA_SETUP": mfa.mfa_setup,
    # Device SRP keeps its device and SRP state (b, A, B) in the Session.
    "DEVICE_SRP_AUTH": device_srp_auth,
    "DEVICE_PASSWORD_VERIFIER": device_password_verifier,
    # USER_AUTH: the choice, then the passwordless factors (EMAIL_OTP is shared with MFA above).
    "SELECT_CHALLENGE": choice_flow.select_challenge,
    "PASSWORD": choice_flow.password,
    "PASSWORD_SRP": choice_flow.password_srp,
    "SMS_OTP": choice_flow.sms_otp,
    "WEB_AUTHN": choice_flow.web_authn,
}

# ChallengeNames that answer a Session opened for another challenge: PASSWORD / PASSWORD_SRP answer
# the choice of first factor [doc: the model's ChallengeName list, "PASSWORD: Respond with the
# user's password as PASSWORD. PASSWORD_SRP: Respond with the initial SRP secret as SRP_A."].
ANSWERS: dict[str, set[str]] = {
    "PASSWORD": {"SELECT_CHALLENGE"},
    "PASSWORD_SRP": {"SELECT_CHALLENGE"},
}


def initiate(signin: SignIn, flow: str, parameters: Parameters, session: str | None = None) -> dict[str, Any]:
    if flow == choice_flow.FLOW:
        check_flow_enabled(signin.client, flow)
        return choice_flow.user_auth(signin, parameters, session)
    if (signin.admin and flow in NOT_ADMIN) or (not signin.admin and flow in ADMIN_ONLY) or flow not in FLOWS:
        raise InvalidParameterException("Initiate Auth method not supported.")
    check_flow_enabled(signin.client, flow)
    return FLOWS[flow](signin, parameters)


def respond(signin: SignIn, name: str, responses: Parameters, session: str | None) -> dict[str, Any]:
    if name == PASSWORD_VERIFIER:
        return password_verifier(signin, responses, session)
    handler = SESSION_CHALLENGES.get(name)
    retryable = RETRYABLE_CHALLENGES.get(name)
    if handler is None and retryable is None:
        raise InvalidParameterException(f"The emulator cannot answer challenge {name} in this state.")
    if not session:
        raise InvalidParameterException("Missing required parameter Session")
    username = required(responses, "USERNAME")
    pending = signin.ctx.sessions.take(session, signin.now())
    if (pending.pool_id, pending.client_id) != (signin.pool.id, signin.client.client_id):
        raise NotAuthorizedException(INVALID_SESSION)
    if pending.data.get(choice_decoy.DECOY):  # USER_AUTH for a user who does not exist
        if not choice_decoy.answers(name, pending):
            raise NotAuthorizedException(INVALID_SESSION)
        check_secret_hash(signin.client, responses.get("SECRET_HASH"), pending.username, username)
        return choice_decoy.answer(signin, name, responses, (session, pending))
    user = signin.pool.users.get(pending.username)
    if (pending.challenge != name and pending.challenge not in ANSWERS.get(name, ())) or user is None:
        raise NotAuthorizedException(INVALID_SESSION)
    check_secret_hash(signin.client, responses.get("SECRET_HASH"), user.username, username)
    check_may_sign_in(user)
    if retryable is not None:
        return retryable(signin, user, responses, (session, pending))
    assert handler is not None
    return handler(signin, user, responses)
