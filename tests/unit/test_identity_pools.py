"""Identity-pool logic without HTTP: role resolution, issuer/key matching, the credential ledger,
login verification against real signed tokens on an injected clock."""

from __future__ import annotations

from typing import Any

import pytest

from emulator.identitypools.credentials import CredentialLedger
from emulator.identitypools.logins import VerifiedLogin, issuer_matches, verify_login
from emulator.identitypools.model import CognitoProvider, IdentityPool
from emulator.identitypools.openid import issue_openid_token, verify_openid_token
from emulator.identitypools.roles import authenticated_role, unauthenticated_role
from emulator.runtime import Context, Emulator
from emulator.settings import Settings
from emulator.state.clock import FixedClock
from emulator.tokens import TokenGrant, issue_tokens
from emulator.wire.errors import InvalidIdentityPoolConfigurationException, NotAuthorizedException

USER_POOL = "us-east-1_Unit"
PROVIDER = f"cognito-idp.us-east-1.amazonaws.com/{USER_POOL}"
AUTH, ADMIN, READER = (f"arn:aws:iam::123456789012:role/{n}" for n in ("auth", "admin", "reader"))


@pytest.fixture
def ctx() -> Context:
    return Context(Emulator(Settings(fixtures=None), clock=FixedClock()), "http://localhost:9229", "req")


def pool(**roles: Any) -> IdentityPool:
    return IdentityPool("us-east-1:00000000-0000-4000-8000-000000000001", "p", True, 0.0,
                        cognito_providers=[CognitoProvider(PROVIDER, "client")], roles=dict(roles))


def login(**claims: Any) -> VerifiedLogin:
    return VerifiedLogin(PROVIDER, "sub", {"aud": "client", **claims}, f"{PROVIDER}:client")


def id_token(ctx: Context, client_id: str = "client", issuer: str = f"http://localhost:9229/{USER_POOL}") -> str:
    grant = TokenGrant(pool_id=USER_POOL, client_id=client_id, issuer=issuer, username="u", sub="sub-1",
                       origin_jti="o", auth_time=ctx.now(), now=ctx.now())
    return issue_tokens(ctx.emulator.keys, grant).id_token


def test_default_roles_and_missing_role() -> None:
    assert authenticated_role(pool(authenticated=AUTH), [login()], None) == AUTH
    with pytest.raises(InvalidIdentityPoolConfigurationException):
        unauthenticated_role(pool(authenticated=AUTH))


def test_token_mapping_order_and_ambiguity() -> None:
    p = pool(authenticated=AUTH)
    p.role_mappings[f"{PROVIDER}:client"] = {"Type": "Token", "AmbiguousRoleResolution": "Deny"}
    both = login(**{"cognito:roles": [ADMIN, READER], "cognito:preferred_role": ADMIN})
    assert authenticated_role(p, [both], None) == ADMIN
    assert authenticated_role(p, [both], READER) == READER
    assert authenticated_role(p, [login(**{"cognito:roles": [READER]})], None) == READER
    with pytest.raises(NotAuthorizedException, match="ambiguous role mapping rules"):
        authenticated_role(p, [login(**{"cognito:roles": [ADMIN, READER]})], None)
    p.role_mappings[f"{PROVIDER}:client"]["AmbiguousRoleResolution"] = "AuthenticatedRole"
    assert authenticated_role(p, [login()], None) == AUTH


def test_rules_mapping_match_types() -> None:
    p = pool(authenticated=AUTH)

    def with_rule(claim: str, match: str, value: str) -> str:
        p.role_mappings[f"{PROVIDER}:client"] = {"Type": "Rules", "AmbiguousRoleResolution": "AuthenticatedRole",
                                                 "RulesConfiguration": {"Rules": [
                                                     {"Claim": claim, "MatchType": match, "Value": value,
                                                      "RoleARN": ADMIN}]}}
        return authenticated_role(p, [login(email="a@example.com", **{"cognito:groups": ["admins"]})], None)

    assert with_rule("email", "Equals", "a@example.com") == ADMIN
    assert with_rule("email", "StartsWith", "a@") == ADMIN
    assert with_rule("email", "Contains", "example") == ADMIN
    assert with_rule("email", "NotEqual", "b@example.com") == ADMIN
    assert with_rule("cognito:groups", "Equals", "admins") == ADMIN
    assert with_rule("nickname", "NotEqual", "x") == AUTH  # missing claim: rule skipped
    assert with_rule("email", "Equals", "other") == AUTH


def test_issuer_matching() -> None:
    local = f"http://localhost:9229/{USER_POOL}"
    assert issuer_matches(local, PROVIDER, PROVIDER)
    assert issuer_matches(f"https://{PROVIDER}", PROVIDER, PROVIDER)
    assert issuer_matches(local, f"localhost:9229/{USER_POOL}", PROVIDER)
    assert not issuer_matches(local, f"127.0.0.1:9229/{USER_POOL}", PROVIDER)
    assert not issuer_matches("http://localhost:9229/us-east-1_Other", PROVIDER, PROVIDER)
    assert not issuer_matches(None, PROVIDER, PROVIDER)


def test_ledger_prunes_expired_entries_and_caps_size() -> None:
    ledger = CredentialLedger(max_entries=3)
    first = ledger.issue(identity_id="i", identity_pool_id="p", role_arn=AUTH, logins=(), now=1000.0)
    assert ledger.lookup(first.access_key_id, 1000.0) == first
    assert ledger.lookup(first.access_key_id, 1000.0 + 3600) is None
    ledger.issue(identity_id="i", identity_pool_id="p", role_arn=AUTH, logins=(), now=5000.0)
    assert len(ledger) == 1  # the expired one was dropped
    for _ in range(5):
        ledger.issue(identity_id="i", identity_pool_id="p", role_arn=AUTH, logins=(), now=5000.0)
    assert len(ledger) == 3


def test_verify_login_checks_audience_expiry_and_signature(ctx: Context) -> None:
    p = pool()
    token = id_token(ctx)
    assert verify_login(ctx, p, PROVIDER, token).subject == "sub-1"
    assert verify_login(ctx, p, f"localhost:9229/{USER_POOL}", token).provider == PROVIDER
    with pytest.raises(NotAuthorizedException, match="supported provider"):
        verify_login(ctx, p, PROVIDER, id_token(ctx, client_id="other"))
    head, body, signature = token.split(".")
    with pytest.raises(NotAuthorizedException):
        verify_login(ctx, p, PROVIDER, f"{head}.{body}.{signature[:-4]}AAAA")
    clock = ctx.emulator.clock
    assert isinstance(clock, FixedClock)
    clock.advance(3600)
    with pytest.raises(NotAuthorizedException, match=r"Token expired: \d+ >= \d+"):
        verify_login(ctx, p, PROVIDER, token)  # cached claims are still checked for expiry


def test_openid_token_round_trip(ctx: Context) -> None:
    p = pool()
    token = issue_openid_token(ctx, p, "us-east-1:abc", ["unauthenticated"])
    claims = verify_openid_token(ctx, token, p.id)
    assert claims["sub"] == "us-east-1:abc" and claims["exp"] - claims["iat"] == 600
    with pytest.raises(NotAuthorizedException, match="supported provider"):
        verify_openid_token(ctx, token, "us-east-1:00000000-0000-4000-8000-000000000009")
