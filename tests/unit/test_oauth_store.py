"""Authorization codes and hosted sessions (userpools/oauth/store.py): single use, expiry, one
session per pool under one cookie, pruning from the oldest end."""

from __future__ import annotations

from emulator.userpools.oauth.store import (
    CODE_SECONDS,
    FEDERATION_SECONDS,
    AuthorizationCode,
    FederationRequest,
    HostedSession,
    OAuthStore,
)


def _code(expires: float) -> AuthorizationCode:
    return AuthorizationCode("p", "c", "r", "u", "s", "openid", 0.0, expires)


def test_a_code_is_spent_by_its_first_use_and_expires() -> None:
    store = OAuthStore()
    key = store.new_code(_code(CODE_SECONDS), 0.0)
    assert store.take_code(key, 1.0) is not None
    assert store.take_code(key, 1.0) is None
    late = store.new_code(_code(CODE_SECONDS), 0.0)
    assert store.take_code(late, CODE_SECONDS + 1) is None


def test_sessions_per_pool_under_one_cookie() -> None:
    store = OAuthStore()
    cookie = store.new_session(HostedSession("a", "u", "s", 0.0, 100.0), 0.0)
    assert store.new_session(HostedSession("b", "v", "t", 0.0, 100.0), 0.0, cookie) == cookie
    assert store.session(cookie, "a", 1.0) is not None and store.session(cookie, "b", 1.0) is not None
    store.end_session(cookie, "b")
    assert store.session(cookie, "a", 1.0) is not None and store.session(cookie, "b", 1.0) is None
    assert store.session(cookie, "a", 100.0) is None  # expired
    assert store.new_session(HostedSession("a", "u", "s", 0.0, 100.0), 0.0, "forged/key") != "forged/key"


def test_prune_drops_expired_records_only() -> None:
    store = OAuthStore()
    old = store.new_code(_code(10.0), 0.0)
    fresh = store.new_code(_code(50.0), 5.0)
    store.new_code(_code(60.0), 20.0)  # prunes the expired one
    assert len(list(store.records())) == 2
    assert store.take_code(old, 0.0) is None and store.take_code(fresh, 21.0) is not None


def test_a_federation_state_is_single_use_expires_and_is_kept_as_a_record() -> None:
    store = OAuthStore()
    request = FederationRequest("p", "Corp", "client_id=c", "nonce", FEDERATION_SECONDS)
    state = store.new_federation(request, 0.0)
    assert ("idp_request", state, request) in list(store.records())
    assert store.take_federation(state, 1.0) == request
    assert store.take_federation(state, 1.0) is None
    late = store.new_federation(request, 0.0)
    assert store.take_federation(late, FEDERATION_SECONDS + 1) is None
    assert store.take_federation("", 1.0) is None
    restored = OAuthStore()
    kept = store.new_federation(request, 0.0)
    for kind, key, record in store.records():
        restored.load(kind, key, record)
    assert restored.take_federation(kept, 1.0) == request
