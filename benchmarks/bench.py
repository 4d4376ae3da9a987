"""The performance table of issue #14 in one run: the emulator beside the floor (uvicorn +
httptools + Starlette echoing the JSON body) and, with ``--compare moto``, beside moto's server
running the same workloads, so every goal is a ratio measured in the same minutes.

    make bench                                   # = python benchmarks/bench.py --compare moto
    python benchmarks/bench.py --quick           # shorter runs, 1k/10k users only: a smoke run

Each server runs pinned to core 0 (``taskset``) and the load generator on core 1. A workload runs
for a fixed time at concurrency 1 and 8 over keep-alive connections; client-side SRP math is not
timed. Figures on these shared machines drift from day to day: read the ratios, which are measured
side by side, and repeat a run before trusting a single figure. Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.auth import PASSWORD, client_ephemerals, client_proof  # noqa: E402
from benchmarks.harness import ROOT, Client, Server, pin_client, summary  # noqa: E402

IDENTITY = "AWSCognitoIdentityService"
FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
         "ALLOW_ADMIN_USER_PASSWORD_AUTH"]
HOT_USERS = 50  # users the hot paths sign in as, made through the API on every server alike
Step = Callable[[Client, int], "float | None"]


# ---------------------------------------------------------------- servers


@dataclass
class Started:
    server: Server
    cold_start_ms: float
    rss_start_mb: float
    cpu_start_ms: float  # the process's user + system CPU time up to its first answer: steadier on a busy machine


def cpu_ms(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _probe(server: Server, body: dict[str, Any]) -> bool:
    try:
        status, _ = Client(server).call("ListUserPools", body)
    except (OSError, http.client.HTTPException):
        return False
    return status == 200


@contextmanager
def serve(kind: str, *args: str, core: int = 0, timeout: float = 900, cwd: Path = ROOT) -> Iterator[Started]:
    """``kind`` (emulator, floor, moto) on a free port, pinned to ``core``; cold start is spawn ->
    first answered request (polled every 2 ms). ``cwd`` runs another checkout's emulator (the
    pre-issue baseline of the seed load)."""
    port = _free_port()
    state_dir = tempfile.mkdtemp(prefix="bench-state-")
    emulator = [sys.executable, "-m", "emulator", "--port", str(port), "--log-level", "warning", *args]
    commands = {
        "emulator": emulator,
        "emu+state": [*emulator, "--state-dir", state_dir],  # every change committed to SQLite before the answer
        "floor": [sys.executable, str(ROOT / "benchmarks" / "floor_app.py"), str(port)],
        "moto": [sys.executable, "-m", "moto.server", "--port", str(port)],
    }
    command = commands[kind]
    if shutil.which("taskset") and (os.cpu_count() or 1) > 1:
        command = ["taskset", "-c", str(core), *command]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    spawned = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, env=env)
    server = Server(f"http://127.0.0.1:{port}", "127.0.0.1", port, process.pid, spawned)
    try:
        deadline = spawned + timeout
        while not _probe(server, {"MaxResults": 10}):
            if process.poll() is not None or time.perf_counter() > deadline:
                raise RuntimeError(f"{kind} did not start")
            time.sleep(0.002)
        cold = (time.perf_counter() - spawned) * 1000
        yield Started(server, cold, server.rss_mb(), cpu_ms(process.pid))
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(state_dir, ignore_errors=True)


def run_for(server: Server, step: Step, seconds: float, concurrency: int) -> dict[str, float]:
    """``step`` over ``concurrency`` keep-alive connections for ``seconds``; with the server's CPU
    time per op (``cpu_ms_op``, from /proc: steadier than wall time on a busy machine)."""
    latencies: list[float] = []
    lock = threading.Lock()
    counter = iter(range(10**9))
    stop = time.perf_counter() + seconds

    def worker() -> None:
        client = Client(server)
        mine: list[float] = []
        while time.perf_counter() < stop:
            with lock:
                index = next(counter)
            started = time.perf_counter()
            own = step(client, index)
            mine.append(own if own is not None else time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    cpu_before = cpu_ms(server.pid)
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    figures = summary(latencies, time.perf_counter() - started)
    figures["cpu_ms_op"] = (cpu_ms(server.pid) - cpu_before) / max(1, len(latencies))  # the server's CPU per op
    return figures


# ---------------------------------------------------------------- workloads


@dataclass
class Setup:
    pool_id: str
    client_id: str
    usernames: list[str]
    access_token: str
    refresh_token: str
    identity_pool_id: str
    logins: dict[str, str]
    extra: dict[str, Any] = field(default_factory=dict)


def set_up(client: Client, users: int = HOT_USERS) -> Setup:
    """The same pool, client, users and identity pool on any server, through the API only."""
    pool_id = client.ok("CreateUserPool", {"PoolName": "bench", "Policies": {
        "PasswordPolicy": {"MinimumLength": 8}}})["UserPool"]["Id"]
    client_id = client.ok("CreateUserPoolClient", {"UserPoolId": pool_id, "ClientName": "bench",
                                                   "ExplicitAuthFlows": FLOWS})["UserPoolClient"]["ClientId"]
    names = [f"user{i}" for i in range(users)]
    for name in names:
        client.ok("AdminCreateUser", {"UserPoolId": pool_id, "Username": name, "MessageAction": "SUPPRESS",
                                      "UserAttributes": [{"Name": "email", "Value": f"{name}@example.com"}]})
        client.ok("AdminSetUserPassword", {"UserPoolId": pool_id, "Username": name, "Password": PASSWORD,
                                           "Permanent": True})
    tokens = _password_login(client, client_id, names[0])["AuthenticationResult"]
    provider = f"cognito-idp.us-east-1.amazonaws.com/{pool_id}"
    identity_pool_id = client.ok("CreateIdentityPool", {
        "IdentityPoolName": "bench", "AllowUnauthenticatedIdentities": False,
        "CognitoIdentityProviders": [{"ProviderName": provider, "ClientId": client_id}]}, IDENTITY)["IdentityPoolId"]
    try:  # moto's server does not implement it (and needs no role to hand out credentials)
        client.call("SetIdentityPoolRoles", {"IdentityPoolId": identity_pool_id,
                                             "Roles": {"authenticated": "arn:aws:iam::123456789012:role/bench"}},
                    IDENTITY)
    except ValueError:
        client.connection.close()
    return Setup(pool_id, client_id, names, tokens["AccessToken"], tokens["RefreshToken"], identity_pool_id,
                 {provider: tokens["IdToken"]})


def _password_login(client: Client, client_id: str, username: str) -> dict[str, Any]:
    return client.ok("InitiateAuth", {"ClientId": client_id, "AuthFlow": "USER_PASSWORD_AUTH",
                                      "AuthParameters": {"USERNAME": username, "PASSWORD": PASSWORD}})


def _srp_login(setup: Setup, client: Client, index: int) -> float:
    """Both round trips, timed; the client's math is not (and is kept small: see
    ``client_ephemerals``). moto answers random SRP values (it does no SRP math) and accepts any
    proof, so its proof is a stand-in."""
    username = setup.usernames[index % len(setup.usernames)]
    ephemerals = client_ephemerals()
    a, big_a = ephemerals[index % len(ephemerals)]
    started = time.perf_counter()
    challenge = client.ok("InitiateAuth", {"ClientId": setup.client_id, "AuthFlow": "USER_SRP_AUTH",
                                           "AuthParameters": {"USERNAME": username, "SRP_A": format(big_a, "x")}})
    first = time.perf_counter() - started
    parameters = challenge["ChallengeParameters"]
    try:
        responses = client_proof(parameters, a, big_a, setup.pool_id)
    except (ValueError, TypeError):  # moto: SECRET_BLOCK is not base64, SRP_B is random
        responses = {"USERNAME": username, "TIMESTAMP": "Mon Jan 1 00:00:00 UTC 2024",
                     "PASSWORD_CLAIM_SECRET_BLOCK": parameters["SECRET_BLOCK"],
                     "PASSWORD_CLAIM_SIGNATURE": base64.b64encode(b"x" * 32).decode()}
    responses["USERNAME"] = parameters.get("USERNAME", responses["USERNAME"])  # moto: USER_ID_FOR_SRP is an id
    started = time.perf_counter()
    body: dict[str, Any] = {"ClientId": setup.client_id, "ChallengeName": "PASSWORD_VERIFIER",
                            "ChallengeResponses": responses}
    if "Session" in challenge:
        body["Session"] = challenge["Session"]
    client.ok("RespondToAuthChallenge", body)
    return first + time.perf_counter() - started


def workloads(setup: Setup) -> dict[str, Step]:
    def password(client: Client, index: int) -> None:
        _password_login(client, setup.client_id, setup.usernames[index % len(setup.usernames)])

    def refresh(client: Client, index: int) -> None:
        client.ok("InitiateAuth", {"ClientId": setup.client_id, "AuthFlow": "REFRESH_TOKEN_AUTH",
                                   "AuthParameters": {"REFRESH_TOKEN": setup.refresh_token}})

    def get_user(client: Client, index: int) -> None:
        client.ok("GetUser", {"AccessToken": setup.access_token})

    def identity(client: Client, index: int) -> None:
        identity_id = client.ok("GetId", {"IdentityPoolId": setup.identity_pool_id, "Logins": setup.logins},
                                IDENTITY)["IdentityId"]
        client.ok("GetCredentialsForIdentity", {"IdentityId": identity_id, "Logins": setup.logins}, IDENTITY)

    def sign_up(client: Client, index: int) -> None:
        name = f"s{index}-{uuid.uuid4().hex[:8]}"
        client.ok("SignUp", {"ClientId": setup.client_id, "Username": name, "Password": PASSWORD,
                             "UserAttributes": [{"Name": "email", "Value": f"{name}@example.com"}]})
        client.ok("AdminConfirmSignUp", {"UserPoolId": setup.pool_id, "Username": name})

    return {
        "GetUser": get_user,
        "USER_PASSWORD_AUTH": password,
        "SRP login (2 round trips)": lambda c, i: _srp_login(setup, c, i),
        "REFRESH_TOKEN_AUTH": refresh,
        "GetId + GetCredentialsForIdentity": identity,
        "SignUp + AdminConfirmSignUp": sign_up,
    }


def echo_step(client: Client, index: int) -> None:
    client.ok("GetUser", {"AccessToken": "x" * 1000})  # about the size of a GetUser request


# ---------------------------------------------------------------- scaling


def seed_file(users: int, directory: Path) -> Path:
    entries = [{"Username": f"user{i}", "Password": PASSWORD, "Status": "CONFIRMED",
                "Attributes": {"email": f"user{i}@example.com", "email_verified": "true"}} for i in range(users)]
    seed = {"UserPools": [{"Id": "us-east-1_bench", "PoolName": "bench",
                           "Policies": {"PasswordPolicy": {"MinimumLength": 8}},
                           "Clients": [{"ClientId": "benchclient", "ClientName": "bench", "ExplicitAuthFlows": FLOWS}],
                           "Users": entries}]}
    path = directory / f"seed-{users}.json"
    path.write_text(json.dumps(seed))
    return path


def scale_points(sizes: list[int], directory: Path, seconds: float, rounds: int) -> dict[int, dict[str, float]]:
    """Seed load time and RSS per size; then, with every size's server up at once, ListUsers
    pages (no filter, and an ``email ^=`` prefix) and logins, the sizes taking turns for
    ``rounds`` rounds so that the ratios between sizes share the machine's drift."""
    pool = "us-east-1_bench"

    def page(client: Client, index: int) -> None:
        client.ok("ListUsers", {"UserPoolId": pool, "Limit": 60})

    def prefix_for(users: int) -> Step:
        def prefix(client: Client, index: int) -> None:
            client.ok("ListUsers", {"UserPoolId": pool, "Limit": 60,
                                    "Filter": f'email ^= "user{(index * 7919) % users}"'})
        return prefix

    def login_for(users: int) -> Step:
        def login(client: Client, index: int) -> None:
            client.ok("InitiateAuth", {"ClientId": "benchclient", "AuthFlow": "USER_PASSWORD_AUTH",
                                       "AuthParameters": {"USERNAME": f"user{(index * 7919) % users}",
                                                          "PASSWORD": PASSWORD}})
        return login

    points: dict[int, dict[str, float]] = {}
    samples: dict[int, dict[str, list[float]]] = {size: {} for size in sizes}
    with ExitStack() as stack:
        servers = {}
        for size in sizes:
            print(f"scaling: loading {size} users...", file=sys.stderr, flush=True)
            started = stack.enter_context(serve("emulator", "--fixtures", str(seed_file(size, directory))))
            servers[size] = started.server
            points[size] = {"load_s": started.cold_start_ms / 1000, "load_cpu_s": started.cpu_start_ms / 1000,
                            "rss_mb": started.rss_start_mb, "settled_s": _settled(started.server)}
        for round_ in range(rounds):
            for size in sizes[round_ % len(sizes):] + sizes[:round_ % len(sizes)]:
                for name, step in (("list_p50_ms", page), ("prefix_p50_ms", prefix_for(size)),
                                   ("login_p50_ms", login_for(size))):
                    samples[size].setdefault(name, []).append(run_for(servers[size], step, seconds, 1)["p50_ms"])
    for size in sizes:
        points[size].update({name: statistics.median(values) for name, values in samples[size].items()})
    return points


