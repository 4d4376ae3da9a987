"""UserMigration end to end with boto3, the function as a Python callable and behind the
SAM-like Invoke server (``triggered``): sign-in with a password and ForgotPassword for users
the pool does not know, the event AWS sends, and the refusals."""

from __future__ import annotations

import pytest

from tests.e2e.mfa_helpers import set_mfa
from tests.e2e.outbox import last_message, messages
from tests.e2e.test_triggers import Triggered, _error, _pool
from tests.e2e.test_triggers import triggered as triggered  # noqa: F401  (fixture)
from tests.e2e.trigger_functions import arn

LEGACY_PASSWORD = "Legacy-pass-1"  # weaker than the pool's policy: not applied to migrated users [doc]


def _password_sign_in(triggered: Triggered, client_id: str, username: str, password: str) -> dict[str, str]:
    answer = triggered.idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                         AuthParameters={"USERNAME": username, "PASSWORD": password},
                                         ClientMetadata={"from": "legacy"})
    return dict(answer["AuthenticationResult"])


def test_sign_in_migrates_an_unknown_user_then_signs_in_normally(triggered: Triggered) -> None:
    idp = triggered.idp
    pool_id, client_id = _pool(idp, {"UserMigration": arn("migrate"), "PreAuthentication": arn("record")})
    assert _password_sign_in(triggered, client_id, "legacy-ann", LEGACY_PASSWORD)["AccessToken"]
    user = idp.admin_get_user(UserPoolId=pool_id, Username="legacy-ann")
    assert user["UserStatus"] == "CONFIRMED"
    assert {"Name": "email", "Value": "legacy-ann@example.com"} in user["UserAttributes"]
    [event] = triggered.events("migrate", pool_id)
    assert event["triggerSource"] == "UserMigration_Authentication" and event["userName"] == "legacy-ann"
    assert event["callerContext"]["clientId"] == client_id
    assert event["request"] == {"password": LEGACY_PASSWORD, "validationData": {"from": "legacy"}}
    assert set(event["response"]) >= {"userAttributes", "finalUserStatus", "messageAction"}
    [pre] = triggered.events("record", pool_id)  # both triggers run [doc]
    assert pre["triggerSource"] == "PreAuthentication_Authentication"
    assert _password_sign_in(triggered, client_id, "legacy-ann", LEGACY_PASSWORD)["IdToken"]
    assert len(triggered.events("migrate", pool_id)) == 1  # known now: no second migration
    admin = idp.admin_initiate_auth(UserPoolId=pool_id, ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                    AuthParameters={"USERNAME": "legacy-bob", "PASSWORD": LEGACY_PASSWORD})
    assert admin["AuthenticationResult"]["AccessToken"]


def test_refused_migration_is_the_functions_error_and_creates_nothing(triggered: Triggered) -> None:
    idp = triggered.idp
    pool_id, client_id = _pool(idp, {"UserMigration": arn("migrate")})
    with pytest.raises(idp.exceptions.UserLambdaValidationException) as raised:
        _password_sign_in(triggered, client_id, "legacy-ann", "wrong")
    assert _error(raised) == ("UserLambdaValidationException", "UserMigration failed with error Bad password.")
    with pytest.raises(idp.exceptions.UserNotFoundException):
        idp.admin_get_user(UserPoolId=pool_id, Username="legacy-ann")


