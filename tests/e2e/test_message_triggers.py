"""CustomMessage on every message source and the custom senders, end to end with boto3: the
functions run as Python callables and behind the SAM-like Invoke server (``triggered``)."""

from __future__ import annotations

import html
import re
import time
import urllib.parse
from typing import Any

import pytest

from tests.e2e.mfa_helpers import set_mfa
from tests.e2e.outbox import last_message, messages
from tests.e2e.test_triggers import PASSWORD, Triggered, _error, _pool
from tests.e2e.test_triggers import triggered as triggered  # noqa: F401  (fixture)
from tests.e2e.trigger_functions import arn

EMAIL = [{"Name": "email", "Value": "cm@example.com"}]


def _signed_up(triggered: Triggered, lambda_config: dict[str, Any], **extra: Any) -> tuple[str, str]:
    pool_id, client_id = _pool(triggered.idp, lambda_config, **extra)
    triggered.idp.sign_up(ClientId=client_id, Username="cm", Password=PASSWORD, UserAttributes=EMAIL,
                          ClientMetadata={"app": "web"})
    return pool_id, client_id


def test_custom_message_on_sign_up_and_resend(triggered: Triggered) -> None:
    pool_id, client_id = _signed_up(triggered, {"CustomMessage": arn("custom_message")})
    sent = last_message(triggered.emulator, pool_id, "cm", "SIGN_UP")
    assert sent["message"] == f"<b>SignUp</b> code {sent['code']}" and sent["subject"] == "SignUp subject"
    assert sent["customSender"] is None
    [event] = triggered.events("custom_message", pool_id)
    assert event["triggerSource"] == "CustomMessage_SignUp" and event["callerContext"]["clientId"] == client_id
    assert event["request"]["codeParameter"] == "{####}" and event["request"]["usernameParameter"] is None
    assert event["request"]["linkParameter"] == "{##Click Here##}"
    assert event["request"]["clientMetadata"] == {"app": "web"}
    assert event["request"]["userAttributes"]["email"] == "cm@example.com"
    assert event["response"] == {"smsMessage": None, "emailMessage": None, "emailSubject": None}
    triggered.idp.resend_confirmation_code(ClientId=client_id, Username="cm")
    resent = last_message(triggered.emulator, pool_id, "cm", "SIGN_UP")
    assert resent["message"] == f"<b>ResendCode</b> code {resent['code']}"
    assert triggered.events("custom_message", pool_id)[-1]["triggerSource"] == "CustomMessage_ResendCode"
    _logged(triggered, f"[SignUp subject] <b>SignUp</b> code {sent['code']}")  # the console line


def test_custom_message_on_password_reset_and_attribute_changes(triggered: Triggered) -> None:
    idp = triggered.idp
    pool_id, client_id = _pool(idp, {"CustomMessage": arn("custom_message")})
    idp.admin_create_user(UserPoolId=pool_id, Username="cm", MessageAction="SUPPRESS",
                          UserAttributes=[*EMAIL, {"Name": "email_verified", "Value": "true"}])
    idp.admin_set_user_password(UserPoolId=pool_id, Username="cm", Password=PASSWORD, Permanent=True)
    idp.forgot_password(ClientId=client_id, Username="cm")
    assert last_message(triggered.emulator, pool_id, "cm")["message"].startswith("<b>ForgotPassword</b> code ")
    idp.admin_reset_user_password(UserPoolId=pool_id, Username="cm")
    reset = triggered.events("custom_message", pool_id)[-1]
    assert reset["triggerSource"] == "CustomMessage_ForgotPassword"
    assert reset["callerContext"]["clientId"] == "CLIENT_ID_NOT_APPLICABLE"
    idp.admin_set_user_password(UserPoolId=pool_id, Username="cm", Password=PASSWORD, Permanent=True)
    token = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                              AuthParameters={"USERNAME": "cm", "PASSWORD": PASSWORD})["AuthenticationResult"]
    idp.update_user_attributes(AccessToken=token["AccessToken"], UserAttributes=[
        {"Name": "email", "Value": "new@example.com"}])
    changed = last_message(triggered.emulator, pool_id, "cm")
    assert changed["message"] == f"<b>UpdateUserAttribute</b> code {changed['code']}"
    assert changed["destination"] == "new@example.com"
    idp.get_user_attribute_verification_code(AccessToken=token["AccessToken"], AttributeName="email")
    verify = last_message(triggered.emulator, pool_id, "cm")
    assert verify["subject"] == "VerifyUserAttribute subject"
    idp.admin_update_user_attributes(UserPoolId=pool_id, Username="cm", UserAttributes=[
        {"Name": "email", "Value": "third@example.com"}])
    sources = [e["triggerSource"] for e in triggered.events("custom_message", pool_id)]
    assert sources[-3:] == ["CustomMessage_UpdateUserAttribute", "CustomMessage_VerifyUserAttribute",
                            "CustomMessage_UpdateUserAttribute"]


