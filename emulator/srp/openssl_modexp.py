"""``base^exp mod N`` with OpenSSL's bignum library, reached through ctypes.

Why: an SRP sign-in makes two 3072-bit exponentiations with 256-bit exponents on the server
(``S = (A * v^u)^b``), the largest cost of a login beside the two RSA signatures. OpenSSL's
Montgomery code (assembly using mulx/adx on x86-64) does one in ~0.87 ms where GMP's
``mpz_powm`` (gmpy2) takes ~1.32 ms on the same machine (measured 2026-12-02, AMD EPYC, 2 cores).

The library is the system's ``libcrypto`` on Linux (Python's own ``ssl`` module links it, so it
is there wherever CPython was built with OpenSSL). Elsewhere, and on anything unusual -- no
library, a symbol missing, a self-test that disagrees with ``pow`` -- ``for_modulus`` returns
None and the caller keeps using GMP: the results are identical, only slower. Each thread gets its own OpenSSL scratch
objects (a ``BN_CTX`` is not thread-safe), made on its first call.
"""

from __future__ import annotations

import ctypes
import sys
import threading
from collections.abc import Callable
from typing import Any

# Linux only: macOS aborts a process that loads its system libcrypto by an unversioned name, and
# Windows has no libcrypto of its own; there GMP does the work.
_LIBRARY_NAMES = ("libcrypto.so.3", "libcrypto.so")
_POINTER = ctypes.c_void_p


def _load_library() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    for name in _LIBRARY_NAMES:
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        _declare(lib)
        return lib
    return None


def _declare(lib: Any) -> None:
    """Every function's argument and return types: without them ctypes would pass pointers as C ints."""
    lib.BN_new.restype = _POINTER
    lib.BN_new.argtypes = []
    lib.BN_free.restype = None
    lib.BN_free.argtypes = [_POINTER]
    lib.BN_CTX_new.restype = _POINTER
    lib.BN_CTX_new.argtypes = []
    lib.BN_bin2bn.restype = _POINTER
    lib.BN_bin2bn.argtypes = [ctypes.c_char_p, ctypes.c_int, _POINTER]
    lib.BN_bn2bin.restype = ctypes.c_int
    lib.BN_bn2bin.argtypes = [_POINTER, ctypes.c_char_p]
    lib.BN_num_bits.restype = ctypes.c_int
    lib.BN_num_bits.argtypes = [_POINTER]
    lib.BN_MONT_CTX_new.restype = _POINTER
    lib.BN_MONT_CTX_new.argtypes = []
    lib.BN_MONT_CTX_set.restype = ctypes.c_int
    lib.BN_MONT_CTX_set.argtypes = [_POINTER, _POINTER, _POINTER]
    lib.BN_mod_exp_mont.restype = ctypes.c_int
    lib.BN_mod_exp_mont.argtypes = [_POINTER, _POINTER, _POINTER, _POINTER, _POINTER, _POINTER]


class _Scratch:
    """One thread's OpenSSL objects for one modulus, reused call after call (freed never: they
    live as long as the thread, a few hundred bytes each)."""

    def __init__(self, lib: Any, modulus: bytes) -> None:
        self.ctx = lib.BN_CTX_new()
        self.modulus = lib.BN_bin2bn(modulus, len(modulus), None)
        self.mont = lib.BN_MONT_CTX_new()
        self.base = lib.BN_new()
        self.exp = lib.BN_new()
        self.result = lib.BN_new()
        if not all((self.ctx, self.modulus, self.mont, self.base, self.exp, self.result)) \
                or lib.BN_MONT_CTX_set(self.mont, self.modulus, self.ctx) != 1:
            raise MemoryError("OpenSSL could not allocate its bignum scratch space")


class OpenSslModExp:
    """``(base, exp) -> base^exp mod modulus`` for one odd modulus, on plain ints."""

    def __init__(self, lib: Any, modulus: int) -> None:
        self._lib = lib
        self._modulus = modulus
        self._modulus_bytes = _to_bytes(modulus)
        self._local = threading.local()

    def _scratch(self) -> _Scratch:
        scratch: _Scratch | None = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = _Scratch(self._lib, self._modulus_bytes)
        return scratch

    def __call__(self, base: int, exp: int) -> int:
        if exp < 0:
            raise ValueError("negative exponent")
        lib, scratch = self._lib, self._scratch()
        base_bytes, exp_bytes = _to_bytes(base % self._modulus), _to_bytes(exp)
        lib.BN_bin2bn(base_bytes, len(base_bytes), scratch.base)
        lib.BN_bin2bn(exp_bytes, len(exp_bytes), scratch.exp)
        if lib.BN_mod_exp_mont(scratch.result, scratch.base, scratch.exp, scratch.modulus, scratch.ctx,
                               scratch.mont) != 1:
            raise ArithmeticError("OpenSSL BN_mod_exp_mont failed")
        out = ctypes.create_string_buffer((lib.BN_num_bits(scratch.result) + 7) // 8)
        lib.BN_bn2bin(scratch.result, out)
        return int.from_bytes(out.raw, "big")


def _to_bytes(value: int) -> bytes:
    return value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big")


def for_modulus(modulus: int) -> Callable[[int, int], int] | None:
    """OpenSSL's exponentiation mod ``modulus`` (odd, > 1), or None where it cannot be used."""
    try:
        lib = _load_library()
        if lib is None:
            return None
        modexp = OpenSslModExp(lib, modulus)
        probe = (0x1234567890ABCDEF << 1000) + 12345
        for base, exp in ((probe, 2**255 + 977), (2, 1), (modulus - 1, 2), (probe, 0)):
            if modexp(base, exp) != pow(base, exp, modulus):
                return None
        return modexp
    except (AttributeError, OSError, ArithmeticError, MemoryError):  # a symbol missing, or no memory
        return None
