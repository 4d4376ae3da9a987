"""Session management as an app sees it: with tracking on, every sign-in is a session the user
and the admin can list and revoke; a revoked session's refresh and access tokens are refused;
MaxPerUser evicts the least recently used one; with tracking off the operations refuse."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config

from tests.e2e.auth_helpers import SignInSetup, make_client, make_user, password_sign_in
from tests.e2e.expect import aws_error
from tests.e2e.server import RunningEmulator
from tests.shape_checker import attach


@pytest.fixture
def setup(idp: Any, pool: dict[str, Any]) -> SignInSetup:
    idp.set_user_pool_session_configuration(UserPoolId=pool["Id"], UserSessionTracking="ENABLED",
                                            TokenSession={"MaxPerUser": 3})
    return SignInSetup(pool["Id"], make_client(idp, pool["Id"]), make_user(idp, pool["Id"]))


def _refresh(idp: Any, setup: SignInSetup, token: str) -> dict[str, Any]:
    return dict(idp.initiate_auth(ClientId=setup.client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                                  AuthParameters={"REFRESH_TOKEN": token})["AuthenticationResult"])


def test_sessions_are_listed_and_a_revoked_one_stops_working(idp: Any, setup: SignInSetup,
                                                             emulator: RunningEmulator) -> None:
    browser = attach(boto3.client("cognito-idp", endpoint_url=emulator.url, region_name="us-east-1",
                                  aws_access_key_id="x", aws_secret_access_key="x",
                                  config=Config(user_agent="Mozilla/5.0 (Windows NT 10.0) Chrome/120.0 Safari/537.36")))
    first = password_sign_in(idp, setup)
    second = password_sign_in(browser, setup)
    listed = idp.list_user_sessions(AccessToken=first["AccessToken"])["Sessions"]
    assert len(listed) == 2
    mine = next(s for s in listed if s["IsCurrentSession"])
    other = next(s for s in listed if not s["IsCurrentSession"])
    assert mine["SessionId"].startswith("tkn") and len(mine["SessionId"]) == 28
    assert mine["SessionType"] == "TOKEN" and mine["ClientId"] == setup.client_id
    assert mine["LastIPAddress"] == "127.0.0.1"
    assert other["DeviceType"] == "Chrome, Windows"
    admin_view = idp.admin_list_user_sessions(UserPoolId=setup.pool_id, Username=setup.username)["Sessions"]
    assert sorted(s["SessionId"] for s in admin_view) == sorted(s["SessionId"] for s in listed)
    assert not any(s["IsCurrentSession"] for s in admin_view)

    _refresh(idp, setup, second["RefreshToken"])
    refreshed = next(s for s in idp.list_user_sessions(AccessToken=first["AccessToken"])["Sessions"]
                     if s["SessionId"] == other["SessionId"])
    assert refreshed["LastActiveDate"] >= other["LastActiveDate"]

    with aws_error("InvalidParameterException"):
        idp.revoke_user_session(AccessToken=first["AccessToken"], SessionId=mine["SessionId"])
    idp.revoke_user_session(AccessToken=first["AccessToken"], SessionId=other["SessionId"])
    with aws_error("NotAuthorizedException", "Refresh Token has been revoked"):
        _refresh(idp, setup, second["RefreshToken"])
    with aws_error("NotAuthorizedException", "Access Token has been revoked"):
        idp.get_user(AccessToken=second["AccessToken"])
    assert [s["SessionId"] for s in idp.list_user_sessions(AccessToken=first["AccessToken"])["Sessions"]] == \
        [mine["SessionId"]]
    with aws_error("ResourceNotFoundException"):
        idp.revoke_user_session(AccessToken=first["AccessToken"], SessionId=other["SessionId"])

    someone_else = make_user(idp, setup.pool_id)
    with aws_error("ResourceNotFoundException"):  # the session must be that user's
        idp.admin_revoke_user_session(UserPoolId=setup.pool_id, Username=someone_else, SessionId=mine["SessionId"])
    idp.admin_revoke_user_session(UserPoolId=setup.pool_id, Username=setup.username, SessionId=mine["SessionId"],
                                  RevokeAssociatedSessions="LINKED")
    with aws_error("NotAuthorizedException", "Access Token has been revoked"):
        idp.list_user_sessions(AccessToken=first["AccessToken"])


def test_max_per_user_evicts_the_least_recently_used_session(idp: Any, setup: SignInSetup) -> None:
    oldest, middle, newest = (password_sign_in(idp, setup) for _ in range(3))
    _refresh(idp, setup, oldest["RefreshToken"])  # now the middle one is the least recently used
    fourth = password_sign_in(idp, setup)
    assert len(idp.list_user_sessions(AccessToken=fourth["AccessToken"])["Sessions"]) == 3
    with aws_error("NotAuthorizedException", "Refresh Token has been revoked"):
        _refresh(idp, setup, middle["RefreshToken"])
    _refresh(idp, setup, oldest["RefreshToken"])
    _refresh(idp, setup, newest["RefreshToken"])


def test_global_sign_out_ends_every_listed_session(idp: Any, setup: SignInSetup) -> None:
    password_sign_in(idp, setup)
    password_sign_in(idp, setup)
    idp.admin_user_global_sign_out(UserPoolId=setup.pool_id, Username=setup.username)
    assert idp.admin_list_user_sessions(UserPoolId=setup.pool_id, Username=setup.username)["Sessions"] == []


def test_session_configuration_is_stored_and_validated(idp: Any, pool: dict[str, Any]) -> None:
    pool_id = pool["Id"]
    assert idp.get_user_pool_session_configuration(UserPoolId=pool_id) | {"ResponseMetadata": None} == {
        "UserPoolId": pool_id, "UserSessionTracking": "DISABLED", "TokenSession": {"MaxPerUser": 20},
        "ResponseMetadata": None}
    client_id = make_client(idp, pool_id)
    assert idp.get_user_pool_client_session_configuration(UserPoolId=pool_id, ClientId=client_id)[
        "SSOSession"] == {"MaxValidityMinutes": 60}
    with aws_error("OperationNotEnabledException"):
        idp.set_user_pool_client_session_configuration(UserPoolId=pool_id, ClientId=client_id,
                                                       SSOSession={"MaxValidityMinutes": 30})
    setup = SignInSetup(pool_id, client_id, make_user(idp, pool_id))
    tokens = password_sign_in(idp, setup)
    with aws_error("OperationNotEnabledException"):
        idp.list_user_sessions(AccessToken=tokens["AccessToken"])
    with aws_error("OperationNotEnabledException"):
        idp.admin_list_user_sessions(UserPoolId=pool_id, Username=setup.username)

    idp.set_user_pool_session_configuration(UserPoolId=pool_id, UserSessionTracking="ENABLED",
                                            TokenSession={"MaxPerUser": 5})
    assert idp.list_user_sessions(AccessToken=tokens["AccessToken"])["Sessions"] == []  # signed in untracked
    set_client = idp.set_user_pool_client_session_configuration(UserPoolId=pool_id, ClientId=client_id,
                                                                SSOSession={"MaxValidityMinutes": 0})
    assert set_client["SSOSession"] == {"MaxValidityMinutes": 0}
    assert idp.get_user_pool_client_session_configuration(UserPoolId=pool_id, ClientId=client_id)[
        "SSOSession"] == {"MaxValidityMinutes": 0}
    assert idp.get_user_pool_session_configuration(UserPoolId=pool_id)["TokenSession"] == {"MaxPerUser": 5}
    with aws_error("InvalidParameterException"):
        idp.set_user_pool_session_configuration(UserPoolId=pool_id, UserSessionTracking="ENABLED",
                                                TokenSession={"MaxPerUser": 101})
    with aws_error("ResourceNotFoundException"):
        idp.get_user_pool_client_session_configuration(UserPoolId=pool_id, ClientId="nosuchclient")
    with aws_error("UserNotFoundException"):
        idp.admin_list_user_sessions(UserPoolId=pool_id, Username="nobody")
    lite = idp.create_user_pool(PoolName="lite", UserPoolTier="LITE")["UserPool"]["Id"]
    try:
        with aws_error("FeatureUnavailableInTierException"):
            idp.set_user_pool_session_configuration(UserPoolId=lite, UserSessionTracking="ENABLED",
                                                    TokenSession={"MaxPerUser": 5})
    finally:
        idp.delete_user_pool(UserPoolId=lite)
