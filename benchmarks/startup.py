"""Start-up and steady-state figures for the emulator, measured as a user would see them.

    python benchmarks/startup.py [--runs 10] [--requests 2000]

* cold start: spawn ``python -m emulator --port 0`` -> first ListUserPools answered 200
  (min / p50 / max over ``--runs`` fresh processes);
* resident memory (VmRSS) right after that first answer, and after 1,000 more requests;
* DescribeUserPool latency p50 / p99 and ops/s over keep-alive HTTP at concurrency 1 and 8.

Goals (foundation issue): cold start <= 250 ms, RSS at start <= 45 MB. The client runs on
the same machine as the server, so on a 2-core box the concurrency-8 figures include the
client's own CPU use.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import Client, Server, emulator, measure  # noqa: E402

POOL_ID = "us-east-1_localdemo"
GOAL_COLD_START_MS = 250.0
GOAL_RSS_MB = 45.0


def cold_start_ms(server: Server, deadline_s: float = 20.0) -> float:
    """Milliseconds from spawning the process to its first answered request."""
    while time.perf_counter() - server.spawned_at < deadline_s:
        try:
            status, _ = Client(server).call("ListUserPools", {"MaxResults": 10})
            if status == 200:
                return (time.perf_counter() - server.spawned_at) * 1000
        except OSError:
            time.sleep(0.002)
    raise RuntimeError("no answer within the deadline")


def describe_pool(client: Client, index: int) -> None:
    client.ok("DescribeUserPool", {"UserPoolId": POOL_ID})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="cold starts to time (default 10)")
    parser.add_argument("--requests", type=int, default=2000, help="requests per latency run (default 2000)")
    args = parser.parse_args()

    cold: list[float] = []
    for _ in range(args.runs):
        with emulator(core=None) as server:
            cold.append(cold_start_ms(server))
    with emulator(core=None) as server:
        cold_start_ms(server)
        rss_start = server.rss_mb()
        warm = Client(server)
        for index in range(1000):
            describe_pool(warm, index)
        rss_after = server.rss_mb()
        runs = {c: measure(server, describe_pool, args.requests, c) for c in (1, 8)}

    rows = [
        ("cold start, spawn -> first 200 (ms)",
         f"min {min(cold):.0f} / p50 {statistics.median(cold):.0f} / max {max(cold):.0f}",
         f"<= {GOAL_COLD_START_MS:.0f}", statistics.median(cold) <= GOAL_COLD_START_MS),
        ("RSS right after start (MB)", f"{rss_start:.1f}", f"<= {GOAL_RSS_MB:.0f}", rss_start <= GOAL_RSS_MB),
        ("RSS after 1,000 requests (MB)", f"{rss_after:.1f}", "", None),
    ]
    for concurrency, figures in runs.items():
        rows.append((f"DescribeUserPool, concurrency {concurrency}",
                     f"p50 {figures['p50_ms']:.2f} ms / p99 {figures['p99_ms']:.2f} ms"
                     f" / {figures['ops_s']:,.0f} ops/s", "", None))
    width = max(len(r[0]) for r in rows)
    value_width = max(len(r[1]) for r in rows)
    print(f"cognito-emulator benchmarks ({os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
          f"{args.runs} cold starts, {args.requests} requests per latency run)")
    print(f"{'measure'.ljust(width)}  {'value'.ljust(value_width)}  goal")
    for name, value, goal, met in rows:
        verdict = "" if met is None else ("  ok" if met else "  MISSED")
        print(f"{name.ljust(width)}  {value.ljust(value_width)}  {goal}{verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
