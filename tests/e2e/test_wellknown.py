"""JWKS and OIDC discovery on a live emulator, fetched as OIDC libraries fetch them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import jwt
import pytest

from tests.e2e.server import RunningEmulator, run_emulator

DEMO = "us-east-1_localdemo"


def _get(url: str, **headers: str) -> httpx.Response:
    return httpx.get(url, headers=headers, timeout=10)


def _assert_jwks(body: dict[str, Any]) -> None:
    assert len(body["keys"]) == 2
    assert len({k["kid"] for k in body["keys"]}) == 2
    for key in body["keys"]:
        assert set(key) == {"alg", "e", "kid", "kty", "n", "use"}
        assert (key["alg"], key["kty"], key["use"], key["e"]) == ("RS256", "RSA", "sig", "AQAB")


@pytest.mark.parametrize("which", ["seeded", "created"])
def test_jwks_and_discovery(emulator: RunningEmulator, pool: dict[str, Any], which: str) -> None:
    pool_id = DEMO if which == "seeded" else pool["Id"]
    response = _get(f"{emulator.url}/{pool_id}/.well-known/jwks.json")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    _assert_jwks(response.json())
    assert _get(f"{emulator.url}/{pool_id}/.well-known/jwks.json").json() == response.json()  # stable keys

    discovery = _get(f"{emulator.url}/{pool_id}/.well-known/openid-configuration")
    assert discovery.status_code == 200
    assert discovery.headers["content-type"] == "application/json"
    config = discovery.json()
    assert config["issuer"] == f"{emulator.url}/{pool_id}"
    assert config["jwks_uri"] == f"{emulator.url}/{pool_id}/.well-known/jwks.json"
    assert config["id_token_signing_alg_values_supported"] == ["RS256"]
    assert config["subject_types_supported"] == ["public"]
    assert config["response_types_supported"] == ["code", "token"]
    for endpoint in ("authorization_endpoint", "token_endpoint", "userinfo_endpoint"):
        assert config[endpoint].startswith("http")
    if which == "seeded":  # the demo pool has a domain: its OAuth endpoints are the emulator's own
        assert config["authorization_endpoint"] == f"{emulator.url}/oauth2/authorize"
        assert config["token_endpoint"] == f"{emulator.url}/oauth2/token"
        assert config["userinfo_endpoint"] == f"{emulator.url}/oauth2/userInfo"
        hosted = _get(f"{config['authorization_endpoint']}?client_id=localdemoclient&response_type=code"
                      "&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2F")
        assert hosted.status_code == 302 and hosted.headers["location"].startswith("/login?")


def test_pools_have_different_keys(emulator: RunningEmulator, pool: dict[str, Any]) -> None:
    kids = [{k["kid"] for k in _get(f"{emulator.url}/{p}/.well-known/jwks.json").json()["keys"]}
            for p in (DEMO, pool["Id"])]
    assert kids[0].isdisjoint(kids[1])


def test_pyjwkclient_fetches_keys_from_discovery(emulator: RunningEmulator) -> None:
    config = _get(f"{emulator.url}/{DEMO}/.well-known/openid-configuration").json()
    client = jwt.PyJWKClient(config["jwks_uri"], cache_keys=False)
    keys = client.get_signing_keys()
    assert len(keys) == 2
    assert all(key.key_type == "RSA" and key.public_key_use == "sig" for key in keys)


@pytest.mark.parametrize("suffix", ["jwks.json", "openid-configuration"])
def test_unknown_pool_is_404(emulator: RunningEmulator, suffix: str) -> None:
    response = _get(f"{emulator.url}/us-east-1_nothere/.well-known/{suffix}")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"message": "User pool us-east-1_nothere does not exist."}


def test_deleted_pool_is_404(emulator: RunningEmulator, idp: Any) -> None:
    pool_id = idp.create_user_pool(PoolName="wellknown-deleted")["UserPool"]["Id"]
    assert _get(f"{emulator.url}/{pool_id}/.well-known/jwks.json").status_code == 200
    idp.delete_user_pool(UserPoolId=pool_id)
    assert _get(f"{emulator.url}/{pool_id}/.well-known/jwks.json").status_code == 404


def test_cors_on_get(emulator: RunningEmulator) -> None:
    origin = "http://localhost:3000"
    response = _get(f"{emulator.url}/{DEMO}/.well-known/jwks.json", Origin=origin)
    assert response.headers["access-control-allow-origin"] == origin


def test_domain_endpoints_point_at_the_emulator(emulator: RunningEmulator, idp: Any,
                                                pool: dict[str, Any]) -> None:
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=f"wk-{pool['Id'].split('_')[1].lower()}")
    config = _get(f"{emulator.url}/{pool['Id']}/.well-known/openid-configuration").json()
    assert config["authorization_endpoint"] == f"{emulator.url}/oauth2/authorize"
    assert config["token_endpoint"] == f"{emulator.url}/oauth2/token"
    assert config["userinfo_endpoint"] == f"{emulator.url}/oauth2/userInfo"


@pytest.fixture(scope="module")
def aws_mode() -> Iterator[RunningEmulator]:
    with run_emulator("--issuer-mode", "aws") as running:
        yield running


def test_aws_issuer_mode(aws_mode: RunningEmulator) -> None:
    config = _get(f"{aws_mode.url}/{DEMO}/.well-known/openid-configuration").json()
    assert config["issuer"] == f"https://cognito-idp.us-east-1.amazonaws.com/{DEMO}"
    assert config["jwks_uri"] == f"{aws_mode.url}/{DEMO}/.well-known/jwks.json"  # still usable locally
    _assert_jwks(_get(config["jwks_uri"]).json())
