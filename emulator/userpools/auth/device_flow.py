"""Answers to DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER: the device proves it holds the random
password it registered with ConfirmDevice (reference 3.7, items 5-6).

Both Sessions are bound to the device the challenge was asked of; a wrong device secret is refused
like a wrong password, 'Incorrect username or password.'. Then the tokens, with no MFA: the device
either stood in for it or came after it (see ``device_step``).
"""

from __future__ import annotations

from typing import Any

from emulator.srp.errors import SrpError
from emulator.srp.timestamp import (
    TIMESTAMP_FORMAT_MESSAGE,
    TimestampFormatError,
    TimestampRejectedError,
    check_timestamp,
)
from emulator.userpools.auth.client_auth import required
from emulator.userpools.auth.device_step import DEVICE_PASSWORD_VERIFIER
from emulator.userpools.auth.pipeline import issue_tokens
from emulator.userpools.auth.sessions import ChallengeSession
from emulator.userpools.auth.signin import INCORRECT, SignIn, challenge
from emulator.userpools.devices import registry
from emulator.userpools.devices import srp as device_srp
from emulator.userpools.devices.model import Device
from emulator.userpools.users.model import User
from emulator.wire.errors import InvalidParameterException, NotAuthorizedException

OpenedSession = tuple[str, ChallengeSession]


def device_srp_auth(signin: SignIn, user: User, responses: dict[str, str], opened: OpenedSession) -> dict[str, Any]:
    device = _challenged_device(user, responses, opened[1])
    srp_a = required(responses, "SRP_A")
    try:
        started = device_srp.start(device, srp_a)
    except SrpError:
        raise NotAuthorizedException(INCORRECT) from None
    return challenge(signin, user, DEVICE_PASSWORD_VERIFIER, started.parameters(device, user.username),
                     {"device_key": device.key, "srp": started})


def device_password_verifier(signin: SignIn, user: User, responses: dict[str, str],
                             opened: OpenedSession) -> dict[str, Any]:
    secret_block = required(responses, "PASSWORD_CLAIM_SECRET_BLOCK")
    signature = required(responses, "PASSWORD_CLAIM_SIGNATURE")
    timestamp = required(responses, "TIMESTAMP")
    device = _challenged_device(user, responses, opened[1])
    try:
        check_timestamp(timestamp, signin.now())
    except TimestampFormatError:
        raise InvalidParameterException(TIMESTAMP_FORMAT_MESSAGE) from None
    except TimestampRejectedError:
        raise NotAuthorizedException(INCORRECT) from None
    started = opened[1].data["srp"]
    if not device_srp.claim_is_valid(device, started, secret_block, timestamp, signature):
        raise NotAuthorizedException(INCORRECT)
    return issue_tokens(signin, user)


def _challenged_device(user: User, responses: dict[str, str], pending: ChallengeSession) -> Device:
    """DEVICE_KEY must name the device the challenge was asked of (guess: another key is refused as
    a wrong answer), and that device must still be there (forgotten meanwhile: 'Device does not
    exist.')."""
    key = required(responses, "DEVICE_KEY")
    device = registry.require_device(user, key)
    if key != pending.data.get("device_key") or not device.confirmed:
        raise NotAuthorizedException(INCORRECT)
    return device
