"""Tokens as Cognito shapes them (reference §6), and the refusals self-service APIs rely on."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import time
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from emulator.tokens import (
    ADMIN_SCOPE,
    ExpiredTokenError,
    GroupClaim,
    InvalidTokenError,
    KeyRing,
    TokenGrant,
    issue_access_token,
    issue_tokens,
    issuer_for,
    looks_like_refresh_token,
    new_refresh_token,
    preferred_role,
    verify_access_token,
    verify_id_token,
)
from emulator.tokens.claims import attribute_claims
from emulator.tokens.issue import sign_claims
from emulator.tokens.jose import b64url, b64url_json

POOL = "us-east-1_unitpool"
OTHER_POOL = "us-east-1_otherpool"
CLIENT = "3n4b5urk1ft4fl3mg5e62d9ado"
ISSUER = f"http://localhost:9229/{POOL}"
NOW = 1_700_000_000.0
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


@pytest.fixture(scope="module")
def keys() -> KeyRing:
    """One ring for the module: key generation costs tens of ms per key."""
    return KeyRing()


def grant(**overrides: Any) -> TokenGrant:
    values: dict[str, Any] = {
        "pool_id": POOL, "client_id": CLIENT, "issuer": ISSUER, "username": "alice",
        "sub": "5f1c3e2a-0000-4000-8000-000000000001", "origin_jti": "9d2e0c4b-0000-4000-8000-000000000002",
        "auth_time": NOW - 100, "now": NOW,
        "attributes": {"email": "alice@example.com", "email_verified": "true", "phone_number": "+15555550100",
                       "phone_number_verified": "false", "given_name": "Alice", "custom:tier": "7"},
    }
    values.update(overrides)
    return TokenGrant(**values)


def segments(token: str) -> tuple[dict[str, Any], dict[str, Any], str]:
    header, payload, signature = token.split(".")

    def decode(segment: str) -> dict[str, Any]:
        return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))  # type: ignore[no-any-return]

    return decode(header), decode(payload), signature


def forge(header: dict[str, Any], claims: dict[str, Any], signature: bytes = b"") -> str:
    return f"{b64url_json(header).decode()}.{b64url_json(claims).decode()}.{b64url(signature).decode()}"


# --- keys and JWKS -------------------------------------------------------------------


def test_keys_are_made_lazily_per_pool() -> None:
    ring = KeyRing()
    assert not ring.has_keys(POOL)
    ring.jwks(POOL)
    assert ring.has_keys(POOL) and not ring.has_keys(OTHER_POOL)


def test_jwks_has_two_rs256_keys_with_distinct_kids(keys: KeyRing) -> None:
    document = keys.jwks(POOL)
    assert document is keys.jwks(POOL)  # cached
    assert [sorted(k) for k in document["keys"]] == [["alg", "e", "kid", "kty", "n", "use"]] * 2
    for jwk in document["keys"]:
        assert (jwk["alg"], jwk["kty"], jwk["use"], jwk["e"]) == ("RS256", "RSA", "sig", "AQAB")
        assert len(base64.urlsafe_b64decode(jwk["n"] + "==")) == 256  # RSA-2048
        assert re.fullmatch(r"[A-Za-z0-9+/]{43}=", jwk["kid"])  # AWS-looking base64
    id_kid, access_kid = (keys.signing_key(POOL, use).kid for use in ("id", "access"))
    assert id_kid != access_kid
    assert {k["kid"] for k in document["keys"]} == {id_kid, access_kid}
    assert {k["kid"] for k in keys.jwks(OTHER_POOL)["keys"]}.isdisjoint({id_kid, access_kid})


def test_forget_drops_a_pools_keys() -> None:
    ring = KeyRing()
    token = issue_tokens(ring, grant()).access_token
    assert verify_access_token(ring, token, now=NOW)  # checked once: remembered as verified
    ring.forget(POOL)
    assert not ring.has_keys(POOL)
    with pytest.raises(InvalidTokenError):
        verify_access_token(ring, token, now=NOW)
    with pytest.raises(InvalidTokenError):  # nor with a new ring that never made its key
        verify_access_token(KeyRing(), token, now=NOW)


def test_a_remembered_token_is_checked_again_for_use_pool_and_expiry(keys: KeyRing) -> None:
    issued = issue_tokens(keys, grant())
    claims = verify_access_token(keys, issued.access_token, now=NOW)
    claims["username"] = "mallory"  # the caller's copy: the next call is not affected
    assert verify_access_token(keys, issued.access_token, now=NOW)["username"] == "alice"
    with pytest.raises(InvalidTokenError, match="Invalid Id Token"):
        verify_id_token(keys, issued.access_token, now=NOW)
    with pytest.raises(InvalidTokenError):
        verify_access_token(keys, issued.access_token, now=NOW, pool_id=OTHER_POOL)
    with pytest.raises(ExpiredTokenError):
        verify_access_token(keys, issued.access_token, now=NOW + 3600)


# --- claims ---------------------------------------------------------------------------


def test_header_is_kid_then_alg_with_the_right_key(keys: KeyRing) -> None:
    issued = issue_tokens(keys, grant())
    for token, use in ((issued.id_token, "id"), (issued.access_token, "access")):
        raw = base64.urlsafe_b64decode(token.split(".")[0] + "==").decode()
        assert raw == f'{{"kid":"{keys.signing_key(POOL, use).kid}","alg":"RS256"}}'


def test_id_token_claims_exactly(keys: KeyRing) -> None:
    issued = issue_tokens(keys, grant())
    _, claims, _ = segments(issued.id_token)
    assert claims == issued.id_claims
    assert set(claims) == {
        "sub", "iss", "aud", "token_use", "auth_time", "iat", "exp", "jti", "origin_jti", "event_id",
        "cognito:username", "email", "email_verified", "phone_number", "phone_number_verified", "given_name",
        "custom:tier",
    }
    assert claims["sub"] == "5f1c3e2a-0000-4000-8000-000000000001"
    assert (claims["iss"], claims["aud"], claims["token_use"]) == (ISSUER, CLIENT, "id")
    assert claims["cognito:username"] == "alice"
    assert claims["email_verified"] is True and claims["phone_number_verified"] is False
    assert claims["custom:tier"] == "7" and claims["given_name"] == "Alice"
    assert (claims["auth_time"], claims["iat"], claims["exp"]) == (int(NOW) - 100, int(NOW), int(NOW) + 3600)
    assert all(type(claims[c]) is int for c in ("auth_time", "iat", "exp"))
    assert UUID.fullmatch(claims["jti"]) and UUID.fullmatch(claims["event_id"])
    assert claims["origin_jti"] == "9d2e0c4b-0000-4000-8000-000000000002"


def test_access_token_claims_exactly(keys: KeyRing) -> None:
    issued = issue_tokens(keys, grant(access_validity=300))
    _, claims, _ = segments(issued.access_token)
    assert claims == issued.access_claims
    assert set(claims) == {"sub", "iss", "client_id", "origin_jti", "event_id", "token_use", "scope",
                           "auth_time", "exp", "iat", "jti", "username"}
    assert (claims["client_id"], claims["token_use"], claims["scope"]) == (CLIENT, "access", ADMIN_SCOPE)
    assert claims["username"] == "alice" and claims["iss"] == ISSUER
    assert claims["exp"] - claims["iat"] == 300 == issued.expires_in
    assert claims["event_id"] == issued.id_claims["event_id"]
    assert claims["origin_jti"] == issued.id_claims["origin_jti"]
    assert claims["jti"] != issued.id_claims["jti"]


def test_device_key_and_scope_go_in_the_access_token_only(keys: KeyRing) -> None:
    issued = issue_tokens(keys, grant(device_key="us-east-1_0a1b2c3d-0000-4000-8000-000000000003",
                                      scope="openid email aws.cognito.signin.user.admin"))
    assert issued.access_claims["device_key"] == "us-east-1_0a1b2c3d-0000-4000-8000-000000000003"
    assert issued.access_claims["scope"] == "openid email aws.cognito.signin.user.admin"
    assert "device_key" not in issued.id_claims and "scope" not in issued.id_claims


def test_attribute_claims_types_and_names() -> None:
    claims = attribute_claims({
        "sub": "ignored", "email_verified": "True", "phone_number_verified": "false", "custom:n": "3",
        "plan": "pro", "updated_at": "1700000000", "dev:custom:secret": "x",
        "identities": '[{"providerName":"Google","userId":"1"}]',
    })
    assert claims == {"email_verified": True, "phone_number_verified": False, "custom:n": "3",
                      "custom:plan": "pro", "updated_at": "1700000000",
                      "identities": [{"providerName": "Google", "userId": "1"}]}


def test_issue_access_token_alone(keys: KeyRing) -> None:
    claims = verify_access_token(keys, issue_access_token(keys, grant()), now=NOW)
    assert claims["token_use"] == "access"


# --- groups and roles -----------------------------------------------------------------

ROLE_A = "arn:aws:iam::123456789012:role/A"
ROLE_B = "arn:aws:iam::123456789012:role/B"


def test_no_groups_no_group_claims(keys: KeyRing) -> None:
    issued = issue_tokens(keys, grant(groups=[]))
    for claims in (issued.id_claims, issued.access_claims):
        assert not {"cognito:groups", "cognito:roles", "cognito:preferred_role"} & set(claims)


def test_group_claims_in_both_tokens_roles_in_id_only(keys: KeyRing) -> None:
    groups = [("readers", None, None), ("admins", ROLE_A, 1), GroupClaim("ops", ROLE_B, 5),
              ("dup", ROLE_A, 9)]
    issued = issue_tokens(keys, grant(groups=groups))
    assert issued.id_claims["cognito:groups"] == ["readers", "admins", "ops", "dup"]
    assert issued.access_claims["cognito:groups"] == ["readers", "admins", "ops", "dup"]
    assert issued.id_claims["cognito:roles"] == [ROLE_A, ROLE_B]
    assert issued.id_claims["cognito:preferred_role"] == ROLE_A
    assert not {"cognito:roles", "cognito:preferred_role"} & set(issued.access_claims)


def test_groups_without_roles_give_no_role_claims(keys: KeyRing) -> None:
    claims = issue_tokens(keys, grant(groups=[("a", None, 0)])).id_claims
    assert claims["cognito:groups"] == ["a"]
    assert "cognito:roles" not in claims and "cognito:preferred_role" not in claims


@pytest.mark.parametrize(("groups", "expected"), [
    ([GroupClaim("a", ROLE_A, 2), GroupClaim("b", ROLE_B, 1)], ROLE_B),
    ([GroupClaim("a", ROLE_A, 0), GroupClaim("b", None, None)], ROLE_A),
    ([GroupClaim("a", None, 0), GroupClaim("b", ROLE_B, 7)], ROLE_B),  # roleless groups do not count
    ([GroupClaim("a", ROLE_A, None), GroupClaim("b", ROLE_B, 3)], ROLE_B),  # null precedence ranks last
    ([GroupClaim("a", ROLE_A, None)], ROLE_A),
    ([GroupClaim("a", ROLE_A, 1), GroupClaim("b", ROLE_B, 1)], None),  # tie, different roles
    ([GroupClaim("a", ROLE_A, 1), GroupClaim("b", ROLE_A, 1)], ROLE_A),  # tie, same role
    ([GroupClaim("a", ROLE_A, None), GroupClaim("b", ROLE_B, None)], None),
    ([GroupClaim("a", ROLE_A, 0), GroupClaim("b", ROLE_B, 1), GroupClaim("c", ROLE_B, 0)], None),
    ([], None),
])
def test_preferred_role(groups: list[GroupClaim], expected: str | None) -> None:
    assert preferred_role(groups) == expected


# --- third-party verification -----------------------------------------------------------


def test_pyjwt_verifies_both_tokens_with_the_jwks(keys: KeyRing) -> None:
    issued = issue_tokens(keys, grant(now=time.time(), auth_time=time.time()))
    jwks = jwt.PyJWKSet.from_dict(keys.jwks(POOL))
    for token, use in ((issued.id_token, "id"), (issued.access_token, "access")):
        kid = jwt.get_unverified_header(token)["kid"]
        key = next(k for k in jwks.keys if k.key_id == kid)
        options = {"verify_aud": use == "id"}
        claims = jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT, issuer=ISSUER, options=options)
        assert claims["token_use"] == use


# --- verification refusals ---------------------------------------------------------------


def test_verify_access_token_returns_claims(keys: KeyRing) -> None:
    issued = issue_tokens(keys, grant())
    assert verify_access_token(keys, issued.access_token, now=NOW + 3599) == issued.access_claims
    assert verify_access_token(keys, issued.access_token, now=NOW, pool_id=POOL) == issued.access_claims
    assert verify_id_token(keys, issued.id_token, now=NOW) == issued.id_claims


def test_expiry_uses_the_injected_clock(keys: KeyRing) -> None:
    issued = issue_tokens(keys, grant())
    with pytest.raises(ExpiredTokenError) as caught:
        verify_access_token(keys, issued.access_token, now=NOW + 3600)
    assert caught.value.message == "Access Token has expired"
    assert (caught.value.exp, caught.value.now) == (int(NOW) + 3600, NOW + 3600)
    with pytest.raises(ExpiredTokenError, match="Id Token has expired"):
        verify_id_token(keys, issued.id_token, now=NOW + 7200)
    # Long past wall-clock time, yet valid at the emulator's NOW: wall time is never consulted.
    assert verify_access_token(keys, issued.access_token, now=NOW)


def _tampered_payload(token: str) -> str:
    header, _, signature = token.split(".")
    _, claims, _ = segments(token)
    claims["username"] = "mallory"
    return f"{header}.{b64url_json(claims).decode()}.{signature}"


def _tampered_signature(token: str) -> str:
    head, signature = token.rsplit(".", 1)
    raw = bytearray(base64.urlsafe_b64decode(signature + "=="))
    raw[10] ^= 1
    return f"{head}.{b64url(bytes(raw)).decode()}"


def _alg_none(token: str) -> str:
    header, claims, _ = segments(token)
    return forge({"kid": header["kid"], "alg": "none"}, claims)


def _hs256_with_public_key(keys: KeyRing) -> Any:
    def make(token: str) -> str:
        header, claims, _ = segments(token)
        pem = keys.signing_key(POOL, "access").public_key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        hs_header = {"kid": header["kid"], "alg": "HS256"}
        signing_input = f"{b64url_json(hs_header).decode()}.{b64url_json(claims).decode()}".encode()
        return forge(hs_header, claims, hmac.new(pem, signing_input, hashlib.sha256).digest())
    return make


def _unknown_kid(token: str) -> str:
    header, rest = token.split(".", 1)
    return f"{b64url_json({'kid': 'bm90LWEta2V5LWtpZA==', 'alg': 'RS256'}).decode()}.{rest}"


@pytest.mark.parametrize("mangle", ["payload", "signature", "none", "hs256", "kid", "truncated"])
def test_forged_access_tokens_are_invalid(keys: KeyRing, mangle: str) -> None:
    token = issue_tokens(keys, grant()).access_token
    forged = {
        "payload": _tampered_payload, "signature": _tampered_signature, "none": _alg_none,
        "hs256": _hs256_with_public_key(keys), "kid": _unknown_kid,
        "truncated": lambda t: t.rsplit(".", 1)[0],
    }[mangle](token)
    with pytest.raises(InvalidTokenError) as caught:
        verify_access_token(keys, forged, now=NOW)
    assert caught.value.message == "Invalid Access Token"


@pytest.mark.parametrize("garbage", [
    "", "abc", "a.b.c", "a.b.c.d", "eyJ.eyJ.", "x" * 40 + ".." + "y", "é.é.é", new_refresh_token(),
])
def test_garbage_is_invalid(keys: KeyRing, garbage: str) -> None:
    with pytest.raises(InvalidTokenError, match="^Invalid Access Token$"):
        verify_access_token(keys, garbage, now=NOW)


def test_id_token_is_not_an_access_token(keys: KeyRing) -> None:
    issued = issue_tokens(keys, grant())
    with pytest.raises(InvalidTokenError, match="Invalid Access Token"):
        verify_access_token(keys, issued.id_token, now=NOW)
    with pytest.raises(InvalidTokenError, match="Invalid Id Token"):
        verify_id_token(keys, issued.access_token, now=NOW)


def test_wrong_token_use_signed_with_the_right_key(keys: KeyRing) -> None:
    claims = dict(issue_tokens(keys, grant()).access_claims, token_use="id")
    with pytest.raises(InvalidTokenError, match="Invalid Access Token"):
        verify_access_token(keys, sign_claims(keys, POOL, "access", claims), now=NOW)


def test_missing_or_non_numeric_exp_is_invalid(keys: KeyRing) -> None:
    claims = dict(issue_tokens(keys, grant()).access_claims)
    for exp in (None, "9999999999", True):
        bad = {**claims, "exp": exp} if exp is not None else {k: v for k, v in claims.items() if k != "exp"}
        with pytest.raises(InvalidTokenError):
            verify_access_token(keys, sign_claims(keys, POOL, "access", bad), now=NOW)


def test_token_of_another_pool_is_refused_when_the_pool_is_given(keys: KeyRing) -> None:
    token = issue_tokens(keys, grant(pool_id=OTHER_POOL)).access_token
    assert verify_access_token(keys, token, now=NOW)["iss"] == ISSUER
    with pytest.raises(InvalidTokenError):
        verify_access_token(keys, token, now=NOW, pool_id=POOL)


# --- issuer and refresh tokens --------------------------------------------------------------


def test_issuer_for() -> None:
    assert issuer_for("http://localhost:9229", "us-east-1", POOL, "local") == ISSUER
    assert issuer_for("http://localhost:9229/", "us-east-1", POOL, "local") == ISSUER
    assert issuer_for("http://x", "eu-west-1", "eu-west-1_abc", "aws") == (
        "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc")
    with pytest.raises(ValueError):
        issuer_for("http://x", "us-east-1", POOL, "global")


def test_refresh_tokens_look_like_aws_jwe() -> None:
    token = new_refresh_token()
    parts = token.split(".")
    assert len(parts) == 5
    assert parts[0] == "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ"
    assert json.loads(base64.urlsafe_b64decode(parts[0] + "==")) == {
        "cty": "JWT", "enc": "A256GCM", "alg": "RSA-OAEP"}
    assert re.fullmatch(r"[A-Za-z0-9\-_=.]+", token)
    assert 1500 < len(token) < 2048
    assert looks_like_refresh_token(token)
    assert len({new_refresh_token() for _ in range(100)}) == 100


def test_jwts_are_not_refresh_tokens(keys: KeyRing) -> None:
    issued = issue_tokens(keys, grant())
    assert not looks_like_refresh_token(issued.access_token)
    assert not looks_like_refresh_token(issued.id_token)