def test_custom_message_on_invitations_fills_username_and_password(triggered: Triggered) -> None:
    idp = triggered.idp
    pool_id, _ = _pool(idp, {"CustomMessage": arn("custom_message")})
    idp.admin_create_user(UserPoolId=pool_id, Username="invitee", TemporaryPassword="Temp-pass-1<",
                          UserAttributes=[{"Name": "email", "Value": "inv@example.com"}],
                          DesiredDeliveryMediums=["EMAIL"])
    sent = last_message(triggered.emulator, pool_id, "invitee", "ADMIN_CREATE_USER")
    assert sent["message"] == "<b>AdminCreateUser</b> code Temp-pass-1< for invitee"
    [event] = triggered.events("custom_message", pool_id)
    assert event["triggerSource"] == "CustomMessage_AdminCreateUser"
    assert event["request"]["usernameParameter"] == "{username}"
    idp.admin_create_user(UserPoolId=pool_id, Username="invitee", MessageAction="RESEND",
                          DesiredDeliveryMediums=["EMAIL"])
    assert len(triggered.events("custom_message", pool_id)) == 2


def test_custom_message_on_sms_mfa_codes(triggered: Triggered) -> None:
    idp = triggered.idp
    pool_id, client_id = _pool(idp, {"CustomMessage": arn("custom_message")})
    set_mfa(idp, pool_id, "ON", sms=True)
    idp.admin_create_user(UserPoolId=pool_id, Username="mfa", MessageAction="SUPPRESS", UserAttributes=[
        {"Name": "phone_number", "Value": "+15555550123"}, {"Name": "phone_number_verified", "Value": "true"}])
    idp.admin_set_user_password(UserPoolId=pool_id, Username="mfa", Password=PASSWORD, Permanent=True)
    challenge = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                  AuthParameters={"USERNAME": "mfa", "PASSWORD": PASSWORD})
    assert challenge["ChallengeName"] == "SMS_MFA"
    sent = last_message(triggered.emulator, pool_id, "mfa", "MFA")
    assert sent["message"] == f"Authentication SMS code {sent['code']}" and sent["subject"] is None
    [event] = triggered.events("custom_message", pool_id)
    assert event["triggerSource"] == "CustomMessage_Authentication" and "clientMetadata" not in event["request"]
    done = idp.respond_to_auth_challenge(ClientId=client_id, ChallengeName="SMS_MFA", Session=challenge["Session"],
                                         ChallengeResponses={"USERNAME": "mfa", "SMS_MFA_CODE": sent["code"]})
    assert done["AuthenticationResult"]["AccessToken"]


