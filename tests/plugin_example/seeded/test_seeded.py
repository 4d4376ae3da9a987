"""The emulator starts with pytest.ini's seed file and issues tokens with AWS's issuer."""

from __future__ import annotations

import base64
import json
from typing import Any

POOL, CLIENT = "us-east-1_shop", "shopweb"


def _claims(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))


def test_only_the_seeded_pool_exists(cognito: Any) -> None:
    pools = cognito.idp.list_user_pools(MaxResults=10)["UserPools"]
    assert [pool["Id"] for pool in pools] == [POOL]


def test_tokens_carry_the_aws_issuer(cognito: Any) -> None:
    tokens = cognito.idp.initiate_auth(ClientId=CLIENT, AuthFlow="USER_PASSWORD_AUTH",
                                       AuthParameters={"USERNAME": "owner@example.com", "PASSWORD": "Sh0p-owner!"})
    claims = _claims(tokens["AuthenticationResult"]["IdToken"])
    assert claims["iss"] == f"https://cognito-idp.us-east-1.amazonaws.com/{POOL}"


def test_codes_are_found_by_email_in_email_username_pools(cognito: Any) -> None:
    cognito.idp.sign_up(ClientId=CLIENT, Username="new@example.com", Password="Passw0rd!")
    code = cognito.last_code(POOL, "new@example.com")
    cognito.idp.confirm_sign_up(ClientId=CLIENT, Username="new@example.com", ConfirmationCode=code)
    user = cognito.idp.admin_get_user(UserPoolId=POOL, Username="new@example.com")
    assert user["UserStatus"] == "CONFIRMED"
