"""The dashboard's parts that need no server: the token inspector's verdicts, times, paging
links, the form token and origin checks, the stash, and search filters as ListUsers reads them."""

from __future__ import annotations

import jwt
import pytest
from starlette.requests import Request

from emulator.tokens.issue import sign_claims
from emulator.tokens.keys import KeyRing
from emulator.ui import csrf, timefmt
from emulator.ui.inspector import inspect_token
from emulator.ui.paging import Trail, pager
from emulator.ui.stash import Stash
from emulator.ui.userpools import SEARCHES
from emulator.userpools.users.search import parse_filter

NOW = 1_700_000_000.0
POOL = "us-east-1_inspect"


def _request(headers: dict[str, str], query: str = "") -> Request:
    raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    return Request({"type": "http", "method": "GET", "path": "/", "headers": raw, "query_string": query.encode()})


@pytest.fixture(scope="module")
def keys() -> KeyRing:
    return KeyRing()


def test_a_token_of_this_emulator_verifies_and_expiry_follows_the_clock(keys: KeyRing) -> None:
    token = sign_claims(keys, POOL, "id", {"sub": "abc", "token_use": "id", "iat": int(NOW), "exp": int(NOW) + 3600,
                                           "email": "<b>x</b>"})
    inspection = inspect_token(token, keys, NOW)
    assert inspection.problem is None and inspection.signature is not None and inspection.expiry is not None
    assert inspection.signature.ok and inspection.key_pool == POOL and "id-token key" in inspection.signature.text
    assert inspection.expiry.ok and "Valid for 1 h more" in inspection.expiry.text
    assert inspection.claims["email"] == "<b>x</b>" and inspection.header["alg"] == "RS256"
    assert ("exp", "2023-11-14 23:13:20 UTC", "in 1 h") in inspection.times
    later = inspect_token(token, keys, NOW + 7200)
    assert later.expiry is not None and not later.expiry.ok and "Expired 1 h ago" in later.expiry.text
    with_breaks = token[:40] + "\n  " + token[40:]
    assert inspect_token(with_breaks, keys, NOW).signature == inspection.signature


def test_foreign_altered_and_mislabelled_tokens_are_told_apart(keys: KeyRing) -> None:
    claims = {"token_use": "access", "exp": int(NOW) + 60}
    foreign = jwt.encode(claims, "a-shared-secret-that-is-long-enough-for-hs256", algorithm="HS256",
                         headers={"kid": "unknown"})
    verdict = inspect_token(foreign, keys, NOW).signature
    assert verdict is not None and not verdict.ok and "Not signed by this emulator" in verdict.text
    genuine = sign_claims(keys, POOL, "access", claims)
    header, payload, signature = genuine.split(".")
    other = sign_claims(keys, POOL, "access", {**claims, "exp": int(NOW) + 999})
    altered = f"{header}.{other.split('.')[1]}.{signature}"
    verdict = inspect_token(altered, keys, NOW).signature
    assert verdict is not None and not verdict.ok and "does not verify" in verdict.text
    mislabelled = sign_claims(keys, POOL, "access", {"token_use": "id", "exp": int(NOW) + 60})
    verdict = inspect_token(mislabelled, keys, NOW).signature
    assert verdict is not None and not verdict.ok and "token_use is 'id'" in verdict.text
    no_exp = inspect_token(sign_claims(keys, POOL, "access", {"token_use": "access"}), keys, NOW).expiry
    assert no_exp is not None and not no_exp.ok


def test_what_is_no_jwt_says_so(keys: KeyRing) -> None:
    assert "Not a readable JWT" in (inspect_token("hello", keys, NOW).problem or "")
    assert "Not a readable JWT" in (inspect_token("a.b.c", keys, NOW).problem or "")
    assert "JWE" in (inspect_token("a.b.c.d.e", keys, NOW).problem or "")


def test_times() -> None:
    assert timefmt.when(0) == "1970-01-01 00:00:00 UTC"
    assert timefmt.when(None) == "" and timefmt.when(float("nan")) == "" and timefmt.when(True) == ""
    assert "out of range" in timefmt.when(1e20)
    assert timefmt.span(3725) == "1 h 2 min" and timefmt.span(59) == "59 s" and timefmt.span(0) == "0 s"
    assert timefmt.span(90061) == "1 d 1 h"
    assert timefmt.relative(NOW + 61, NOW) == "in 1 min 1 s"
    assert timefmt.relative(NOW - 5, NOW) == "5 s ago" and timefmt.relative(NOW, NOW) == "now"


def test_paging_links_carry_the_trail_and_the_search() -> None:
    first = Trail.of(_request({}))
    assert first.current is None and first.number == 1
    links = pager("/p", {"q": "a b", "field": "username"}, first, "T1")
    assert links.previous is None and links.first is None and links.next == "/p?q=a+b&field=username&t=T1"
    third = Trail.of(_request({}, "q=a&t=T1&t=T2"))
    assert third.current == "T2" and third.number == 3
    links = pager("/p", {"q": "a"}, third, None)
    assert links.next is None and links.previous == "/p?q=a&t=T1" and links.first == "/p?q=a"
    assert pager("/p", {}, Trail(("T1",)), None).previous == "/p"


def test_form_token_and_origin() -> None:
    token = csrf.new_token()
    assert len(token) >= 40 and token != csrf.new_token()
    assert csrf.valid(token, token)
    assert not csrf.valid(None, token) and not csrf.valid("", token) and not csrf.valid(token + "x", token)
    assert not csrf.valid("é", token)
    assert csrf.same_origin(_request({"host": "127.0.0.1:9229"}))
    assert csrf.same_origin(_request({"host": "127.0.0.1:9229", "origin": "http://127.0.0.1:9229"}))
    for origin in ("http://evil.example", "null", "http://127.0.0.1:9230", "file://127.0.0.1:9229"):
        assert not csrf.same_origin(_request({"host": "127.0.0.1:9229", "origin": origin}))


def test_stash_is_bounded_and_flashes_show_once() -> None:
    stash: Stash[int] = Stash(capacity=3)
    keys = [stash.put(i) for i in range(5)]
    assert stash.get(keys[0]) is None and stash.get(keys[4]) == 4
    assert stash.take(keys[3]) == 3 and stash.take(keys[3]) is None
    assert stash.get(None) is None and stash.take("") is None


@pytest.mark.parametrize("value", ['plain', 'quo"te', 'back\\slash', '<script>"x"\\', '漢字 🙂'])
def test_searches_are_filters_list_users_parses_back(value: str) -> None:
    for search in SEARCHES.values():
        parsed = parse_filter(search.filter(value))
        assert parsed is not None
        assert (parsed.attribute, parsed.value, parsed.prefix) == (search.attribute, value, search.operator == "^=")
