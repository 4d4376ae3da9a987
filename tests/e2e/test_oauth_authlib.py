"""authlib, a well-kept OIDC client library, against the emulator as against Cognito: discovery
document -> authorization code with PKCE (S256) -> token exchange with client_secret_basic ->
ID token verified against the JWKS (iss, aud, exp, nonce, at_hash), then userInfo."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
import requests

from tests.e2e.oauth_helpers import CALLBACK, OAuthPool, oauth_pool
from tests.e2e.server import RunningEmulator

pytest.importorskip("authlib")

with warnings.catch_warnings():  # authlib 1.6+ points authlib.jose users at joserfc; its OIDC claims still use it
    warnings.simplefilter("ignore")
    from authlib.common.security import generate_token
    from authlib.integrations.requests_client import OAuth2Session
    from authlib.jose import JsonWebKey, jwt
    from authlib.oidc.core import CodeIDToken


@pytest.fixture
def setup(idp: Any, pool: dict[str, Any]) -> OAuthPool:
    return oauth_pool(idp, pool)


def discovery(base: str, pool_id: str) -> dict[str, Any]:
    document: dict[str, Any] = requests.get(f"{base}/{pool_id}/.well-known/openid-configuration").json()
    return document


def browse_to_callback(authorization_url: str, username: str, base: str) -> str:
    """What the user's browser does: authorize -> /login, post the form, land on the callback."""
    browser = requests.Session()
    login = browser.get(authorization_url, allow_redirects=False).headers["location"]
    answer = browser.post(base + login, data={"username": username, "password": "Passw0rd!"}, allow_redirects=False)
    assert answer.status_code == 302, answer.text
    return str(answer.headers["location"])


def test_code_with_pkce_and_verified_id_token(emulator: RunningEmulator, setup: OAuthPool) -> None:
    base, client = emulator.url, setup.confidential
    meta = discovery(base, setup.pool_id)
    assert meta["authorization_endpoint"] == f"{base}/oauth2/authorize"
    session = OAuth2Session(client["ClientId"], client["ClientSecret"], scope="openid email", redirect_uri=CALLBACK,
                            code_challenge_method="S256")
    verifier, nonce = generate_token(64), generate_token(20)
    url, state = session.create_authorization_url(meta["authorization_endpoint"], code_verifier=verifier, nonce=nonce)
    callback = browse_to_callback(url, setup.username, base)
    token = session.fetch_token(meta["token_endpoint"], authorization_response=callback, code_verifier=verifier,
                                state=state)
    assert {"access_token", "id_token", "refresh_token"} <= set(token)
    keys = JsonWebKey.import_key_set(requests.get(meta["jwks_uri"]).json())
    claims = jwt.decode(token["id_token"], keys, claims_cls=CodeIDToken,
                        claims_options={"iss": {"essential": True, "values": [meta["issuer"]]}},
                        claims_params={"nonce": nonce, "client_id": client["ClientId"],
                                       "access_token": token["access_token"]})
    claims.validate()  # iss, aud, exp, iat, nonce and at_hash
    assert claims["email"] == f"{setup.username}@example.com"
    info = session.get(meta["userinfo_endpoint"]).json()
    assert info["sub"] == claims["sub"] and info["username"] == setup.username


def test_a_tampered_at_hash_is_caught(emulator: RunningEmulator, setup: OAuthPool) -> None:
    """The check above can fail: the same ID token against another access token does not verify."""
    base, client = emulator.url, setup.confidential
    meta = discovery(base, setup.pool_id)
    session = OAuth2Session(client["ClientId"], client["ClientSecret"], scope="openid", redirect_uri=CALLBACK,
                            code_challenge_method="S256")
    verifier = generate_token(64)
    url, state = session.create_authorization_url(meta["authorization_endpoint"], code_verifier=verifier, nonce="n")
    token = session.fetch_token(meta["token_endpoint"], code_verifier=verifier, state=state,
                                authorization_response=browse_to_callback(url, setup.username, base))
    keys = JsonWebKey.import_key_set(requests.get(meta["jwks_uri"]).json())
    claims = jwt.decode(token["id_token"], keys, claims_cls=CodeIDToken,
                        claims_params={"nonce": "n", "client_id": client["ClientId"], "access_token": "other"})
    with pytest.raises(Exception, match="at_hash"):
        claims.validate()
