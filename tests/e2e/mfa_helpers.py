"""Building blocks for the MFA tests: pools with factors on, TOTP codes at the emulator's
time (its clock may differ from ours), and password sign-ins that stop at a challenge."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pyotp

from tests.e2e.auth_helpers import SignInSetup, make_client, make_user

SMS_CONFIGURATION = {"SnsCallerArn": "arn:aws:iam::123456789012:role/cognito-sms", "ExternalId": "local"}
SES_EMAIL = {"EmailSendingAccount": "DEVELOPER",
             "SourceArn": "arn:aws:ses:us-east-1:123456789012:identity/no-reply@example.com"}
STEP = 30


def emulator_now(url: str) -> float:
    with urllib.request.urlopen(f"{url}/_emulator/clock", timeout=5) as response:
        return float(json.load(response)["now"])


def totp_code(url: str, secret: str, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows at the emulator's time (``steps_ahead`` = 1: the
    next one, still inside the emulator's tolerance, and not yet used)."""
    return str(pyotp.TOTP(secret).at(emulator_now(url) + steps_ahead * STEP))


def set_mfa(idp: Any, pool_id: str, mode: str = "OPTIONAL", *, totp: bool = False, sms: bool = False,
            email: bool = False) -> dict[str, Any]:
    params: dict[str, Any] = {"UserPoolId": pool_id, "MfaConfiguration": mode,
                              "SoftwareTokenMfaConfiguration": {"Enabled": totp}}
    if sms:
        params["SmsMfaConfiguration"] = {"SmsAuthenticationMessage": "Your code is {####}",
                                         "SmsConfiguration": SMS_CONFIGURATION}
    if email:
        params["EmailMfaConfiguration"] = {"Message": "Your sign-in code is {####}", "Subject": "Sign-in code"}
    return dict(idp.set_user_pool_mfa_config(**params))


def email_pool(idp: Any, name: str) -> str:
    """A pool that may send email MFA codes (Amazon SES, DEVELOPER)."""
    return str(idp.create_user_pool(PoolName=name, EmailConfiguration=SES_EMAIL)["UserPool"]["Id"])


def setup_for(idp: Any, pool_id: str, attributes: dict[str, str] | None = None) -> SignInSetup:
    return SignInSetup(pool_id, make_client(idp, pool_id), make_user(idp, pool_id, attributes=attributes))


def start(idp: Any, setup: SignInSetup) -> dict[str, Any]:
    """USER_PASSWORD_AUTH: the whole answer (a challenge or tokens)."""
    return dict(idp.initiate_auth(ClientId=setup.client_id, AuthFlow="USER_PASSWORD_AUTH",
                                  AuthParameters={"USERNAME": setup.username, "PASSWORD": setup.password}))


def answer(idp: Any, setup: SignInSetup, challenge: dict[str, Any], **responses: str) -> dict[str, Any]:
    return dict(idp.respond_to_auth_challenge(
        ClientId=setup.client_id, ChallengeName=challenge["ChallengeName"], Session=challenge["Session"],
        ChallengeResponses={"USERNAME": setup.username, **responses},
    ))


def enrol_totp(idp: Any, url: str, setup: SignInSetup, access_token: str, name: str = "phone") -> str:
    """AssociateSoftwareToken + VerifySoftwareToken with an access token; returns the secret."""
    secret = str(idp.associate_software_token(AccessToken=access_token)["SecretCode"])
    verified = idp.verify_software_token(AccessToken=access_token, UserCode=totp_code(url, secret),
                                         FriendlyDeviceName=name)
    assert verified["Status"] == "SUCCESS"
    return secret
