"""Building blocks for sign-in tests: a pool with clients and a confirmed user."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from pycognito.aws_srp import AWSSRP

PASSWORD = "Corr3ct-horse!"
ALL_FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
             "ALLOW_ADMIN_USER_PASSWORD_AUTH"]


@dataclass
class SignInSetup:
    pool_id: str
    client_id: str
    username: str
    password: str = PASSWORD


def make_client(idp: Any, pool_id: str, **settings: Any) -> str:
    settings.setdefault("ExplicitAuthFlows", ALL_FLOWS)
    return str(idp.create_user_pool_client(UserPoolId=pool_id, ClientName="app", **settings)
               ["UserPoolClient"]["ClientId"])


def make_user(idp: Any, pool_id: str, username: str | None = None, password: str = PASSWORD,
              attributes: dict[str, str] | None = None) -> str:
    username = username or f"user-{uuid.uuid4().hex[:8]}"
    idp.admin_create_user(
        UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS",
        UserAttributes=[{"Name": k, "Value": v} for k, v in (attributes or {}).items()],
    )
    idp.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=password, Permanent=True)
    return username


def password_sign_in(idp: Any, setup: SignInSetup, password: str | None = None) -> dict[str, Any]:
    return dict(idp.initiate_auth(
        ClientId=setup.client_id, AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": setup.username, "PASSWORD": password or setup.password},
    )["AuthenticationResult"])


def srp_sign_in(idp: Any, setup: SignInSetup, password: str | None = None,
                client_secret: str | None = None) -> dict[str, Any]:
    """USER_SRP_AUTH with pycognito's real client-side SRP, through the given boto3 client."""
    srp = AWSSRP(username=setup.username, password=password or setup.password, pool_id=setup.pool_id,
                 client_id=setup.client_id, client=idp, client_secret=client_secret)
    return dict(srp.authenticate_user())["AuthenticationResult"]
