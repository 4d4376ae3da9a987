"""PreSignUp (SignUp, AdminCreateUser) and PostConfirmation (ConfirmSignUp,
AdminConfirmSignUp, ConfirmForgotPassword, SignUp with autoConfirmUser), reference
triggers.md §4.1-4.2."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from emulator.runtime import Context
from emulator.triggers.events import envelope, user_attributes, validation_data, with_optional
from emulator.triggers.fire import configured, current_pool, current_user, fire, flag
from emulator.userpools.model import UserPool
from emulator.userpools.users.model import User
from emulator.wire.errors import InvalidParameterException

SIGN_UP = "PreSignUp_SignUp"
ADMIN_CREATE_USER = "PreSignUp_AdminCreateUser"
CONFIRM_SIGN_UP = "PostConfirmation_ConfirmSignUp"
CONFIRM_FORGOT_PASSWORD = "PostConfirmation_ConfirmForgotPassword"
__all__ = ["configured", "current_pool", "post_confirmation", "pre_sign_up", "SignUpAnswer"]


@dataclass(frozen=True, slots=True)
class SignUpAnswer:
    confirm: bool = False
    verify_email: bool = False
    verify_phone: bool = False

    def apply(self, user: User) -> None:
        """autoVerify* need the attribute present and non-empty [doc] (error wording unverified)."""
        for wanted, attribute in ((self.verify_email, "email"), (self.verify_phone, "phone_number")):
            if not wanted:
                continue
            if not user.attributes.get(attribute):
                raise InvalidParameterException(f"The {attribute} attribute is required to auto verify it.")
            user.attributes[f"{attribute}_verified"] = "true"
        if self.confirm:
            user.status = "CONFIRMED"

    @property
    def verifies(self) -> bool:
        return self.verify_email or self.verify_phone


async def pre_sign_up(ctx: Context, pool: UserPool, user: User, source: str, client_id: str | None,
                      params: dict[str, Any]) -> SignUpAnswer:
    """The answer's flags; AdminCreateUser ignores them all [doc]. ``user`` is built, not stored."""
    if not configured(pool, "PreSignUp"):
        return SignUpAnswer()
    request = with_optional({"userAttributes": user_attributes(pool, user)},
                            validationData=validation_data(params.get("ValidationData")),
                            clientMetadata=params.get("ClientMetadata"))
    response = {"autoConfirmUser": False, "autoVerifyEmail": False, "autoVerifyPhone": False}
    event = envelope(pool, pool.region, source, user.username, client_id, request, response)
    answer = await fire(ctx, pool, "PreSignUp", event)
    if answer is None or source == ADMIN_CREATE_USER:
        return SignUpAnswer()
    return SignUpAnswer(flag(answer, "autoConfirmUser"), flag(answer, "autoVerifyEmail"),
                        flag(answer, "autoVerifyPhone"))


async def post_confirmation(ctx: Context, pool: UserPool, user: User, source: str, client_id: str | None,
                            client_metadata: dict[str, str] | None) -> None:
    """Fires after the confirmation is applied, so the function (and any callback it makes)
    sees a CONFIRMED user; a failure is answered to the caller but the user stays confirmed,
    as users report of AWS [unverified]."""
    if not configured(pool, "PostConfirmation"):
        return
    pool, user = current_user(ctx, pool, user.username, user.sub)
    request = with_optional({"userAttributes": user_attributes(pool, user)}, clientMetadata=client_metadata)
    event = envelope(pool, pool.region, source, user.username, client_id, request, {})
    await fire(ctx, pool, "PostConfirmation", event)
