"""The emulator starts, seeds the demo pool, and answers boto3 in AWS's shapes."""

from __future__ import annotations

from typing import Any


def test_seeded_demo_pool_is_described(idp: Any) -> None:
    pool = idp.describe_user_pool(UserPoolId="us-east-1_localdemo")["UserPool"]
    assert pool["Name"] == "local-demo"
    assert pool["Arn"].endswith(":userpool/us-east-1_localdemo")


def test_create_and_describe_pool(idp: Any, pool: dict[str, Any]) -> None:
    described = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert described["Policies"]["PasswordPolicy"]["MinimumLength"] == 8
    assert described["MfaConfiguration"] == "OFF"