def test_forgot_password_migrates_and_sends_the_code(triggered: Triggered) -> None:
    idp = triggered.idp
    pool_id, client_id = _pool(idp, {"UserMigration": arn("migrate")})
    answer = idp.forgot_password(ClientId=client_id, Username="legacy-cy", ClientMetadata={"k": "v"})
    assert answer["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"
    [event] = triggered.events("migrate", pool_id)
    assert event["triggerSource"] == "UserMigration_ForgotPassword"
    assert event["request"] == {"clientMetadata": {"k": "v"}}
    code = last_message(triggered.emulator, pool_id, "legacy-cy", "FORGOT_PASSWORD")["code"]
    idp.confirm_forgot_password(ClientId=client_id, Username="legacy-cy", ConfirmationCode=code,
                                Password="Passw0rd!Passw0rd")
    assert _password_sign_in(triggered, client_id, "legacy-cy", "Passw0rd!Passw0rd")["AccessToken"]


def test_bad_migration_output(triggered: Triggered) -> None:
    idp = triggered.idp
    _, client_id = _pool(idp, {"UserMigration": arn("bad_output")})
    with pytest.raises(idp.exceptions.InvalidLambdaResponseException):
        _password_sign_in(triggered, client_id, "legacy-dee", LEGACY_PASSWORD)


def test_a_migrated_user_gets_the_welcome_message_unless_suppressed(triggered: Triggered) -> None:
    idp = triggered.idp
    pool_id, client_id = _pool(idp, {"UserMigration": arn("migrate_welcome")}, AdminCreateUserConfig={
        "InviteMessageTemplate": {"EmailMessage": "Welcome {username}!{####}", "EmailSubject": "Welcome aboard",
                                  "SMSMessage": "Hi {username} {####}"}})
    assert _password_sign_in(triggered, client_id, "legacy-eve", LEGACY_PASSWORD)["AccessToken"]
    [welcome] = messages(triggered.emulator, pool_id, "legacy-eve")
    assert welcome["purpose"] == "WELCOME" and welcome["deliveryMedium"] == "EMAIL"
    assert welcome["destination"] == "legacy-eve@example.com" and welcome["subject"] == "Welcome aboard"
    assert welcome["message"] == "Welcome legacy-eve!" and welcome["code"] is None  # never the password
    assert LEGACY_PASSWORD not in welcome["message"]
    _password_sign_in(triggered, client_id, "legacy-eve", LEGACY_PASSWORD)
    assert len(messages(triggered.emulator, pool_id, "legacy-eve")) == 1  # only when migrated
    suppressed, suppressed_client = _pool(idp, {"UserMigration": arn("migrate")})  # messageAction SUPPRESS
    _password_sign_in(triggered, suppressed_client, "legacy-fay", LEGACY_PASSWORD)
    assert messages(triggered.emulator, suppressed, "legacy-fay") == []


def test_enable_sms_mfa_makes_the_migrated_user_answer_sms_codes(triggered: Triggered) -> None:
    idp = triggered.idp
    pool_id, client_id = _pool(idp, {"UserMigration": arn("migrate_welcome")})
    set_mfa(idp, pool_id, "OPTIONAL", sms=True)
    challenge = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                  AuthParameters={"USERNAME": "legacy-mfa-gil", "PASSWORD": LEGACY_PASSWORD})
    assert challenge["ChallengeName"] == "SMS_MFA"
    user = idp.admin_get_user(UserPoolId=pool_id, Username="legacy-mfa-gil")
    assert user["UserMFASettingList"] == ["SMS_MFA"]
    code = last_message(triggered.emulator, pool_id, "legacy-mfa-gil", "MFA")["code"]
    done = idp.respond_to_auth_challenge(ClientId=client_id, ChallengeName="SMS_MFA", Session=challenge["Session"],
                                         ChallengeResponses={"USERNAME": "legacy-mfa-gil", "SMS_MFA_CODE": code})
    assert done["AuthenticationResult"]["AccessToken"]


def test_enable_sms_mfa_in_a_pool_without_mfa_fails_the_migration(triggered: Triggered) -> None:
    idp = triggered.idp
    pool_id, client_id = _pool(idp, {"UserMigration": arn("migrate_welcome")})  # MFA OFF
    with pytest.raises(idp.exceptions.InvalidLambdaResponseException):
        _password_sign_in(triggered, client_id, "legacy-mfa-hal", LEGACY_PASSWORD)
    with pytest.raises(idp.exceptions.UserNotFoundException):
        idp.admin_get_user(UserPoolId=pool_id, Username="legacy-mfa-hal")
    assert messages(triggered.emulator, pool_id, "legacy-mfa-hal") == []
