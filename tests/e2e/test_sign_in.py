"""Signing in as real clients do: USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH and
USER_SRP_AUTH (pycognito's SRP), with AWS's errors. No flow ever accepts a wrong password."""

from __future__ import annotations

from typing import Any

import jwt
import pytest
from pycognito.aws_srp import AWSSRP

from tests.e2e.auth_helpers import PASSWORD, SignInSetup, make_client, make_user, password_sign_in, srp_sign_in
from tests.e2e.expect import aws_error as expect_error


@pytest.fixture
def setup(idp: Any, pool: dict[str, Any]) -> SignInSetup:
    return SignInSetup(pool["Id"], make_client(idp, pool["Id"]), make_user(idp, pool["Id"],
                                                                            attributes={"email": "a@example.com"}))


def verify(emulator_url: str, pool_id: str, token: str, **options: Any) -> dict[str, Any]:
    jwks = jwt.PyJWKClient(f"{emulator_url}/{pool_id}/.well-known/jwks.json")
    key = jwks.get_signing_key_from_jwt(token).key
    return dict(jwt.decode(token, key, algorithms=["RS256"], **options))


def test_password_auth_returns_tokens_that_verify_against_jwks(idp: Any, emulator: Any, setup: SignInSetup) -> None:
    result = password_sign_in(idp, setup)
    assert result["TokenType"] == "Bearer" and result["ExpiresIn"] == 3600 and result["RefreshToken"]
    id_claims = verify(emulator.url, setup.pool_id, result["IdToken"], audience=setup.client_id)
    access = verify(emulator.url, setup.pool_id, result["AccessToken"], options={"verify_aud": False})
    assert id_claims["token_use"] == "id" and id_claims["cognito:username"] == setup.username
    assert id_claims["iss"] == f"{emulator.url}/{setup.pool_id}" and id_claims["email"] == "a@example.com"
    assert access["token_use"] == "access" and access["client_id"] == setup.client_id
    assert access["scope"] == "aws.cognito.signin.user.admin" and access["origin_jti"] == id_claims["origin_jti"]


def test_wrong_password_is_refused_by_every_flow(idp: Any, setup: SignInSetup) -> None:
    with expect_error("NotAuthorizedException", "Incorrect username or password."):
        password_sign_in(idp, setup, password="Wrong-pass1!")
    with expect_error("NotAuthorizedException", "Incorrect username or password."):
        idp.admin_initiate_auth(UserPoolId=setup.pool_id, ClientId=setup.client_id,
                                AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                AuthParameters={"USERNAME": setup.username, "PASSWORD": "Wrong-pass1!"})
    with expect_error("NotAuthorizedException", "Incorrect username or password."):
        srp_sign_in(idp, setup, password="Wrong-pass1!")


def test_srp_sign_in_with_pycognito(idp: Any, emulator: Any, setup: SignInSetup) -> None:
    result = srp_sign_in(idp, setup)
    claims = verify(emulator.url, setup.pool_id, result["IdToken"], audience=setup.client_id)
    assert claims["cognito:username"] == setup.username


def test_srp_sign_ins_of_the_same_user_again_and_again(idp: Any, emulator: Any, setup: SignInSetup) -> None:
    """From the second sign-in of a verifier on, v^u comes from its table (srp/verifier_tables.py):
    the right password keeps working, a wrong one keeps failing, a new password gets a new table."""
    for _ in range(4):
        claims = verify(emulator.url, setup.pool_id, srp_sign_in(idp, setup)["IdToken"], audience=setup.client_id)
        assert claims["cognito:username"] == setup.username
        with expect_error("NotAuthorizedException", "Incorrect username or password."):
            srp_sign_in(idp, setup, password=PASSWORD + "x")
    idp.admin_set_user_password(UserPoolId=setup.pool_id, Username=setup.username, Password="N3w-horse-pass!",
                                Permanent=True)
    with expect_error("NotAuthorizedException", "Incorrect username or password."):
        srp_sign_in(idp, setup)
    for _ in range(3):
        assert srp_sign_in(idp, setup, password="N3w-horse-pass!")["AccessToken"]