def test_refusing_custom_message_sends_nothing_and_creates_nothing(triggered: Triggered) -> None:
    idp = triggered.idp
    pool_id, client_id = _pool(idp, {"CustomMessage": arn("refuse")})
    with pytest.raises(idp.exceptions.UserLambdaValidationException) as raised:
        idp.sign_up(ClientId=client_id, Username="no", Password=PASSWORD, UserAttributes=EMAIL)
    assert _error(raised) == ("UserLambdaValidationException",
                              "CustomMessage failed with error Disposable email domains are not allowed.")
    with pytest.raises(idp.exceptions.UserNotFoundException):
        idp.admin_get_user(UserPoolId=pool_id, Username="no")
    assert messages(triggered.emulator, pool_id, "no") == []


def test_custom_message_without_the_code_placeholder(triggered: Triggered) -> None:
    idp = triggered.idp
    pool_id, client_id = _pool(idp, {"CustomMessage": arn("message_without_code")})
    with pytest.raises(idp.exceptions.InvalidParameterException) as raised:
        idp.sign_up(ClientId=client_id, Username="nocode", Password=PASSWORD, UserAttributes=EMAIL)
    assert "Value at 'emailBody' failed to satisfy constraint" in _error(raised)[1]
    with pytest.raises(idp.exceptions.UserNotFoundException):
        idp.admin_get_user(UserPoolId=pool_id, Username="nocode")


def test_custom_message_bad_output(triggered: Triggered) -> None:
    idp = triggered.idp
    _, client_id = _pool(idp, {"CustomMessage": arn("bad_output")})
    with pytest.raises(idp.exceptions.InvalidLambdaResponseException):
        idp.sign_up(ClientId=client_id, Username="bad", Password=PASSWORD, UserAttributes=EMAIL)


def _logged(triggered: Triggered, line: str) -> None:
    """The console is read by a thread: under load a line lands a moment after the answer."""
    deadline = time.monotonic() + 5
    while line not in triggered.emulator.log:
        assert time.monotonic() < deadline, f"not on the console: {line}"
        time.sleep(0.05)


