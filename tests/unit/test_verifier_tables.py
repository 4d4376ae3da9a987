"""v^u from a verifier's comb table must equal the exponentiation it replaces, for every u a
SHA-256 can give (0, 1, the top bit set, all bits set, random), and the cache stays bounded."""

from __future__ import annotations

import secrets

import pytest

from emulator.srp import verifier_tables as tables
from emulator.srp.group import N, g_pow


@pytest.fixture(autouse=True)
def _fresh() -> None:
    tables.forget()


def test_the_comb_gives_the_exponentiations_answer() -> None:
    v = g_pow(secrets.randbits(256))
    exponents = [0, 1, 2, 1 << 255, (1 << 256) - 1, (1 << 32) - 1, 1 << 32, *(secrets.randbits(256) for _ in range(40))]
    assert int(tables.v_pow_u(v, 12345)) == pow(v, 12345, N)  # first sight: no table
    assert v not in tables._tables
    for u in exponents:
        assert int(tables.v_pow_u(v, u)) == pow(v, u, N), u
    assert v in tables._tables
    assert [len(table) for table in tables._tables[v]] == [1 << tables.TEETH] * (tables.SPAN // tables.BLOCK)


def test_a_verifier_seen_once_gets_no_table() -> None:
    for _ in range(5):
        tables.v_pow_u(g_pow(secrets.randbits(256)), secrets.randbits(256))
    assert not tables._tables and len(tables._seen) == 5


def test_only_the_most_recent_verifiers_keep_a_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "KEPT", 3)
    verifiers = [g_pow(secrets.randbits(256)) for _ in range(5)]
    for v in verifiers:
        tables.v_pow_u(v, 3)
        tables.v_pow_u(v, 3)
    assert list(tables._tables) == verifiers[2:]
    u = secrets.randbits(256)
    assert int(tables.v_pow_u(verifiers[0], u)) == pow(verifiers[0], u, N)


def test_exponents_wider_than_the_comb_are_exponentiated() -> None:
    v = g_pow(secrets.randbits(256))
    tables.v_pow_u(v, 1)
    tables.v_pow_u(v, 1)
    wide = secrets.randbits(300) | (1 << 299)
    assert int(tables.v_pow_u(v, wide)) == pow(v, wide, N)
