"""What happens after the first factor (password or SRP) succeeded, in AWS's order:

0. threat protection decides (``userpools/risk``): it may refuse, or owe an MFA challenge;
1. status gates: RESET_REQUIRED refuses, FORCE_CHANGE_PASSWORD asks NEW_PASSWORD_REQUIRED;
2. a remembered device stands in for MFA (DEVICE_SRP_AUTH), see ``device_step``;
3. MFA (SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP, SELECT_MFA_TYPE, MFA_SETUP), see ``mfa_step``,
   or the factor adaptive authentication owes when the user's settings ask none;
4. the tokens, after a confirmed device presented proved itself (DEVICE_SRP_AUTH), with
   NewDeviceMetadata when the pool tracks devices and no known device was presented.

Each step may answer with a challenge; answering it re-enters the pipeline where it left off.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any

from emulator.tokens.claims import ClaimOverrides
from emulator.triggers.fire import configured
from emulator.userpools.auth import device_step, mfa_step
from emulator.userpools.auth.results import sign_in_result
from emulator.userpools.auth.signin import SignIn, challenge
from emulator.userpools.risk.assess import assess
from emulator.userpools.users.model import FORCE_CHANGE_PASSWORD, RESET_REQUIRED, User
from emulator.wire.errors import NotAuthorizedException, PasswordResetRequiredException

DAY = 86400
PENDING = "__pending_tokens__"  # never reaches the wire: the operation completes it
TOKEN_TRIGGERS = ("PostAuthentication", "PreTokenGeneration", "PreTokenGenerationConfig")
Step = Callable[[SignIn, User], "dict[str, Any] | None"]


def risk_mfa_challenge(signin: SignIn, user: User) -> dict[str, Any] | None:
    """The MFA adaptive authentication owes, when the user's own settings asked none."""
    return mfa_step.start_factor(signin, user, signin.risk_factor) if signin.risk_factor else None


SECOND_STEPS: tuple[Step, ...] = (device_step.remembered_device_challenge, mfa_step.mfa_challenge, risk_mfa_challenge)


def after_password(signin: SignIn, user: User, password: str | None = None) -> dict[str, Any]:
    """``password``: the one sent (USER_PASSWORD_AUTH and the admin flows), for the compromised check."""
    factor = assess(signin.ctx, signin.pool, signin.client.client_id, user, password)
    if factor is not None:
        signin = dataclasses.replace(signin, risk_factor=factor)
    if user.status == RESET_REQUIRED:
        raise PasswordResetRequiredException("Password reset required for the user")
    if user.status == FORCE_CHANGE_PASSWORD:
        return new_password_challenge(signin, user)
    return after_first_factor(signin, user)


def after_first_factor(signin: SignIn, user: User, skip: tuple[Step, ...] = ()) -> dict[str, Any]:
    """Steps 2-4; ``skip`` names the steps already passed (a device answered, say)."""
    for step in SECOND_STEPS:
        if step in skip:
            continue
        answer = step(signin, user)
        if answer is not None:
            return answer
    return complete_sign_in(signin, user)


def complete_sign_in(signin: SignIn, user: User) -> dict[str, Any]:
    """Step 4, once every factor owed is in: a confirmed device presented proves itself first."""
    return device_step.tracked_device_challenge(signin, user) or issue_tokens(signin, user)


def issue_tokens(signin: SignIn, user: User) -> dict[str, Any]:
    """The tokens, or, when the pool has PostAuthentication or PreTokenGeneration, a
    ``PENDING`` marker: the operation awaits those triggers (it is the async layer) and then
    calls ``tokens_now`` with what they answered (userpools/hooks/sign_in.py)."""
    if signin.hosted or any(configured(signin.pool, trigger) for trigger in TOKEN_TRIGGERS):
        return {PENDING: (user.username, user.sub)}
    return tokens_now(signin, user)


def tokens_now(signin: SignIn, user: User, overrides: ClaimOverrides | None = None) -> dict[str, Any]:
    """The tokens; the access token names the device (a new one comes with NewDeviceMetadata)."""
    metadata = device_step.new_device_metadata(signin, user)
    device_key = device_step.token_device_key(signin, user, metadata)
    result = sign_in_result(signin.ctx, signin.pool, signin.client, user, device_key=device_key,
                            overrides=overrides, mfa=signin.mfa_answered)
    if metadata is not None:
        result["AuthenticationResult"]["NewDeviceMetadata"] = metadata
    return result


def new_password_challenge(signin: SignIn, user: User) -> dict[str, Any]:
    password = user.password
    validity_days = signin.pool.password_policy.temporary_password_validity_days
    if password is not None and password.temporary and password.set_at + validity_days * DAY < signin.now():
        raise NotAuthorizedException("Temporary password has expired and must be reset by an administrator.")
    missing = [
        f"userAttributes.{name}" for name, attribute in signin.pool.schema.items()
        if attribute.required and name != "sub" and not user.attributes.get(name)
    ]
    visible = {k: v for k, v in user.attributes.items() if k != "sub"}
    parameters = {
        "USER_ID_FOR_SRP": user.username,
        "requiredAttributes": json.dumps(missing),
        "userAttributes": json.dumps(visible),
    }
    return challenge(signin, user, "NEW_PASSWORD_REQUIRED", parameters)
