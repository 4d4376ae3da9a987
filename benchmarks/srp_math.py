"""Server-side cost of one SRP login (InitiateAuth begin + PASSWORD_VERIFIER check), math only.

Measures emulator.srp with gmpy2 and, in a child process with gmpy2 hidden, with CPython's pow().
Client-side work (A, the claim signature) is prepared outside the timed region.

    python benchmarks/srp_math.py [iterations]
"""

from __future__ import annotations

import os
import secrets
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

NO_GMPY2 = "--no-gmpy2"


def run(iterations: int) -> None:
    from emulator import srp
    from emulator.srp import group

    pool, user, password = "Bench01", "alice", "Passw0rd!"
    salt = srp.new_salt()
    v = srp.compute_verifier(pool, user, password, salt)
    x = srp.compute_x(pool, user, password, salt)
    block = secrets.token_bytes(64)
    for _ in range(16):  # past the first plain uses: the fixed-base table is built outside the timed
        group.g_pow(2**255 + 1)  # region, as a warm server has it

    begin_ms: list[float] = []
    verify_ms: list[float] = []
    for _ in range(iterations):
        a = secrets.randbits(1024)
        srp_a = format(pow(srp.G, a, srp.N), "x")  # client side, untimed

        t0 = time.perf_counter()
        big_a = srp.parse_srp_a(srp_a)
        b, big_b = srp.begin(v)
        t1 = time.perf_counter()

        u = srp.compute_u(big_a, big_b)  # client side, untimed
        s = pow((big_b - srp.K * pow(srp.G, x, srp.N)) % srp.N, a + u * x, srp.N)
        timestamp = srp.format_timestamp(datetime.now(UTC))
        signature = srp.expected_signature(srp.hkdf_key(s, u), pool, user, block, timestamp)
        now = time.time()

        t2 = time.perf_counter()
        srp.check_timestamp(timestamp, now)
        key = srp.session_key(big_a, big_b, b, v)
        ok = srp.verify_signature(key, pool, user, block, timestamp, signature)
        t3 = time.perf_counter()
        assert ok, "signature did not verify"
        begin_ms.append((t1 - t0) * 1e3)
        verify_ms.append((t3 - t2) * 1e3)

    total = [p + q for p, q in zip(begin_ms, verify_ms, strict=True)]
    total.sort()
    backend = "gmpy2" if group.HAVE_GMPY2 else "pow  "
    print(
        f"{backend}: login p50 {statistics.median(total):.3f} ms  p95 {total[int(len(total) * 0.95)]:.3f} ms"
        f"  (begin p50 {statistics.median(begin_ms):.3f}, verify p50 {statistics.median(verify_ms):.3f})"
        f"  over {iterations} iterations"
    )


def main() -> None:
    args = [a for a in sys.argv[1:] if a != NO_GMPY2]
    iterations = int(args[0]) if args else 200
    if NO_GMPY2 in sys.argv:
        sys.modules["gmpy2"] = None  # type: ignore[assignment]
        run(iterations)
        return
    run(iterations)
    subprocess.run([sys.executable, __file__, str(iterations), NO_GMPY2], check=True, env=os.environ.copy())


if __name__ == "__main__":
    main()