def test_srp_challenge_parameters_and_single_use_secret_block(idp: Any, setup: SignInSetup) -> None:
    srp = AWSSRP(username=setup.username, password=PASSWORD, pool_id=setup.pool_id,
                 client_id=setup.client_id, client=idp)
    params = srp.get_auth_params()
    challenge = idp.initiate_auth(ClientId=setup.client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=params)
    assert challenge["ChallengeName"] == "PASSWORD_VERIFIER" and "Session" not in challenge
    parameters = challenge["ChallengeParameters"]
    assert set(parameters) == {"SALT", "SRP_B", "SECRET_BLOCK", "USER_ID_FOR_SRP", "USERNAME"}
    assert parameters["USER_ID_FOR_SRP"] == setup.username
    responses = srp.process_challenge(parameters, params)
    idp.respond_to_auth_challenge(ClientId=setup.client_id, ChallengeName="PASSWORD_VERIFIER",
                                  ChallengeResponses=responses)
    with expect_error("NotAuthorizedException", "Incorrect username or password."):
        idp.respond_to_auth_challenge(ClientId=setup.client_id, ChallengeName="PASSWORD_VERIFIER",
                                      ChallengeResponses=responses)


def test_srp_timestamp_must_be_canonical(idp: Any, setup: SignInSetup) -> None:
    srp = AWSSRP(username=setup.username, password=PASSWORD, pool_id=setup.pool_id,
                 client_id=setup.client_id, client=idp)
    params = srp.get_auth_params()
    challenge = idp.initiate_auth(ClientId=setup.client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=params)
    responses = srp.process_challenge(challenge["ChallengeParameters"], params)
    responses["TIMESTAMP"] = "not a timestamp"
    with expect_error("InvalidParameterException", "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english."):
        idp.respond_to_auth_challenge(ClientId=setup.client_id, ChallengeName="PASSWORD_VERIFIER",
                                      ChallengeResponses=responses)


def test_unknown_user_legacy_and_prevented(idp: Any, pool: dict[str, Any]) -> None:
    legacy = SignInSetup(pool["Id"], make_client(idp, pool["Id"]), "nobody")
    with expect_error("UserNotFoundException", "User does not exist."):
        password_sign_in(idp, legacy)
    hidden = SignInSetup(pool["Id"], make_client(idp, pool["Id"], PreventUserExistenceErrors="ENABLED"), "nobody")
    with expect_error("NotAuthorizedException", "Incorrect username or password."):
        password_sign_in(idp, hidden)
    with expect_error("NotAuthorizedException", "Incorrect username or password."):
        srp_sign_in(idp, hidden)


def test_flows_must_be_enabled_on_the_client(idp: Any, pool: dict[str, Any]) -> None:
    client_id = make_client(idp, pool["Id"], ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    setup = SignInSetup(pool["Id"], client_id, make_user(idp, pool["Id"]))
    with expect_error("InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client"):
        password_sign_in(idp, setup)
    with expect_error("InvalidParameterException", "Auth flow not enabled for this client"):
        idp.admin_initiate_auth(UserPoolId=setup.pool_id, ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                AuthParameters={"USERNAME": setup.username, "PASSWORD": PASSWORD})
    with expect_error("InvalidParameterException", "Initiate Auth method not supported."):
        idp.initiate_auth(ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                          AuthParameters={"USERNAME": setup.username, "PASSWORD": PASSWORD})
    assert srp_sign_in(idp, setup)["AccessToken"]


def test_admin_user_password_auth(idp: Any, setup: SignInSetup) -> None:
    result = idp.admin_initiate_auth(UserPoolId=setup.pool_id, ClientId=setup.client_id,
                                     AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                     AuthParameters={"USERNAME": setup.username, "PASSWORD": PASSWORD})
    assert result["AuthenticationResult"]["IdToken"]


def test_missing_auth_parameters(idp: Any, setup: SignInSetup) -> None:
    with expect_error("InvalidParameterException", "Missing required parameter PASSWORD"):
        idp.initiate_auth(ClientId=setup.client_id, AuthFlow="USER_PASSWORD_AUTH",
                          AuthParameters={"USERNAME": setup.username})
    with expect_error("InvalidParameterException", "Missing required parameter SRP_A"):
        idp.initiate_auth(ClientId=setup.client_id, AuthFlow="USER_SRP_AUTH",
                          AuthParameters={"USERNAME": setup.username})


def test_secret_hash_required_and_checked(idp: Any, pool: dict[str, Any]) -> None:
    created = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="server", GenerateSecret=True,
                                          ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH",
                                                             "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]
    client_id, secret = created["ClientId"], created["ClientSecret"]
    setup = SignInSetup(pool["Id"], client_id, make_user(idp, pool["Id"]))
    with expect_error("NotAuthorizedException",
                      f"Client {client_id} is configured with secret but SECRET_HASH was not received"):
        password_sign_in(idp, setup)
    with expect_error("NotAuthorizedException", f"Unable to verify secret hash for client {client_id}"):
        idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                          AuthParameters={"USERNAME": setup.username, "PASSWORD": PASSWORD, "SECRET_HASH": "AAAA"})
    from emulator.srp.secret_hash import compute_secret_hash

    good = compute_secret_hash(setup.username, client_id, secret)
    assert idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={
        "USERNAME": setup.username, "PASSWORD": PASSWORD, "SECRET_HASH": good})["AuthenticationResult"]
    assert srp_sign_in(idp, setup, client_secret=secret)["IdToken"]


