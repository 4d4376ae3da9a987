"""GetUser, DeleteUser, UpdateUserAttributes, DeleteUserAttributes,
GetUserAttributeVerificationCode, VerifyUserAttribute with real access tokens."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.e2e.expect import aws_error
from tests.e2e.outbox import last_code, messages
from tests.e2e.server import RunningEmulator
from tests.e2e.user_helpers import attribute_map, attributes, confirmed_user, make_client, sign_in
from tests.e2e.user_helpers import make_pool as make_pool  # noqa: F401  (fixture)

MakePool = Callable[..., str]
EMAIL = {"email": "pat@example.com", "email_verified": "true"}


def _signed_in(idp: Any, pool_id: str, username: str = "pat", values: dict[str, str] | None = None,
               **client: Any) -> str:
    confirmed_user(idp, pool_id, username, values=EMAIL if values is None else values)
    client_id = make_client(idp, pool_id, **client)["ClientId"]
    return str(sign_in(idp, pool_id, client_id, username)["AccessToken"])


def test_get_user_returns_readable_attributes(idp: Any, pool: dict[str, Any]) -> None:
    token = _signed_in(idp, pool["Id"], values={**EMAIL, "name": "Pat", "locale": "en"})
    user = idp.get_user(AccessToken=token)
    assert user["Username"] == "pat"
    assert {"sub", "name", "locale", "email", "email_verified"} <= set(attribute_map(user["UserAttributes"]))
    narrow = _signed_in(idp, pool["Id"], "quinn", values={"name": "Q", "locale": "en"}, ReadAttributes=["name"])
    assert set(attribute_map(idp.get_user(AccessToken=narrow)["UserAttributes"])) == {"sub", "name"}


def test_bad_access_tokens(idp: Any) -> None:
    with aws_error("NotAuthorizedException", "Invalid Access Token"):
        idp.get_user(AccessToken="not-a-token")


def test_update_email_sends_code_and_verify_marks_it(idp: Any, make_pool: MakePool,
                                                     emulator: RunningEmulator) -> None:
    pool_id = make_pool(AutoVerifiedAttributes=["email"])
    token = _signed_in(idp, pool_id)
    answer = idp.update_user_attributes(AccessToken=token, UserAttributes=attributes(
        {"email": "pat2@example.com", "name": "Pat"}))
    assert answer["CodeDeliveryDetailsList"] == [
        {"Destination": "p***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}]
    current = attribute_map(idp.get_user(AccessToken=token)["UserAttributes"])
    assert (current["email"], current["email_verified"], current["name"]) == ("pat2@example.com", "false", "Pat")
    code = last_code(emulator, pool_id, "pat", "VERIFY:email")
    wrong = "000000" if code != "000000" else "111111"
    with aws_error("CodeMismatchException", "Invalid verification code provided, please try again."):
        idp.verify_user_attribute(AccessToken=token, AttributeName="email", Code=wrong)
    idp.verify_user_attribute(AccessToken=token, AttributeName="email", Code=code)
    assert attribute_map(idp.get_user(AccessToken=token)["UserAttributes"])["email_verified"] == "true"
    with aws_error("ExpiredCodeException", "Invalid code provided, please request a code again."):
        idp.verify_user_attribute(AccessToken=token, AttributeName="email", Code=code)


def test_update_without_auto_verification_sends_nothing(idp: Any, pool: dict[str, Any],
                                                        emulator: RunningEmulator) -> None:
    token = _signed_in(idp, pool["Id"])
    assert "CodeDeliveryDetailsList" not in idp.update_user_attributes(
        AccessToken=token, UserAttributes=attributes({"email": "other@example.com"}))
    assert messages(emulator, pool["Id"], "pat") == []
    assert attribute_map(idp.get_user(AccessToken=token)["UserAttributes"])["email_verified"] == "false"


def test_attributes_require_verification_before_update(idp: Any, make_pool: MakePool,
                                                       emulator: RunningEmulator) -> None:
    pool_id = make_pool(AutoVerifiedAttributes=["email"], AliasAttributes=["email"],
                        UserAttributeUpdateSettings={"AttributesRequireVerificationBeforeUpdate": ["email"]})
    token = _signed_in(idp, pool_id)
    idp.update_user_attributes(AccessToken=token, UserAttributes=attributes({"email": "new@example.com"}))
    current = attribute_map(idp.get_user(AccessToken=token)["UserAttributes"])
    assert (current["email"], current["email_verified"]) == ("pat@example.com", "true")
    assert idp.admin_get_user(UserPoolId=pool_id, Username="pat@example.com")["Username"] == "pat"
    sent = messages(emulator, pool_id, "pat")[-1]
    assert sent["destination"] == "new@example.com"
    idp.verify_user_attribute(AccessToken=token, AttributeName="email", Code=sent["code"])
    current = attribute_map(idp.get_user(AccessToken=token)["UserAttributes"])
    assert (current["email"], current["email_verified"]) == ("new@example.com", "true")
    assert idp.admin_get_user(UserPoolId=pool_id, Username="new@example.com")["Username"] == "pat"
    with aws_error("UserNotFoundException"):
        idp.admin_get_user(UserPoolId=pool_id, Username="pat@example.com")


def test_write_permissions(idp: Any, pool: dict[str, Any]) -> None:
    token = _signed_in(idp, pool["Id"], WriteAttributes=["name"])
    idp.update_user_attributes(AccessToken=token, UserAttributes=attributes({"name": "ok"}))
    for forbidden in ({"locale": "en"}, {"name": "x", "email_verified": "true"}):
        with aws_error("NotAuthorizedException", "A client attempted to write unauthorized attribute"):
            idp.update_user_attributes(AccessToken=token, UserAttributes=attributes(forbidden))
    assert attribute_map(idp.get_user(AccessToken=token)["UserAttributes"])["name"] == "ok"
    open_token = _signed_in(idp, pool["Id"], "rio")
    with aws_error("NotAuthorizedException", "A client attempted to write unauthorized attribute"):
        idp.update_user_attributes(AccessToken=open_token, UserAttributes=attributes({"email_verified": "true"}))
    with aws_error("NotAuthorizedException", "A client attempted to write unauthorized attribute"):
        idp.delete_user_attributes(AccessToken=token, UserAttributeNames=["email"])


def test_delete_user_attributes(idp: Any, pool: dict[str, Any]) -> None:
    token = _signed_in(idp, pool["Id"], values={**EMAIL, "name": "Pat", "locale": "en"})
    idp.delete_user_attributes(AccessToken=token, UserAttributeNames=["name", "email"])
    current = attribute_map(idp.get_user(AccessToken=token)["UserAttributes"])
    assert current["locale"] == "en" and not {"name", "email", "email_verified"} & set(current)
    with aws_error("InvalidParameterException"):
        idp.delete_user_attributes(AccessToken=token, UserAttributeNames=["sub"])


def test_get_user_attribute_verification_code(idp: Any, make_pool: MakePool, emulator: RunningEmulator) -> None:
    pool_id = make_pool()
    token = _signed_in(idp, pool_id, values={"email": "sam@example.com"})
    details = idp.get_user_attribute_verification_code(AccessToken=token, AttributeName="email")["CodeDeliveryDetails"]
    assert details == {"Destination": "s***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}
    idp.verify_user_attribute(AccessToken=token, AttributeName="email",
                              Code=last_code(emulator, pool_id, "pat", "VERIFY:email"))
    assert attribute_map(idp.get_user(AccessToken=token)["UserAttributes"])["email_verified"] == "true"
    with aws_error("InvalidParameterException"):
        idp.get_user_attribute_verification_code(AccessToken=token, AttributeName="phone_number")


def test_verify_refuses_an_alias_someone_else_holds(idp: Any, make_pool: MakePool, emulator: RunningEmulator) -> None:
    pool_id = make_pool(AliasAttributes=["email"])
    confirmed_user(idp, pool_id, "holder", values={"email": "taken@example.com", "email_verified": "true"})
    token = _signed_in(idp, pool_id, values={"email": "taken@example.com"})
    idp.get_user_attribute_verification_code(AccessToken=token, AttributeName="email")
    code = last_code(emulator, pool_id, "pat")
    with aws_error("AliasExistsException", "An account with the given email already exists."):
        idp.verify_user_attribute(AccessToken=token, AttributeName="email", Code=code)
    assert attribute_map(idp.get_user(AccessToken=token)["UserAttributes"]).get("email_verified") != "true"


def test_delete_user(idp: Any, pool: dict[str, Any]) -> None:
    token = _signed_in(idp, pool["Id"])
    idp.delete_user(AccessToken=token)
    with aws_error("UserNotFoundException", "User does not exist."):
        idp.admin_get_user(UserPoolId=pool["Id"], Username="pat")
    with aws_error("UserNotFoundException"):
        idp.get_user(AccessToken=token)
