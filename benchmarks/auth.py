"""Sign-in benchmark (issue #3): latency percentiles and throughput of the user-pool hot
paths against a real emulator pinned to one core, and how they scale with users.

    python benchmarks/auth.py            # full run (1k / 10k / 100k users; several minutes)
    python benchmarks/auth.py --quick    # smaller counts, for a smoke run

Client-side SRP math is excluded from SRP timings: only the two round trips are timed.
"""

from __future__ import annotations

import argparse
import base64
import functools
import hashlib
import hmac
import json
import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import HEADER, Client, Server, emulator, measure, pin_client, row  # noqa: E402
from emulator.srp.group import G, K, N, bytes_to_int, hash_padded, pad_bytes, powmod  # noqa: E402
from emulator.srp.timestamp import format_timestamp  # noqa: E402
from emulator.srp.verifier import compute_x  # noqa: E402

PASSWORD = "Bench-pass1!"
POOL = "us-east-1_bench"
CLIENT = "benchclient"
FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
         "ALLOW_ADMIN_USER_PASSWORD_AUTH"]


def seed_file(users: int) -> Path:
    """A seed with ``users`` confirmed users (user0..), each with an email."""
    entries = [{"Username": f"user{i}", "Password": PASSWORD, "Status": "CONFIRMED",
                "Attributes": {"email": f"user{i}@example.com", "email_verified": "true"}} for i in range(users)]
    seed = {"UserPools": [{"Id": POOL, "PoolName": "bench",
                           "Policies": {"PasswordPolicy": {"MinimumLength": 8}},
                           "Clients": [{"ClientId": CLIENT, "ClientName": "bench", "ExplicitAuthFlows": FLOWS}],
                           "Users": entries}]}
    path = Path(tempfile.mkdtemp()) / f"seed-{users}.json"
    path.write_text(json.dumps(seed))
    return path


def password_login(client: Client, index: int, users: int) -> dict[str, Any]:
    return client.ok("InitiateAuth", {"ClientId": CLIENT, "AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": {
        "USERNAME": f"user{index % users}", "PASSWORD": PASSWORD}})


def srp_login(client: Client, index: int, users: int) -> float:
    """Both SRP round trips, timed; the client's math (a real client's, with GMP) is not."""
    username = f"user{index % users}"
    ephemerals = client_ephemerals()
    a, big_a = ephemerals[index % len(ephemerals)]
    started = time.perf_counter()
    challenge = client.ok("InitiateAuth", {"ClientId": CLIENT, "AuthFlow": "USER_SRP_AUTH", "AuthParameters": {
        "USERNAME": username, "SRP_A": format(big_a, "x")}})
    first = time.perf_counter() - started
    responses = client_proof(challenge["ChallengeParameters"], a, big_a)
    started = time.perf_counter()
    client.ok("RespondToAuthChallenge", {"ClientId": CLIENT, "ChallengeName": "PASSWORD_VERIFIER",
                                         "ChallengeResponses": responses})
    return first + time.perf_counter() - started


@functools.cache
def _client_verifier(pool: str, user: str, salt: int) -> tuple[int, int]:
    """x and g^x for one user: fixed per user, so the load generator computes them once."""
    x = compute_x(pool.split("_", 1)[1], user, PASSWORD, salt)
    return x, powmod(G, x)


@functools.cache
def client_ephemerals(count: int = 64) -> tuple[tuple[int, int], ...]:
    """Client secrets ``a`` and ``A = g^a``, made before any timing and used in turn. The
    server's work does not depend on ``a`` (it checks only ``A mod N``), and the load generator
    shares one core with eight connections: computing a fresh 1024-bit ``g^a`` per login, as a
    real client does, made the generator, not the server, the limit of SRP ops/s."""
    secrets_ = [secrets.randbits(256) | (1 << 255) for _ in range(count)]
    return tuple((a, powmod(G, a)) for a in secrets_)


