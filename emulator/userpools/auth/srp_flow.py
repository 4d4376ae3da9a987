"""USER_SRP_AUTH and its PASSWORD_VERIFIER challenge: the server half of Cognito's SRP.

InitiateAuth answers B, the salt and a SECRET_BLOCK (no Session, as AWS); the SRP state
(b, A, B, user, client) is kept under the SECRET_BLOCK, single use and expiring. The
client's signature proves the password; a wrong one fails here, never later.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
from typing import Any

from emulator.srp.errors import SrpError
from emulator.srp.server import begin, parse_srp_a, session_key, srp_b_hex, verify_signature
from emulator.srp.timestamp import TimestampFormatError, TimestampRejectedError, check_timestamp
from emulator.srp.verifier import pool_name, salt_hex
from emulator.state.ids import randbits, token_bytes
from emulator.userpools.auth.client_auth import check_secret_hash, required
from emulator.userpools.auth.device_step import presented_device
from emulator.userpools.auth.lockout import check_not_locked
from emulator.userpools.auth.pipeline import after_password
from emulator.userpools.auth.sessions import ChallengeSession
from emulator.userpools.auth.signin import (
    INCORRECT,
    SignIn,
    check_may_sign_in,
    unknown_user_error,
    wrong_password,
)
from emulator.userpools.users.identity import find_user
from emulator.userpools.users.model import User
from emulator.wire.errors import InvalidParameterException, NotAuthorizedException

PASSWORD_VERIFIER = "PASSWORD_VERIFIER"
_SECRET_BLOCK_BYTES = 96
TIMESTAMP_FORMAT_ERROR = "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english."


def user_srp_auth(signin: SignIn, parameters: dict[str, str]) -> dict[str, Any]:
    username = required(parameters, "USERNAME")
    srp_a = required(parameters, "SRP_A")
    check_secret_hash(signin.client, parameters.get("SECRET_HASH"), username)
    try:
        big_a = parse_srp_a(srp_a)
    except SrpError:
        raise NotAuthorizedException(INCORRECT) from None
    user = find_user(signin.pool, username)
    if user is None:
        if signin.client.prevent_user_existence_errors != "ENABLED":
            raise unknown_user_error(signin.client)
        return _decoy_challenge(signin, username)
    check_may_sign_in(user)
    if user.password is None:  # a passwordless user: no verifier, fails as a wrong password
        return _decoy_challenge(signin, username)
    verifier = user.password.srp_verifier
    b, big_b = begin(verifier)
    secret_block = base64.b64encode(token_bytes(_SECRET_BLOCK_BYTES)).decode("ascii")
    state = {"A": big_a, "B": big_b, "b": b, "v": verifier}
    _derive_key_soon(state)
    expires = signin.now() + signin.client.auth_session_validity * 60
    session = ChallengeSession(signin.pool.id, signin.client.client_id, user.username, PASSWORD_VERIFIER,
                               expires, state)
    signin.ctx.sessions.open(session, signin.now(), key=secret_block)
    return {
        "ChallengeName": PASSWORD_VERIFIER,
        "ChallengeParameters": {
            "SALT": salt_hex(user.password.srp_salt),
            "SRP_B": srp_b_hex(big_b),
            "SECRET_BLOCK": secret_block,
            "USER_ID_FOR_SRP": user.username,
            "USERNAME": user.username,
        },
    }


def password_verifier(signin: SignIn, responses: dict[str, str], session: str | None) -> dict[str, Any]:
    user, _ = verified_password_claim(signin, responses)
    return after_password(signin, user)


def verified_password_claim(signin: SignIn, responses: dict[str, str]) -> tuple[User, dict[str, Any]]:
    """The user whose PASSWORD_VERIFIER answer proved the password, and the SRP state it spent
    (CUSTOM_AUTH with SRP first keeps its challenge history there)."""
    secret_block = required(responses, "PASSWORD_CLAIM_SECRET_BLOCK")
    signature = required(responses, "PASSWORD_CLAIM_SIGNATURE")
    timestamp = required(responses, "TIMESTAMP")
    username = required(responses, "USERNAME")
    sessions = signin.ctx.sessions
    pending = sessions.peek(secret_block)
    if pending is None or pending.client_id != signin.client.client_id or pending.pool_id != signin.pool.id:
        raise NotAuthorizedException(INCORRECT)
    user = signin.pool.users.get(pending.username)
    check_secret_hash(signin.client, responses.get("SECRET_HASH"), pending.username, username)
    if user is not None:
        # An unknown DEVICE_KEY leaves the SRP state alone: Amplify and acij drop their stored device
        # and send this same answer again without it (reference 3.7 item 7).
        presented_device(signin, user)
    state = sessions.take(secret_block, signin.now()).data
    if user is None or (find_user(signin.pool, username) is not user):
        raise NotAuthorizedException(INCORRECT)
    check_not_locked(user, signin.now())
    try:
        check_timestamp(timestamp, signin.now())
    except TimestampFormatError:
        raise InvalidParameterException(TIMESTAMP_FORMAT_ERROR) from None
    except TimestampRejectedError:
        raise wrong_password(signin, user) from None
    assert user.password is not None
    if state["v"] != user.password.srp_verifier:  # the password changed meanwhile
        state.update(v=user.password.srp_verifier, K=_UNDERIVED)
    _derive_key(state)
    try:
        block = base64.b64decode(secret_block)
    except ValueError:
        raise wrong_password(signin, user) from None
    key = state["K"]
    if key is None or not verify_signature(key, pool_name(signin.pool.id), user.username, block, timestamp,
                                           signature):
        raise wrong_password(signin, user)
    check_may_sign_in(user)
    return user, state


_UNDERIVED = "underived"  # a string, not object(): sessions are stored, and must read back


def _derive_key_soon(state: dict[str, Any]) -> None:
    """Derive K right after the challenge is sent rather than when the answer comes.

    K depends only on A, B, b and v, all known now, and every client spends milliseconds
    on its own SRP math before answering; doing the server's two 3072-bit exponentiations
    in that gap takes them off the second round trip. If the answer arrives first (or
    there is no event loop), ``_derive_key`` does the work then."""
    state["K"] = _UNDERIVED
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return
    loop.call_soon(_derive_key, state)


def _derive_key(state: dict[str, Any]) -> None:
    if state["K"] != _UNDERIVED:
        return
    try:
        state["K"] = session_key(state["A"], state["B"], state["b"], state["v"])
    except SrpError:
        state["K"] = None  # degenerate A or u: no key can match


def _decoy_challenge(signin: SignIn, username: str) -> dict[str, Any]:
    """PreventUserExistenceErrors: answer an unknown user like a real one (stable salt per
    name, random B); the PASSWORD_VERIFIER step then fails as a wrong password would."""
    salt = hashlib.sha256(f"{signin.pool.id}:{username}".encode()).digest()[:16]
    _, big_b = begin(randbits(256))
    secret_block = base64.b64encode(token_bytes(_SECRET_BLOCK_BYTES)).decode("ascii")
    return {
        "ChallengeName": PASSWORD_VERIFIER,
        "ChallengeParameters": {
            "SALT": salt_hex(salt),
            "SRP_B": srp_b_hex(big_b),
            "SECRET_BLOCK": secret_block,
            "USER_ID_FOR_SRP": username,
            "USERNAME": username,
        },
    }
