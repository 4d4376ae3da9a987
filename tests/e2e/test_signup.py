"""SignUp, ConfirmSignUp, ResendConfirmationCode, AdminConfirmSignUp through boto3."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from emulator.srp.secret_hash import compute_secret_hash
from tests.e2e.control import advance_clock
from tests.e2e.expect import aws_error
from tests.e2e.outbox import last_code, messages
from tests.e2e.server import RunningEmulator
from tests.e2e.user_helpers import PASSWORD, attribute_map, attributes, confirmed_user, make_client
from tests.e2e.user_helpers import clock_emulator as clock_emulator  # noqa: F401  (fixture)
from tests.e2e.user_helpers import make_pool as make_pool  # noqa: F401  (fixture)

MakePool = Callable[..., str]


def _email_pool(make_pool: MakePool, **params: Any) -> str:
    return make_pool(AutoVerifiedAttributes=["email"], **params)


def test_sign_up_sends_a_code_and_confirm_verifies_the_email(idp: Any, make_pool: MakePool,
                                                             emulator: RunningEmulator) -> None:
    pool_id = _email_pool(make_pool)
    client_id = make_client(idp, pool_id)["ClientId"]
    answer = idp.sign_up(ClientId=client_id, Username="alice", Password=PASSWORD,
                         UserAttributes=attributes({"email": "alice@example.com"}))
    assert answer["UserConfirmed"] is False
    assert str(uuid.UUID(answer["UserSub"])) == answer["UserSub"]
    assert answer["CodeDeliveryDetails"] == {"Destination": "a***@e***", "DeliveryMedium": "EMAIL",
                                             "AttributeName": "email"}
    user = idp.admin_get_user(UserPoolId=pool_id, Username="alice")
    assert user["UserStatus"] == "UNCONFIRMED"
    assert attribute_map(user["UserAttributes"])["sub"] == answer["UserSub"]
    message = messages(emulator, pool_id, "alice")[-1]
    assert message["destination"] == "alice@example.com" and message["purpose"] == "SIGN_UP"
    assert message["code"] in message["message"]

    wrong = "000000" if message["code"] != "000000" else "111111"
    with aws_error("CodeMismatchException", "Invalid verification code provided, please try again."):
        idp.confirm_sign_up(ClientId=client_id, Username="alice", ConfirmationCode=wrong)
    assert idp.admin_get_user(UserPoolId=pool_id, Username="alice")["UserStatus"] == "UNCONFIRMED"
    idp.confirm_sign_up(ClientId=client_id, Username="alice", ConfirmationCode=message["code"])
    user = idp.admin_get_user(UserPoolId=pool_id, Username="alice")
    assert user["UserStatus"] == "CONFIRMED"
    assert attribute_map(user["UserAttributes"])["email_verified"] == "true"
    with aws_error("NotAuthorizedException", "User cannot be confirmed. Current status is CONFIRMED"):
        idp.confirm_sign_up(ClientId=client_id, Username="alice", ConfirmationCode=message["code"])


def test_sign_up_without_auto_verification_sends_nothing(idp: Any, pool: dict[str, Any],
                                                         emulator: RunningEmulator) -> None:
    client_id = make_client(idp, pool["Id"])["ClientId"]
    answer = idp.sign_up(ClientId=client_id, Username="bob", Password=PASSWORD)
    assert "CodeDeliveryDetails" not in answer and answer["UserConfirmed"] is False
    assert messages(emulator, pool["Id"], "bob") == []
    with aws_error("InvalidParameterException", "Cannot resend codes. Auto verification not turned on."):
        idp.resend_confirmation_code(ClientId=client_id, Username="bob")


def test_password_policy_uses_sign_up_wording_and_creates_nothing(idp: Any, pool: dict[str, Any]) -> None:
    client_id = make_client(idp, pool["Id"])["ClientId"]
    cases = {"Sh0rt!": "Password not long enough", "passw0rd!": "Password must have uppercase characters",
             "PASSW0RD!": "Password must have lowercase characters",
             "Password!": "Password must have numeric characters",
             "Passw0rdd": "Password must have symbol characters"}
    for password, reason in cases.items():
        with aws_error("InvalidPasswordException", f"Password did not conform with policy: {reason}"):
            idp.sign_up(ClientId=client_id, Username="carol", Password=password)
    with aws_error("UserNotFoundException", "User does not exist."):
        idp.admin_get_user(UserPoolId=pool["Id"], Username="carol")


def test_relaxed_policy_accepts_what_it_allows(idp: Any, make_pool: MakePool) -> None:
    pool_id = make_pool(Policies={"PasswordPolicy": {"MinimumLength": 6}})
    client_id = make_client(idp, pool_id)["ClientId"]
    assert idp.sign_up(ClientId=client_id, Username="dave", Password="simple")["UserConfirmed"] is False


def test_duplicate_username_and_required_attributes(idp: Any, make_pool: MakePool) -> None:
    pool_id = make_pool(Schema=[{"Name": "name", "AttributeDataType": "String", "Required": True}])
    client_id = make_client(idp, pool_id)["ClientId"]
    with aws_error("InvalidParameterException",
                   "Attributes did not conform to the schema: name: The attribute is required"):
        idp.sign_up(ClientId=client_id, Username="erin", Password=PASSWORD)
    idp.sign_up(ClientId=client_id, Username="erin", Password=PASSWORD, UserAttributes=attributes({"name": "E"}))
    with aws_error("UsernameExistsException", "User already exists"):
        idp.sign_up(ClientId=client_id, Username="erin", Password=PASSWORD, UserAttributes=attributes({"name": "E"}))
    with aws_error("InvalidParameterException"):
        idp.sign_up(ClientId=client_id, Username="frank", Password=PASSWORD,
                    UserAttributes=attributes({"name": "F", "custom:nope": "x"}))
    with aws_error("ResourceNotFoundException", "User pool client nosuchclient does not exist."):
        idp.sign_up(ClientId="nosuchclient", Username="x", Password=PASSWORD)


def test_client_write_attributes_are_enforced(idp: Any, pool: dict[str, Any]) -> None:
    client_id = make_client(idp, pool["Id"], WriteAttributes=["email"])["ClientId"]
    with aws_error("NotAuthorizedException", "A client attempted to write unauthorized attribute"):
        idp.sign_up(ClientId=client_id, Username="gina", Password=PASSWORD,
                    UserAttributes=attributes({"email": "g@example.com", "name": "G"}))
    open_client = make_client(idp, pool["Id"])["ClientId"]
    with aws_error("NotAuthorizedException", "A client attempted to write unauthorized attribute"):
        idp.sign_up(ClientId=open_client, Username="gina", Password=PASSWORD,
                    UserAttributes=attributes({"email": "g@example.com", "email_verified": "true"}))


def test_secret_hash_is_required_and_checked(idp: Any, make_pool: MakePool, emulator: RunningEmulator) -> None:
    pool_id = _email_pool(make_pool)
    client = make_client(idp, pool_id, GenerateSecret=True)
    client_id, secret = client["ClientId"], client["ClientSecret"]
    params = {"ClientId": client_id, "Username": "hank", "Password": PASSWORD,
              "UserAttributes": attributes({"email": "hank@example.com"})}
    with aws_error("NotAuthorizedException",
                   f"Client {client_id} is configured with secret but SECRET_HASH was not received"):
        idp.sign_up(**params)
    with aws_error("NotAuthorizedException", f"Unable to verify secret hash for client {client_id}"):
        idp.sign_up(**params, SecretHash=compute_secret_hash("someone-else", client_id, secret))
    good = compute_secret_hash("hank", client_id, secret)
    idp.sign_up(**params, SecretHash=good)
    with aws_error("NotAuthorizedException", f"Unable to verify secret hash for client {client_id}"):
        idp.resend_confirmation_code(ClientId=client_id, Username="hank", SecretHash=good[:-4] + "AAA=")
    idp.resend_confirmation_code(ClientId=client_id, Username="hank", SecretHash=good)
    code = last_code(emulator, pool_id, "hank")
    with aws_error("NotAuthorizedException"):
        idp.confirm_sign_up(ClientId=client_id, Username="hank", ConfirmationCode=code)
    idp.confirm_sign_up(ClientId=client_id, Username="hank", ConfirmationCode=code, SecretHash=good)


def test_resend_replaces_the_code(idp: Any, make_pool: MakePool, emulator: RunningEmulator) -> None:
    pool_id = _email_pool(make_pool)
    client_id = make_client(idp, pool_id)["ClientId"]
    idp.sign_up(ClientId=client_id, Username="ivy", Password=PASSWORD,
                UserAttributes=attributes({"email": "ivy@example.com"}))
    first = last_code(emulator, pool_id, "ivy")
    details = idp.resend_confirmation_code(ClientId=client_id, Username="ivy")["CodeDeliveryDetails"]
    assert details["DeliveryMedium"] == "EMAIL" and details["Destination"] == "i***@e***"
    second = last_code(emulator, pool_id, "ivy")
    if first != second:
        with aws_error("CodeMismatchException"):
            idp.confirm_sign_up(ClientId=client_id, Username="ivy", ConfirmationCode=first)
    idp.confirm_sign_up(ClientId=client_id, Username="ivy", ConfirmationCode=second)
    with aws_error("InvalidParameterException", "User is already confirmed."):
        idp.resend_confirmation_code(ClientId=client_id, Username="ivy")


def test_sign_up_code_expires_after_a_day(clock_emulator: tuple[RunningEmulator, Any]) -> None:
    emulator, idp = clock_emulator
    pool_id = idp.create_user_pool(PoolName="clock", AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
    client_id = make_client(idp, pool_id)["ClientId"]
    idp.sign_up(ClientId=client_id, Username="jay", Password=PASSWORD,
                UserAttributes=attributes({"email": "jay@example.com"}))
    code = last_code(emulator, pool_id, "jay")
    advance_clock(emulator.url, 24 * 3600 + 1)
    with aws_error("ExpiredCodeException", "Invalid code provided, please request a code again."):
        idp.confirm_sign_up(ClientId=client_id, Username="jay", ConfirmationCode=code)
    assert idp.admin_get_user(UserPoolId=pool_id, Username="jay")["UserStatus"] == "UNCONFIRMED"


def test_unknown_users_legacy_and_prevented(idp: Any, make_pool: MakePool) -> None:
    pool_id = _email_pool(make_pool)
    legacy = make_client(idp, pool_id)["ClientId"]
    hidden = make_client(idp, pool_id, PreventUserExistenceErrors="ENABLED")["ClientId"]
    with aws_error("UserNotFoundException", "User does not exist."):
        idp.confirm_sign_up(ClientId=legacy, Username="ghost", ConfirmationCode="123456")
    with aws_error("UserNotFoundException", "User does not exist."):
        idp.resend_confirmation_code(ClientId=legacy, Username="ghost")
    with aws_error("CodeMismatchException", "Invalid verification code provided, please try again."):
        idp.confirm_sign_up(ClientId=hidden, Username="ghost", ConfirmationCode="123456")
    details = idp.resend_confirmation_code(ClientId=hidden, Username="ghost@example.com")["CodeDeliveryDetails"]
    assert details == {"Destination": "g***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}
    again = idp.resend_confirmation_code(ClientId=hidden, Username="ghost")["CodeDeliveryDetails"]
    assert again == idp.resend_confirmation_code(ClientId=hidden, Username="ghost")["CodeDeliveryDetails"]


def test_email_as_username_pool(idp: Any, make_pool: MakePool, emulator: RunningEmulator) -> None:
    pool_id = _email_pool(make_pool, UsernameAttributes=["email"])
    client_id = make_client(idp, pool_id)["ClientId"]
    sub = idp.sign_up(ClientId=client_id, Username="kim@example.com", Password=PASSWORD)["UserSub"]
    user = idp.admin_get_user(UserPoolId=pool_id, Username="kim@example.com")
    assert str(uuid.UUID(user["Username"])) == user["Username"]
    assert attribute_map(user["UserAttributes"])["email"] == "kim@example.com"
    assert attribute_map(user["UserAttributes"])["sub"] == sub
    with aws_error("UsernameExistsException", "An account with the given email already exists."):
        idp.sign_up(ClientId=client_id, Username="kim@example.com", Password=PASSWORD)
    with aws_error("InvalidParameterException", "Username should be either an email."):
        idp.sign_up(ClientId=client_id, Username="kim", Password=PASSWORD)
    code = last_code(emulator, pool_id, user["Username"])
    idp.confirm_sign_up(ClientId=client_id, Username="kim@example.com", ConfirmationCode=code)
    assert idp.admin_get_user(UserPoolId=pool_id, Username="kim@example.com")["UserStatus"] == "CONFIRMED"


def test_confirm_refuses_an_alias_held_by_another_unless_forced(idp: Any, make_pool: MakePool,
                                                                emulator: RunningEmulator) -> None:
    pool_id = _email_pool(make_pool, AliasAttributes=["email"])
    client_id = make_client(idp, pool_id)["ClientId"]
    confirmed_user(idp, pool_id, "owner", values={"email": "same@example.com", "email_verified": "true"})
    for name in ("second", "third"):
        idp.sign_up(ClientId=client_id, Username=name, Password=PASSWORD,
                    UserAttributes=attributes({"email": "same@example.com"}))
    code = last_code(emulator, pool_id, "second")
    with aws_error("AliasExistsException", "An account with the given email already exists."):
        idp.confirm_sign_up(ClientId=client_id, Username="second", ConfirmationCode=code)
    assert idp.admin_get_user(UserPoolId=pool_id, Username="second")["UserStatus"] == "UNCONFIRMED"
    idp.confirm_sign_up(ClientId=client_id, Username="second", ConfirmationCode=code, ForceAliasCreation=True)
    owner = attribute_map(idp.admin_get_user(UserPoolId=pool_id, Username="owner")["UserAttributes"])
    assert owner["email_verified"] == "false"
    assert idp.admin_get_user(UserPoolId=pool_id, Username="same@example.com")["Username"] == "second"
    with aws_error("InvalidParameterException",
                   "Username cannot be of email format, since user pool is configured for email alias."):
        idp.sign_up(ClientId=client_id, Username="x@example.com", Password=PASSWORD)


def test_admin_confirm_sign_up(idp: Any, make_pool: MakePool) -> None:
    pool_id = _email_pool(make_pool)
    client_id = make_client(idp, pool_id)["ClientId"]
    idp.sign_up(ClientId=client_id, Username="lou", Password=PASSWORD,
                UserAttributes=attributes({"email": "lou@example.com"}))
    idp.admin_confirm_sign_up(UserPoolId=pool_id, Username="lou")
    user = idp.admin_get_user(UserPoolId=pool_id, Username="lou")
    assert user["UserStatus"] == "CONFIRMED"
    assert attribute_map(user["UserAttributes"]).get("email_verified") != "true"
    with aws_error("NotAuthorizedException", "User cannot be confirmed. Current status is CONFIRMED"):
        idp.admin_confirm_sign_up(UserPoolId=pool_id, Username="lou")
    with aws_error("UserNotFoundException", "User does not exist."):
        idp.admin_confirm_sign_up(UserPoolId=pool_id, Username="nobody")


def test_sign_up_not_permitted_when_admin_only(idp: Any, make_pool: MakePool) -> None:
    pool_id = make_pool(AdminCreateUserConfig={"AllowAdminCreateUserOnly": True})
    client_id = make_client(idp, pool_id)["ClientId"]
    with aws_error("NotAuthorizedException", "SignUp is not permitted for this user pool"):
        idp.sign_up(ClientId=client_id, Username="max", Password=PASSWORD)


def _pending_verifiers(emulator: RunningEmulator) -> int:
    import json
    import urllib.request

    with urllib.request.urlopen(f"{emulator.url}/_emulator/health", timeout=5) as response:
        return int(json.load(response)["pendingVerifiers"])


def test_a_signed_up_users_srp_verifier_comes_when_idle_or_at_its_first_srp_sign_in(
        idp: Any, pool: dict[str, Any], emulator: RunningEmulator) -> None:
    """SignUp answers before the SRP verifier exists (LazyVerifier): an SRP sign-in at once
    derives it, and a quiet server derives the rest by itself."""
    import time

    from tests.e2e.auth_helpers import SignInSetup, srp_sign_in

    flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    client_id = make_client(idp, pool["Id"], ExplicitAuthFlows=flows)["ClientId"]
    names = [f"lazy-{uuid.uuid4().hex[:6]}" for _ in range(3)]
    for name in names:
        idp.sign_up(ClientId=client_id, Username=name, Password=PASSWORD)
        idp.admin_confirm_sign_up(UserPoolId=pool["Id"], Username=name)
    setups = [SignInSetup(pool["Id"], client_id, name, PASSWORD) for name in names]
    assert srp_sign_in(idp, setups[0])["AccessToken"]  # derived on demand
    with aws_error("NotAuthorizedException", "Incorrect username or password."):
        srp_sign_in(idp, setups[1], password=PASSWORD + "x")
    deadline = time.monotonic() + 10
    while _pending_verifiers(emulator) and time.monotonic() < deadline:
        time.sleep(0.3)  # a request every 0.3 s leaves the idle pass quiet 0.1 s ticks
    assert _pending_verifiers(emulator) == 0
    for setup in setups[1:]:
        assert srp_sign_in(idp, setup)["AccessToken"]
