"""Threat protection as an app's adaptive-authentication code meets it, with boto3: a tester
schedules a sign-in's risk level (``POST /_emulator/risk``) or registers a compromised password,
and the pool's risk configuration decides as AWS's does: refused, an MFA challenge the user never
turned on, a notification email with working one-click links, or, in AUDIT mode, only a record.
The auth events carry the EventRisk an admin would see."""

from __future__ import annotations

import urllib.request
from typing import Any

import pytest

from emulator.testing.handle import CognitoEmulator
from tests.e2e.auth_helpers import PASSWORD, password_sign_in, srp_sign_in
from tests.e2e.expect import aws_error
from tests.e2e.mfa_helpers import SMS_CONFIGURATION, answer, set_mfa, start
from tests.e2e.outbox import last_code, last_message, messages
from tests.e2e.risk_helpers import (
    post,
    protected_pool,
    register_compromised,
    schedule_risk,
    sign_in_events,
    takeover,
    user_setup,
)
from tests.e2e.server import RunningEmulator

BLOCKED = "Unable to login because of security reasons."
BLOCKED_IP = "Request not allowed due to security reasons."
COMPROMISED = "Provided password cannot be used for security reasons."
EMAIL = {"email": "risky@example.com", "email_verified": "true"}


@pytest.fixture
def enforced(idp: Any) -> Any:
    pool_id = protected_pool(idp, "ENFORCED", SmsConfiguration=SMS_CONFIGURATION)
    yield pool_id
    idp.delete_user_pool(UserPoolId=pool_id)


def test_high_risk_blocked_with_a_notification_whose_links_give_feedback(
        idp: Any, enforced: str, emulator: RunningEmulator) -> None:
    block_email = {"Subject": "Blocked for {username}",
                   "TextBody": "Blocked {username} from {ip-address} ({device-name}) at {login-time}; "
                               "not you? {one-click-link-invalid} you? {one-click-link-valid} id {event-id}",
                   "HtmlBody": "<p>Blocked {username}</p>"}
    idp.set_risk_configuration(UserPoolId=enforced, AccountTakeoverRiskConfiguration=takeover(
        high="BLOCK", notify=True, templates={"BlockEmail": block_email}))
    setup = user_setup(idp, enforced, EMAIL)
    schedule_risk(emulator.url, setup, "High")
    with aws_error("NotAuthorizedException", BLOCKED):
        password_sign_in(idp, setup)
    password_sign_in(idp, setup)  # the scheduled level was spent: no risk now

    passed, blocked = sign_in_events(idp, setup)
    assert passed["EventResponse"] == "Pass"
    assert passed["EventRisk"] == {"RiskDecision": "NoRisk", "CompromisedCredentialsDetected": False}
    assert blocked["EventResponse"] == "Fail"
    assert blocked["EventRisk"] == {"RiskDecision": "Block", "RiskLevel": "High",
                                    "CompromisedCredentialsDetected": False}
    assert blocked["ChallengeResponses"] == [{"ChallengeName": "Password", "ChallengeResponse": "Success"}]

    email = last_message(emulator, enforced, setup.username, "ACCOUNT_TAKEOVER")
    assert email["subject"] == f"Blocked for {setup.username}" and email["destination"] == EMAIL["email"]
    text = email["message"]
    assert text.startswith(f"Blocked {setup.username} from 127.0.0.1 (") and f"id {blocked['EventId']}" in text
    invalid_link = text.split("not you? ")[1].split(" you?")[0]
    assert invalid_link.startswith(f"{emulator.url}/_emulator/auth-events/feedback?")
    with urllib.request.urlopen(invalid_link, timeout=5) as response:
        assert response.status == 200
    [_, blocked] = sign_in_events(idp, setup)
    assert blocked["EventFeedback"]["FeedbackValue"] == "Invalid" and blocked["EventFeedback"]["Provider"] == "User"
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(invalid_link.replace("feedbackToken=", "feedbackToken=x"), timeout=5)


