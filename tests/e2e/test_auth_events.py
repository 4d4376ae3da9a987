"""Auth events as an admin reads them: with threat protection (AUDIT), the user's real sign-ins
(passed and failed, from which address and device), sign-up, password reset and change are
listed newest first; feedback by the admin and by the user's feedback token is kept; without
threat protection the operations answer UserPoolAddOnNotEnabledException."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from typing import Any

import pytest

from tests.e2e.auth_helpers import PASSWORD, SignInSetup, make_client, password_sign_in, srp_sign_in
from tests.e2e.expect import aws_error
from tests.e2e.mfa_helpers import answer, enrol_totp, set_mfa, setup_for, start, totp_code
from tests.e2e.server import RunningEmulator


@pytest.fixture
def audited(idp: Any) -> Any:
    pool_id = idp.create_user_pool(PoolName="audited", UserPoolTier="PLUS", AutoVerifiedAttributes=["email"],
                                   UserPoolAddOns={"AdvancedSecurityMode": "AUDIT"})["UserPool"]["Id"]
    yield pool_id
    idp.delete_user_pool(UserPoolId=pool_id)


def _feedback_tokens(emulator: RunningEmulator, pool_id: str, username: str) -> dict[str, str]:
    query = urllib.parse.urlencode({"userPoolId": pool_id, "username": username})
    with urllib.request.urlopen(f"{emulator.url}/_emulator/auth-events?{query}", timeout=5) as response:
        return {event["eventId"]: event["feedbackToken"] for event in json.load(response)["events"]}


def _tampered(token: str) -> str:
    """The token with its next-to-last character changed (always changed: "AA" was once the real end)."""
    return token[:-2] + ("B" if token[-2] == "A" else "A") + token[-1]


def test_sign_ins_and_password_events_are_listed(idp: Any, audited: str, emulator: RunningEmulator) -> None:
    client_id = make_client(idp, audited)
    idp.sign_up(ClientId=client_id, Username="eve", Password=PASSWORD,
                UserAttributes=[{"Name": "email", "Value": "eve@example.com"}])
    idp.admin_confirm_sign_up(UserPoolId=audited, Username="eve")
    idp.admin_update_user_attributes(UserPoolId=audited, Username="eve",
                                     UserAttributes=[{"Name": "email_verified", "Value": "true"}])
    setup = SignInSetup(audited, client_id, "eve")
    with aws_error("NotAuthorizedException"):
        password_sign_in(idp, setup, password="Wr0ng-password!")
    with aws_error("NotAuthorizedException"):
        srp_sign_in(idp, setup, password="Wr0ng-password!")
    tokens = password_sign_in(idp, setup)
    idp.change_password(AccessToken=tokens["AccessToken"], PreviousPassword=PASSWORD, ProposedPassword="N3w-pass-word!")
    idp.forgot_password(ClientId=client_id, Username="eve")

    events = idp.admin_list_user_auth_events(UserPoolId=audited, Username="eve")["AuthEvents"]
    assert [(e["EventType"], e["EventResponse"]) for e in events] == [
        ("ForgotPassword", "Pass"), ("PasswordChange", "Pass"), ("SignIn", "Pass"),
        ("SignIn", "Fail"), ("SignIn", "Fail"), ("SignUp", "Pass")]
    signed_in, failed = events[2], events[3]
    assert signed_in["ChallengeResponses"] == [{"ChallengeName": "Password", "ChallengeResponse": "Success"}]
    assert failed["ChallengeResponses"] == [{"ChallengeName": "Password", "ChallengeResponse": "Failure"}]
    assert signed_in["EventContextData"]["IpAddress"] == "127.0.0.1"
    assert "Boto3" in signed_in["EventContextData"]["DeviceName"]
    assert signed_in["EventRisk"]["RiskDecision"] == "NoRisk"
    assert events[0]["CreationDate"] >= events[-1]["CreationDate"]

    page = idp.admin_list_user_auth_events(UserPoolId=audited, Username="eve", MaxResults=4)
    rest = idp.admin_list_user_auth_events(UserPoolId=audited, Username="eve", MaxResults=4,
                                           NextToken=page["NextToken"])
    assert [e["EventId"] for e in page["AuthEvents"] + rest["AuthEvents"]] == [e["EventId"] for e in events]
    assert "NextToken" not in rest

    idp.admin_update_auth_event_feedback(UserPoolId=audited, Username="eve", EventId=failed["EventId"],
                                         FeedbackValue="Invalid")
    token = _feedback_tokens(emulator, audited, "eve")[signed_in["EventId"]]
    with aws_error("NotAuthorizedException"):
        idp.update_auth_event_feedback(UserPoolId=audited, Username="eve", EventId=signed_in["EventId"],
                                       FeedbackToken=_tampered(token), FeedbackValue="Valid")
    idp.update_auth_event_feedback(UserPoolId=audited, Username="eve", EventId=signed_in["EventId"],
                                   FeedbackToken=token, FeedbackValue="Valid")
    by_id = {e["EventId"]: e for e in idp.admin_list_user_auth_events(UserPoolId=audited, Username="eve")["AuthEvents"]}
    assert by_id[failed["EventId"]]["EventFeedback"]["FeedbackValue"] == "Invalid"
    assert by_id[failed["EventId"]]["EventFeedback"]["Provider"] == "Admin"
    assert by_id[signed_in["EventId"]]["EventFeedback"]["FeedbackValue"] == "Valid"
    with aws_error("ResourceNotFoundException"):
        idp.admin_update_auth_event_feedback(UserPoolId=audited, Username="eve", EventId="no-such-event",
                                             FeedbackValue="Valid")


def test_without_threat_protection_nothing_is_recorded(idp: Any, pool: dict[str, Any]) -> None:
    client_id = make_client(idp, pool["Id"])
    idp.admin_create_user(UserPoolId=pool["Id"], Username="mallory", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username="mallory", Password=PASSWORD, Permanent=True)
    password_sign_in(idp, SignInSetup(pool["Id"], client_id, "mallory"))
    with aws_error("UserPoolAddOnNotEnabledException"):
        idp.admin_list_user_auth_events(UserPoolId=pool["Id"], Username="mallory")
    with aws_error("UserPoolAddOnNotEnabledException"):
        idp.admin_update_auth_event_feedback(UserPoolId=pool["Id"], Username="mallory", EventId="e1",
                                             FeedbackValue="Valid")
    with aws_error("UserPoolAddOnNotEnabledException"):
        idp.update_auth_event_feedback(UserPoolId=pool["Id"], Username="mallory", EventId="e1",
                                       FeedbackToken="abc", FeedbackValue="Valid")
    with aws_error("UserNotFoundException"):
        idp.admin_list_user_auth_events(UserPoolId=pool["Id"], Username="nobody")


def test_mfa_answers_are_part_of_the_sign_in_event(idp: Any, audited: str, emulator: RunningEmulator) -> None:
    set_mfa(idp, audited, "OPTIONAL", totp=True)
    setup = setup_for(idp, audited)
    secret = enrol_totp(idp, emulator.url, setup, start(idp, setup)["AuthenticationResult"]["AccessToken"])
    idp.admin_set_user_mfa_preference(UserPoolId=audited, Username=setup.username,
                                      SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    challenge = start(idp, setup)
    with aws_error("CodeMismatchException"):
        answer(idp, setup, challenge, SOFTWARE_TOKEN_MFA_CODE="000000" if totp_code(emulator.url, secret, 1)
               != "000000" else "111111")
    answer(idp, setup, challenge, SOFTWARE_TOKEN_MFA_CODE=totp_code(emulator.url, secret, 1))
    latest, failed = idp.admin_list_user_auth_events(UserPoolId=audited, Username=setup.username)["AuthEvents"][:2]
    assert latest["EventResponse"] == "Pass" and latest["ChallengeResponses"] == [
        {"ChallengeName": "Password", "ChallengeResponse": "Success"},
        {"ChallengeName": "Mfa", "ChallengeResponse": "Success"}]
    assert failed["EventResponse"] == "Fail" and failed["ChallengeResponses"][1] == {
        "ChallengeName": "Mfa", "ChallengeResponse": "Failure"}
