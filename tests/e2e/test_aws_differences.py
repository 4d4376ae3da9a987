"""Where the emulator used to differ from AWS (issue 12, item 8), each checked through boto3.

Sources (searched): the messages are those moto's Cognito tests assert (getmoto/moto,
tests/test_cognitoidp), which match the AWS documentation where it names them; the
identity service's ValidationException is AWS's answer quoted in getmoto/moto#1979;
sub-as-username in UsernameAttributes pools is what jagregory/cognito-local#102/#403,
floci-io/floci#1849 and the Cognito developer guide describe.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import jwt
import pytest

from tests.e2e.expect import aws_error

PASSWORD = "Passw0rd!!Aa"


@pytest.fixture
def pools(idp: Any) -> Iterator[list[str]]:
    made: list[str] = []
    yield made
    for pool_id in made:
        idp.delete_user_pool(UserPoolId=pool_id)


def _pool(idp: Any, pools: list[str], **params: Any) -> str:
    pool_id: str = idp.create_user_pool(PoolName=f"d-{uuid.uuid4().hex[:8]}", **params)["UserPool"]["Id"]
    pools.append(pool_id)
    return pool_id


def _client(idp: Any, pool_id: str) -> str:
    return str(idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="c",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"])


def test_username_is_the_sub_in_email_pools(idp: Any, pools: list[str]) -> None:
    pool_id = _pool(idp, pools, UsernameAttributes=["email"])
    client_id = _client(idp, pool_id)
    sub = idp.sign_up(ClientId=client_id, Username="ada@example.com", Password=PASSWORD)["UserSub"]
    idp.admin_confirm_sign_up(UserPoolId=pool_id, Username="ada@example.com")
    assert idp.admin_get_user(UserPoolId=pool_id, Username="ada@example.com")["Username"] == sub
    created = idp.admin_create_user(UserPoolId=pool_id, Username="bob@example.com", MessageAction="SUPPRESS")["User"]
    assert created["Username"] == {a["Name"]: a["Value"] for a in created["Attributes"]}["sub"]
    tokens = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                               AuthParameters={"USERNAME": "ada@example.com", "PASSWORD": PASSWORD})
    access = jwt.decode(tokens["AuthenticationResult"]["AccessToken"], options={"verify_signature": False})
    identity = jwt.decode(tokens["AuthenticationResult"]["IdToken"], options={"verify_signature": False})
    assert access["username"] == access["sub"] == identity["cognito:username"] == identity["sub"] == sub


def test_verified_flags_accept_any_case(idp: Any, pools: list[str]) -> None:
    pool_id = _pool(idp, pools)
    idp.admin_create_user(UserPoolId=pool_id, Username="u", MessageAction="SUPPRESS", UserAttributes=[
        {"Name": "email", "Value": "u@example.com"}, {"Name": "email_verified", "Value": "TRUE"}])
    idp.admin_update_user_attributes(UserPoolId=pool_id, Username="u", UserAttributes=[
        {"Name": "phone_number", "Value": "+15555550100"}, {"Name": "phone_number_verified", "Value": "False"}])
    got = {a["Name"]: a["Value"] for a in idp.admin_get_user(UserPoolId=pool_id, Username="u")["UserAttributes"]}
    assert got["email_verified"] == "true" and got["phone_number_verified"] == "false"
    with aws_error("InvalidParameterException",
                   "Attributes did not conform to the schema: email_verified: "
                   "Attribute value must be a boolean (true or false)."):
        idp.admin_update_user_attributes(UserPoolId=pool_id, Username="u",
                                         UserAttributes=[{"Name": "email_verified", "Value": "yes"}])


def test_identity_pool_input_errors_are_validation_exceptions(identity: Any) -> None:
    with aws_error("ValidationException",
                   "1 validation error detected: Value 'not-an-id' at 'identityPoolId' failed to satisfy "
                   r"constraint: Member must satisfy regular expression pattern: [\w-]+:[0-9a-f-]+"):
        identity.describe_identity_pool(IdentityPoolId="not-an-id")


def test_admin_only_recovery_refuses_forgot_password(idp: Any, pools: list[str]) -> None:
    pool_id = _pool(idp, pools, AccountRecoverySetting={"RecoveryMechanisms": [{"Name": "admin_only", "Priority": 1}]})
    client_id = _client(idp, pool_id)
    with aws_error("NotAuthorizedException", "Contact administrator to reset password."):
        idp.forgot_password(ClientId=client_id, Username="anyone")


def test_delivery_follows_the_recovery_mechanisms(idp: Any, pools: list[str]) -> None:
    pool_id = _pool(idp, pools, AccountRecoverySetting={"RecoveryMechanisms": [
        {"Name": "verified_phone_number", "Priority": 1}, {"Name": "verified_email", "Priority": 2}]})
    client_id = _client(idp, pool_id)
    idp.admin_create_user(UserPoolId=pool_id, Username="both", MessageAction="SUPPRESS", UserAttributes=[
        {"Name": "email", "Value": "both@example.com"}, {"Name": "email_verified", "Value": "true"},
        {"Name": "phone_number", "Value": "+15555550123"}, {"Name": "phone_number_verified", "Value": "true"}])
    idp.admin_set_user_password(UserPoolId=pool_id, Username="both", Password=PASSWORD, Permanent=True)
    details = idp.forgot_password(ClientId=client_id, Username="both")["CodeDeliveryDetails"]
    assert details == {"Destination": "+*******0123", "DeliveryMedium": "SMS", "AttributeName": "phone_number"}


def test_developer_only_attributes_are_dev_custom(idp: Any, pools: list[str]) -> None:
    pool_id = _pool(idp, pools, Schema=[{"Name": "secret", "AttributeDataType": "String",
                                         "DeveloperOnlyAttribute": True}])
    names = [a["Name"] for a in idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["SchemaAttributes"]]
    assert "dev:custom:secret" in names and "custom:secret" not in names
    with aws_error("InvalidParameterException",
                   "custom:secret: Existing attribute already has name dev:custom:secret."):
        idp.add_custom_attributes(UserPoolId=pool_id, CustomAttributes=[
            {"Name": "secret", "AttributeDataType": "String", "DeveloperOnlyAttribute": True}])


@pytest.mark.parametrize(("schema", "message"), [
    ([{"Name": "x"}], "Invalid AttributeDataType input, consider using the provided AttributeDataType enum."),
    ([{"Name": "x", "AttributeDataType": "Number", "NumberAttributeConstraints": {"MinValue": "one"}}],
     "Invalid NumberAttributeConstraints for schema attribute custom:x"),
    ([{"Name": "x", "AttributeDataType": "String", "StringAttributeConstraints": {"MaxLength": "-1"}}],
     "Invalid StringAttributeConstraints for schema attribute custom:x"),
    ([{"Name": "x", "AttributeDataType": "String", "StringAttributeConstraints": {"MaxLength": "2049"}}],
     "user.custom:x: String attributes cannot have a length of more than 2048"),
    ([{"Name": "email", "AttributeDataType": "String",
       "StringAttributeConstraints": {"MinLength": "9", "MaxLength": "8"}}],
     "user.email: Max length cannot be less than min length."),
    ([{"Name": "x", "AttributeDataType": "Number", "NumberAttributeConstraints": {"MinValue": "9", "MaxValue": "8"}}],
     "user.custom:x: Max value cannot be less than min value."),
    ([{"Name": "email", "AttributeDataType": "Number"}],
     "You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute email"),
    ([{"Name": "email", "AttributeDataType": "String", "DeveloperOnlyAttribute": True}],
     "You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute email"),
])
def test_schema_checks(idp: Any, schema: list[dict[str, Any]], message: str) -> None:
    before = len(idp.list_user_pools(MaxResults=60)["UserPools"])
    with aws_error("InvalidParameterException", message):
        idp.create_user_pool(PoolName="bad-schema", Schema=schema)
    assert len(idp.list_user_pools(MaxResults=60)["UserPools"]) == before


def test_template_is_mirrored_and_users_are_counted(idp: Any, pools: list[str]) -> None:
    pool_id = _pool(idp, pools, VerificationMessageTemplate={
        "EmailMessage": "Code {####}", "EmailSubject": "Your code", "SmsMessage": "SMS {####}"})
    for name in ("a", "b", "c"):
        idp.admin_create_user(UserPoolId=pool_id, Username=name, MessageAction="SUPPRESS")
    described = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert (described["EmailVerificationMessage"], described["EmailVerificationSubject"],
            described["SmsVerificationMessage"]) == ("Code {####}", "Your code", "SMS {####}")
    assert described["EstimatedNumberOfUsers"] == 3


def test_new_user_dates_are_one_millisecond_timestamp(idp: Any, pools: list[str]) -> None:
    pool_id = _pool(idp, pools)
    idp.admin_create_user(UserPoolId=pool_id, Username="t", MessageAction="SUPPRESS")
    # boto3 parses the epoch numbers into datetimes: equal, and whole milliseconds.
    user = idp.admin_get_user(UserPoolId=pool_id, Username="t")
    assert user["UserCreateDate"] == user["UserLastModifiedDate"]
    assert user["UserCreateDate"].microsecond % 1000 == 0


def test_deleting_an_unknown_attribute_names_it(idp: Any, pools: list[str]) -> None:
    pool_id = _pool(idp, pools)
    idp.admin_create_user(UserPoolId=pool_id, Username="v", MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": "nickname", "Value": "Joe"}])
    with aws_error("InvalidParameterException",
                   "Invalid user attributes: user.custom:foo: Attribute does not exist in the schema.\n"):
        idp.admin_delete_user_attributes(UserPoolId=pool_id, Username="v",
                                         UserAttributeNames=["nickname", "custom:foo"])
    attributes = idp.admin_get_user(UserPoolId=pool_id, Username="v")["UserAttributes"]
    assert {"Name": "nickname", "Value": "Joe"} in attributes


def test_revoke_token_refusals_are_codes_its_model_lists(idp: Any, pools: list[str]) -> None:
    """RevokeToken's model lists UnauthorizedException, not NotAuthorizedException."""
    pool_id = _pool(idp, pools)
    client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="s", GenerateSecret=True,
                                            EnableTokenRevocation=True)["UserPoolClient"]["ClientId"]
    with aws_error("UnauthorizedException",
                   f"Client {client_id} is configured with secret but ClientSecret was not received"):
        idp.revoke_token(Token="x" * 40, ClientId=client_id)
    with aws_error("UnauthorizedException", f"Unable to verify client secret for client {client_id}"):
        idp.revoke_token(Token="x" * 40, ClientId=client_id, ClientSecret="w" * 40)