def _settled(server: Server) -> float:
    """Seconds from spawn until a large seed's passwords are all hashed (they are hashed in the
    background after the first answer): nothing is measured on a server still doing that."""
    client = Client(server)
    while True:
        client.connection.request("GET", "/_emulator/health")
        response = client.connection.getresponse()
        if not json.loads(response.read()).get("pendingPasswords"):
            return time.perf_counter() - server.spawned_at
        time.sleep(0.05)


def restart_point(users: int, directory: Path) -> dict[str, float]:
    """Seed ``users`` into a state dir, then time two restarts on it (spawn -> first answer)."""
    state = directory / f"state-{users}"
    with serve("emulator", "--fixtures", str(seed_file(users, directory)), "--state-dir", str(state)):
        pass
    restarts, cpu = [], []
    for _ in range(2):
        with serve("emulator", "--state-dir", str(state)) as started:
            restarts.append(started.cold_start_ms / 1000)
            cpu.append(started.cpu_start_ms / 1000)
    shutil.rmtree(state, ignore_errors=True)
    return {"restart_s": min(restarts), "restart_cpu_s": min(cpu)}


# The last commit before issue #14's first change: the seed load's "before", measured in the same run.
BASELINE_REV = "d72363a"


def baseline_seed_load(users: int, directory: Path) -> dict[str, float]:
    """Seconds from spawn to first answer for the same seed file on the pre-#14 code (a git
    worktree of ``BASELINE_REV`` run with this interpreter); empty when the clone lacks it."""
    checkout = directory / "baseline"
    made = subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--force", str(checkout),
                           BASELINE_REV], capture_output=True)
    if made.returncode != 0:
        print(f"baseline {BASELINE_REV} not in this clone: seed load ratio left out", file=sys.stderr)
        return {}
    try:
        print(f"scaling: loading {users} users on {BASELINE_REV} (before #14)...", file=sys.stderr, flush=True)
        with serve("emulator", "--fixtures", str(seed_file(users, directory)), cwd=checkout) as started:
            return {"baseline_load_s": started.cold_start_ms / 1000}
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(checkout)], capture_output=True)


