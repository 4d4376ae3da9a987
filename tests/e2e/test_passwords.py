"""ForgotPassword, ConfirmForgotPassword, ChangePassword through boto3."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from emulator.srp.secret_hash import compute_secret_hash
from tests.e2e.control import advance_clock
from tests.e2e.expect import aws_error
from tests.e2e.outbox import last_code
from tests.e2e.server import RunningEmulator
from tests.e2e.user_helpers import NEW_PASSWORD, PASSWORD, confirmed_user, make_client, sign_in
from tests.e2e.user_helpers import clock_emulator as clock_emulator  # noqa: F401  (fixture)
from tests.e2e.user_helpers import make_pool as make_pool  # noqa: F401  (fixture)

MakePool = Callable[..., str]
VERIFIED = {"email": "rae@example.com", "email_verified": "true"}
NO_RECOVERY = "Cannot reset password for the user as there is no registered/verified email or phone_number"


def test_forgot_password_round_trip_signs_out_everywhere(idp: Any, pool: dict[str, Any],
                                                         emulator: RunningEmulator) -> None:
    confirmed_user(idp, pool["Id"], "rae", values=VERIFIED)
    client_id = make_client(idp, pool["Id"])["ClientId"]
    tokens = sign_in(idp, pool["Id"], client_id, "rae")
    details = idp.forgot_password(ClientId=client_id, Username="rae")["CodeDeliveryDetails"]
    assert details == {"Destination": "r***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}
    code = last_code(emulator, pool["Id"], "rae", "FORGOT_PASSWORD")
    wrong = "000000" if code != "000000" else "111111"
    with aws_error("CodeMismatchException", "Invalid verification code provided, please try again."):
        idp.confirm_forgot_password(ClientId=client_id, Username="rae", ConfirmationCode=wrong, Password=NEW_PASSWORD)
    no_symbol = "Password does not conform to policy: Password must have symbol characters"
    with aws_error("InvalidPasswordException", no_symbol):
        idp.confirm_forgot_password(ClientId=client_id, Username="rae", ConfirmationCode=code, Password="Passw0rdd")
    idp.confirm_forgot_password(ClientId=client_id, Username="rae", ConfirmationCode=code, Password=NEW_PASSWORD)
    with aws_error("NotAuthorizedException", "Incorrect username or password."):
        sign_in(idp, pool["Id"], client_id, "rae", PASSWORD)
    sign_in(idp, pool["Id"], client_id, "rae", NEW_PASSWORD)
    with aws_error("NotAuthorizedException", "Access Token has been revoked"):
        idp.get_user(AccessToken=tokens["AccessToken"])
    with aws_error("NotAuthorizedException"):
        idp.admin_initiate_auth(UserPoolId=pool["Id"], ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                                AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})
    with aws_error("ExpiredCodeException", "Invalid code provided, please request a code again."):
        idp.confirm_forgot_password(ClientId=client_id, Username="rae", ConfirmationCode=code, Password=PASSWORD)


def test_forgot_password_needs_a_verified_contact(idp: Any, pool: dict[str, Any]) -> None:
    confirmed_user(idp, pool["Id"], "sid", values={"email": "sid@example.com"})
    client_id = make_client(idp, pool["Id"])["ClientId"]
    with aws_error("InvalidParameterException", NO_RECOVERY):
        idp.forgot_password(ClientId=client_id, Username="sid")


def test_forgot_password_refuses_force_change_password_users(idp: Any, pool: dict[str, Any]) -> None:
    idp.admin_create_user(UserPoolId=pool["Id"], Username="tia", MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": "email", "Value": "t@example.com"},
                                          {"Name": "email_verified", "Value": "true"}])
    client_id = make_client(idp, pool["Id"])["ClientId"]
    with aws_error("NotAuthorizedException", "User password cannot be reset in the current state."):
        idp.forgot_password(ClientId=client_id, Username="tia")


def test_reset_code_expires_after_an_hour(clock_emulator: tuple[RunningEmulator, Any]) -> None:
    emulator, idp = clock_emulator
    pool_id = idp.create_user_pool(PoolName="clock")["UserPool"]["Id"]
    confirmed_user(idp, pool_id, "uma", values={"email": "uma@example.com", "email_verified": "true"})
    client_id = make_client(idp, pool_id)["ClientId"]
    idp.forgot_password(ClientId=client_id, Username="uma")
    code = last_code(emulator, pool_id, "uma", "FORGOT_PASSWORD")
    advance_clock(emulator.url, 3599)
    idp.forgot_password(ClientId=client_id, Username="uma")  # a new code replaces the old one
    fresh = last_code(emulator, pool_id, "uma", "FORGOT_PASSWORD")
    advance_clock(emulator.url, 3601)
    with aws_error("ExpiredCodeException", "Invalid code provided, please request a code again."):
        idp.confirm_forgot_password(ClientId=client_id, Username="uma", ConfirmationCode=fresh, Password=NEW_PASSWORD)
    if code != fresh:
        with aws_error("ExpiredCodeException"):
            idp.confirm_forgot_password(ClientId=client_id, Username="uma", ConfirmationCode=code,
                                        Password=NEW_PASSWORD)
    sign_in(idp, pool_id, client_id, "uma", PASSWORD)


def test_unknown_users_legacy_and_prevented(idp: Any, pool: dict[str, Any]) -> None:
    legacy = make_client(idp, pool["Id"])["ClientId"]
    hidden = make_client(idp, pool["Id"], PreventUserExistenceErrors="ENABLED")["ClientId"]
    with aws_error("UserNotFoundException", "User does not exist."):
        idp.forgot_password(ClientId=legacy, Username="ghost")
    with aws_error("UserNotFoundException", "User does not exist."):
        idp.confirm_forgot_password(ClientId=legacy, Username="ghost", ConfirmationCode="123456", Password=NEW_PASSWORD)
    details = idp.forgot_password(ClientId=hidden, Username="ghost@example.com")["CodeDeliveryDetails"]
    assert details == {"Destination": "g***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}
    with aws_error("CodeMismatchException", "Invalid verification code provided, please try again."):
        idp.confirm_forgot_password(ClientId=hidden, Username="ghost", ConfirmationCode="123456", Password=NEW_PASSWORD)


def test_secret_hash_on_forgot_password(idp: Any, pool: dict[str, Any], emulator: RunningEmulator) -> None:
    confirmed_user(idp, pool["Id"], "vic", values={"email": "vic@example.com", "email_verified": "true"})
    client = make_client(idp, pool["Id"], GenerateSecret=True)
    client_id, secret = client["ClientId"], client["ClientSecret"]
    with aws_error("NotAuthorizedException",
                   f"Client {client_id} is configured with secret but SECRET_HASH was not received"):
        idp.forgot_password(ClientId=client_id, Username="vic")
    good = compute_secret_hash("vic", client_id, secret)
    idp.forgot_password(ClientId=client_id, Username="vic", SecretHash=good)
    code = last_code(emulator, pool["Id"], "vic", "FORGOT_PASSWORD")
    with aws_error("NotAuthorizedException", f"Unable to verify secret hash for client {client_id}"):
        idp.confirm_forgot_password(ClientId=client_id, Username="vic", ConfirmationCode=code, Password=NEW_PASSWORD,
                                    SecretHash=compute_secret_hash("vic", client_id, "wrong-secret"))
    idp.confirm_forgot_password(ClientId=client_id, Username="vic", ConfirmationCode=code, Password=NEW_PASSWORD,
                                SecretHash=good)


def test_change_password(idp: Any, pool: dict[str, Any]) -> None:
    confirmed_user(idp, pool["Id"], "wes")
    client_id = make_client(idp, pool["Id"])["ClientId"]
    token = sign_in(idp, pool["Id"], client_id, "wes")["AccessToken"]
    with aws_error("NotAuthorizedException", "Incorrect username or password."):
        idp.change_password(AccessToken=token, PreviousPassword="Wr0ng-one!", ProposedPassword=NEW_PASSWORD)
    with aws_error("InvalidPasswordException", "Password does not conform to policy: Password not long enough"):
        idp.change_password(AccessToken=token, PreviousPassword=PASSWORD, ProposedPassword="Sh0rt!")
    sign_in(idp, pool["Id"], client_id, "wes", PASSWORD)
    idp.change_password(AccessToken=token, PreviousPassword=PASSWORD, ProposedPassword=NEW_PASSWORD)
    sign_in(idp, pool["Id"], client_id, "wes", NEW_PASSWORD)
    with aws_error("NotAuthorizedException", "Incorrect username or password."):
        sign_in(idp, pool["Id"], client_id, "wes", PASSWORD)
    assert idp.get_user(AccessToken=token)["Username"] == "wes"
