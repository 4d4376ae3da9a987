"""Choice-based sign-in (USER_AUTH) as boto3 sees it: the pool's SignInPolicy, SELECT_CHALLENGE and
PREFERRED_CHALLENGE, PASSWORD / PASSWORD_SRP / EMAIL_OTP / SMS_OTP first factors with codes read
from the outbox, MFA after a password, the client switch, passwordless sign-up with the Session of
ConfirmSignUp, and GetUserAuthFactors. Passkeys are in test_passkeys.py."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pycognito.aws_srp import AWSSRP

from tests.e2e.conftest import make_client
from tests.e2e.control import advance_clock
from tests.e2e.expect import aws_error
from tests.e2e.mfa_helpers import SES_EMAIL, SMS_CONFIGURATION, set_mfa
from tests.e2e.outbox import last_code, last_message
from tests.e2e.server import RunningEmulator, run_emulator
from tests.e2e.user_auth_helpers import Choice, access_token, respond, user, user_auth
from tests.e2e.user_auth_helpers import choice_pool as choice_pool  # noqa: F401  (fixture)
from tests.e2e.user_helpers import PASSWORD, attributes
from tests.e2e.user_helpers import clock_emulator as clock_emulator  # noqa: F401  (fixture)
from tests.e2e.user_helpers import make_pool as make_pool  # noqa: F401  (fixture)

MakeChoice = Callable[..., Choice]


def test_sign_in_policy_is_checked_and_described(idp: Any, make_pool: Callable[..., str]) -> None:
    def policy(*factors: str) -> dict[str, Any]:
        return {"SignInPolicy": {"AllowedFirstAuthFactors": list(factors)}}

    with aws_error("InvalidParameterException"):
        make_pool(Policies=policy("PASSWORD", "SOFTWARE_TOKEN"))
    with aws_error("InvalidParameterException"):
        make_pool(Policies=policy("EMAIL_OTP"), EmailConfiguration=SES_EMAIL)
    with aws_error("FeatureUnavailableInTierException"):
        make_pool(Policies=policy("PASSWORD", "WEB_AUTHN"), UserPoolTier="LITE")
    with aws_error("InvalidParameterException"):  # email codes need Amazon SES sending
        make_pool(Policies=policy("PASSWORD", "EMAIL_OTP"))
    pool_id = make_pool(Policies=policy("PASSWORD", "EMAIL_OTP", "WEB_AUTHN"), EmailConfiguration=SES_EMAIL)
    described = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert described["Policies"]["SignInPolicy"] == {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"]}
    with aws_error("FeatureUnavailableInTierException"):  # no downgrade that keeps passwordless factors
        idp.update_user_pool(UserPoolId=pool_id, Policies=policy("PASSWORD", "EMAIL_OTP"),
                             EmailConfiguration=SES_EMAIL, UserPoolTier="LITE")
    assert idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["UserPoolTier"] == "ESSENTIALS"
    with aws_error("FeatureUnavailableInTierException"):  # passkeys as MFA need Essentials
        lite = make_pool(UserPoolTier="LITE")
        idp.set_user_pool_mfa_config(UserPoolId=lite, WebAuthnConfiguration={
            "RelyingPartyId": "localhost", "FactorConfiguration": "MULTI_FACTOR_WITH_USER_VERIFICATION"})


def test_select_challenge_offers_what_the_pool_allows_and_the_user_has(idp: Any, choice_pool: MakeChoice) -> None:
    choice = choice_pool()
    username = user(idp, choice)
    answer = user_auth(idp, choice, username)
    assert answer["ChallengeName"] == "SELECT_CHALLENGE"
    assert answer["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]  # no phone, no passkey
    signed_in = respond(idp, choice, "SELECT_CHALLENGE", answer["Session"], USERNAME=username, ANSWER="PASSWORD",
                        PASSWORD=PASSWORD)
    assert signed_in["AuthenticationResult"]["AccessToken"]
    assert idp.get_user(AccessToken=signed_in["AuthenticationResult"]["AccessToken"])["Username"] == username

    with_phone = user(idp, choice, phone=True, password=None)
    assert user_auth(idp, choice, with_phone)["AvailableChallenges"] == ["EMAIL_OTP", "SMS_OTP"]
    only_password = choice_pool(["PASSWORD"])
    assert user_auth(idp, only_password, user(idp, only_password))["AvailableChallenges"] \
        == ["PASSWORD", "PASSWORD_SRP"]


def test_a_factor_the_pool_does_not_allow_is_not_offered_nor_accepted(idp: Any, choice_pool: MakeChoice) -> None:
    choice = choice_pool(["PASSWORD"])
    username = user(idp, choice)
    answer = user_auth(idp, choice, username, PREFERRED_CHALLENGE="EMAIL_OTP")
    assert answer["ChallengeName"] == "SELECT_CHALLENGE"  # the preference falls back to the choice
    assert answer["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP"]
    with aws_error("InvalidParameterException"):
        respond(idp, choice, "SELECT_CHALLENGE", answer["Session"], USERNAME=username, ANSWER="EMAIL_OTP")
    with aws_error("InvalidParameterException"):
        user_auth(idp, choice, username, PREFERRED_CHALLENGE="SOFTWARE_TOKEN_MFA")


def test_user_auth_needs_allow_user_auth_on_the_client(idp: Any, choice_pool: MakeChoice) -> None:
    choice = choice_pool()
    username = user(idp, choice)
    other = idp.create_user_pool_client(UserPoolId=choice.pool_id, ClientName="srp-only",
                                        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    with aws_error("InvalidParameterException", "Auth flow not enabled for this client"):
        idp.initiate_auth(ClientId=other["UserPoolClient"]["ClientId"], AuthFlow="USER_AUTH",
                          AuthParameters={"USERNAME": username})


def test_preferred_password_signs_in_in_one_step_and_a_wrong_one_is_refused(idp: Any, choice_pool: MakeChoice) -> None:
    choice = choice_pool()
    username = user(idp, choice)
    with aws_error("NotAuthorizedException", "Incorrect username or password."):
        user_auth(idp, choice, username, PREFERRED_CHALLENGE="PASSWORD", PASSWORD="Wrong-passw0rd!")
    answer = user_auth(idp, choice, username, PREFERRED_CHALLENGE="PASSWORD", PASSWORD=PASSWORD)
    assert set(answer["AuthenticationResult"]) >= {"AccessToken", "IdToken", "RefreshToken"}
    admin = idp.admin_initiate_auth(UserPoolId=choice.pool_id, ClientId=choice.client_id, AuthFlow="USER_AUTH",
                                    AuthParameters={"USERNAME": username, "PREFERRED_CHALLENGE": "PASSWORD",
                                                    "PASSWORD": PASSWORD})
    assert admin["AuthenticationResult"]["IdToken"]


def test_password_srp_first_factor_through_preference_and_selection(idp: Any, choice_pool: MakeChoice) -> None:
    choice = choice_pool()
    username = user(idp, choice)
    for via_selection in (False, True):
        srp = AWSSRP(username=username, password=PASSWORD, pool_id=choice.pool_id, client_id=choice.client_id,
                     client=idp)
        srp_a = srp.get_auth_params()["SRP_A"]
        if via_selection:
            select = user_auth(idp, choice, username)
            answer = respond(idp, choice, "SELECT_CHALLENGE", select["Session"], USERNAME=username,
                             ANSWER="PASSWORD_SRP", SRP_A=srp_a)
        else:
            answer = user_auth(idp, choice, username, PREFERRED_CHALLENGE="PASSWORD_SRP", SRP_A=srp_a)
        assert answer["ChallengeName"] == "PASSWORD_VERIFIER"
        responses = srp.process_challenge(answer["ChallengeParameters"], {"USERNAME": username})
        done = idp.respond_to_auth_challenge(ClientId=choice.client_id, ChallengeName="PASSWORD_VERIFIER",
                                             ChallengeResponses=responses)
        assert done["AuthenticationResult"]["AccessToken"]


def test_email_code_first_factor_read_from_the_outbox(emulator: RunningEmulator, idp: Any,
                                                      choice_pool: MakeChoice) -> None:
    choice = choice_pool()
    username = user(idp, choice, password=None)
    answer = user_auth(idp, choice, username, PREFERRED_CHALLENGE="EMAIL_OTP")
    assert answer["ChallengeName"] == "EMAIL_OTP"
    assert answer["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"] == "EMAIL"
    assert answer["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"] == "u***@e***"  # as email MFA masks it
    message = last_message(emulator, choice.pool_id, username)
    assert message["deliveryMedium"] == "EMAIL" and message["purpose"] == "SIGN_IN"
    with aws_error("CodeMismatchException"):
        respond(idp, choice, "EMAIL_OTP", answer["Session"], USERNAME=username, EMAIL_OTP_CODE="000000"
                if message["code"] != "000000" else "111111")
    done = respond(idp, choice, "EMAIL_OTP", answer["Session"], USERNAME=username, EMAIL_OTP_CODE=message["code"])
    assert done["AuthenticationResult"]["AccessToken"]
    with aws_error("NotAuthorizedException"):  # the Session is spent
        respond(idp, choice, "EMAIL_OTP", answer["Session"], USERNAME=username, EMAIL_OTP_CODE=message["code"])

    select = user_auth(idp, choice, username)
    sent = respond(idp, choice, "SELECT_CHALLENGE", select["Session"], USERNAME=username, ANSWER="EMAIL_OTP")
    assert sent["ChallengeName"] == "EMAIL_OTP"
    code = last_code(emulator, choice.pool_id, username)
    assert respond(idp, choice, "EMAIL_OTP", sent["Session"], USERNAME=username,
                   EMAIL_OTP_CODE=code)["AuthenticationResult"]["IdToken"]


def test_wrong_codes_stop_working_and_an_expired_code_is_refused(
        clock_emulator: tuple[RunningEmulator, Any]) -> None:
    emulator, idp = clock_emulator
    pool_id = idp.create_user_pool(PoolName="codes", EmailConfiguration=SES_EMAIL, Policies={
        "SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]}})["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="web",
                                            ExplicitAuthFlows=["ALLOW_USER_AUTH"])["UserPoolClient"]["ClientId"]
    choice = Choice(pool_id, client_id)
    username = user(idp, choice, password=None)

    answer = user_auth(idp, choice, username, PREFERRED_CHALLENGE="EMAIL_OTP")
    code = last_code(emulator, pool_id, username)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(4):
        with aws_error("CodeMismatchException"):
            respond(idp, choice, "EMAIL_OTP", answer["Session"], USERNAME=username, EMAIL_OTP_CODE=wrong)
    with aws_error("CodeMismatchException"):  # the fifth wrong answer spends the Session
        respond(idp, choice, "EMAIL_OTP", answer["Session"], USERNAME=username, EMAIL_OTP_CODE=wrong)
    with aws_error("NotAuthorizedException"):
        respond(idp, choice, "EMAIL_OTP", answer["Session"], USERNAME=username, EMAIL_OTP_CODE=code)
    # ... and five wrong codes in a row lock the user out as five wrong passwords do: 2^0 seconds.
    answer = user_auth(idp, choice, username, PREFERRED_CHALLENGE="EMAIL_OTP")
    with aws_error("NotAuthorizedException", "Password attempts exceeded"):
        respond(idp, choice, "EMAIL_OTP", answer["Session"], USERNAME=username,
                EMAIL_OTP_CODE=last_code(emulator, pool_id, username))
    advance_clock(emulator.url, 2)
    answer = user_auth(idp, choice, username, PREFERRED_CHALLENGE="EMAIL_OTP")
    assert respond(idp, choice, "EMAIL_OTP", answer["Session"], USERNAME=username,
                   EMAIL_OTP_CODE=last_code(emulator, pool_id, username))["AuthenticationResult"]

    answer = user_auth(idp, choice, username, PREFERRED_CHALLENGE="EMAIL_OTP")
    code = last_code(emulator, pool_id, username)
    advance_clock(emulator.url, 3 * 60 + 1)  # the code lives as long as the Session: AuthSessionValidity
    with aws_error("NotAuthorizedException", "Invalid session for the user, session is expired."):
        respond(idp, choice, "EMAIL_OTP", answer["Session"], USERNAME=username, EMAIL_OTP_CODE=code)


def test_sms_code_first_factor(emulator: RunningEmulator, idp: Any, choice_pool: MakeChoice) -> None:
    choice = choice_pool(SmsConfiguration=SMS_CONFIGURATION)
    username = user(idp, choice, password=None, email=False, phone=True)
    answer = user_auth(idp, choice, username, PREFERRED_CHALLENGE="SMS_OTP")
    assert answer["ChallengeName"] == "SMS_OTP"
    assert answer["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"] == "SMS"
    message = last_message(emulator, choice.pool_id, username)
    assert message["deliveryMedium"] == "SMS" and message["destination"] == "+15555550123"
    done = respond(idp, choice, "SMS_OTP", answer["Session"], USERNAME=username, SMS_OTP_CODE=message["code"])
    assert done["AuthenticationResult"]["AccessToken"]


def test_mfa_is_asked_after_a_password_first_factor(emulator: RunningEmulator, idp: Any,
                                                   choice_pool: MakeChoice) -> None:
    choice = choice_pool(SmsConfiguration=SMS_CONFIGURATION)
    set_mfa(idp, choice.pool_id, "OPTIONAL", sms=True)
    username = user(idp, choice, phone=True)
    idp.admin_set_user_mfa_preference(UserPoolId=choice.pool_id, Username=username,
                                      SMSMfaSettings={"Enabled": True, "PreferredMfa": True})
    answer = user_auth(idp, choice, username, PREFERRED_CHALLENGE="PASSWORD", PASSWORD=PASSWORD)
    assert answer["ChallengeName"] == "SMS_MFA"
    code = last_code(emulator, choice.pool_id, username)
    done = respond(idp, choice, "SMS_MFA", answer["Session"], USERNAME=username, SMS_MFA_CODE=code)
    assert done["AuthenticationResult"]["AccessToken"]


def test_passwordless_sign_up_confirms_by_code_and_signs_in_with_the_session(
        emulator: RunningEmulator, idp: Any, choice_pool: MakeChoice) -> None:
    choice = choice_pool()
    username = "pwless-" + choice.pool_id[-6:].lower()
    signed_up = idp.sign_up(ClientId=choice.client_id, Username=username,
                            UserAttributes=attributes({"email": f"{username}@example.com"}))
    assert signed_up["UserConfirmed"] is False and signed_up["Session"]
    code = last_code(emulator, choice.pool_id, username)
    confirmed = idp.confirm_sign_up(ClientId=choice.client_id, Username=username, ConfirmationCode=code)
    signed_in = idp.initiate_auth(ClientId=choice.client_id, AuthFlow="USER_AUTH", Session=confirmed["Session"],
                                  AuthParameters={"USERNAME": username})
    token = signed_in["AuthenticationResult"]["AccessToken"]
    factors = idp.get_user_auth_factors(AccessToken=token)
    assert factors["Username"] == username and factors["ConfiguredUserAuthFactors"] == ["EMAIL_OTP"]
    with aws_error("NotAuthorizedException"):  # the Session signs in once
        idp.initiate_auth(ClientId=choice.client_id, AuthFlow="USER_AUTH", Session=confirmed["Session"],
                          AuthParameters={"USERNAME": username})
    assert user_auth(idp, choice, username)["AvailableChallenges"] == ["EMAIL_OTP"]  # no password to offer
    # A password preferred by a user who has none: the choice again, never tokens.
    fallback = user_auth(idp, choice, username, PREFERRED_CHALLENGE="PASSWORD", PASSWORD=PASSWORD)
    assert fallback["ChallengeName"] == "SELECT_CHALLENGE" and "AuthenticationResult" not in fallback


def test_sign_up_without_a_password_needs_a_passwordless_pool(idp: Any, choice_pool: MakeChoice) -> None:
    choice = choice_pool(["PASSWORD", "WEB_AUTHN"])
    with aws_error("InvalidParameterException"):
        idp.sign_up(ClientId=choice.client_id, Username="nopassword",
                    UserAttributes=attributes({"email": "nopassword@example.com"}))


def test_auth_factors_list_what_the_user_can_sign_in_with(idp: Any, choice_pool: MakeChoice) -> None:
    choice = choice_pool()
    username = user(idp, choice)
    token = access_token(idp, choice, username)
    factors = idp.get_user_auth_factors(AccessToken=token)
    assert factors["ConfiguredUserAuthFactors"] == ["PASSWORD", "EMAIL_OTP"]
    admin = idp.admin_get_user_auth_factors(UserPoolId=choice.pool_id, Username=username)
    assert admin["Username"] == username and admin["ConfiguredUserAuthFactors"] == ["PASSWORD", "EMAIL_OTP"]
    with aws_error("UserNotFoundException"):
        idp.admin_get_user_auth_factors(UserPoolId=choice.pool_id, Username="nobody")
    with aws_error("NotAuthorizedException"):
        idp.get_user_auth_factors(AccessToken="not-a-token")


@pytest.mark.parametrize("flow", ["USER_PASSWORD_AUTH", "USER_SRP_AUTH"])
def test_a_passwordless_user_cannot_sign_in_with_a_password_flow(idp: Any, choice_pool: MakeChoice,
                                                                 flow: str) -> None:
    choice = choice_pool()
    client_id = idp.create_user_pool_client(UserPoolId=choice.pool_id, ClientName="pw", ExplicitAuthFlows=[
        "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"])["UserPoolClient"]["ClientId"]
    username = user(idp, choice, password=None)
    with aws_error("NotAuthorizedException"):
        if flow == "USER_PASSWORD_AUTH":
            idp.initiate_auth(ClientId=client_id, AuthFlow=flow,
                              AuthParameters={"USERNAME": username, "PASSWORD": PASSWORD})
        else:
            AWSSRP(username=username, password=PASSWORD, pool_id=choice.pool_id, client_id=client_id,
                   client=idp).authenticate_user()


def test_a_passwordless_user_survives_export_and_seeding(tmp_path: Path) -> None:
    """A seed user without Password or PasswordHash, in a pool that allows email codes; exported
    back the same way (no PasswordHash), and signing in by code on a server started from the export."""
    seed = {"UserPools": [{
        "Id": "pwless", "PoolName": "pwless", "EmailConfiguration": SES_EMAIL, "AutoVerifiedAttributes": ["email"],
        "Policies": {"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]}},
        "Clients": [{"ClientId": "pwlessweb", "ClientName": "web", "ExplicitAuthFlows": ["ALLOW_USER_AUTH"]}],
        "Users": [{"Username": "lin", "Attributes": {"email": "lin@example.com", "email_verified": "true"}}],
    }]}
    first = tmp_path / "seed.json"
    first.write_text(json.dumps(seed), encoding="utf-8")
    with run_emulator("--fixtures", str(first)) as running:
        exported = json.load(urllib.request.urlopen(f"{running.url}/_emulator/export"))
    users = exported["UserPools"][0]["Users"]
    assert [(u["Username"], "PasswordHash" in u) for u in users] == [("lin", False)]
    second = tmp_path / "export.json"
    second.write_text(json.dumps(exported), encoding="utf-8")
    with run_emulator("--fixtures", str(second)) as running:
        idp = make_client("cognito-idp", running.url)
        choice = Choice("us-east-1_pwless", "pwlessweb")
        answer = user_auth(idp, choice, "lin", PREFERRED_CHALLENGE="EMAIL_OTP")
        code = last_code(running, choice.pool_id, "lin")
        assert respond(idp, choice, "EMAIL_OTP", answer["Session"], USERNAME="lin",
                       EMAIL_OTP_CODE=code)["AuthenticationResult"]["AccessToken"]

    seed["UserPools"][0]["Policies"] = {"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD"]}}
    first.write_text(json.dumps(seed), encoding="utf-8")
    refused = subprocess.run([sys.executable, "-m", "emulator", "--port", "0", "--fixtures", str(first)],
                             capture_output=True, text=True, timeout=60, check=False)
    assert refused.returncode == 2 and "exactly one of Password and PasswordHash" in refused.stderr


def test_admin_create_user_without_a_password_in_a_passwordless_pool(
        emulator: RunningEmulator, idp: Any, choice_pool: MakeChoice) -> None:
    choice = choice_pool()
    created = idp.admin_create_user(UserPoolId=choice.pool_id, Username="noor", DesiredDeliveryMediums=["EMAIL"],
                                    UserAttributes=attributes({"email": "noor@example.com", "email_verified": "true"}))
    assert created["User"]["UserStatus"] == "CONFIRMED"
    invitation = last_message(emulator, choice.pool_id, "noor")
    assert invitation["purpose"] == "ADMIN_CREATE_USER" and invitation["code"] is None
    assert invitation["message"] == "Your username is noor. "
    assert user_auth(idp, choice, "noor")["AvailableChallenges"] == ["EMAIL_OTP"]

    password_only = choice_pool(["PASSWORD"])
    created = idp.admin_create_user(UserPoolId=password_only.pool_id, Username="noor", MessageAction="SUPPRESS")
    assert created["User"]["UserStatus"] == "FORCE_CHANGE_PASSWORD"  # a temporary password is generated
