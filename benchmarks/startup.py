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
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READY = re.compile(r"ready at http://([^:/\s]+):(\d+)")
POOL_ID = "us-east-1_localdemo"
GOAL_COLD_START_MS = 250.0
GOAL_RSS_MB = 45.0


@dataclass
class Server:
    process: subprocess.Popen[str]
    host: str
    port: int

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kilobytes = int(re.search(r"VmRSS:\s+(\d+)\s+kB", status).group(1))  # type: ignore[union-attr]
        return kilobytes / 1024


class Client:
    """One keep-alive connection speaking JSON 1.1, as the SDKs do."""

    def __init__(self, host: str, port: int) -> None:
        self.connection = http.client.HTTPConnection(host, port, timeout=10)

    def call(self, operation: str, params: dict[str, object]) -> int:
        body = json.dumps(params).encode()
        self.connection.request("POST", "/", body, {
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": f"AWSCognitoIdentityProviderService.{operation}",
        })
        response = self.connection.getresponse()
        response.read()
        return response.status

    def close(self) -> None:
        self.connection.close()


@contextmanager
def spawn(*args: str) -> Iterator[tuple[Server, float]]:
    """Start a fresh emulator; yield it and the ms from spawn to the first 200 answer."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "emulator", "--port", "0", *args],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
        # Bytecode caching on, as on a developer's machine (any value of the variable turns it off).
        env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    )
    try:
        assert process.stdout is not None
        match = None
        while match is None:
            line = process.stdout.readline()
            if not line:
                raise RuntimeError(f"emulator exited with {process.wait()} before its ready line")
            match = READY.search(line)
        server = Server(process, match.group(1), int(match.group(2)))
        elapsed = _first_answer(server, started)
        yield server, elapsed
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def _first_answer(server: Server, started: float, deadline_s: float = 20.0) -> float:
    while time.perf_counter() - started < deadline_s:
        client = Client(server.host, server.port)
        try:
            if client.call("ListUserPools", {"MaxResults": 10}) == 200:
                return (time.perf_counter() - started) * 1000
        except OSError:
            time.sleep(0.002)
        finally:
            client.close()
    raise RuntimeError("no answer within the deadline")


def load(server: Server, concurrency: int, total: int) -> tuple[list[float], float]:
    """``total`` DescribeUserPool calls split over ``concurrency`` keep-alive connections."""
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    errors: list[str] = []

    def worker(index: int) -> None:
        client = Client(server.host, server.port)
        try:
            for _ in range(total // concurrency):
                begin = time.perf_counter()
                status = client.call("DescribeUserPool", {"UserPoolId": POOL_ID})
                latencies[index].append((time.perf_counter() - begin) * 1000)
                if status != 200:
                    errors.append(f"HTTP {status}")
                    return
        finally:
            client.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - begin
    if errors:
        raise RuntimeError(f"DescribeUserPool failed: {errors[0]}")
    flat = sorted(x for chunk in latencies for x in chunk)
    return flat, len(flat) / wall


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="cold starts to time (default 10)")
    parser.add_argument("--requests", type=int, default=2000, help="requests per latency run (default 2000)")
    args = parser.parse_args()

    cold: list[float] = []
    for _ in range(args.runs):
        with spawn() as (_, elapsed):
            cold.append(elapsed)
    with spawn() as (server, _):
        rss_start = server.rss_mb()
        warm = Client(server.host, server.port)
        for _ in range(1000):
            warm.call("DescribeUserPool", {"UserPoolId": POOL_ID})
        warm.close()
        rss_after = server.rss_mb()
        runs = {c: load(server, c, args.requests) for c in (1, 8)}

    rows = [
        ("cold start, spawn -> first 200 (ms)",
         f"min {min(cold):.0f} / p50 {statistics.median(cold):.0f} / max {max(cold):.0f}",
         f"<= {GOAL_COLD_START_MS:.0f}", statistics.median(cold) <= GOAL_COLD_START_MS),
        ("RSS right after start (MB)", f"{rss_start:.1f}", f"<= {GOAL_RSS_MB:.0f}", rss_start <= GOAL_RSS_MB),
        ("RSS after 1,000 requests (MB)", f"{rss_after:.1f}", "", None),
    ]
    for concurrency, (latencies, rate) in runs.items():
        rows.append((f"DescribeUserPool, concurrency {concurrency}",
                     f"p50 {percentile(latencies, 0.5):.2f} ms / p99 {percentile(latencies, 0.99):.2f} ms"
                     f" / {rate:,.0f} ops/s", "", None))
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