def reset_ratio(seconds: float) -> dict[str, float]:
    """POST /_emulator/reset of the demo seed (after adding a user each time) against the
    floor's echo round trip measured in the same run."""
    with serve("emulator") as started:
        client = Client(started.server)
        latencies = []
        stop = time.perf_counter() + seconds
        index = 0
        while time.perf_counter() < stop:
            client.ok("AdminCreateUser", {"UserPoolId": "us-east-1_localdemo", "Username": f"r{index}",
                                          "MessageAction": "SUPPRESS", "UserAttributes": [
                                              {"Name": "email", "Value": f"r{index}@example.com"}]})
            begun = time.perf_counter()
            client.connection.request("POST", "/_emulator/reset", b"", {"Content-Type": "application/json"})
            response = client.connection.getresponse()
            response.read()
            latencies.append(time.perf_counter() - begun)
            index += 1
    return {"reset_p50_ms": statistics.median(latencies) * 1000}


# ---------------------------------------------------------------- the ceiling

_CRYPTO_PROBE = """
import json, secrets, time
from emulator.srp.group import N, powmod_big
from emulator.tokens.jose import sign_rs256
from emulator.tokens.keys import generate_rsa_key
key = generate_rsa_key()
claims = {"sub": "x" * 36, "iss": "y" * 80, "scope": "aws.cognito.signin.user.admin", "exp": 1, "jti": "z" * 36}
for _ in range(20):
    sign_rs256(key, b"eyJraWQiOiJ4IiwiYWxnIjoiUlMyNTYifQ", claims)
started = time.perf_counter()
for _ in range(300):
    sign_rs256(key, b"eyJraWQiOiJ4IiwiYWxnIjoiUlMyNTYifQ", claims)
sign = (time.perf_counter() - started) / 300
values = [(secrets.randbits(3000), secrets.randbits(256)) for _ in range(200)]
powmod_big(*values[0])
started = time.perf_counter()
for base, exp in values:
    powmod_big(base, exp)
powmod = (time.perf_counter() - started) / len(values)
from emulator.srp.group import g_pow
from emulator.srp.verifier_tables import v_pow_u
v = g_pow(secrets.randbits(256))
v_pow_u(v, 1), v_pow_u(v, 1)  # the second sight builds v's table
started = time.perf_counter()
for _, exp in values:
    v_pow_u(v, exp)
comb = (time.perf_counter() - started) / len(values)
from emulator.srp.group import g_pow_big
for _, exp in values[:20]:  # past the first uses, which skip the table (see group.py)
    g_pow_big(exp)
started = time.perf_counter()
for _, exp in values:
    g_pow_big(exp)
g_pow = (time.perf_counter() - started) / len(values)
print(json.dumps({"sign_ms": sign * 1000, "powmod_ms": powmod * 1000, "comb_ms": comb * 1000,
                  "g_pow_ms": g_pow * 1000}))
"""

