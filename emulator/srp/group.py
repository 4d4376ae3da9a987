"""The SRP group Cognito uses, and the byte conventions its clients hash.

Cognito's clients (amazon-cognito-identity-js, Amplify, pycognito) hash *hex strings* of integers after
Java's ``BigInteger.toByteArray()`` padding, so every hash here works on exactly those bytes. Getting a
single ``00`` sign byte wrong makes a real client's signature fail, hence the care.

The modular exponentiations are the only expensive part of a login. GMP (gmpy2) does them ~8x faster
than CPython's ``pow``; ``g^e`` additionally uses a fixed-base table, since g never changes.

gmpy2 is imported on first need, not with this module: its import (~20 ms, importlib.metadata among
it) costs more than the one verifier the demo seed computes at start, which CPython's ``pow`` does in
a few milliseconds. The first ``_PURE_BEFORE_GMP`` ``g^x`` therefore use ``pow``; anything after them,
and every other operation here, loads the backend (``_load_backend``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from typing import Any

# RFC 3526 / RFC 5054 3072-bit MODP group (the one in AuthenticationHelper.js).
N_HEX = (
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"
).lower()
N = int(N_HEX, 16)
G = 2

# Exponents the fixed-base table covers (b, x and u are all 256-bit SHA-256 sized values).
_TABLE_BITS = 256
_WINDOW = 8
_WINDOW_MASK = (1 << _WINDOW) - 1
# The table costs as much as ~20 plain exponentiations to build: the first few calls (the demo
# seed's one verifier at start-up) go without it, so a cold start does not pay for it.
_PLAIN_BEFORE_TABLE = 8
_plain_uses = 0
# The first g^x go through CPython's pow without importing gmpy2 (see the module's docstring).
_PURE_BEFORE_GMP = 2

# The arithmetic backend, set by _load_backend() on first need: GMP when available, pure Python
# otherwise (same results, slower). N_BIG, K_BIG and HAVE_GMPY2 are module attributes that load it
# when first read (``__getattr__`` below), so ``from emulator.srp.group import N_BIG`` works as before.
_powmod: Callable[[Any, Any, Any], Any] | None = None
_big: Callable[[int], Any] = int
N_BIG: Any
K_BIG: Any
HAVE_GMPY2: bool


def _load_backend() -> Callable[[Any, Any, Any], Any]:
    global _powmod, _big, N_BIG, K_BIG, HAVE_GMPY2
    if _powmod is None:
        try:
            import gmpy2

            _big, HAVE_GMPY2 = gmpy2.mpz, True
            powmod = gmpy2.powmod
        except ImportError:  # pragma: no cover - exercised only where gmpy2 is missing
            _big, HAVE_GMPY2 = int, False
            powmod = pow
        N_BIG, K_BIG = _big(N), _big(K)
        _powmod = powmod
    return _powmod


def __getattr__(name: str) -> Any:
    if name in ("N_BIG", "K_BIG", "HAVE_GMPY2"):
        _load_backend()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def pad_bytes(i: int) -> bytes:
    """Minimal two's-complement big-endian bytes, as Java's ``BigInteger.toByteArray()`` (0 -> ``00``)."""
    i = int(i)
    if i < 0:
        raise ValueError("SRP values are non-negative")
    return i.to_bytes(i.bit_length() // 8 + 1, "big")


def pad(i: int) -> str:
    """The clients' ``padHex``: lowercase hex, even length, ``00`` prefixed when the top bit is set."""
    return pad_bytes(i).hex()


def hash_hex(*hex_parts: str) -> bytes:
    """SHA-256 of the *bytes* of the concatenated hex strings, the way the clients' ``hexHash`` does it."""
    return hashlib.sha256(bytes.fromhex("".join(hex_parts))).digest()


def hash_padded(*values: int) -> bytes:
    """SHA-256 over ``pad(v1) || pad(v2) || ...``: the bytes ``hash_hex(pad(v1), ...)`` hashes, sans hex."""
    return hashlib.sha256(b"".join(pad_bytes(v) for v in values)).digest()


def bytes_to_int(data: bytes) -> int:
    """Big-endian unsigned integer: how clients read digests and salts back (``new BigInteger(hex, 16)``)."""
    return int.from_bytes(data, "big")


PAD_N = pad_bytes(N)
PAD_G = pad_bytes(G)
K = bytes_to_int(hashlib.sha256(PAD_N + PAD_G).digest())


def powmod(base: int, exp: int, mod: int = N) -> int:
    """``base^exp mod N`` (OpenSSL, else GMP when present); returns a plain ``int``."""
    if mod == N:
        return int(powmod_big(base, exp))
    backend = _load_backend()
    return int(backend(_big(base), _big(exp), _big(mod)))


@cache
def _g_table() -> tuple[tuple[Any, ...], ...]:
    """Fixed-base comb table: row i holds g^(d * 2^(8i)) for d in 0..255. ~3 MB, built once on first use
    (~80 ms; 8-bit windows make g^e ~25% cheaper than 6-bit ones: every SignUp and SRP InitiateAuth).

    Turns g^e for a 256-bit e into ~32 multiplications instead of ~300, which is most of why a login fits
    the latency budget.
    """
    _load_backend()
    rows: list[tuple[Any, ...]] = []
    base: Any = _big(G)
    for _ in range((_TABLE_BITS + _WINDOW - 1) // _WINDOW):
        row = [_big(1)]
        for _d in range(_WINDOW_MASK):
            row.append(row[-1] * base % N_BIG)
        rows.append(tuple(row))
        base = row[-1] * base % N_BIG
    return tuple(rows)


def g_pow_big(exp: int) -> Any:
    """``g^exp mod N`` in the backend's integer type (mpz with gmpy2), so the hot path stays in GMP."""
    exp = int(exp)
    if exp < 0:
        raise ValueError("negative exponent")
    global _plain_uses
    if exp.bit_length() > _TABLE_BITS or _plain_uses < _PLAIN_BEFORE_TABLE:
        _plain_uses += 1
        backend = _load_backend()
        return backend(_big(G), _big(exp), N_BIG)
    table = _g_table()
    result: Any = table[0][exp & _WINDOW_MASK]
    exp >>= _WINDOW
    row = 1
    while exp:
        digit = exp & _WINDOW_MASK
        if digit:
            result = result * table[row][digit] % N_BIG
        exp >>= _WINDOW
        row += 1
    return result


def g_pow(exp: int) -> int:
    """``g^exp mod N`` as a plain ``int`` (the first few without loading GMP: see the docstring)."""
    global _plain_uses
    if _powmod is None and _plain_uses < _PURE_BEFORE_GMP:
        _plain_uses += 1
        return pow(G, int(exp), N) if exp >= 0 else g_pow_big(exp)
    return int(g_pow_big(exp))


def to_big(i: int) -> Any:
    """Convert to the arithmetic backend's integer type (gmpy2.mpz or int)."""
    _load_backend()
    return _big(i)


@cache
def _modexp_n() -> Callable[[int, int], int] | None:
    """OpenSSL's exponentiation mod N when the system's libcrypto can be used (see
    openssl_modexp.py: ~1.5x GMP's speed at this size); looked up on the first SRP sign-in,
    not at start-up."""
    from emulator.srp.openssl_modexp import for_modulus

    return for_modulus(N)


def powmod_big(base: Any, exp: Any) -> Any:
    """``base^exp mod N``: OpenSSL when available (a plain int), else the backend's integer type."""
    modexp = _modexp_n()
    if modexp is not None:
        return modexp(int(base), int(exp))
    backend = _load_backend()
    return backend(_big(base), _big(exp), N_BIG)
