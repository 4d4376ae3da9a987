"""Scope resolution and PKCE (userpools/oauth): the rules of hosted-ui.md §1.2 and §1.5."""

from __future__ import annotations

import base64
import hashlib

import pytest

from emulator.tokens.issue import at_hash
from emulator.userpools.model import ResourceServer, UserPool, UserPoolClient
from emulator.userpools.oauth.errors import OAuthError
from emulator.userpools.oauth.grants import pkce_matches
from emulator.userpools.oauth.scopes import client_scopes, user_scopes
from emulator.userpools.oauth.store import AuthorizationCode


def _pool_and_client(scopes: list[str]) -> tuple[UserPool, UserPoolClient]:
    pool = UserPool("us-east-1_x", "p", "arn", 0.0, 0.0)
    pool.resource_servers["api"] = ResourceServer("api", "api", [{"ScopeName": "read", "ScopeDescription": "r"}])
    client = UserPoolClient("c", pool.id, "c", 0.0, 0.0, allowed_oauth_scopes=scopes)
    return pool, client


def test_user_scopes() -> None:
    pool, client = _pool_and_client(["openid", "email", "api/read"])
    assert user_scopes(pool, client, None) == "openid email api/read"  # omitted: all of the client's
    assert user_scopes(pool, client, "email openid") == "openid email"  # the client's order
    assert user_scopes(pool, client, "openid profile") == "openid"  # valid but not allowed: dropped
    for bad in ("openid nonsense", "email", "profile", "api/write"):
        with pytest.raises(OAuthError) as raised:
            user_scopes(pool, client, bad)
        assert raised.value.error == "invalid_scope"


def test_a_deleted_resource_server_takes_its_scopes_away() -> None:
    pool, client = _pool_and_client(["openid", "api/read"])
    del pool.resource_servers["api"]
    assert user_scopes(pool, client, None) == "openid"
    with pytest.raises(OAuthError):
        client_scopes(pool, client, None)


def test_client_scopes_are_custom_only() -> None:
    pool, client = _pool_and_client(["openid", "api/read"])
    assert client_scopes(pool, client, None) == "api/read"
    with pytest.raises(OAuthError):
        client_scopes(pool, client, "openid")


def test_pkce_s256() -> None:
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"  # RFC 7636 appendix B
    code = AuthorizationCode("p", "c", "r", "u", "s", "openid", 0.0, 1.0,
                             code_challenge="E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                             code_challenge_method="S256")
    assert pkce_matches(code, verifier)
    assert not pkce_matches(code, verifier + "x") and not pkce_matches(code, None)


def test_at_hash_is_the_left_half_of_sha256() -> None:
    digest = hashlib.sha256(b"token").digest()[:16]
    assert at_hash("token") == base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