# What one op of each sign-in workload must cost on the server's one core whatever the emulator
# does: the floor's per-request CPU for each round trip, plus the cryptography AWS requires (two
# RSA-2048 signatures per sign-in: ID and access token; for SRP's S = (A * v^u)^b one 3072-bit
# exponentiation with a 256-bit exponent, and v^u from the verifier's comb table (a user signing in
# again), and B's g^b for a fresh b from the fixed-base table of g). As (trips, signatures,
# exponentiations, combs, g^b). The crypto is timed beside each workload's runs (``measure_all``): its
# speed here changes by a third within minutes while moto's Python does not.
CEILINGS = {"USER_PASSWORD_AUTH": (1, 2, 0, 0, 0), "REFRESH_TOKEN_AUTH": (1, 2, 0, 0, 0),
            "SRP login (2 round trips)": (2, 2, 1, 1, 1)}


def crypto_costs() -> dict[str, float]:
    """One RSA-2048 signature and one SRP exponentiation, timed on the server's core with the
    emulator's own code (its OpenSSL backend for SRP when the system has one)."""
    command = [sys.executable, "-c", _CRYPTO_PROBE]
    if shutil.which("taskset") and (os.cpu_count() or 1) > 1:
        command = ["taskset", "-c", "0", *command]
    output = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT).stdout
    costs: dict[str, float] = json.loads(output)
    return costs


