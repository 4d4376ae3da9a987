"""``v^u`` for SRP's ``S = (A * v^u)^b`` from a table per verifier, for verifiers seen again.

Every SRP sign-in (USER_SRP_AUTH, USER_AUTH's PASSWORD_SRP, DEVICE_SRP_AUTH) raises its user's
verifier ``v`` to a fresh 256-bit ``u = H(A, B)``: a 3072-bit exponentiation, a quarter of the
sign-in's CPU. ``v`` changes only with the password, and a test suite signs the same users in
again and again, so the second time a verifier is seen it gets a Lim-Lee comb: 8 teeth 32 bits
apart, each 32-bit row cut in two blocks of 16 bits, and for each block the 256 products of
``v^(2^(32i + 16s))`` (two tables, ~200 KB, built in about three exponentiations' time). ``v^u``
is then 15 squarings and up to 32 multiplications (one table gave 31 and 32; an exponentiation
is ~300 operations).

The tables are kept for the ``KEPT`` verifiers used last (~13 MB at most). They hold nothing a
client could not already make the server compute, and they change nothing an answer contains. The
multiplications they save depend only on ``u``, which both sides know; the secret ``b`` is still
raised by OpenSSL's exponentiation. Without gmpy2 (pure-Python integers) the table would be
slower than the exponentiation it replaces, so it is not used.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from emulator.srp import group

TEETH = 8  # rows of the comb: tables of 2^TEETH products
SPAN = 32  # bits per row: TEETH * SPAN covers the 256 bits of u
BLOCK = 16  # bits per block of a row: SPAN // BLOCK tables, BLOCK - 1 squarings
KEPT = 64  # verifiers with tables (~200 KB each)
_SEEN_KEPT = 4096  # verifiers seen once, remembered to build a table the second time

_Tables = tuple[tuple[Any, ...], ...]  # one table per block of the rows
_tables: OrderedDict[int, _Tables] = OrderedDict()
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


def _build(v: int) -> _Tables:
    """``tables[s][j]`` = product of ``v^(2^(SPAN*i + BLOCK*s))`` over the bits ``i`` set in ``j``."""
    modulus = group.N_BIG
    steps = [group.to_big(v) % modulus]  # steps[r] = v^(2^(BLOCK*r))
    for _ in range(TEETH * SPAN // BLOCK - 1):
        power = steps[-1]
        for _ in range(BLOCK):
            power = power * power % modulus
        steps.append(power)
    blocks = SPAN // BLOCK
    tables = []
    for s in range(blocks):
        teeth = steps[s::blocks]  # tooth i: v^(2^(SPAN*i + BLOCK*s))
        table: list[Any] = [group.to_big(1)]
        for j in range(1, 1 << TEETH):
            top = j.bit_length() - 1
            rest = j ^ (1 << top)
            table.append(teeth[top] if not rest else table[rest] * teeth[top] % modulus)
        tables.append(tuple(table))
    return tuple(tables)


def _comb_pow(tables: _Tables, e: int) -> Any:
    """Horner over the comb's columns, top column first. Column ``k`` of block ``s`` takes bit
    ``SPAN*i + BLOCK*s + k`` of ``e`` for each row ``i``; in the big-endian bit string those are
    every ``SPAN``-th character from ``SPAN-1-BLOCK*s-k``, top row first, so one slice and
    ``int(.., 2)`` give the column's index in table ``s``."""
    modulus = group.N_BIG
    bits = format(e, f"0{TEETH * SPAN}b")
    result: Any = None
    for start in range(BLOCK):  # start = BLOCK-1-k: columns from the top one down
        if result is not None:
            result = result * result % modulus
        for s in range(len(tables) - 1, -1, -1):
            j = int(bits[start + SPAN - BLOCK * (s + 1)::SPAN], 2)
            if j:
                result = tables[s][j] if result is None else result * tables[s][j] % modulus
    return group.to_big(1) if result is None else result


def forget() -> None:
    """Drop every table (tests)."""
    _tables.clear()
    _seen.clear()
