"""Shared pieces of the benchmarks: start the emulator pinned to one core, a keep-alive
JSON 1.1 client, and latency statistics. Figures are printed, never asserted."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
IDP = "AWSCognitoIdentityProviderService"


@dataclass
class Server:
    url: str
    host: str
    port: int
    pid: int
    spawned_at: float  # time.perf_counter() just before the process was started

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")


@contextmanager
def emulator(*args: str, core: int | None = 0, timeout: float = 600) -> Iterator[Server]:
    """Run ``python -m emulator`` (pinned to ``core`` when taskset exists) until the block ends."""
    command = [sys.executable, "-m", "emulator", "--port", "0", "--log-level", "warning", *args]
    if core is not None and shutil.which("taskset") and (os.cpu_count() or 1) > 1:
        command = ["taskset", "-c", str(core), *command]
    # Bytecode caching on, as on a developer's machine (any value of the variable turns it off).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    spawned_at = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT,
                               env=env)
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    url = None
    for line in process.stdout:
        match = re.search(r"ready at (http://(\S+):(\d+))", line)
        if match:
            url, host, port = match.group(1), match.group(2), int(match.group(3))
            break
        if time.monotonic() > deadline:
            break
    if url is None:
        process.kill()
        raise RuntimeError("emulator did not start")
    threading.Thread(target=lambda: [None for _ in process.stdout or []], daemon=True).start()
    try:
        yield Server(url, host, port, process.pid, spawned_at)
    finally:
        process.terminate()
        process.wait(10)


def pin_client(core: int = 1) -> None:
    """Keep the load generator off the server's core (the server is pinned to core 0)."""
    if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > core:
        os.sched_setaffinity(0, {core})


class Client:
    """One keep-alive connection speaking JSON 1.1 (what every SDK does, minus the SDK)."""

    def __init__(self, server: Server) -> None:
        self.connection = http.client.HTTPConnection(server.host, server.port, timeout=60)

    def call(self, operation: str, body: dict[str, Any], prefix: str = IDP) -> tuple[int, dict[str, Any]]:
        payload = json.dumps(body)
        self.connection.request("POST", "/", payload, {
            "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": f"{prefix}.{operation}"})
        response = self.connection.getresponse()
        data = json.loads(response.read() or b"{}")
        return response.status, data

    def ok(self, operation: str, body: dict[str, Any], prefix: str = IDP) -> dict[str, Any]:
        status, data = self.call(operation, body, prefix)
        if status != 200:
            raise RuntimeError(f"{operation} -> {status} {data}")
        return data


def measure(server: Server, step: Callable[[Client, int], float | None], total: int, concurrency: int
            ) -> dict[str, float]:
    """Run ``total`` steps over ``concurrency`` connections; a step returns its own latency
    (seconds, e.g. to exclude client-side math) or None to be timed whole."""
    latencies: list[float] = []
    lock = threading.Lock()
    counter = iter(range(total))

    def worker() -> None:
        client = Client(server)
        mine: list[float] = []
        while True:
            with lock:
                index = next(counter, None)
            if index is None:
                break
            started = time.perf_counter()
            own = step(client, index)
            mine.append(own if own is not None else time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return summary(latencies, elapsed)


def summary(latencies: list[float], elapsed: float) -> dict[str, float]:
    ordered = sorted(latencies)
    return {
        "n": len(ordered),
        "p50_ms": statistics.median(ordered) * 1000,
        "p99_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
        "ops_s": len(ordered) / elapsed if elapsed else float("nan"),
    }


def row(name: str, figures: dict[str, float]) -> str:
    return (f"{name:<44} {figures['n']:>7.0f} {figures['p50_ms']:>9.3f} {figures['p99_ms']:>9.3f} "
            f"{figures['ops_s']:>9.0f}")


HEADER = f"{'measurement':<44} {'n':>7} {'p50 ms':>9} {'p99 ms':>9} {'ops/s':>9}"