def ceiling_ops_s(label: str, echo_cpu_ms: float, crypto: dict[str, float]) -> float:
    trips, signatures, exponentiations, combs, g_pows = CEILINGS[label]
    return 1000 / (trips * echo_cpu_ms + signatures * crypto["sign_ms"] + exponentiations * crypto["powmod_ms"]
                   + combs * crypto["comb_ms"] + g_pows * crypto["g_pow_ms"])


# ---------------------------------------------------------------- the table


@dataclass
class Figures:
    cold_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    rss_mb: float = 0.0
    runs: dict[str, dict[str, float]] = field(default_factory=dict)


def cold_starts(kinds: list[str], runs: int) -> dict[str, Figures]:
    """Fresh processes, the kinds alternating so that drift of the machine hits each alike."""
    results = {kind: Figures() for kind in kinds}
    for _ in range(runs):
        for kind in kinds:
            with serve(kind) as started:
                results[kind].cold_ms.append(started.cold_start_ms)
                results[kind].cpu_ms.append(started.cpu_start_ms)
                results[kind].rss_mb = started.rss_start_mb
    return results


def measure_all(results: dict[str, Figures], seconds: float, rounds: int) -> dict[str, dict[str, float]]:
    """Every server up at once (all on core 0, idle but one); each workload runs on each server in
    turn, ``rounds`` times in rotating order, and the medians are kept. Returns, for each sign-in
    workload, the crypto's cost timed before each of its c=8 rounds (medians)."""
    crypto: dict[str, dict[str, float]] = {}
    kinds = [kind for kind in results if kind != "floor"]
    with ExitStack() as stack:
        servers = {kind: stack.enter_context(serve(kind, *(["--no-fixtures"] if kind.startswith("emu") else [])))
                   .server for kind in results}
        steps: dict[str, dict[str, Step]] = {"floor": {"echo": echo_step}}
        for kind in kinds:
            steps[kind] = workloads(set_up(Client(servers[kind])))
        names = list(dict.fromkeys(name for per_kind in steps.values() for name in per_kind))
        for name in names:
            having = [kind for kind in results if name in steps[kind]]
            for kind in having:
                steps[kind][name](Client(servers[kind]), 0)  # warm
            for concurrency in (1, 8):
                samples: dict[str, list[dict[str, float]]] = {kind: [] for kind in having}
                probes: list[dict[str, float]] = []
                for round_ in range(rounds):
                    if concurrency == 8 and name in CEILINGS:
                        probes.append(crypto_costs())
                    for kind in having[round_ % len(having):] + having[:round_ % len(having)]:
                        samples[kind].append(run_for(servers[kind], steps[kind][name], seconds, concurrency))
                for kind, runs in samples.items():
                    results[kind].runs[f"{name} c={concurrency}"] = {
                        key: statistics.median(run[key] for run in runs) for key in runs[0]}
                if probes:
                    crypto[name] = {key: statistics.median(probe[key] for probe in probes) for key in probes[0]}
                print(f"  {name} c={concurrency}: " + ", ".join(
                    f"{kind} {results[kind].runs[f'{name} c={concurrency}']['ops_s']:.0f}/s" for kind in having),
                      file=sys.stderr, flush=True)
    return crypto


