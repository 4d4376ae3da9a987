"""Sessions, sealed refresh tokens, revocation by time and origin, client flow checks."""

from __future__ import annotations

import pytest

from emulator.state.ids import time_ordered_uuid, uuid_time
from emulator.userpools.auth.client_auth import check_flow_enabled, check_secret_hash
from emulator.userpools.auth.refresh_tokens import RefreshSealer, RefreshState
from emulator.userpools.auth.revocation import revoke_sign_in, sign_in_revoked, sign_out_everywhere
from emulator.userpools.auth.sessions import ChallengeSession, SessionStore
from emulator.userpools.model import UserPool, UserPoolClient
from emulator.userpools.users.model import CONFIRMED, User
from emulator.wire.errors import InvalidParameterException, NotAuthorizedException


def _session(expires: float) -> ChallengeSession:
    return ChallengeSession("us-east-1_p", "client", "bob", "NEW_PASSWORD_REQUIRED", expires)


def test_session_is_single_use() -> None:
    store = SessionStore()
    token = store.open(_session(100.0), now=0.0)
    assert 20 <= len(token) <= 2048
    assert store.take(token, now=1.0).username == "bob"
    with pytest.raises(NotAuthorizedException, match="can only be used once"):
        store.take(token, now=2.0)


def test_session_expires_and_unknown_is_invalid() -> None:
    store = SessionStore()
    token = store.open(_session(100.0), now=0.0)
    with pytest.raises(NotAuthorizedException, match="session is expired"):
        store.take(token, now=100.0)
    with pytest.raises(NotAuthorizedException, match=r"^Invalid session for the user\.$"):
        store.take("AYABe-unknown-token-xxxxxxxx", now=0.0)


def test_session_store_forgets_expired_entries() -> None:
    store = SessionStore()
    for index in range(50):
        store.open(_session(10.0 + index), now=float(index))
    store.open(_session(1000.0), now=500.0)
    assert len(store) == 1


def test_sealed_refresh_token_round_trip_and_tamper() -> None:
    sealer = RefreshSealer()
    state = RefreshState("us-east-1_p", "client", "bob", "sub", "origin", 1.0, 2.0, 3.0, None, 4)
    token = sealer.seal(state)
    assert token.startswith("eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.")
    assert token.count(".") == 4 and all(c.isalnum() or c in "-_=." for c in token)
    assert sealer.open(token) == state
    parts = token.split(".")
    parts[3] = parts[3][:-4] + ("AAAA" if not parts[3].endswith("AAAA") else "BBBB")
    assert sealer.open(".".join(parts)) is None
    assert RefreshSealer().open(token) is None  # another emulator's key
    assert sealer.open("garbage") is None


def test_time_ordered_uuid_carries_milliseconds() -> None:
    value = time_ordered_uuid(1_795_000_000.1234)
    assert uuid_time(value) == pytest.approx(1_795_000_000.123)
    assert uuid_time("3f2504e0-4f89-41d3-9a0c-0305e82c3301") is None  # v4
    assert uuid_time("not-a-uuid") is None


def _pool_and_user() -> tuple[UserPool, User]:
    pool = UserPool("us-east-1_p", "p", "arn", 0.0, 0.0)
    user = User("bob", "sub", {"sub": "sub"}, CONFIRMED, 0.0, 0.0)
    return pool, user


def test_global_sign_out_revokes_earlier_sign_ins_only() -> None:
    pool, user = _pool_and_user()
    before = time_ordered_uuid(100.0)
    sign_out_everywhere(user, 100.0005)
    after = time_ordered_uuid(100.0015)
    assert sign_in_revoked(pool, user, before)
    assert not sign_in_revoked(pool, user, after)
    assert sign_in_revoked(pool, user, "foreign-origin")


def test_revoke_token_revokes_one_origin_and_is_forgotten_later() -> None:
    pool, user = _pool_and_user()
    first, second = time_ordered_uuid(1.0), time_ordered_uuid(2.0)
    revoke_sign_in(pool, first, forget_after=50.0, now=3.0)
    assert sign_in_revoked(pool, user, first) and not sign_in_revoked(pool, user, second)
    revoke_sign_in(pool, second, forget_after=500.0, now=60.0)
    assert first not in pool.revoked_sign_ins


def _client(flows: list[str], secret: str | None = None) -> UserPoolClient:
    return UserPoolClient("client", "us-east-1_p", "c", 0.0, 0.0, secret=secret, explicit_auth_flows=flows)


def test_flow_checks_with_new_and_legacy_values() -> None:
    check_flow_enabled(_client(["ALLOW_USER_PASSWORD_AUTH"]), "USER_PASSWORD_AUTH")
    check_flow_enabled(_client(["ADMIN_NO_SRP_AUTH"]), "USER_SRP_AUTH")  # legacy always allowed SRP
    with pytest.raises(InvalidParameterException, match="USER_PASSWORD_AUTH flow not enabled for this client"):
        check_flow_enabled(_client(["ALLOW_USER_SRP_AUTH"]), "USER_PASSWORD_AUTH")
    with pytest.raises(InvalidParameterException, match="^Auth flow not enabled for this client$"):
        check_flow_enabled(_client(["ALLOW_USER_SRP_AUTH"]), "REFRESH_TOKEN")


def test_secret_hash_checks() -> None:
    from emulator.srp.secret_hash import compute_secret_hash

    client = _client([], secret="s3cret")
    check_secret_hash(client, compute_secret_hash("bob", "client", "s3cret"), "bob")
    check_secret_hash(client, compute_secret_hash("internal", "client", "s3cret"), "bob", "internal")
    with pytest.raises(NotAuthorizedException, match="configured with secret but SECRET_HASH was not received"):
        check_secret_hash(client, None, "bob")
    with pytest.raises(NotAuthorizedException, match="Unable to verify secret hash for client client"):
        check_secret_hash(client, compute_secret_hash("eve", "client", "s3cret"), "bob")
    check_secret_hash(_client([]), None, "bob")  # no secret: nothing required
