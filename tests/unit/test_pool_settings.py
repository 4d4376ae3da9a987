"""CreateUserPool / UpdateUserPool settings come back from DescribeUserPool as AWS renders them:
as given, AWS's defaults for members left out, nothing for members sent as null."""

from __future__ import annotations

import asyncio
import copy
import dataclasses
from typing import Any

import httpx
import pytest

from emulator.app import create_app
from emulator.settings import Settings
from emulator.userpools import pool_settings, settings_shapes
from emulator.wire.models import USER_POOLS, load_service

IDP = "AWSCognitoIdentityProviderService"
SETTING_NAMES = (
    "SmsVerificationMessage", "EmailVerificationMessage", "EmailVerificationSubject",
    "VerificationMessageTemplate", "SmsAuthenticationMessage", "UserAttributeUpdateSettings",
    "DeviceConfiguration", "EmailConfiguration", "SmsConfiguration", "AdminCreateUserConfig",
    "UserPoolAddOns", "AccountRecoverySetting", "LambdaConfig",
)
SMS_CONFIGURATION = {"SnsCallerArn": "arn:aws:iam::123456789012:role/sns", "ExternalId": "x", "SnsRegion": "us-east-1"}
EVERY_SETTING: dict[str, Any] = {
    "SmsVerificationMessage": "sms {####}",
    "EmailVerificationMessage": "email {####}",
    "EmailVerificationSubject": "subject",
    "VerificationMessageTemplate": {
        "SmsMessage": "t-sms {####}", "EmailMessage": "t-email {####}", "EmailSubject": "t-subject",
        "EmailMessageByLink": "click {##Verify##}", "EmailSubjectByLink": "link",
        "DefaultEmailOption": "CONFIRM_WITH_LINK",
    },
    "SmsAuthenticationMessage": "auth {####}",
    "UserAttributeUpdateSettings": {"AttributesRequireVerificationBeforeUpdate": ["email"]},
    "DeviceConfiguration": {"ChallengeRequiredOnNewDevice": True, "DeviceOnlyRememberedOnUserPrompt": False},
    "EmailConfiguration": {
        "SourceArn": "arn:aws:ses:us-east-1:123456789012:identity/a@example.com",
        "ReplyToEmailAddress": "r@example.com", "EmailSendingAccount": "DEVELOPER", "From": "a@example.com",
        "ConfigurationSet": "set",
    },
    "SmsConfiguration": SMS_CONFIGURATION,
    "AdminCreateUserConfig": {
        "AllowAdminCreateUserOnly": True, "UnusedAccountValidityDays": 3,
        "InviteMessageTemplate": {"SMSMessage": "hi {username} {####}", "EmailMessage": "hello {username} {####}",
                                  "EmailSubject": "welcome"},
    },
    "UserPoolAddOns": {"AdvancedSecurityMode": "OFF"},
    "AccountRecoverySetting": {"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}]},
    "LambdaConfig": {"PreSignUp": "arn:aws:lambda:us-east-1:123456789012:function:f"},
    "AutoVerifiedAttributes": ["phone_number"],
}
DEFAULTS: dict[str, Any] = {
    "VerificationMessageTemplate": {"DefaultEmailOption": "CONFIRM_WITH_CODE"},
    "UserAttributeUpdateSettings": {"AttributesRequireVerificationBeforeUpdate": []},
    "EmailConfiguration": {"EmailSendingAccount": "COGNITO_DEFAULT"},
    "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": False, "UnusedAccountValidityDays": 7},
    "LambdaConfig": {},
}


@pytest.fixture
def call() -> Any:
    """Through the whole app (dispatch strips nulls), without a server."""
    transport = httpx.ASGITransport(app=create_app(Settings(fixtures=None)))

    async def send(operation: str, params: dict[str, Any]) -> httpx.Response:
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost:9229") as client:
            return await client.post("/", json=params, headers={
                "X-Amz-Target": f"{IDP}.{operation}", "Content-Type": "application/x-amz-json-1.1"})

    def post(operation: str, params: dict[str, Any]) -> dict[str, Any]:
        response = asyncio.run(send(operation, params))
        assert response.status_code == 200, response.text
        return dict(response.json())

    return post


def settings_of(call: Any, pool_id: str) -> dict[str, Any]:
    pool = call("DescribeUserPool", {"UserPoolId": pool_id})["UserPool"]
    return {name: pool[name] for name in SETTING_NAMES if name in pool}


def create(call: Any, **params: Any) -> str:
    return str(call("CreateUserPool", {"PoolName": "settings", **params})["UserPool"]["Id"])