def client_proof(parameters: dict[str, str], a: int, big_a: int, pool: str = POOL) -> dict[str, str]:
    big_b, salt = int(parameters["SRP_B"], 16), int(parameters["SALT"], 16)
    user = parameters["USER_ID_FOR_SRP"]
    u = bytes_to_int(hash_padded(big_a, big_b))
    x, g_x = _client_verifier(pool, user, salt)
    s = powmod((big_b - K * g_x) % N, a + u * x)
    prk = hmac.new(pad_bytes(u), pad_bytes(s), hashlib.sha256).digest()
    key = hmac.new(prk, b"Caldera Derived Key\x01", hashlib.sha256).digest()[:16]
    timestamp = format_timestamp(datetime.now(UTC))
    block = base64.b64decode(parameters["SECRET_BLOCK"])
    message = pool.split("_", 1)[1].encode() + user.encode() + block + timestamp.encode()
    signature = base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()
    return {"USERNAME": user, "TIMESTAMP": timestamp, "PASSWORD_CLAIM_SECRET_BLOCK": parameters["SECRET_BLOCK"],
            "PASSWORD_CLAIM_SIGNATURE": signature}


def sign_up_and_confirm(client: Client, index: int) -> None:
    """A new user each call (a random suffix keeps names unique across concurrent workers)."""
    name = f"signup-{index}-{secrets.token_hex(4)}"
    client.ok("SignUp", {"ClientId": CLIENT, "Username": name, "Password": PASSWORD,
                         "UserAttributes": [{"Name": "email", "Value": f"{name}@example.com"}]})
    client.ok("AdminConfirmSignUp", {"UserPoolId": POOL, "Username": name})


def hot_paths(server: Server, users: int, scale: float) -> None:
    setup = Client(server)
    tokens = password_login(setup, 0, users)["AuthenticationResult"]
    refresh, access = tokens["RefreshToken"], tokens["AccessToken"]

    def login(client: Client, index: int) -> None:
        password_login(client, index, users)

    def refresh_login(client: Client, index: int) -> None:
        client.ok("InitiateAuth", {"ClientId": CLIENT, "AuthFlow": "REFRESH_TOKEN_AUTH",
                                   "AuthParameters": {"REFRESH_TOKEN": refresh}})

    def get_user(client: Client, index: int) -> None:
        client.ok("GetUser", {"AccessToken": access})

    cases: list[tuple[str, Callable[[Client, int], float | None], int]] = [
        ("USER_PASSWORD_AUTH", login, 2000),
        ("SRP login (2 round trips, client math excluded)", lambda c, i: srp_login(c, i, users), 400),
        ("REFRESH_TOKEN_AUTH", refresh_login, 2000),
        ("GetUser", get_user, 4000),
        ("SignUp + AdminConfirmSignUp", sign_up_and_confirm, 1000),
    ]
    print(HEADER)
    for name, step, total in cases:
        for concurrency in (1, 8):
            step(setup, 0)  # warm
            print(row(f"{name} c={concurrency}", measure(server, step, max(50, int(total * scale)), concurrency)),
                  flush=True)


def scaling(sizes: list[int]) -> None:
    print(f"\n{'users':>8} {'seed load s':>12} {'RSS MB':>8} {'login p50 ms':>13} {'ListUsers email= p50 ms':>24} "
          f"{'RSS after 5k logins':>20}")
    for users in sizes:
        scale_point(users)


def scale_point(users: int) -> None:
    """Seed ``users``, then: load time, RSS, login and ListUsers latency, RSS after 5k logins."""
    path = seed_file(users)
    started = time.perf_counter()
    with emulator("--fixtures", str(path)) as server:
        loaded = time.perf_counter() - started
        rss = server.rss_mb()
        client = Client(server)

        def random_login(c: Client, index: int) -> None:
            password_login(c, secrets.randbelow(users), users)

        def find_by_email(c: Client, index: int) -> None:
            c.ok("ListUsers", {"UserPoolId": POOL, "Filter": f'email = "user{secrets.randbelow(users)}@example.com"'})

        login = measure(server, random_login, 500, 1)
        query = measure(server, find_by_email, 500, 1)
        for index in range(5000):
            password_login(client, index, users)
        print(f"{users:>8} {loaded:>12.1f} {rss:>8.1f} {login['p50_ms']:>13.3f} {query['p50_ms']:>24.3f} "
              f"{server.rss_mb():>20.1f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small counts: a smoke run")
    args = parser.parse_args()
    pin_client()
    scale = 0.1 if args.quick else 1.0
    with emulator("--fixtures", str(seed_file(1000))) as server:
        hot_paths(server, 1000, scale)
    scaling([1000, 10000] if args.quick else [1000, 10000, 100000])


if __name__ == "__main__":
    main()
