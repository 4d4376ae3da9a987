"""Refresh, rotation, sign-out and revocation as clients see them: revoked tokens stay
revoked, tampered and expired tokens are refused, a fresh sign-in works at once."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.auth_helpers import SignInSetup, make_client, make_user, password_sign_in
from tests.e2e.conftest import make_client as make_boto3_client
from tests.e2e.control import advance_clock
from tests.e2e.expect import aws_error
from tests.e2e.server import RunningEmulator, run_emulator


@pytest.fixture
def setup(idp: Any, pool: dict[str, Any]) -> SignInSetup:
    return SignInSetup(pool["Id"], make_client(idp, pool["Id"]), make_user(idp, pool["Id"]))


def test_refresh_token_auth_keeps_the_sign_in(idp: Any, setup: SignInSetup) -> None:
    first = password_sign_in(idp, setup)
    refreshed = idp.initiate_auth(ClientId=setup.client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                                  AuthParameters={"REFRESH_TOKEN": first["RefreshToken"]})["AuthenticationResult"]
    assert "RefreshToken" not in refreshed
    assert _claims(refreshed["AccessToken"])["origin_jti"] == _claims(first["AccessToken"])["origin_jti"]
    assert _claims(refreshed["AccessToken"])["jti"] != _claims(first["AccessToken"])["jti"]
    again = idp.get_tokens_from_refresh_token(ClientId=setup.client_id, RefreshToken=first["RefreshToken"])
    assert again["AuthenticationResult"]["IdToken"]


def test_refresh_token_is_bound_to_its_client(idp: Any, setup: SignInSetup) -> None:
    other_client = make_client(idp, setup.pool_id)
    token = password_sign_in(idp, setup)["RefreshToken"]
    with aws_error("NotAuthorizedException", "Invalid Refresh Token"):
        idp.initiate_auth(ClientId=other_client, AuthFlow="REFRESH_TOKEN_AUTH",
                          AuthParameters={"REFRESH_TOKEN": token})
    with aws_error("NotAuthorizedException", "Invalid Refresh Token"):
        idp.initiate_auth(ClientId=setup.client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                          AuthParameters={"REFRESH_TOKEN": token[:-8] + "AAAAAAAA"})


def test_rotation_issues_a_new_refresh_token_and_retires_the_old(idp: Any, pool: dict[str, Any]) -> None:
    client_id = make_client(idp, pool["Id"], RefreshTokenRotation={"Feature": "ENABLED",
                                                                   "RetryGracePeriodSeconds": 0})
    setup = SignInSetup(pool["Id"], client_id, make_user(idp, pool["Id"]))
    old = password_sign_in(idp, setup)["RefreshToken"]
    rotated = idp.get_tokens_from_refresh_token(ClientId=client_id, RefreshToken=old)["AuthenticationResult"]
    assert rotated["RefreshToken"] and rotated["RefreshToken"] != old
    with aws_error("RefreshTokenReuseException"):
        idp.get_tokens_from_refresh_token(ClientId=client_id, RefreshToken=old)
    assert idp.get_tokens_from_refresh_token(ClientId=client_id, RefreshToken=rotated["RefreshToken"])


def test_global_sign_out_revokes_access_and_refresh_tokens(idp: Any, setup: SignInSetup) -> None:
    tokens = password_sign_in(idp, setup)
    assert idp.get_user(AccessToken=tokens["AccessToken"])["Username"] == setup.username
    idp.global_sign_out(AccessToken=tokens["AccessToken"])
    with aws_error("NotAuthorizedException", "Access Token has been revoked"):
        idp.get_user(AccessToken=tokens["AccessToken"])
    with aws_error("NotAuthorizedException", "Refresh Token has been revoked"):
        idp.initiate_auth(ClientId=setup.client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                          AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})
    fresh = password_sign_in(idp, setup)  # immediately, in the same second
    assert idp.get_user(AccessToken=fresh["AccessToken"])["Username"] == setup.username


def test_admin_user_global_sign_out(idp: Any, setup: SignInSetup) -> None:
    tokens = password_sign_in(idp, setup)
    idp.admin_user_global_sign_out(UserPoolId=setup.pool_id, Username=setup.username)
    with aws_error("NotAuthorizedException", "Access Token has been revoked"):
        idp.get_user(AccessToken=tokens["AccessToken"])


def test_revoke_token_ends_one_sign_in_only(idp: Any, setup: SignInSetup) -> None:
    revoked, kept = password_sign_in(idp, setup), password_sign_in(idp, setup)
    idp.revoke_token(Token=revoked["RefreshToken"], ClientId=setup.client_id)
    with aws_error("NotAuthorizedException", "Access Token has been revoked"):
        idp.get_user(AccessToken=revoked["AccessToken"])
    with aws_error("NotAuthorizedException", "Refresh Token has been revoked"):
        idp.get_tokens_from_refresh_token(ClientId=setup.client_id, RefreshToken=revoked["RefreshToken"])
    assert idp.get_user(AccessToken=kept["AccessToken"])["Username"] == setup.username
    idp.revoke_token(Token=revoked["RefreshToken"], ClientId=setup.client_id)  # again: still 200
    with aws_error("UnsupportedTokenTypeException"):
        idp.revoke_token(Token=kept["AccessToken"], ClientId=setup.client_id)
    # An unknown client is one of the errors RevokeToken's model lists (not ResourceNotFound).
    with aws_error("UnauthorizedException"):
        idp.revoke_token(Token=kept["RefreshToken"], ClientId="nosuchclient0000000000000")


def test_tampered_and_foreign_tokens_are_refused(idp: Any, setup: SignInSetup) -> None:
    token = password_sign_in(idp, setup)["AccessToken"]
    header, payload, signature = token.split(".")
    claims = _claims(token)
    claims["username"] = "someone-else"
    forged = ".".join([header, _b64(claims), signature])
    with aws_error("NotAuthorizedException", "Invalid Access Token"):
        idp.get_user(AccessToken=forged)
    with aws_error("NotAuthorizedException", "Invalid Access Token"):
        idp.get_user(AccessToken=password_sign_in(idp, setup)["IdToken"])
    with aws_error("NotAuthorizedException", "Invalid Access Token"):
        idp.get_user(AccessToken="not.a.token")


@pytest.fixture
def private_emulator() -> Iterator[RunningEmulator]:
    """An emulator of its own: these tests move its clock."""
    with run_emulator("--no-fixtures") as running:
        yield running


def test_expired_access_and_refresh_tokens(private_emulator: RunningEmulator) -> None:
    idp = make_boto3_client("cognito-idp", private_emulator.url)
    pool_id = idp.create_user_pool(PoolName="clock")["UserPool"]["Id"]
    setup = SignInSetup(pool_id, make_client(idp, pool_id, RefreshTokenValidity=1,
                                             TokenValidityUnits={"RefreshToken": "hours"}), make_user(idp, pool_id))
    tokens = password_sign_in(idp, setup)
    advance_clock(private_emulator.url, 3601)
    with aws_error("NotAuthorizedException", "Access Token has expired"):
        idp.get_user(AccessToken=tokens["AccessToken"])
    with aws_error("NotAuthorizedException", "Refresh Token has expired"):
        idp.initiate_auth(ClientId=setup.client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                          AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})


def test_challenge_session_expires(private_emulator: RunningEmulator) -> None:
    idp = make_boto3_client("cognito-idp", private_emulator.url)
    pool_id = idp.create_user_pool(PoolName="clock")["UserPool"]["Id"]
    client_id = make_client(idp, pool_id)
    idp.admin_create_user(UserPoolId=pool_id, Username="temp", TemporaryPassword="Temp-pass1!",
                          MessageAction="SUPPRESS")
    started = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                AuthParameters={"USERNAME": "temp", "PASSWORD": "Temp-pass1!"})
    advance_clock(private_emulator.url, 181)
    with aws_error("NotAuthorizedException", "Invalid session for the user, session is expired."):
        idp.respond_to_auth_challenge(ClientId=client_id, ChallengeName="NEW_PASSWORD_REQUIRED",
                                      Session=started["Session"],
                                      ChallengeResponses={"USERNAME": "temp", "NEW_PASSWORD": "Brand-new1!"})


def _claims(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))


def _b64(claims: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