def test_disabled_user_cannot_sign_in(idp: Any, setup: SignInSetup) -> None:
    idp.admin_disable_user(UserPoolId=setup.pool_id, Username=setup.username)
    with expect_error("NotAuthorizedException", "User is disabled."):
        password_sign_in(idp, setup)
    idp.admin_enable_user(UserPoolId=setup.pool_id, Username=setup.username)
    assert password_sign_in(idp, setup)["AccessToken"]


def test_unconfirmed_user_is_told_before_the_password(idp: Any, pool: dict[str, Any]) -> None:
    client_id = make_client(idp, pool["Id"])
    idp.sign_up(ClientId=client_id, Username="pending", Password=PASSWORD)
    setup = SignInSetup(pool["Id"], client_id, "pending")
    with expect_error("UserNotConfirmedException", "User is not confirmed."):
        password_sign_in(idp, setup, password="Wrong-pass1!")


def test_new_password_required_for_temporary_passwords(idp: Any, pool: dict[str, Any]) -> None:
    client_id = make_client(idp, pool["Id"])
    idp.admin_create_user(UserPoolId=pool["Id"], Username="newbie", TemporaryPassword="Temp-pass1!",
                          MessageAction="SUPPRESS")
    started = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                AuthParameters={"USERNAME": "newbie", "PASSWORD": "Temp-pass1!"})
    assert started["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    assert started["ChallengeParameters"]["requiredAttributes"] == "[]"
    assert started["ChallengeParameters"]["USER_ID_FOR_SRP"] == "newbie"
    with expect_error("InvalidPasswordException", "Password does not conform to policy: Password not long enough"):
        idp.respond_to_auth_challenge(ClientId=client_id, ChallengeName="NEW_PASSWORD_REQUIRED",
                                      Session=started["Session"],
                                      ChallengeResponses={"USERNAME": "newbie", "NEW_PASSWORD": "Sh0rt!"})
    with expect_error("NotAuthorizedException", "Invalid session for the user, session can only be used once."):
        idp.respond_to_auth_challenge(ClientId=client_id, ChallengeName="NEW_PASSWORD_REQUIRED",
                                      Session=started["Session"],
                                      ChallengeResponses={"USERNAME": "newbie", "NEW_PASSWORD": "Brand-new1!"})
    again = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                              AuthParameters={"USERNAME": "newbie", "PASSWORD": "Temp-pass1!"})
    done = idp.respond_to_auth_challenge(ClientId=client_id, ChallengeName="NEW_PASSWORD_REQUIRED",
                                         Session=again["Session"],
                                         ChallengeResponses={"USERNAME": "newbie", "NEW_PASSWORD": "Brand-new1!"})
    assert done["AuthenticationResult"]["AccessToken"]
    user = idp.admin_get_user(UserPoolId=pool["Id"], Username="newbie")
    assert user["UserStatus"] == "CONFIRMED"
    with expect_error("NotAuthorizedException", "Incorrect username or password."):
        password_sign_in(idp, SignInSetup(pool["Id"], client_id, "newbie"), password="Temp-pass1!")
