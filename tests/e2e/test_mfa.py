"""MFA as boto3 sees it: the pool's MFA configuration, TOTP enrolment and sign-in with
codes computed by pyotp at the emulator's time, SMS and email codes read from the outbox,
SELECT_MFA_TYPE, MFA_SETUP through the Session, and the admin preference operations. Wrong,
reused and expired codes are refused with AWS's codes and messages."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from tests.e2e.auth_helpers import password_sign_in
from tests.e2e.control import advance_clock
from tests.e2e.expect import aws_error
from tests.e2e.mfa_helpers import (
    SES_EMAIL,
    SMS_CONFIGURATION,
    answer,
    enrol_totp,
    set_mfa,
    setup_for,
    start,
    totp_code,
)
from tests.e2e.outbox import last_message
from tests.e2e.server import RunningEmulator
from tests.e2e.user_helpers import clock_emulator as clock_emulator  # noqa: F401  (fixture)
from tests.e2e.user_helpers import make_pool as make_pool  # noqa: F401  (fixture)

PHONE = {"phone_number": "+15555550123", "phone_number_verified": "true"}
EMAIL = {"email": "mia@example.com", "email_verified": "true"}
TOTP_MISMATCH = "Invalid code received for user"
TOTP_REUSED = "Your software token has already been used once."
CODE_MISMATCH = "Invalid code or auth state for the user."


def test_pool_mfa_configuration_is_validated_and_reported(idp: Any, pool: dict[str, Any]) -> None:
    pool_id = pool["Id"]
    initial = idp.get_user_pool_mfa_config(UserPoolId=pool_id)
    initial.pop("ResponseMetadata")
    assert initial == {"SoftwareTokenMfaConfiguration": {"Enabled": False}, "MfaConfiguration": "OFF"}
    with aws_error("InvalidParameterException", "Invalid MFA configuration given, can't disable all MFAs with a "
                                                "required or optional configuration."):
        idp.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="ON")
    with aws_error("InvalidParameterException", "Invalid MFA configuration given, can't turn off MFA and configure "
                                                "an MFA together."):
        set_mfa(idp, pool_id, "OFF", totp=True)
    with aws_error("InvalidParameterException"):  # email MFA needs Amazon SES (DEVELOPER) sending
        set_mfa(idp, pool_id, email=True)

    answered = set_mfa(idp, pool_id, "ON", totp=True, sms=True)
    assert answered["MfaConfiguration"] == "ON"
    assert answered["SoftwareTokenMfaConfiguration"] == {"Enabled": True}
    assert answered["SmsMfaConfiguration"]["SmsConfiguration"] == SMS_CONFIGURATION
    assert idp.get_user_pool_mfa_config(UserPoolId=pool_id)["SmsMfaConfiguration"]["SmsAuthenticationMessage"] \
        == "Your code is {####}"
    described = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert described["MfaConfiguration"] == "ON" and described["SmsConfiguration"] == SMS_CONFIGURATION

    set_mfa(idp, pool_id, "OPTIONAL", totp=True)  # a factor left out is turned off
    config = idp.get_user_pool_mfa_config(UserPoolId=pool_id)
    assert "SmsMfaConfiguration" not in config and config["MfaConfiguration"] == "OPTIONAL"


def test_create_user_pool_with_mfa_needs_sms_configuration(idp: Any, make_pool: Callable[..., str]) -> None:
    with aws_error("InvalidParameterException", "SMS configuration and Auto verification for phone_number are "
                                                "required when MFA is required/optional"):
        make_pool(MfaConfiguration="ON")
    pool_id = make_pool(MfaConfiguration="OPTIONAL", SmsConfiguration=SMS_CONFIGURATION)
    config = idp.get_user_pool_mfa_config(UserPoolId=pool_id)
    assert config["MfaConfiguration"] == "OPTIONAL" and "SmsMfaConfiguration" in config


def test_totp_enrolment_then_sign_in_refuses_wrong_and_reused_codes(
        idp: Any, emulator: RunningEmulator, pool: dict[str, Any]) -> None:
    set_mfa(idp, pool["Id"], totp=True)
    setup = setup_for(idp, pool["Id"])
    tokens = password_sign_in(idp, setup)  # OPTIONAL and no factor yet: no challenge
    secret = str(idp.associate_software_token(AccessToken=tokens["AccessToken"])["SecretCode"])
    assert len(secret) == 52 and secret.isalnum()
    with aws_error("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA"):
        idp.verify_software_token(AccessToken=tokens["AccessToken"], UserCode=_wrong(totp_code(emulator.url, secret)))
    used = totp_code(emulator.url, secret)
    assert idp.verify_software_token(AccessToken=tokens["AccessToken"], UserCode=used,
                                     FriendlyDeviceName="phone")["Status"] == "SUCCESS"
    settings = idp.admin_get_user(UserPoolId=pool["Id"], Username=setup.username)
    assert settings["UserMFASettingList"] == ["SOFTWARE_TOKEN_MFA"]
    assert idp.get_user(AccessToken=tokens["AccessToken"])["UserMFASettingList"] == ["SOFTWARE_TOKEN_MFA"]

    challenge = start(idp, setup)
    assert challenge["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    assert challenge["ChallengeParameters"] == {"USER_ID_FOR_SRP": setup.username, "FRIENDLY_DEVICE_NAME": "phone"}
    assert "AuthenticationResult" not in challenge
    with aws_error("CodeMismatchException", TOTP_MISMATCH):
        answer(idp, setup, challenge, SOFTWARE_TOKEN_MFA_CODE=_wrong(used))
    with aws_error("ExpiredCodeException", TOTP_REUSED):  # the code that verified the token
        answer(idp, setup, challenge, SOFTWARE_TOKEN_MFA_CODE=used)
    fresh = totp_code(emulator.url, secret, steps_ahead=1)
    done = answer(idp, setup, challenge, SOFTWARE_TOKEN_MFA_CODE=fresh)  # same Session, third try
    assert idp.get_user(AccessToken=done["AuthenticationResult"]["AccessToken"])["Username"] == setup.username
    with aws_error("NotAuthorizedException", "Invalid session for the user, session can only be used once."):
        answer(idp, setup, challenge, SOFTWARE_TOKEN_MFA_CODE=fresh)

    again = start(idp, setup)
    with aws_error("ExpiredCodeException", TOTP_REUSED):  # a code is good for one sign-in only
        answer(idp, setup, again, SOFTWARE_TOKEN_MFA_CODE=fresh)


def test_admin_sign_in_with_totp(idp: Any, emulator: RunningEmulator, pool: dict[str, Any]) -> None:
    set_mfa(idp, pool["Id"], totp=True)
    setup = setup_for(idp, pool["Id"])
    secret = enrol_totp(idp, emulator.url, setup, password_sign_in(idp, setup)["AccessToken"])
    challenge = idp.admin_initiate_auth(UserPoolId=setup.pool_id, ClientId=setup.client_id,
                                        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                        AuthParameters={"USERNAME": setup.username, "PASSWORD": setup.password})
    assert challenge["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    done = idp.admin_respond_to_auth_challenge(
        UserPoolId=setup.pool_id, ClientId=setup.client_id, ChallengeName="SOFTWARE_TOKEN_MFA",
        Session=challenge["Session"],
        ChallengeResponses={"USERNAME": setup.username,
                            "SOFTWARE_TOKEN_MFA_CODE": totp_code(emulator.url, secret, steps_ahead=1)})
    assert done["AuthenticationResult"]["IdToken"]


def test_too_many_wrong_codes_spend_the_session(idp: Any, emulator: RunningEmulator, pool: dict[str, Any]) -> None:
    set_mfa(idp, pool["Id"], totp=True)
    setup = setup_for(idp, pool["Id"])
    secret = enrol_totp(idp, emulator.url, setup, password_sign_in(idp, setup)["AccessToken"])
    challenge = start(idp, setup)
    wrong = _wrong(totp_code(emulator.url, secret, steps_ahead=1))
    for _ in range(5):
        with aws_error("CodeMismatchException", TOTP_MISMATCH):
            answer(idp, setup, challenge, SOFTWARE_TOKEN_MFA_CODE=wrong)
    with aws_error("NotAuthorizedException"):
        answer(idp, setup, challenge, SOFTWARE_TOKEN_MFA_CODE=totp_code(emulator.url, secret, steps_ahead=1))


def test_mfa_setup_through_the_session_when_the_pool_requires_mfa(
        idp: Any, emulator: RunningEmulator, pool: dict[str, Any]) -> None:
    set_mfa(idp, pool["Id"], "ON", totp=True)
    setup = setup_for(idp, pool["Id"])
    challenge = start(idp, setup)
    assert challenge["ChallengeName"] == "MFA_SETUP"
    assert json.loads(challenge["ChallengeParameters"]["MFAS_CAN_SETUP"]) == ["SOFTWARE_TOKEN_MFA"]
    assert challenge["ChallengeParameters"]["MFAS_CAN_SETUP"] == '["SOFTWARE_TOKEN_MFA"]'
    with aws_error("InvalidParameterException"):  # nothing set up yet
        answer(idp, setup, start(idp, setup))

    associated = idp.associate_software_token(Session=challenge["Session"])
    secret = associated["SecretCode"]
    with aws_error("NotAuthorizedException", "Invalid session for the user, session can only be used once."):
        idp.associate_software_token(Session=challenge["Session"])
    with aws_error("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA"):
        idp.verify_software_token(Session=associated["Session"], UserCode=_wrong(totp_code(emulator.url, secret)))
    verified = idp.verify_software_token(Session=associated["Session"], UserCode=totp_code(emulator.url, secret),
                                         FriendlyDeviceName="laptop")
    assert verified["Status"] == "SUCCESS" and verified["Session"]
    done = idp.respond_to_auth_challenge(ClientId=setup.client_id, ChallengeName="MFA_SETUP",
                                         Session=verified["Session"], ChallengeResponses={"USERNAME": setup.username})
    assert done["AuthenticationResult"]["AccessToken"]

    next_time = start(idp, setup)
    assert next_time["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    assert answer(idp, setup, next_time, SOFTWARE_TOKEN_MFA_CODE=totp_code(emulator.url, secret, steps_ahead=1))[
        "AuthenticationResult"]["IdToken"]


def test_sms_mfa_with_the_code_from_the_outbox(idp: Any, emulator: RunningEmulator, pool: dict[str, Any]) -> None:
    set_mfa(idp, pool["Id"], "ON", sms=True)
    setup = setup_for(idp, pool["Id"], PHONE)  # ON: a user with a phone number gets SMS_MFA
    challenge = start(idp, setup)
    assert challenge["ChallengeName"] == "SMS_MFA"
    assert challenge["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"] == "SMS"
    assert challenge["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"] == "+*******0123"
    sent = last_message(emulator, setup.pool_id, setup.username, "MFA")
    assert sent["deliveryMedium"] == "SMS" and sent["destination"] == PHONE["phone_number"]
    assert sent["message"] == f"Your code is {sent['code']}"
    with aws_error("CodeMismatchException", CODE_MISMATCH):
        answer(idp, setup, challenge, SMS_MFA_CODE=_wrong(sent["code"]))
    assert answer(idp, setup, challenge, SMS_MFA_CODE=sent["code"])["AuthenticationResult"]["AccessToken"]

    second = start(idp, setup)  # every sign-in sends a new code; the old one is worthless
    newer = last_message(emulator, setup.pool_id, setup.username, "MFA")["code"]
    if newer != sent["code"]:
        with aws_error("CodeMismatchException", CODE_MISMATCH):
            answer(idp, setup, second, SMS_MFA_CODE=sent["code"])
    assert answer(idp, setup, second, SMS_MFA_CODE=newer)["AuthenticationResult"]["IdToken"]


def test_email_otp_mfa(idp: Any, emulator: RunningEmulator, make_pool: Callable[..., str]) -> None:
    pool_id = make_pool(EmailConfiguration=SES_EMAIL)
    set_mfa(idp, pool_id, email=True)
    setup = setup_for(idp, pool_id, EMAIL)
    assert "AuthenticationResult" in start(idp, setup)  # OPTIONAL: nothing turned on yet
    idp.admin_set_user_mfa_preference(UserPoolId=pool_id, Username=setup.username,
                                      EmailMfaSettings={"Enabled": True, "PreferredMfa": True})
    challenge = start(idp, setup)
    assert challenge["ChallengeName"] == "EMAIL_OTP"
    assert challenge["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"] == "EMAIL"
    assert challenge["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"] == "m***@e***"
    sent = last_message(emulator, pool_id, setup.username, "MFA")
    assert sent["deliveryMedium"] == "EMAIL" and sent["message"] == f"Your sign-in code is {sent['code']}"
    assert answer(idp, setup, challenge, EMAIL_OTP_CODE=sent["code"])["AuthenticationResult"]["AccessToken"]


def test_select_mfa_type_then_preference(idp: Any, emulator: RunningEmulator, pool: dict[str, Any]) -> None:
    set_mfa(idp, pool["Id"], totp=True, sms=True)
    setup = setup_for(idp, pool["Id"], PHONE)
    secret = enrol_totp(idp, emulator.url, setup, password_sign_in(idp, setup)["AccessToken"])
    idp.admin_set_user_mfa_preference(UserPoolId=setup.pool_id, Username=setup.username,
                                      SMSMfaSettings={"Enabled": True})
    challenge = start(idp, setup)
    assert challenge["ChallengeName"] == "SELECT_MFA_TYPE"
    assert challenge["ChallengeParameters"]["MFAS_CAN_CHOOSE"] == '["SMS_MFA","SOFTWARE_TOKEN_MFA"]'
    chosen = answer(idp, setup, challenge, ANSWER="SOFTWARE_TOKEN_MFA")
    assert chosen["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    done = answer(idp, setup, chosen, SOFTWARE_TOKEN_MFA_CODE=totp_code(emulator.url, secret, steps_ahead=1))
    assert done["AuthenticationResult"]["AccessToken"]

    idp.set_user_mfa_preference(AccessToken=done["AuthenticationResult"]["AccessToken"],
                                SMSMfaSettings={"Enabled": True, "PreferredMfa": True})
    user = idp.admin_get_user(UserPoolId=setup.pool_id, Username=setup.username)
    assert user["PreferredMfaSetting"] == "SMS_MFA"
    assert user["UserMFASettingList"] == ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]
    assert start(idp, setup)["ChallengeName"] == "SMS_MFA"


def test_admin_preference_and_legacy_settings(idp: Any, pool: dict[str, Any]) -> None:
    set_mfa(idp, pool["Id"], totp=True, sms=True)
    setup = setup_for(idp, pool["Id"])
    with aws_error("InvalidParameterException",
                   "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA"):
        idp.admin_set_user_mfa_preference(UserPoolId=setup.pool_id, Username=setup.username,
                                          SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    with aws_error("InvalidParameterException", "User does not have delivery config set to turn on SMS_MFA"):
        idp.admin_set_user_settings(UserPoolId=setup.pool_id, Username=setup.username,
                                    MFAOptions=[{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}])
    idp.admin_update_user_attributes(UserPoolId=setup.pool_id, Username=setup.username,
                                     UserAttributes=[{"Name": k, "Value": v} for k, v in PHONE.items()])
    idp.admin_set_user_settings(UserPoolId=setup.pool_id, Username=setup.username,
                                MFAOptions=[{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}])
    user = idp.admin_get_user(UserPoolId=setup.pool_id, Username=setup.username)
    assert user["MFAOptions"] == [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]
    assert user["UserMFASettingList"] == ["SMS_MFA"] and "PreferredMfaSetting" not in user
    assert start(idp, setup)["ChallengeName"] == "SMS_MFA"

    idp.admin_set_user_mfa_preference(UserPoolId=setup.pool_id, Username=setup.username,
                                      SMSMfaSettings={"Enabled": False})
    user = idp.admin_get_user(UserPoolId=setup.pool_id, Username=setup.username)
    assert "UserMFASettingList" not in user and "MFAOptions" not in user
    assert "AuthenticationResult" in start(idp, setup)


def test_associate_software_token_needs_totp_on_the_pool(idp: Any, pool: dict[str, Any]) -> None:
    setup = setup_for(idp, pool["Id"])
    token = password_sign_in(idp, setup)["AccessToken"]
    with aws_error("SoftwareTokenMFANotFoundException", "Software Token MFA has not been enabled by the userPool."):
        idp.associate_software_token(AccessToken=token)
    with aws_error("NotAuthorizedException", "Invalid Access Token"):
        idp.associate_software_token(AccessToken="not-a-token")


def test_sms_code_dies_with_its_session(clock_emulator: tuple[RunningEmulator, Any]) -> None:
    emulator, idp = clock_emulator
    pool_id = idp.create_user_pool(PoolName="mfa-clock")["UserPool"]["Id"]
    set_mfa(idp, pool_id, "ON", sms=True)
    setup = setup_for(idp, pool_id, PHONE)
    challenge = start(idp, setup)
    code = last_message(emulator, pool_id, setup.username, "MFA")["code"]
    advance_clock(emulator.url, 181)
    with aws_error("NotAuthorizedException", "Invalid session for the user, session is expired."):
        answer(idp, setup, challenge, SMS_MFA_CODE=code)


@pytest.mark.parametrize("mode", ["OFF", "OPTIONAL"])
def test_no_challenge_without_factor_or_with_mfa_off(idp: Any, pool: dict[str, Any], mode: str) -> None:
    if mode != "OFF":
        set_mfa(idp, pool["Id"], mode, sms=True)
    setup = setup_for(idp, pool["Id"], PHONE)
    assert "AuthenticationResult" in start(idp, setup)


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"