def print_runs(results: dict[str, Figures]) -> None:
    print(f"\n{'workload':<44} {'server':<9} {'p50 ms':>8} {'p99 ms':>8} {'ops/s':>8} {'CPU ms/op':>10}")
    labels = [label for figures in results.values() for label in figures.runs]
    for label in dict.fromkeys(labels):
        for kind, figures in results.items():
            if label in figures.runs:
                run = figures.runs[label]
                print(f"{label:<44} {kind:<9} {run['p50_ms']:>8.3f} {run['p99_ms']:>8.3f} {run['ops_s']:>8.0f}"
                      f" {run['cpu_ms_op']:>10.3f}")


def goal_rows(results: dict[str, Figures], scale: dict[int, dict[str, float]], extra: dict[str, float],
              crypto: dict[str, dict[str, float]]) -> list[tuple[str, str, str, bool | None]]:
    emu, floor, moto = results["emulator"], results["floor"], results.get("moto")
    rows: list[tuple[str, str, str, bool | None]] = []

    def ratio(name: str, value: float, goal: str, met: bool) -> None:
        rows.append((name, f"{value:.2f}x", goal, met))

    cold = statistics.median(emu.cold_ms) / statistics.median(floor.cold_ms)
    ratio(f"cold start ÷ floor's ({statistics.median(emu.cold_ms):.0f} / {statistics.median(floor.cold_ms):.0f} ms)",
          cold, "<= 1.4x", cold <= 1.4)
    # /proc counts CPU time in clock ticks (10 ms here, a 15th of a start): a mean of the runs, not
    # a median, resolves it (a median of 150 and 160 ms ticks is one or the other).
    emu_cpu, floor_cpu = statistics.fmean(emu.cpu_ms), statistics.fmean(floor.cpu_ms)
    cpu = emu_cpu / floor_cpu
    ratio(f"  the same in CPU time, mean ({emu_cpu:.0f} / {floor_cpu:.0f} ms)", cpu, "<= 1.4x", cpu <= 1.4)
    rss = emu.rss_mb / floor.rss_mb
    ratio(f"RSS at start ÷ floor's ({emu.rss_mb:.1f} / {floor.rss_mb:.1f} MB)", rss, "<= 1.25x", rss <= 1.25)
    if moto is not None:
        for label, goal in (("SRP login (2 round trips)", 3.0), ("USER_PASSWORD_AUTH", 4.0),
                            ("REFRESH_TOKEN_AUTH", 4.0), ("GetUser", 10.0), ("GetId + GetCredentialsForIdentity", 10.0),
                            ("SignUp + AdminConfirmSignUp", 10.0)):
            value = emu.runs[f"{label} c=8"]["ops_s"] / moto.runs[f"{label} c=8"]["ops_s"]
            ratio(f"{label} ops/s c=8 ÷ moto's", value, f">= {goal:.0f}x", value >= goal)
            if label in crypto:
                costs = crypto[label]
                best = ceiling_ops_s(label, floor.runs["echo c=8"]["cpu_ms_op"], costs)
                timed = f"sign {costs['sign_ms']:.2f}" + (
                    f", exp {costs['powmod_ms']:.2f}, comb {costs['comb_ms']:.2f}, g^b {costs['g_pow_ms']:.2f}"
                    if CEILINGS[label][2] else "")
                rows.append((f"  ceiling on one core: floor + crypto ({timed} ms; {best:.0f} ops/s) ÷ moto's",
                             f"{best / moto.runs[f'{label} c=8']['ops_s']:.2f}x", "", None))
                rows.append(("  the emulator's ops/s ÷ that ceiling",
                             f"{emu.runs[f'{label} c=8']['ops_s'] / best:.2f}x", "", None))
    for kind in [k for k in results if k.startswith("emu+")]:  # the same with a state dir behind
        for label in ("USER_PASSWORD_AUTH", "SignUp + AdminConfirmSignUp"):
            if moto is not None:
                value = results[kind].runs[f"{label} c=8"]["ops_s"] / moto.runs[f"{label} c=8"]["ops_s"]
                rows.append((f"  {label} ops/s c=8 ÷ moto's, {kind}", f"{value:.2f}x", "", None))
    getuser = emu.runs["GetUser c=1"]["p50_ms"] / floor.runs["echo c=1"]["p50_ms"]
    ratio("GetUser c=1 p50 ÷ floor's echo p50", getuser, "<= 1.3x", getuser <= 1.3)
    sizes = sorted(scale)
    for size in sizes[1:]:
        value = scale[size]["list_p50_ms"] / scale[sizes[0]]["list_p50_ms"]
        ratio(f"ListUsers Limit 60 p50 at {size // 1000}k ÷ at {sizes[0] // 1000}k", value, "<= 1.2x", value <= 1.2)
        value = scale[size]["prefix_p50_ms"] / scale[sizes[0]]["prefix_p50_ms"]
        ratio(f"ListUsers email ^= p50 at {size // 1000}k ÷ at {sizes[0] // 1000}k", value, "<= 1.2x", value <= 1.2)
    if "reset_p50_ms" in extra:
        value = extra["reset_p50_ms"] / floor.runs["echo c=1"]["p50_ms"]
        rows.append(("POST /_emulator/reset (demo seed) ÷ echo round trip", f"{value:.1f} trips", "<= 10",
                     value <= 10))
    largest = sizes[-1]
    rows.append((f"seed load to first answer, {largest // 1000}k users (all hashed at "
                 f"{scale[largest]['settled_s']:.1f} s)", f"{scale[largest]['load_s']:.1f} s", "", None))
    if "baseline_load_s" in extra:
        value = extra["baseline_load_s"] / scale[largest]["load_s"]
        ratio(f"  before #14 ({BASELINE_REV}: {extra['baseline_load_s']:.1f} s) ÷ now", value, ">= 5x", value >= 5)
    if len(sizes) > 1:
        per_user = (scale[largest]["rss_mb"] - scale[sizes[0]]["rss_mb"]) * 1024 * 1024 / (largest - sizes[0])
        rows.append((f"memory per user ({sizes[0] // 1000}k -> {largest // 1000}k)", f"{per_user / 1024:.2f} KB",
                     "", None))
    if "restart_s" in extra:
        rows.append((f"restart with {extra['restart_users'] / 1000:.0f}k users in a state dir",
                     f"{extra['restart_s']:.2f} s", "<= 2 s (#8's)", extra["restart_s"] <= 2.0))
        rows.append(("  the same in CPU time", f"{extra['restart_cpu_s']:.2f} s", "", None))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--compare", choices=["moto"], help="also run moto's server through the same workloads")
    parser.add_argument("--quick", action="store_true", help="short runs and 1k/10k users: a smoke run")
    parser.add_argument("--seconds", type=float, help="time per workload, concurrency and round (default 2, quick 0.5)")
    args = parser.parse_args()
    pin_client()
    seconds = args.seconds or (0.5 if args.quick else 2.0)
    cold_runs = 3 if args.quick else 10
    rounds = 1 if args.quick else 3
    kinds = ["floor", "emulator", "emu+state"] + (["moto"] if args.compare == "moto" else [])
    print("cold starts...", file=sys.stderr, flush=True)
    results = cold_starts(kinds, cold_runs)
    crypto = measure_all(results, seconds, rounds)
    directory = Path(tempfile.mkdtemp(prefix="bench-"))
    sizes = [1000, 10_000] if args.quick else [1000, 10_000, 100_000]
    scale = scale_points(sizes, directory, seconds, rounds)
    extra: dict[str, float] = reset_ratio(seconds)
    extra.update(baseline_seed_load(sizes[-1], directory))
    restart_users = sizes[-1]
    print(f"restart with {restart_users} users...", file=sys.stderr, flush=True)
    extra.update(restart_point(restart_users, directory), restart_users=restart_users)
    shutil.rmtree(directory, ignore_errors=True)

    print(f"cognito-emulator benchmark ({os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
          f"{seconds:g} s per workload, server on core 0, load on core 1; shared machine: compare ratios)")
    print_runs(results)
    print(f"\n{'users':>8} {'seed load s':>12} {'(CPU s)':>8} {'hashed s':>9} {'RSS MB':>8} {'ListUsers p50 ms':>17} "
          f"{'email ^= p50 ms':>16} {'login p50 ms':>13}")
    for size, point in scale.items():
        print(f"{size:>8} {point['load_s']:>12.2f} {point['load_cpu_s']:>8.2f} {point['settled_s']:>9.2f} "
              f"{point['rss_mb']:>8.1f} "
              f"{point['list_p50_ms']:>17.3f} {point['prefix_p50_ms']:>16.3f} {point['login_p50_ms']:>13.3f}")
    print()
    rows = goal_rows(results, scale, extra, crypto)
    width = max(len(r[0]) for r in rows)
    for name, value, goal, met in rows:
        verdict = "" if met is None else ("  ok" if met else "  MISSED")
        print(f"{name.ljust(width)}  {value:>12}  {goal:<18}{verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