def test_medium_risk_asks_for_mfa_the_user_never_turned_on(idp: Any, enforced: str, emulator: RunningEmulator) -> None:
    set_mfa(idp, enforced, "OPTIONAL", sms=True)
    idp.set_risk_configuration(UserPoolId=enforced, AccountTakeoverRiskConfiguration=takeover(
        medium="MFA_IF_CONFIGURED", notify=True))
    setup = user_setup(idp, enforced, {**EMAIL, "phone_number": "+15555550100"})
    assert "AuthenticationResult" in start(idp, setup)  # no risk: the user's own settings, no MFA
    schedule_risk(emulator.url, setup, "Medium")
    challenge = start(idp, setup)
    assert challenge["ChallengeName"] == "SMS_MFA"
    [open_event, _] = sign_in_events(idp, setup)
    assert open_event["EventResponse"] == "InProgress"
    assert open_event["EventRisk"] == {"RiskDecision": "AccountTakeover", "RiskLevel": "Medium",
                                       "CompromisedCredentialsDetected": False}
    notice = last_message(emulator, enforced, setup.username, "ACCOUNT_TAKEOVER")
    assert notice["subject"] == "New sign-in attempt"  # AWS's default MfaEmail
    assert notice["message"].startswith("We required you to use multi-factor authentication")

    done = answer(idp, setup, challenge, SMS_MFA_CODE=last_code(emulator, enforced, setup.username, "MFA"))
    assert "AccessToken" in done["AuthenticationResult"]
    [completed, _] = sign_in_events(idp, setup)
    assert completed["EventId"] == open_event["EventId"] and completed["EventResponse"] == "Pass"
    assert completed["ChallengeResponses"] == [{"ChallengeName": "Password", "ChallengeResponse": "Success"},
                                               {"ChallengeName": "Mfa", "ChallengeResponse": "Success"}]


def test_mfa_if_configured_lets_pass_and_mfa_required_refuses_without_a_factor(
        idp: Any, enforced: str, emulator: RunningEmulator) -> None:
    set_mfa(idp, enforced, "OPTIONAL", sms=True)  # SMS only, and the user has no phone number
    idp.set_risk_configuration(UserPoolId=enforced, AccountTakeoverRiskConfiguration=takeover(
        low="MFA_IF_CONFIGURED", high="MFA_REQUIRED"))
    setup = user_setup(idp, enforced, EMAIL)
    schedule_risk(emulator.url, setup, "Low")
    password_sign_in(idp, setup)
    schedule_risk(emulator.url, setup, "High")
    with aws_error("NotAuthorizedException", BLOCKED):
        password_sign_in(idp, setup)
    refused, passed = sign_in_events(idp, setup)
    assert (passed["EventResponse"], passed["EventRisk"]["RiskDecision"], passed["EventRisk"]["RiskLevel"]) == \
        ("Pass", "AccountTakeover", "Low")
    assert (refused["EventResponse"], refused["EventRisk"]["RiskDecision"]) == ("Fail", "Block")
    assert not [m for m in messages(emulator, enforced, setup.username) if m["purpose"] == "ACCOUNT_TAKEOVER"]


def test_srp_sign_in_of_an_sms_mfa_user_is_challenged_once(idp: Any, enforced: str, emulator: RunningEmulator) -> None:
    """MFA_REQUIRED for a user whose own MFA already asks: the one challenge serves both."""
    set_mfa(idp, enforced, "OPTIONAL", sms=True)
    idp.set_risk_configuration(UserPoolId=enforced, AccountTakeoverRiskConfiguration=takeover(high="MFA_REQUIRED"))
    setup = user_setup(idp, enforced, {"phone_number": "+15555550101"})
    idp.admin_set_user_mfa_preference(UserPoolId=enforced, Username=setup.username,
                                      SMSMfaSettings={"Enabled": True, "PreferredMfa": True})
    schedule_risk(emulator.url, setup, "High")
    with pytest.raises(Exception, match="SMS_MFA"):  # pycognito stops at the challenge it cannot answer
        srp_sign_in(idp, setup)
    [event] = sign_in_events(idp, setup)
    assert event["EventResponse"] == "InProgress" and event["EventRisk"]["RiskDecision"] == "AccountTakeover"


