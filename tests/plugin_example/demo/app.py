"""Application code: it makes its own boto3 client and knows nothing about the emulator."""

from __future__ import annotations

import boto3


def user_email(pool_id: str, username: str) -> str:
    user = boto3.client("cognito-idp").admin_get_user(UserPoolId=pool_id, Username=username)
    return next(attribute["Value"] for attribute in user["UserAttributes"] if attribute["Name"] == "email")
