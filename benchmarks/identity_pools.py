"""Identity-pool latency as an Amplify app sees it: GetId then GetCredentialsForIdentity with a
user-pool ID token in Logins, over one keep-alive connection (concurrency 1).

    python benchmarks/identity_pools.py [--url http://127.0.0.1:9229] [--requests 2000]

Without ``--url`` a fresh emulator is started on core 0 (the client stays on core 1).
Sets up its own user pool, client, user and identity pool, signs in once, then times each call.
Goal (identity-pool issue): p50 <= 0.8 ms; both readings are printed, per call and for the pair.
DescribeIdentityPool (a dict lookup) is timed alongside as the floor set by HTTP and the dispatcher on this machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import Client, Server, emulator, pin_client  # noqa: E402

GOAL_P50_MS = 0.8
IDP = "AWSCognitoIdentityProviderService"
IDENTITY = "AWSCognitoIdentityService"


@contextmanager
def target(url: str | None) -> Iterator[Server]:
    """The emulator at ``url``, or a fresh one for the duration of the block."""
    if url:
        parts = urlsplit(url)
        yield Server(url, parts.hostname or "127.0.0.1", parts.port or 80, 0, 0.0)
        return
    with emulator("--no-fixtures") as server:
        yield server


def set_up(client: Client) -> tuple[str, dict[str, str]]:
    pool_id = client.ok("CreateUserPool", {"PoolName": "bench"})["UserPool"]["Id"]
    client_id = client.ok("CreateUserPoolClient", {
        "UserPoolId": pool_id, "ClientName": "bench", "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH"]},
    )["UserPoolClient"]["ClientId"]
    username, password = f"bench-{uuid.uuid4().hex[:8]}", "Bench-passw0rd!"
    client.ok("AdminCreateUser", {"UserPoolId": pool_id, "Username": username, "MessageAction": "SUPPRESS"})
    client.ok("AdminSetUserPassword", {"UserPoolId": pool_id, "Username": username, "Password": password,
                                                "Permanent": True})
    id_token = client.ok("InitiateAuth", {
        "ClientId": client_id, "AuthFlow": "USER_PASSWORD_AUTH",
        "AuthParameters": {"USERNAME": username, "PASSWORD": password}})["AuthenticationResult"]["IdToken"]
    provider = f"cognito-idp.{pool_id.split('_')[0]}.amazonaws.com/{pool_id}"
    identity_pool_id = client.ok("CreateIdentityPool", {
        "IdentityPoolName": "bench", "AllowUnauthenticatedIdentities": False,
        "CognitoIdentityProviders": [{"ProviderName": provider, "ClientId": client_id}]}, IDENTITY)["IdentityPoolId"]
    client.ok("SetIdentityPoolRoles", {
        "IdentityPoolId": identity_pool_id, "Roles": {"authenticated": "arn:aws:iam::123456789012:role/bench"}},
        IDENTITY)
    return identity_pool_id, {provider: id_token}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running emulator (default: start one)")
    parser.add_argument("--requests", type=int, default=2000, help="GetId + GetCredentialsForIdentity pairs")
    args = parser.parse_args()
    pin_client()
    with target(args.url) as server:
        client = Client(server)
        identity_pool_id, logins = set_up(client)
        timings: dict[str, list[float]] = {"GetId": [], "GetCredentialsForIdentity": [], "GetId + GetCredentials": [],
                                           "DescribeIdentityPool": []}
        for i in range(args.requests + 100):  # the first 100 pairs warm up and are not counted
            started = time.perf_counter()
            identity_id = client.ok("GetId", {"IdentityPoolId": identity_pool_id, "Logins": logins}, IDENTITY)[
                "IdentityId"]
            middle = time.perf_counter()
            client.ok("GetCredentialsForIdentity", {"IdentityId": identity_id, "Logins": logins}, IDENTITY)
            done = time.perf_counter()
            client.ok("DescribeIdentityPool", {"IdentityPoolId": identity_pool_id}, IDENTITY)
            baseline = time.perf_counter()
            if i >= 100:
                timings["GetId"].append((middle - started) * 1000)
                timings["GetCredentialsForIdentity"].append((done - middle) * 1000)
                timings["GetId + GetCredentials"].append((done - started) * 1000)
                timings["DescribeIdentityPool"].append((baseline - done) * 1000)
    for name, values in timings.items():
        p50, p99 = statistics.median(values), percentile(values, 0.99)
        print(f"{name:<26} c=1  p50 {p50:.3f} ms  p99 {p99:.3f} ms  (n={len(values)}, goal p50 <= {GOAL_P50_MS} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
