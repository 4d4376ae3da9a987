"""Code that builds its own boto3 clients reaches the emulator through the environment."""

from __future__ import annotations

import os
from typing import Any

import app
import boto3


def test_application_code_reaches_the_emulator_unchanged(cognito: Any) -> None:
    assert app.user_email("us-east-1_localdemo", "demo") == "demo@example.com"


def test_the_environment_points_at_the_emulator(cognito: Any) -> None:
    assert os.environ["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"] == cognito.endpoint
    assert os.environ["AWS_ENDPOINT_URL_COGNITO_IDENTITY"] == cognito.endpoint
    # The runner started this session without credentials or region: dummies were filled in.
    assert (os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_DEFAULT_REGION"]) == ("local", "us-east-1")
    pools = boto3.client("cognito-identity").list_identity_pools(MaxResults=10)["IdentityPools"]
    assert pools == []


def test_the_session_fixture_does_not_reset(cognito_emulator: Any) -> None:
    cognito_emulator.idp.admin_create_user(UserPoolId="us-east-1_localdemo", Username="kept", MessageAction="SUPPRESS",
                                           UserAttributes=[{"Name": "email", "Value": "kept@example.com"}])
    users = cognito_emulator.idp.list_users(UserPoolId="us-east-1_localdemo")["Users"]
    assert "kept" in {user["Username"] for user in users}
