"""Wrong MFA codes lock a user out as wrong passwords do. AWS documents it: "After five unsuccessful
attempts to present an MFA code, Amazon Cognito begins the exponential-timeout lockout process
described at Lockout behavior for failed sign-in attempts." For each MFA factor (TOTP, SMS, email),
through RespondToAuthChallenge and AdminRespondToAuthChallenge: the fifth wrong code starts the
lockout, the right code is then refused with "Password attempts exceeded" (and so is the password),
and once the lockout has passed the user signs in. Each test moves its own emulator's clock."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.auth_helpers import PASSWORD, SignInSetup, make_client, make_user, password_sign_in
from tests.e2e.control import advance_clock
from tests.e2e.expect import aws_error
from tests.e2e.mfa_helpers import SES_EMAIL, answer, enrol_totp, set_mfa, start, totp_code
from tests.e2e.outbox import last_code
from tests.e2e.server import RunningEmulator
from tests.e2e.user_helpers import clock_emulator as clock_emulator  # noqa: F401  (fixture)

EXCEEDED = "Password attempts exceeded"
FIELDS = {"totp": "SOFTWARE_TOKEN_MFA_CODE", "sms": "SMS_MFA_CODE", "email": "EMAIL_OTP_CODE"}
CHALLENGES = {"totp": "SOFTWARE_TOKEN_MFA", "sms": "SMS_MFA", "email": "EMAIL_OTP"}
MISMATCH = {"totp": "Invalid code received for user", "sms": "Invalid code or auth state for the user.",
            "email": "Invalid code or auth state for the user."}


class Factor:
    """One user with one MFA factor on, and the codes a real user would have for it."""

    def __init__(self, emulator: RunningEmulator, idp: Any, kind: str) -> None:
        self.emulator, self.idp, self.kind = emulator, idp, kind
        params: dict[str, Any] = {"PoolName": f"mfa-lockout-{kind}"}
        if kind == "email":
            params["EmailConfiguration"] = SES_EMAIL
        pool_id = idp.create_user_pool(**params)["UserPool"]["Id"]
        set_mfa(idp, pool_id, totp=kind == "totp", sms=kind == "sms", email=kind == "email")
        attributes = {"sms": {"phone_number": "+15555550123", "phone_number_verified": "true"},
                      "email": {"email": "mia@example.com", "email_verified": "true"}}.get(kind, {})
        self.setup = SignInSetup(pool_id, make_client(idp, pool_id), make_user(idp, pool_id, attributes=attributes))
        self.secret = ""
        if kind == "totp":
            self.secret = enrol_totp(idp, emulator.url, self.setup, password_sign_in(idp, self.setup)["AccessToken"])
        else:
            settings = {"Enabled": True, "PreferredMfa": True}
            idp.admin_set_user_mfa_preference(
                UserPoolId=pool_id, Username=self.setup.username,
                **{"SMSMfaSettings" if kind == "sms" else "EmailMfaSettings": settings})

    def right_code(self) -> str:
        if self.kind == "totp":
            return totp_code(self.emulator.url, self.secret, steps_ahead=1)
        return last_code(self.emulator, self.setup.pool_id, self.setup.username, "MFA")

    def wrong_code(self) -> str:
        return f"{(int(self.right_code()) + 1) % 1_000_000:06d}"

    def challenge(self, admin: bool) -> dict[str, Any]:
        if not admin:
            started = start(self.idp, self.setup)
        else:
            started = dict(self.idp.admin_initiate_auth(
                UserPoolId=self.setup.pool_id, ClientId=self.setup.client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": self.setup.username, "PASSWORD": PASSWORD}))
        assert started["ChallengeName"] == CHALLENGES[self.kind]
        return started

    def answer(self, challenge: dict[str, Any], code: str, admin: bool) -> dict[str, Any]:
        if not admin:
            return answer(self.idp, self.setup, challenge, **{FIELDS[self.kind]: code})
        return dict(self.idp.admin_respond_to_auth_challenge(
            UserPoolId=self.setup.pool_id, ClientId=self.setup.client_id, ChallengeName=challenge["ChallengeName"],
            Session=challenge["Session"],
            ChallengeResponses={"USERNAME": self.setup.username, FIELDS[self.kind]: code}))


@pytest.mark.parametrize("kind", ["totp", "sms", "email"])
def test_five_wrong_mfa_codes_lock_the_user_out(clock_emulator: tuple[RunningEmulator, Any],  # noqa: F811
                                                 kind: str) -> None:
    emulator, idp = clock_emulator
    factor = Factor(emulator, idp, kind)
    first = factor.challenge(admin=False)
    for _ in range(3):
        with aws_error("CodeMismatchException", MISMATCH[kind]):
            factor.answer(first, factor.wrong_code(), admin=False)
    # The password is still right and not locked: three wrong codes count, but do not lock yet.
    second = factor.challenge(admin=True)
    with aws_error("CodeMismatchException", MISMATCH[kind]):
        factor.answer(second, factor.wrong_code(), admin=True)
    with aws_error("CodeMismatchException", MISMATCH[kind]):  # the fifth wrong code starts the lockout
        factor.answer(second, factor.wrong_code(), admin=True)
    with aws_error("NotAuthorizedException", EXCEEDED):  # ... so the right code is refused
        factor.answer(second, factor.right_code(), admin=True)
    with aws_error("NotAuthorizedException", EXCEEDED):  # ... and so is the right password
        start(idp, factor.setup)

    advance_clock(emulator.url, 1.1)  # 2^(5-5) = 1 second
    third = factor.challenge(admin=False)
    assert factor.answer(third, factor.right_code(), admin=False)["AuthenticationResult"]["IdToken"]
    # The successful sign-in after the lockout reset the count: four wrong codes do not lock.
    advance_clock(emulator.url, 30)  # a new TOTP code: the last one was used
    fourth = factor.challenge(admin=True)
    for _ in range(4):
        with aws_error("CodeMismatchException", MISMATCH[kind]):
            factor.answer(fourth, factor.wrong_code(), admin=True)
    assert factor.answer(fourth, factor.right_code(), admin=True)["AuthenticationResult"]["AccessToken"]


def test_wrong_codes_and_wrong_passwords_share_one_count(clock_emulator: tuple[RunningEmulator, Any]) -> None:  # noqa: F811
    emulator, idp = clock_emulator
    factor = Factor(emulator, idp, "sms")
    for _ in range(3):
        with aws_error("NotAuthorizedException", "Incorrect username or password."):
            password_sign_in(idp, factor.setup, "Wr0ng-password!")
    challenge = factor.challenge(admin=False)
    with aws_error("CodeMismatchException"):
        factor.answer(challenge, factor.wrong_code(), admin=False)
    with aws_error("CodeMismatchException"):  # 3 passwords + 2 codes = 5 failures
        factor.answer(challenge, factor.wrong_code(), admin=False)
    with aws_error("NotAuthorizedException", EXCEEDED):
        factor.answer(challenge, factor.right_code(), admin=False)
    advance_clock(emulator.url, 1.1)
    # The sixth failure (a wrong code again) locks for 2 seconds.
    challenge = factor.challenge(admin=False)
    with aws_error("CodeMismatchException"):
        factor.answer(challenge, factor.wrong_code(), admin=False)
    advance_clock(emulator.url, 1.5)
    with aws_error("NotAuthorizedException", EXCEEDED):
        factor.answer(challenge, factor.right_code(), admin=False)
    advance_clock(emulator.url, 0.6)
    assert factor.answer(factor.challenge(admin=False), factor.right_code(),
                         admin=False)["AuthenticationResult"]["IdToken"]
