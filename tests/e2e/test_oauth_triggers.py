"""Triggers around the OAuth endpoints: a hosted-UI sign-in runs PreAuthentication and
PostAuthentication at /login and PreTokenGeneration with ``TokenGeneration_HostedAuth`` (and its
scopes) at the code exchange; the refresh grant gives ``TokenGeneration_RefreshTokens``; a V3_0
trigger hears of client-credentials tokens (``TokenGeneration_ClientCredentials``); a refusing
PreAuthentication shows its message on the sign-in page."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import jwt
import pytest
import requests

from tests.e2e.oauth_helpers import authorize_url, code_from, oauth_pool, sign_in
from tests.e2e.test_oauth import exchange
from tests.e2e.test_triggers import Triggered, triggered_emulator
from tests.e2e.trigger_functions import FUNCTIONS, arn


@pytest.fixture(scope="module")
def triggered() -> Iterator[Triggered]:
    handlers = {arn(name): f"tests.e2e.trigger_functions:{name}" for name in FUNCTIONS}
    with triggered_emulator("python", "oauth-triggers-", handlers, FUNCTIONS, 2) as found:
        yield found


def claims(token: str) -> dict[str, Any]:
    return jwt.decode(token, options={"verify_signature": False})


def test_hosted_sign_in_and_client_credentials_fire_their_sources(triggered: Triggered) -> None:
    idp, base = triggered.idp, triggered.emulator.url
    config = {"PreAuthentication": arn("record"), "PostAuthentication": arn("record"),
              "PreTokenGenerationConfig": {"LambdaVersion": "V3_0", "LambdaArn": arn("claims_v3")}}
    pool = idp.create_user_pool(PoolName=f"t-{uuid.uuid4().hex[:6]}", LambdaConfig=config)["UserPool"]
    setup = oauth_pool(idp, pool)
    answer = sign_in(requests.Session(), base, authorize_url(base, setup.web["ClientId"], scope="openid email"),
                     setup.username)
    sources = [e["triggerSource"] for e in triggered.events("record", pool["Id"])]
    assert sources == ["PreAuthentication_Authentication", "PostAuthentication_Authentication"]
    assert triggered.events("claims_v3", pool["Id"]) == []  # tokens are minted at the exchange
    tokens = exchange(base, setup.web["ClientId"], code_from(answer)).json()
    assert claims(tokens["access_token"])["tenant"] == "acme"
    (hosted,) = triggered.events("claims_v3", pool["Id"])
    assert hosted["triggerSource"] == "TokenGeneration_HostedAuth"
    assert hosted["request"]["scopes"] == ["openid", "email"] and hosted["userName"] == setup.username
    refreshed = requests.post(f"{base}/oauth2/token", data={"grant_type": "refresh_token",
                                                            "client_id": setup.web["ClientId"],
                                                            "refresh_token": tokens["refresh_token"]})
    assert claims(refreshed.json()["access_token"])["tenant"] == "acme"
    assert triggered.events("claims_v3", pool["Id"])[-1]["triggerSource"] == "TokenGeneration_RefreshTokens"
    service = setup.service
    m2m = requests.post(f"{base}/oauth2/token", auth=(service["ClientId"], service["ClientSecret"]),
                        data={"grant_type": "client_credentials"}).json()
    assert claims(m2m["access_token"])["tenant"] == "acme"
    last = triggered.events("claims_v3", pool["Id"])[-1]
    assert last["triggerSource"] == "TokenGeneration_ClientCredentials"
    assert last["request"]["scopes"] == ["https://api.example.com/read", "https://api.example.com/write"]


def test_a_refusing_pre_authentication_shows_its_words(triggered: Triggered) -> None:
    idp, base = triggered.idp, triggered.emulator.url
    pool = idp.create_user_pool(PoolName=f"t-{uuid.uuid4().hex[:6]}",
                                LambdaConfig={"PreAuthentication": arn("refuse")})["UserPool"]
    setup = oauth_pool(idp, pool)
    answer = sign_in(requests.Session(), base, authorize_url(base, setup.web["ClientId"]), setup.username)
    assert answer.status_code == 400
    assert "PreAuthentication failed with error Disposable email domains are not allowed." in answer.text
