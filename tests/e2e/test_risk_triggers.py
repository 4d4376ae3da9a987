"""A risky sign-in's notification handed to the pool's CustomEmailSender
(``CustomEmailSender_AccountTakeOverNotification``), with the function as a Python callable and
behind the SAM-like Invoke server (``triggered``); its feedback token works with
UpdateAuthEventFeedback."""

from __future__ import annotations

from typing import Any

from tests.e2e.auth_helpers import SignInSetup
from tests.e2e.outbox import last_message
from tests.e2e.risk_helpers import SOURCE_ARN, schedule_risk
from tests.e2e.test_message_triggers import _wait_for
from tests.e2e.test_triggers import PASSWORD, Triggered, _pool
from tests.e2e.test_triggers import triggered as triggered  # noqa: F401  (fixture)
from tests.e2e.trigger_functions import arn


def test_account_takeover_notification_goes_to_the_custom_email_sender(triggered: Triggered) -> None:
    idp = triggered.idp
    sender = {"LambdaVersion": "V1_0", "LambdaArn": arn("record")}
    pool_id, client_id = _pool(idp, {"CustomEmailSender": sender}, UserPoolTier="PLUS",
                               UserPoolAddOns={"AdvancedSecurityMode": "ENFORCED"})
    idp.set_risk_configuration(UserPoolId=pool_id, AccountTakeoverRiskConfiguration={
        "NotifyConfiguration": {"From": "security@example.com", "SourceArn": SOURCE_ARN},
        "Actions": {"LowAction": {"EventAction": "NO_ACTION", "Notify": True},
                    "MediumAction": {"EventAction": "BLOCK", "Notify": True},
                    "HighAction": {"EventAction": "BLOCK", "Notify": True}}})
    idp.admin_create_user(UserPoolId=pool_id, Username="ato", MessageAction="SUPPRESS", UserAttributes=[
        {"Name": "email", "Value": "ato@example.com"}, {"Name": "email_verified", "Value": "true"}])
    idp.admin_set_user_password(UserPoolId=pool_id, Username="ato", Password=PASSWORD, Permanent=True)
    schedule_risk(triggered.emulator.url, SignInSetup(pool_id, client_id, "ato"), "Low")
    tokens = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                               AuthParameters={"USERNAME": "ato", "PASSWORD": PASSWORD})
    assert "AccessToken" in tokens["AuthenticationResult"]  # NO_ACTION: the sign-in goes on

    [event] = _wait_for(triggered, "record", pool_id)
    assert event["triggerSource"] == "CustomEmailSender_AccountTakeOverNotification"
    assert event["callerContext"]["clientId"] == client_id
    request: dict[str, Any] = event["request"]
    assert request["type"] == "customEmailSenderRequestV1" and request["code"] is None
    [auth_event] = idp.admin_list_user_auth_events(UserPoolId=pool_id, Username="ato")["AuthEvents"]
    attributes = request["userAttributes"]
    assert attributes["EVENT_ID"] == auth_event["EventId"] and attributes["USER_NAME"] == "ato"
    assert attributes["IP_ADDRESS"] == "127.0.0.1" and attributes["ACCOUNT_TAKE_OVER_ACTION"] == "NO_ACTION"
    assert attributes["ONE_CLICK_LINK_VALID"].startswith(f"{triggered.emulator.url}/_emulator/auth-events/feedback?")
    assert "feedbackValue=Invalid" in attributes["ONE_CLICK_LINK_INVALID"] and attributes["LOGIN_TIME"]
    assert auth_event["EventRisk"] == {"RiskDecision": "AccountTakeover", "RiskLevel": "Low",
                                       "CompromisedCredentialsDetected": False}

    sent = last_message(triggered.emulator, pool_id, "ato", "ACCOUNT_TAKEOVER")
    assert sent["customSender"] == "CustomEmailSender" and sent["subject"] == "New sign-in attempt"
    idp.update_auth_event_feedback(UserPoolId=pool_id, Username="ato", EventId=auth_event["EventId"],
                                   FeedbackToken=attributes["FEEDBACK_TOKEN"], FeedbackValue="Valid")
    [auth_event] = idp.admin_list_user_auth_events(UserPoolId=pool_id, Username="ato")["AuthEvents"]
    assert auth_event["EventFeedback"]["FeedbackValue"] == "Valid"