def test_audit_mode_scores_and_records_only(idp: Any, emulator: RunningEmulator) -> None:
    pool_id = protected_pool(idp, "AUDIT")
    idp.set_risk_configuration(UserPoolId=pool_id, AccountTakeoverRiskConfiguration=takeover(
        high="BLOCK", notify=True), RiskExceptionConfiguration={"BlockedIPRangeList": ["127.0.0.0/8"]})
    setup = user_setup(idp, pool_id, EMAIL)
    schedule_risk(emulator.url, setup, "High")
    password_sign_in(idp, setup)
    [event] = sign_in_events(idp, setup)
    assert event["EventResponse"] == "Pass"
    assert event["EventRisk"] == {"RiskDecision": "NoRisk", "RiskLevel": "High",
                                  "CompromisedCredentialsDetected": False}
    assert messages(emulator, pool_id, setup.username) == []
    idp.delete_user_pool(UserPoolId=pool_id)


def test_blocked_and_skipped_ip_ranges(idp: Any, enforced: str, emulator: RunningEmulator) -> None:
    risk = takeover(high="BLOCK")
    idp.set_risk_configuration(UserPoolId=enforced, AccountTakeoverRiskConfiguration=risk,
                               RiskExceptionConfiguration={"BlockedIPRangeList": ["10.0.0.0/8", "127.0.0.0/8"]})
    setup = user_setup(idp, enforced)
    with aws_error("NotAuthorizedException", BLOCKED_IP):
        password_sign_in(idp, setup, password="Wr0ng-password!")  # refused before the password is looked at
    with aws_error("NotAuthorizedException", BLOCKED_IP):
        srp_sign_in(idp, setup)
    [blocked, _] = sign_in_events(idp, setup)
    assert blocked["EventRisk"]["RiskDecision"] == "Block" and blocked["ChallengeResponses"] == []

    # A client's own configuration wins over the pool's: here it skips scoring for this address.
    idp.set_risk_configuration(UserPoolId=enforced, ClientId=setup.client_id, AccountTakeoverRiskConfiguration=risk,
                               RiskExceptionConfiguration={"SkippedIPRangeList": ["127.0.0.1/32"]})
    schedule_risk(emulator.url, setup, "High")
    password_sign_in(idp, setup)
    assert sign_in_events(idp, setup)[0]["EventRisk"] == {"RiskDecision": "NoRisk",
                                                          "CompromisedCredentialsDetected": False}
    idp.set_risk_configuration(UserPoolId=enforced, ClientId=setup.client_id, AccountTakeoverRiskConfiguration=risk)
    with aws_error("NotAuthorizedException", BLOCKED):  # the level still waited for a scored sign-in
        password_sign_in(idp, setup)


