"""Building blocks for the threat-protection tests: a PLUS pool with AdvancedSecurityMode, its
risk configuration, and the control endpoints that make risk happen."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from tests.e2e.auth_helpers import SignInSetup, make_client, make_user

SOURCE_ARN = "arn:aws:ses:us-east-1:123456789012:identity/security@example.com"


def protected_pool(idp: Any, mode: str = "ENFORCED", **extra: Any) -> str:
    return str(idp.create_user_pool(PoolName=f"risk-{mode.lower()}", UserPoolTier="PLUS",
                                    UserPoolAddOns={"AdvancedSecurityMode": mode}, **extra)["UserPool"]["Id"])


def takeover(low: str = "NO_ACTION", medium: str = "NO_ACTION", high: str = "NO_ACTION", *, notify: bool = False,
             templates: dict[str, Any] | None = None) -> dict[str, Any]:
    """An AccountTakeoverRiskConfiguration with one EventAction per level."""
    config: dict[str, Any] = {"Actions": {
        f"{level}Action": {"EventAction": action, "Notify": notify}
        for level, action in (("Low", low), ("Medium", medium), ("High", high))}}
    if notify:
        config["NotifyConfiguration"] = {"From": "security@example.com", "SourceArn": SOURCE_ARN, **(templates or {})}
    return config


def user_setup(idp: Any, pool_id: str, attributes: dict[str, str] | None = None, password: str | None = None
               ) -> SignInSetup:
    client_id = make_client(idp, pool_id)
    username = make_user(idp, pool_id, attributes=attributes, **({"password": password} if password else {}))
    return SignInSetup(pool_id, client_id, username, **({"password": password} if password else {}))


def post(url: str, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(f"{url}{path}", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def schedule_risk(url: str, setup: SignInSetup, level: str, count: int = 1) -> None:
    status, body = post(url, "/_emulator/risk", {"userPoolId": setup.pool_id, "username": setup.username,
                                                 "riskLevel": level, "count": count})
    assert status == 200, body


def register_compromised(url: str, pool_id: str, password: str) -> None:
    status, body = post(url, "/_emulator/risk/compromised-passwords", {"userPoolId": pool_id, "password": password})
    assert status == 200, body


def sign_in_events(idp: Any, setup: SignInSetup) -> list[dict[str, Any]]:
    events = idp.admin_list_user_auth_events(UserPoolId=setup.pool_id, Username=setup.username)["AuthEvents"]
    return [event for event in events if event["EventType"] == "SignIn"]
