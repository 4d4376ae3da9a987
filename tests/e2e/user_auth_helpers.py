"""Pools, clients and users for the choice-based sign-in (USER_AUTH) and passkey tests."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.e2e.mfa_helpers import SES_EMAIL
from tests.e2e.passkey_helpers import SoftwarePasskey
from tests.e2e.user_helpers import PASSWORD, attributes

ALL_FACTORS = ["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"]
WEB_AUTHN_CONFIG = {"RelyingPartyId": "localhost", "UserVerification": "required"}


@dataclass(frozen=True)
class Choice:
    pool_id: str
    client_id: str


@pytest.fixture
def choice_pool(idp: Any) -> Iterator[Callable[..., Choice]]:
    """Factory: a pool whose SignInPolicy allows ``factors``, passkeys for RP id localhost, and a
    client with ALLOW_USER_AUTH; deleted afterwards."""
    created: list[str] = []

    def make(factors: list[str] | None = None, web_authn: dict[str, Any] | None = None, **params: Any) -> Choice:
        params.setdefault("EmailConfiguration", SES_EMAIL)
        params.setdefault("AutoVerifiedAttributes", ["email"])
        pool_id = idp.create_user_pool(PoolName=f"choice-{uuid.uuid4().hex[:8]}",
                                       Policies={"SignInPolicy": {"AllowedFirstAuthFactors": factors or ALL_FACTORS}},
                                       **params)["UserPool"]["Id"]
        created.append(pool_id)
        idp.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="OFF",
                                     WebAuthnConfiguration=web_authn or WEB_AUTHN_CONFIG)
        client = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="web",
                                             ExplicitAuthFlows=["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
        return Choice(pool_id, client["UserPoolClient"]["ClientId"])

    yield make
    for pool_id in created:
        try:
            idp.delete_user_pool(UserPoolId=pool_id)
        except idp.exceptions.ResourceNotFoundException:
            pass


def user(idp: Any, choice: Choice, *, password: str | None = PASSWORD, email: bool = True,
         phone: bool = False) -> str:
    """A confirmed user with a verified email (and phone) and, unless None, a password (without
    one: a passwordless SignUp, confirmed by the administrator)."""
    username = f"user-{uuid.uuid4().hex[:8]}"
    values: dict[str, str] = {}
    if email:
        values["email"] = f"{username}@example.com"
    if phone:
        values["phone_number"] = "+15555550123"
    if password is None:
        idp.sign_up(ClientId=choice.client_id, Username=username, UserAttributes=attributes(values))
        idp.admin_confirm_sign_up(UserPoolId=choice.pool_id, Username=username)
    else:
        idp.admin_create_user(UserPoolId=choice.pool_id, Username=username, MessageAction="SUPPRESS",
                              UserAttributes=attributes(values))
        idp.admin_set_user_password(UserPoolId=choice.pool_id, Username=username, Password=password,
                                    Permanent=True)
    verified = {f"{name}_verified": "true" for name in values}
    idp.admin_update_user_attributes(UserPoolId=choice.pool_id, Username=username,
                                     UserAttributes=attributes(verified))
    return username


def user_auth(idp: Any, choice: Choice, username: str, **parameters: str) -> dict[str, Any]:
    return dict(idp.initiate_auth(ClientId=choice.client_id, AuthFlow="USER_AUTH",
                                  AuthParameters={"USERNAME": username, **parameters}))


def respond(idp: Any, choice: Choice, name: str, session: str, **responses: str) -> dict[str, Any]:
    return dict(idp.respond_to_auth_challenge(ClientId=choice.client_id, ChallengeName=name, Session=session,
                                              ChallengeResponses=responses))


def access_token(idp: Any, choice: Choice, username: str, password: str = PASSWORD) -> str:
    answer = user_auth(idp, choice, username, PREFERRED_CHALLENGE="PASSWORD", PASSWORD=password)
    return str(answer["AuthenticationResult"]["AccessToken"])


def register_passkey(idp: Any, token: str, passkey: SoftwarePasskey | None = None) -> SoftwarePasskey:
    passkey = passkey or SoftwarePasskey()
    options = idp.start_web_authn_registration(AccessToken=token)["CredentialCreationOptions"]
    idp.complete_web_authn_registration(AccessToken=token, Credential=passkey.create(options))
    return passkey


def request_options(answer: dict[str, Any]) -> dict[str, Any]:
    options = json.loads(answer["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"])
    assert isinstance(options, dict)
    return options