def _wait_for(triggered: Triggered, function: str, pool_id: str, count: int = 1) -> list[dict[str, Any]]:
    """The senders are invoked asynchronously: the event lands a moment after the answer."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        found = triggered.events(function, pool_id)
        if len(found) >= count:
            return found
        time.sleep(0.05)
    raise AssertionError(f"{function} was not invoked {count} time(s)")


def test_custom_email_sender_gets_the_code_instead_of_custom_message(triggered: Triggered) -> None:
    sender = {"LambdaVersion": "V1_0", "LambdaArn": arn("record")}
    pool_id, client_id = _signed_up(triggered, {"CustomEmailSender": sender,
                                                "CustomMessage": arn("custom_message")})
    sent = last_message(triggered.emulator, pool_id, "cm", "SIGN_UP")
    assert sent["customSender"] == "CustomEmailSender"
    assert sent["message"] == f"Your verification code is {sent['code']}. "
    [event] = _wait_for(triggered, "record", pool_id)
    assert event["triggerSource"] == "CustomEmailSender_SignUp" and event["callerContext"]["clientId"] == client_id
    assert event["request"]["type"] == "customEmailSenderRequestV1" and event["request"]["code"] == sent["code"]
    assert event["request"]["clientMetadata"] == {"app": "web"}
    assert event["request"]["userAttributes"]["email"] == "cm@example.com"
    assert triggered.events("custom_message", pool_id) == []  # the channel has a sender
    _logged(triggered, "via CustomEmailSender")


def test_custom_sms_sender_on_invitations_and_mfa(triggered: Triggered) -> None:
    idp = triggered.idp
    sender = {"LambdaVersion": "V1_0", "LambdaArn": arn("record")}
    pool_id, client_id = _pool(idp, {"CustomSMSSender": sender})
    idp.admin_create_user(UserPoolId=pool_id, Username="sms", TemporaryPassword="Temp-pass-1<", UserAttributes=[
        {"Name": "phone_number", "Value": "+15555550123"}, {"Name": "phone_number_verified", "Value": "true"}])
    [invite] = _wait_for(triggered, "record", pool_id)
    assert invite["triggerSource"] == "CustomSMSSender_AdminCreateUser"
    assert invite["request"]["type"] == "customSMSSenderRequestV1"
    assert invite["request"]["code"] == "Temp-pass-1&lt;"  # HTML-escaped [doc]
    assert invite["callerContext"]["clientId"] == "CLIENT_ID_NOT_APPLICABLE"
    set_mfa(idp, pool_id, "ON", sms=True)
    idp.admin_set_user_password(UserPoolId=pool_id, Username="sms", Password=PASSWORD, Permanent=True)
    idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                      AuthParameters={"USERNAME": "sms", "PASSWORD": PASSWORD})
    code = last_message(triggered.emulator, pool_id, "sms", "MFA")["code"]
    mfa = _wait_for(triggered, "record", pool_id, 2)[-1]
    assert mfa["triggerSource"] == "CustomSMSSender_Authentication" and mfa["request"]["code"] == code


LINK_POOL = {"VerificationMessageTemplate": {"DefaultEmailOption": "CONFIRM_WITH_LINK"}}


def _confirm_link(message: str) -> dict[str, list[str]]:
    match = re.search(r'<a href="([^"]+)">', message)
    assert match, message
    url = urllib.parse.urlparse(html.unescape(match.group(1)))
    assert url.path == "/confirmUser"
    return urllib.parse.parse_qs(url.query)


def test_link_style_verification_fills_the_link_in_the_custom_text(triggered: Triggered) -> None:
    pool_id, client_id = _signed_up(triggered, {"CustomMessage": arn("link_message")}, **LINK_POOL)
    sent = last_message(triggered.emulator, pool_id, "cm", "SIGN_UP")
    assert sent["message"].startswith("Welcome! <a href=") and sent["message"].endswith(">Click Here</a> to confirm.")
    assert "{##" not in sent["message"]
    query = _confirm_link(sent["message"])
    assert query == {"client_id": [client_id], "user_name": ["cm"], "confirmation_code": [sent["code"]]}
    [event] = triggered.events("link_message", pool_id)
    assert event["request"]["linkParameter"] == "{##Click Here##}"
    triggered.idp.confirm_sign_up(ClientId=client_id, Username="cm", ConfirmationCode=query["confirmation_code"][0])
    assert triggered.idp.admin_get_user(UserPoolId=pool_id, Username="cm")["UserStatus"] == "CONFIRMED"


def test_link_style_verification_without_a_trigger_uses_the_link_template(triggered: Triggered) -> None:
    template = {"DefaultEmailOption": "CONFIRM_WITH_LINK", "EmailMessageByLink": "Go {##Verify here##} now",
                "EmailSubjectByLink": "Verify"}
    pool_id, client_id = _signed_up(triggered, {}, VerificationMessageTemplate=template)
    sent = last_message(triggered.emulator, pool_id, "cm", "SIGN_UP")
    assert sent["subject"] == "Verify" and ">Verify here</a> now" in sent["message"]
    assert _confirm_link(sent["message"])["confirmation_code"] == [sent["code"]]


def test_link_style_custom_text_needs_the_link_placeholder(triggered: Triggered) -> None:
    idp = triggered.idp
    pool_id, client_id = _pool(idp, {"CustomMessage": arn("custom_message")}, **LINK_POOL)
    with pytest.raises(idp.exceptions.InvalidParameterException) as raised:  # a code, no link
        idp.sign_up(ClientId=client_id, Username="nolink", Password=PASSWORD, UserAttributes=EMAIL)
    assert "Value at 'emailMessageByLink' failed to satisfy constraint" in _error(raised)[1]
    with pytest.raises(idp.exceptions.UserNotFoundException):
        idp.admin_get_user(UserPoolId=pool_id, Username="nolink")
