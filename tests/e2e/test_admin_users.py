"""AdminCreateUser and the other Admin* user operations through boto3."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.e2e.expect import aws_error
from tests.e2e.outbox import last_message, messages
from tests.e2e.server import RunningEmulator
from tests.e2e.user_helpers import PASSWORD, attribute_map, attributes, confirmed_user, make_client
from tests.e2e.user_helpers import make_pool as make_pool  # noqa: F401  (fixture)

MakePool = Callable[..., str]


def test_create_user_invites_with_a_generated_temporary_password(idp: Any, pool: dict[str, Any],
                                                                 emulator: RunningEmulator) -> None:
    created = idp.admin_create_user(UserPoolId=pool["Id"], Username="ann", DesiredDeliveryMediums=["EMAIL"],
                                    UserAttributes=attributes({"email": "ann@example.com"}))["User"]
    assert created["Username"] == "ann" and created["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert created["Enabled"] is True
    assert {"sub", "email"} <= set(attribute_map(created["Attributes"]))
    invitation = last_message(emulator, pool["Id"], "ann", "ADMIN_CREATE_USER")
    password = invitation["code"]
    assert invitation["destination"] == "ann@example.com" and invitation["deliveryMedium"] == "EMAIL"
    assert "ann" in invitation["message"] and password in invitation["message"]
    assert len(password) >= 8 and any(c.isupper() for c in password) and any(c.isdigit() for c in password)
    fetched = idp.admin_get_user(UserPoolId=pool["Id"], Username="ann")
    assert fetched["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert attribute_map(fetched["UserAttributes"]) == attribute_map(created["Attributes"])


def test_invitation_template_and_suppress(idp: Any, make_pool: MakePool, emulator: RunningEmulator) -> None:
    template = {"EmailMessage": "Hi {username}, use {####}", "EmailSubject": "Welcome",
                "SMSMessage": "{username} {####}"}
    pool_id = make_pool(AdminCreateUserConfig={"InviteMessageTemplate": template})
    idp.admin_create_user(UserPoolId=pool_id, Username="ben", TemporaryPassword="Temp0rary!",
                          UserAttributes=attributes({"email": "ben@example.com"}), DesiredDeliveryMediums=["EMAIL"])
    assert last_message(emulator, pool_id, "ben")["message"] == "Hi ben, use Temp0rary!"
    idp.admin_create_user(UserPoolId=pool_id, Username="cat", MessageAction="SUPPRESS",
                          UserAttributes=attributes({"email": "cat@example.com"}))
    assert messages(emulator, pool_id, "cat") == []


def test_create_user_checks_before_creating(idp: Any, make_pool: MakePool) -> None:
    pool_id = make_pool(Schema=[{"Name": "name", "AttributeDataType": "String", "Required": True}])
    with aws_error("InvalidPasswordException"):
        idp.admin_create_user(UserPoolId=pool_id, Username="dan", TemporaryPassword="weak",
                              UserAttributes=attributes({"name": "D"}))
    with aws_error("InvalidParameterException",
                   "Attributes did not conform to the schema: name: The attribute is required"):
        idp.admin_create_user(UserPoolId=pool_id, Username="dan")
    with aws_error("InvalidParameterException"):
        idp.admin_create_user(UserPoolId=pool_id, Username="dan", UserAttributes=attributes({"name": "D", "sub": "x"}))
    with aws_error("UserNotFoundException", "User does not exist."):
        idp.admin_get_user(UserPoolId=pool_id, Username="dan")
    idp.admin_create_user(UserPoolId=pool_id, Username="dan", UserAttributes=attributes({"name": "D"}))
    with aws_error("UsernameExistsException", "User already exists"):
        idp.admin_create_user(UserPoolId=pool_id, Username="dan", UserAttributes=attributes({"name": "D"}))
    with aws_error("ResourceNotFoundException", "User pool us-east-1_nopool does not exist."):
        idp.admin_create_user(UserPoolId="us-east-1_nopool", Username="dan")


def test_resend_invitation(idp: Any, pool: dict[str, Any], emulator: RunningEmulator) -> None:
    with aws_error("UserNotFoundException", "User does not exist."):
        idp.admin_create_user(UserPoolId=pool["Id"], Username="eve", MessageAction="RESEND")
    idp.admin_create_user(UserPoolId=pool["Id"], Username="eve", UserAttributes=attributes({"email": "e@example.com"}))
    first = last_message(emulator, pool["Id"], "eve")["code"]
    resent = idp.admin_create_user(UserPoolId=pool["Id"], Username="eve", MessageAction="RESEND")["User"]
    assert resent["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert len(messages(emulator, pool["Id"], "eve")) == 2
    assert last_message(emulator, pool["Id"], "eve")["code"] != first
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username="eve", Password=PASSWORD, Permanent=True)
    with aws_error("UnsupportedUserStateException"):
        idp.admin_create_user(UserPoolId=pool["Id"], Username="eve", MessageAction="RESEND")


def test_set_user_password_permanent_and_temporary(idp: Any, pool: dict[str, Any]) -> None:
    idp.admin_create_user(UserPoolId=pool["Id"], Username="fay", MessageAction="SUPPRESS")
    with aws_error("InvalidPasswordException", "Password does not conform to policy: Password not long enough"):
        idp.admin_set_user_password(UserPoolId=pool["Id"], Username="fay", Password="Sh0rt!", Permanent=True)
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username="fay", Password=PASSWORD, Permanent=True)
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="fay")["UserStatus"] == "CONFIRMED"
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username="fay", Password=PASSWORD, Permanent=False)
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="fay")["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    with aws_error("UserNotFoundException", "User does not exist."):
        idp.admin_set_user_password(UserPoolId=pool["Id"], Username="nobody", Password=PASSWORD, Permanent=True)


def test_disable_and_enable_keep_the_user(idp: Any, pool: dict[str, Any]) -> None:
    confirmed_user(idp, pool["Id"], "gus")
    idp.admin_disable_user(UserPoolId=pool["Id"], Username="gus")
    user = idp.admin_get_user(UserPoolId=pool["Id"], Username="gus")
    assert user["Enabled"] is False and user["UserStatus"] == "CONFIRMED"
    client_id = make_client(idp, pool["Id"])["ClientId"]
    with aws_error("NotAuthorizedException", "User is disabled."):
        idp.admin_initiate_auth(UserPoolId=pool["Id"], ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                AuthParameters={"USERNAME": "gus", "PASSWORD": PASSWORD})
    idp.admin_enable_user(UserPoolId=pool["Id"], Username="gus")
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="gus")["Enabled"] is True


def test_delete_user_frees_username_alias_and_groups(idp: Any, make_pool: MakePool) -> None:
    pool_id = make_pool(AliasAttributes=["email"])
    idp.create_group(UserPoolId=pool_id, GroupName="team")
    confirmed_user(idp, pool_id, "hal", values={"email": "hal@example.com", "email_verified": "true"})
    idp.admin_add_user_to_group(UserPoolId=pool_id, Username="hal", GroupName="team")
    assert idp.admin_get_user(UserPoolId=pool_id, Username="hal@example.com")["Username"] == "hal"
    idp.admin_delete_user(UserPoolId=pool_id, Username="hal@example.com")
    for name in ("hal", "hal@example.com"):
        with aws_error("UserNotFoundException", "User does not exist."):
            idp.admin_get_user(UserPoolId=pool_id, Username=name)
    assert idp.list_users_in_group(UserPoolId=pool_id, GroupName="team")["Users"] == []
    assert idp.list_users(UserPoolId=pool_id, Filter='email = "hal@example.com"')["Users"] == []
    confirmed_user(idp, pool_id, "hal", values={"email": "hal@example.com", "email_verified": "true"})
    assert idp.admin_list_groups_for_user(UserPoolId=pool_id, Username="hal")["Groups"] == []


def test_reset_user_password(idp: Any, pool: dict[str, Any], emulator: RunningEmulator) -> None:
    confirmed_user(idp, pool["Id"], "ida")
    with aws_error("InvalidParameterException",
                   "Cannot reset password for the user as there is no registered/verified email or phone_number"):
        idp.admin_reset_user_password(UserPoolId=pool["Id"], Username="ida")
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="ida")["UserStatus"] == "CONFIRMED"
    confirmed_user(idp, pool["Id"], "joe", values={"email": "joe@example.com", "email_verified": "true"})
    idp.admin_reset_user_password(UserPoolId=pool["Id"], Username="joe")
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="joe")["UserStatus"] == "RESET_REQUIRED"
    code = last_message(emulator, pool["Id"], "joe", "FORGOT_PASSWORD")["code"]
    client_id = make_client(idp, pool["Id"])["ClientId"]
    idp.confirm_forgot_password(ClientId=client_id, Username="joe", ConfirmationCode=code, Password="An0ther-one")
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="joe")["UserStatus"] == "CONFIRMED"


def test_update_attributes_admin(idp: Any, make_pool: MakePool, emulator: RunningEmulator) -> None:
    pool_id = make_pool(AutoVerifiedAttributes=["email"])
    confirmed_user(idp, pool_id, "kai", values={"email": "kai@example.com", "email_verified": "true"})
    idp.admin_update_user_attributes(UserPoolId=pool_id, Username="kai",
                                     UserAttributes=attributes({"email": "kai2@example.com", "name": "Kai"}))
    current = attribute_map(idp.admin_get_user(UserPoolId=pool_id, Username="kai")["UserAttributes"])
    assert current["email"] == "kai2@example.com" and current["email_verified"] == "false" and current["name"] == "Kai"
    sent = last_message(emulator, pool_id, "kai")
    assert sent["destination"] == "kai2@example.com" and sent["purpose"] == "VERIFY:email"
    count = len(messages(emulator, pool_id, "kai"))
    idp.admin_update_user_attributes(UserPoolId=pool_id, Username="kai", UserAttributes=attributes(
        {"email": "kai3@example.com", "email_verified": "true"}))
    current = attribute_map(idp.admin_get_user(UserPoolId=pool_id, Username="kai")["UserAttributes"])
    assert (current["email"], current["email_verified"]) == ("kai3@example.com", "true")
    assert len(messages(emulator, pool_id, "kai")) == count
    with aws_error("InvalidParameterException"):
        idp.admin_update_user_attributes(UserPoolId=pool_id, Username="kai",
                                         UserAttributes=attributes({"name": "Changed", "custom:missing": "x"}))
    with aws_error("InvalidParameterException"):
        idp.admin_update_user_attributes(UserPoolId=pool_id, Username="kai", UserAttributes=attributes({"sub": "x"}))
    current = attribute_map(idp.admin_get_user(UserPoolId=pool_id, Username="kai")["UserAttributes"])
    assert current["name"] == "Kai"


def test_update_to_an_alias_someone_holds(idp: Any, make_pool: MakePool) -> None:
    pool_id = make_pool(UsernameAttributes=["email"])
    confirmed_user(idp, pool_id, "one@example.com")
    confirmed_user(idp, pool_id, "two@example.com")
    with aws_error("AliasExistsException", "An account with the given email already exists."):
        idp.admin_update_user_attributes(UserPoolId=pool_id, Username="two@example.com",
                                         UserAttributes=attributes({"email": "one@example.com"}))
    idp.admin_update_user_attributes(UserPoolId=pool_id, Username="two@example.com",
                                     UserAttributes=attributes({"email": "three@example.com"}))
    assert idp.admin_get_user(UserPoolId=pool_id, Username="three@example.com")
    with aws_error("UserNotFoundException"):
        idp.admin_get_user(UserPoolId=pool_id, Username="two@example.com")


def test_delete_attributes_admin(idp: Any, make_pool: MakePool) -> None:
    pool_id = make_pool(Schema=[{"Name": "family_name", "AttributeDataType": "String", "Required": True}])
    idp.admin_create_user(UserPoolId=pool_id, Username="lee", MessageAction="SUPPRESS", UserAttributes=attributes(
        {"family_name": "Lee", "name": "L", "email": "lee@example.com", "email_verified": "true"}))
    with aws_error("InvalidParameterException",
                   "Attributes did not conform to the schema: family_name: The attribute is required"):
        idp.admin_delete_user_attributes(UserPoolId=pool_id, Username="lee", UserAttributeNames=["name", "family_name"])
    idp.admin_delete_user_attributes(UserPoolId=pool_id, Username="lee", UserAttributeNames=["name", "email"])
    current = attribute_map(idp.admin_get_user(UserPoolId=pool_id, Username="lee")["UserAttributes"])
    assert not {"name", "email", "email_verified"} & set(current) and current["family_name"] == "Lee"
