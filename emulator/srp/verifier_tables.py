"""``v^u`` for SRP's ``S = (A * v^u)^b`` from a table per verifier, for verifiers seen again.

Every SRP sign-in (USER_SRP_AUTH, USER_AUTH's PASSWORD_SRP, DEVICE_SRP_AUTH) raises its user's
verifier ``v`` to a fresh 256-bit ``u = H(A, B)``: a 3072-bit exponentiation, a quarter of the
sign-in's CPU. ``v`` changes only with the password, and a test suite signs the same users in
again and again, so the second time a verifier is seen it gets a Lim-Lee comb: 8 teeth of 32 bits,
256 products of ``v^(2^(32i))`` (~100 KB, built in about two exponentiations' time). ``v^u`` is
then 31 squarings and up to 32 multiplications instead of ~300 operations.

The tables are kept for the ``KEPT`` verifiers used last (~6 MB at most). They hold nothing a
client could not already make the server compute, and they change nothing an answer contains. The
multiplications they save depend only on ``u``, which both sides know; the secret ``b`` is still
raised by OpenSSL's exponentiation. Without gmpy2 (pure-Python integers) the table would be
slower than the exponentiation it replaces, so it is not used.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from emulator.srp import group

TEETH = 8  # rows of the comb: a table of 2^TEETH products
SPAN = 32  # bits per row: TEETH * SPAN covers the 256 bits of u
KEPT = 64  # verifiers with a table (~100 KB each)
_SEEN_KEPT = 4096  # verifiers seen once, remembered to build a table the second time

_tables: OrderedDict[int, tuple[Any, ...]] = OrderedDict()
_seen: OrderedDict[int, None] = OrderedDict()


def v_pow_u(v: int, u: int) -> Any:
    """``v^u mod N`` (backend integer or int): from the verifier's table when it has one."""
    if u.bit_length() > TEETH * SPAN or not group.HAVE_GMPY2:
        return group.powmod_big(v, u)
    table = _tables.get(v)
    if table is not None:
        _tables.move_to_end(v)
        return _comb_pow(table, u)
    if v not in _seen:
        _seen[v] = None
        if len(_seen) > _SEEN_KEPT:
            _seen.popitem(last=False)
        return group.powmod_big(v, u)
    del _seen[v]
    table = _build(v)
    _tables[v] = table
    if len(_tables) > KEPT:
        _tables.popitem(last=False)
    return _comb_pow(table, u)


def _build(v: int) -> tuple[Any, ...]:
    """``table[j]`` = product of ``v^(2^(SPAN*i))`` over the bits ``i`` set in ``j``."""
    modulus = group.N_BIG
    rows = [group.to_big(v) % modulus]
    for _ in range(TEETH - 1):
        power = rows[-1]
        for _ in range(SPAN):
            power = power * power % modulus
        rows.append(power)
    table: list[Any] = [group.to_big(1)]
    for j in range(1, 1 << TEETH):
        top = j.bit_length() - 1
        rest = j ^ (1 << top)
        table.append(rows[top] if not rest else table[rest] * rows[top] % modulus)
    return tuple(table)


def _comb_pow(table: tuple[Any, ...], e: int) -> Any:
    """Horner over the comb's columns, top column first. Column ``k`` takes bit ``SPAN*i + k`` of
    ``e`` for each row ``i``; in the big-endian bit string those are every ``SPAN``-th character
    from ``SPAN-1-k``, top row first, so one slice and ``int(.., 2)`` give the column's index."""
    modulus = group.N_BIG
    bits = format(e, f"0{TEETH * SPAN}b")
    result: Any = None
    for start in range(SPAN):  # start = SPAN-1-k: columns from the top one down
        if result is not None:
            result = result * result % modulus
        j = int(bits[start::SPAN], 2)
        if j:
            result = table[j] if result is None else result * table[j] % modulus
    return group.to_big(1) if result is None else result


def forget() -> None:
    """Drop every table (tests)."""
    _tables.clear()
    _seen.clear()