def test_compromised_passwords_on_sign_in_sign_up_and_changes(idp: Any, enforced: str, emulator: RunningEmulator
                                                              ) -> None:
    idp.set_risk_configuration(UserPoolId=enforced, CompromisedCredentialsRiskConfiguration={
        "Actions": {"EventAction": "BLOCK"}})
    leaked = "Tr0ub4dor&3-leaked"
    register_compromised(emulator.url, enforced, leaked)
    setup = user_setup(idp, enforced, EMAIL, password=leaked)
    srp_setup = user_setup(idp, enforced, password=leaked)
    srp_sign_in(idp, srp_setup)  # SRP never sends the password: not checked [doc]
    with aws_error("PasswordResetRequiredException"):
        idp.admin_initiate_auth(UserPoolId=enforced, ClientId=setup.client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                AuthParameters={"USERNAME": setup.username, "PASSWORD": leaked})
    assert idp.admin_get_user(UserPoolId=enforced, Username=setup.username)["UserStatus"] == "RESET_REQUIRED"
    [event] = sign_in_events(idp, setup)
    assert event["EventRisk"] == {"RiskDecision": "Block", "CompromisedCredentialsDetected": True}
    assert event["EventResponse"] == "Fail"

    with aws_error("InvalidPasswordException", COMPROMISED):
        idp.sign_up(ClientId=setup.client_id, Username="newcomer", Password="Password123!")
    idp.forgot_password(ClientId=setup.client_id, Username=setup.username)
    code = last_code(emulator, enforced, setup.username)
    with aws_error("InvalidPasswordException", COMPROMISED):
        idp.confirm_forgot_password(ClientId=setup.client_id, Username=setup.username, ConfirmationCode=code,
                                    Password=leaked)
    idp.confirm_forgot_password(ClientId=setup.client_id, Username=setup.username, ConfirmationCode=code,
                                Password=PASSWORD)
    tokens = password_sign_in(idp, setup, password=PASSWORD)
    with aws_error("InvalidPasswordException", COMPROMISED):
        idp.change_password(AccessToken=tokens["AccessToken"], PreviousPassword=PASSWORD, ProposedPassword=leaked)


def test_event_filter_limits_what_is_checked(idp: Any, emulator: RunningEmulator) -> None:
    pool_id = protected_pool(idp, "ENFORCED")
    idp.set_risk_configuration(UserPoolId=pool_id, CompromisedCredentialsRiskConfiguration={
        "EventFilter": ["SIGN_UP"], "Actions": {"EventAction": "BLOCK"}})
    setup = user_setup(idp, pool_id, password="Password123!")
    password_sign_in(idp, setup)  # sign-ins are not watched
    [event] = sign_in_events(idp, setup)
    assert event["EventRisk"]["CompromisedCredentialsDetected"] is False
    with aws_error("InvalidPasswordException", COMPROMISED):
        idp.sign_up(ClientId=setup.client_id, Username="newcomer", Password="Password123!")
    idp.delete_user_pool(UserPoolId=pool_id)


@pytest.mark.parametrize(("body", "status"), [
    ({"riskLevel": "Extreme"}, 400), ({"riskLevel": "High", "count": True}, 400),
    ({"riskLevel": "High", "count": 101}, 400), ({"riskLevel": "High", "username": "nobody"}, 404),
])
def test_the_risk_endpoint_validates(idp: Any, enforced: str, emulator: RunningEmulator, body: dict[str, Any],
                                     status: int) -> None:
    setup = user_setup(idp, enforced)
    code, answer_body = post(emulator.url, "/_emulator/risk", {"userPoolId": enforced, "username": setup.username,
                                                               **body})
    assert code == status and answer_body["message"]
    code, _ = post(emulator.url, "/_emulator/risk/compromised-passwords", {"userPoolId": enforced, "password": ""})
    assert code == 400


def test_the_test_handle_drives_risk(idp: Any, enforced: str, emulator: RunningEmulator) -> None:
    """What the pytest plugin's ``cognito`` fixture offers: schedule_risk and add_compromised_password."""
    cognito = CognitoEmulator(emulator.url)
    idp.set_risk_configuration(UserPoolId=enforced, AccountTakeoverRiskConfiguration=takeover(high="BLOCK"),
                               CompromisedCredentialsRiskConfiguration={"Actions": {"EventAction": "BLOCK"}})
    setup = user_setup(idp, enforced)
    assert cognito.schedule_risk(enforced, setup.username, "High", 2) == ["High", "High"]
    with aws_error("NotAuthorizedException", BLOCKED):
        password_sign_in(idp, setup)
    assert cognito.schedule_risk(enforced, setup.username, "High", 0) == []  # cleared
    password_sign_in(idp, setup)
    cognito.add_compromised_password(enforced, setup.password)
    with aws_error("PasswordResetRequiredException"):
        password_sign_in(idp, setup)