def test_defaults(call: Any) -> None:
    assert settings_of(call, create(call)) == DEFAULTS


def test_every_setting_as_given(call: Any) -> None:
    pool_id = create(call, **EVERY_SETTING)
    expected = {name: value for name, value in EVERY_SETTING.items() if name in SETTING_NAMES}
    assert settings_of(call, pool_id) == expected


def test_partial_settings_keep_only_what_was_given(call: Any) -> None:
    pool_id = create(call, AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},
                     VerificationMessageTemplate={"EmailMessage": "code {####}"},
                     SmsVerificationMessage="legacy {####}", EmailVerificationSubject="legacy subject",
                     DeviceConfiguration={}, UserAttributeUpdateSettings={}, EmailConfiguration={})
    assert settings_of(call, pool_id) == {
        "SmsVerificationMessage": "legacy {####}",
        "EmailVerificationSubject": "legacy subject",
        "EmailVerificationMessage": "code {####}",  # and the template into the legacy members
        # AWS mirrors the legacy members into the template, without overriding it.
        "VerificationMessageTemplate": {"EmailMessage": "code {####}", "SmsMessage": "legacy {####}",
                                        "EmailSubject": "legacy subject", "DefaultEmailOption": "CONFIRM_WITH_CODE"},
        "UserAttributeUpdateSettings": {},
        "DeviceConfiguration": {},
        "EmailConfiguration": {},
        "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": True},
        "LambdaConfig": {},
    }


def test_null_settings_are_left_out(call: Any) -> None:
    nulls = dict.fromkeys(("AdminCreateUserConfig", "UserAttributeUpdateSettings", "EmailConfiguration",
                           "LambdaConfig", "DeviceConfiguration"))
    assert settings_of(call, create(call, **nulls)) == {
        "VerificationMessageTemplate": {"DefaultEmailOption": "CONFIRM_WITH_CODE"}}


def test_update_replaces_every_setting(call: Any) -> None:
    pool_id = create(call, **EVERY_SETTING)
    call("UpdateUserPool", {"UserPoolId": pool_id})
    assert settings_of(call, pool_id) == DEFAULTS
    update = copy.deepcopy(EVERY_SETTING)
    call("UpdateUserPool", {"UserPoolId": pool_id, **update})
    assert settings_of(call, pool_id) == {name: v for name, v in EVERY_SETTING.items() if name in SETTING_NAMES}


def test_sms_mfa_settings_show_in_the_pool_and_the_mfa_config(call: Any) -> None:
    pool_id = create(call, AutoVerifiedAttributes=["phone_number"])
    call("SetUserPoolMfaConfig", {"UserPoolId": pool_id, "MfaConfiguration": "OPTIONAL", "SmsMfaConfiguration": {
        "SmsAuthenticationMessage": "mfa {####}", "SmsConfiguration": SMS_CONFIGURATION}})
    settings = settings_of(call, pool_id)
    assert settings["SmsConfiguration"] == SMS_CONFIGURATION
    assert settings["SmsAuthenticationMessage"] == "mfa {####}"
    mfa = call("GetUserPoolMfaConfig", {"UserPoolId": pool_id})
    assert mfa["SmsMfaConfiguration"] == {"SmsAuthenticationMessage": "mfa {####}",
                                          "SmsConfiguration": SMS_CONFIGURATION}
    # Leaving SmsMfaConfiguration's members out keeps the pool's.
    call("SetUserPoolMfaConfig", {"UserPoolId": pool_id, "MfaConfiguration": "OPTIONAL", "SmsMfaConfiguration": {}})
    assert call("GetUserPoolMfaConfig", {"UserPoolId": pool_id})["SmsMfaConfiguration"] == mfa["SmsMfaConfiguration"]


@pytest.mark.parametrize(("record", "aws_shape"), [
    (pool_settings.InviteMessageTemplate, "MessageTemplateType"),
    (pool_settings.AdminCreateUserSettings, "AdminCreateUserConfigType"),
    (pool_settings.VerificationTemplate, "VerificationMessageTemplateType"),
    (pool_settings.AttributeUpdateSettings, "UserAttributeUpdateSettingsType"),
    (pool_settings.DeviceSettings, "DeviceConfigurationType"),
    (pool_settings.EmailSettings, "EmailConfigurationType"),
])
def test_each_record_maps_every_member_of_its_aws_shape(record: type, aws_shape: str) -> None:
    members = settings_shapes.MEMBERS[record]
    assert {member.field for member in members} == {f.name for f in dataclasses.fields(record)}
    assert {member.aws for member in members} == set(load_service(USER_POOLS).model.shape(aws_shape).members)
