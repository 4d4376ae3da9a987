"""State benchmark (issue #8): what a state dir costs on the write paths, how long a restart with
many users takes, and how fast reset is.

    python benchmarks/state.py            # full run (restart with 100k users: a few minutes to seed)
    python benchmarks/state.py --quick    # smaller counts, for a smoke run

The server is pinned to core 0 and the load generator to core 1. Figures are printed, never
asserted: compare them run to run (and memory vs. state dir within one run).
"""

from __future__ import annotations

import argparse
import http.client
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.auth import password_login, seed_file, sign_up_and_confirm  # noqa: E402
from benchmarks.harness import HEADER, Client, Server, emulator, measure, pin_client, row  # noqa: E402


def write_paths(server: Server, users: int, scale: float) -> dict[str, dict[str, float]]:
    def login(client: Client, index: int) -> None:
        password_login(client, index, users)

    cases: list[tuple[str, Callable[[Client, int], float | None], int]] = [
        ("SignUp + AdminConfirmSignUp", sign_up_and_confirm, 1000),
        ("USER_PASSWORD_AUTH", login, 2000),
    ]
    results = {}
    setup = Client(server)
    for name, step, total in cases:
        for concurrency in (1, 8):
            step(setup, 0)  # warm
            label = f"{name} c={concurrency}"
            results[label] = measure(server, step, max(50, int(total * scale)), concurrency)
    return results


def persistence_cost(scale: float, rounds: int = 3) -> None:
    """Memory and state dir alternate, ``rounds`` times each, so that drift of this shared machine
    hits both alike; the table shows each figure's median over the rounds."""
    seed = seed_file(1000)
    runs: dict[str, list[dict[str, dict[str, float]]]] = {"memory": [], "state dir": []}
    for _ in range(rounds):
        for mode in runs:
            state = Path(tempfile.mkdtemp(prefix="bench-state-"))
            args = ["--fixtures", str(seed)] + (["--state-dir", str(state / "s")] if mode == "state dir" else [])
            with emulator(*args) as server:
                runs[mode].append(write_paths(server, 1000, scale))
            shutil.rmtree(state, ignore_errors=True)
    figures = {mode: {label: {key: statistics.median(run[label][key] for run in mode_runs)
                              for key in mode_runs[0][label]}
                      for label in mode_runs[0]} for mode, mode_runs in runs.items()}
    print(f"medians of {rounds} alternating rounds")
    print(f"{'':<44} {'memory':>30} | {'state dir':>30} | {'p50 cost':>8}")
    print(HEADER + " |" + HEADER[44:] + " |")
    for label, memory in figures["memory"].items():
        durable = figures["state dir"][label]
        cost = (durable["p50_ms"] / memory["p50_ms"] - 1) * 100
        print(row(label, memory) + " |" + row("", durable)[44:] + f" | {cost:>+7.1f}%", flush=True)


def _post(server: Server, path: str) -> float:
    connection = http.client.HTTPConnection(server.host, server.port, timeout=60)
    started = time.perf_counter()
    connection.request("POST", path, b"{}", {"Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    if response.status != 200:
        raise RuntimeError(f"{path} -> {response.status}")
    return elapsed


def reset_latency(rounds: int) -> None:
    """POST /_emulator/reset with the demo seed, after a user was added each time (so there is
    something to undo), in memory and with a state dir."""
    print(f"\n{'reset (demo seed)':<44} {'n':>7} {'p50 ms':>9} {'p99 ms':>9}")
    for mode in ("memory", "state dir"):
        state = Path(tempfile.mkdtemp(prefix="bench-reset-"))
        args = ["--state-dir", str(state / "s")] if mode == "state dir" else []
        with emulator(*args) as server:
            client = Client(server)
            latencies = []
            for index in range(rounds):
                client.ok("AdminCreateUser", {"UserPoolId": "us-east-1_localdemo", "Username": f"r{index}",
                                              "MessageAction": "SUPPRESS", "UserAttributes": [
                                                  {"Name": "email", "Value": f"r{index}@example.com"}]})
                latencies.append(_post(server, "/_emulator/reset"))
            echo = [_timed_health(server) for _ in range(rounds)]
        shutil.rmtree(state, ignore_errors=True)
        ordered = sorted(latencies)
        print(f"{'POST /_emulator/reset, ' + mode:<44} {len(ordered):>7} {statistics.median(ordered) * 1000:>9.3f} "
              f"{ordered[int(len(ordered) * 0.99)] * 1000:>9.3f}   (GET health p50 "
              f"{statistics.median(echo) * 1000:.3f} ms)", flush=True)


def _timed_health(server: Server) -> float:
    connection = http.client.HTTPConnection(server.host, server.port, timeout=60)
    started = time.perf_counter()
    connection.request("GET", "/_emulator/health")
    connection.getresponse().read()
    return time.perf_counter() - started


def restart_time(users: int) -> None:
    """Seed ``users`` into a new state dir once, then time restarts on it: spawn -> ready line."""
    state = Path(tempfile.mkdtemp(prefix="bench-restart-")) / "s"
    started = time.perf_counter()
    with emulator("--fixtures", str(seed_file(users)), "--state-dir", str(state)) as server:
        seeded = time.perf_counter() - started
        rss_seeded = server.rss_mb()
    size_mb = sum(f.stat().st_size for f in state.iterdir()) / 1e6
    restarts: list[float] = []
    details: dict[str, Any] = {}
    for _ in range(3):
        with emulator("--state-dir", str(state)) as server:
            restarts.append(time.perf_counter() - server.spawned_at)
            details["rss"] = server.rss_mb()
            client = Client(server)
            started = time.perf_counter()
            password_login(client, users - 1, users)
            details["first_login_ms"] = (time.perf_counter() - started) * 1000
    shutil.rmtree(state.parent, ignore_errors=True)
    print(f"\nrestart with {users} users: seed + first write {seeded:.1f} s (RSS {rss_seeded:.0f} MB), "
          f"state file {size_mb:.0f} MB; restart to ready min {min(restarts):.2f} / max {max(restarts):.2f} s, "
          f"RSS {details['rss']:.0f} MB, first login after it {details['first_login_ms']:.1f} ms", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small counts: a smoke run")
    args = parser.parse_args()
    pin_client()
    persistence_cost(0.2 if args.quick else 1.0)
    reset_latency(50 if args.quick else 300)
    restart_time(10_000 if args.quick else 100_000)


if __name__ == "__main__":
    main()
