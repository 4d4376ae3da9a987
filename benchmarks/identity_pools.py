"""Identity-pool latency as an Amplify app sees it: GetId then GetCredentialsForIdentity with a
user-pool ID token in Logins, over one keep-alive connection (concurrency 1).

    python benchmarks/identity_pools.py [--url http://127.0.0.1:9229] [--requests 2000]

Without ``--url`` a fresh emulator is started (``python -m emulator --port 0 --no-fixtures``).
Sets up its own user pool, client, user and identity pool, signs in once, then times each call.
Goal (identity-pool issue): p50 <= 0.8 ms for each operation. DescribeIdentityPool (a dict lookup)
is timed alongside as the floor set by HTTP and the dispatcher on this machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
READY = re.compile(r"ready at (http://\S+)")
GOAL_P50_MS = 0.8
IDP = "AWSCognitoIdentityProviderService"
IDENTITY = "AWSCognitoIdentityService"


class Client:
    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=10)

    def call(self, target: str, params: dict[str, Any]) -> dict[str, Any]:
        self.connection.request("POST", "/", json.dumps(params).encode(), {
            "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": target})
        response = self.connection.getresponse()
        body = json.loads(response.read() or b"{}")
        if response.status != 200:
            raise RuntimeError(f"{target}: HTTP {response.status} {body}")
        return dict(body)


@contextmanager
def emulator(url: str | None) -> Iterator[str]:
    if url:
        yield url
        return
    process = subprocess.Popen([sys.executable, "-m", "emulator", "--port", "0", "--no-fixtures"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert process.stdout is not None
        for line in process.stdout:
            match = READY.search(line)
            if match:
                yield match.group(1)
                return
        raise RuntimeError("emulator did not start")
    finally:
        process.terminate()
        process.wait(10)


def set_up(client: Client) -> tuple[str, dict[str, str]]:
    pool_id = client.call(f"{IDP}.CreateUserPool", {"PoolName": "bench"})["UserPool"]["Id"]
    client_id = client.call(f"{IDP}.CreateUserPoolClient", {
        "UserPoolId": pool_id, "ClientName": "bench", "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH"]},
    )["UserPoolClient"]["ClientId"]
    username, password = f"bench-{uuid.uuid4().hex[:8]}", "Bench-passw0rd!"
    client.call(f"{IDP}.AdminCreateUser", {"UserPoolId": pool_id, "Username": username, "MessageAction": "SUPPRESS"})
    client.call(f"{IDP}.AdminSetUserPassword", {"UserPoolId": pool_id, "Username": username, "Password": password,
                                                "Permanent": True})
    id_token = client.call(f"{IDP}.InitiateAuth", {
        "ClientId": client_id, "AuthFlow": "USER_PASSWORD_AUTH",
        "AuthParameters": {"USERNAME": username, "PASSWORD": password}})["AuthenticationResult"]["IdToken"]
    provider = f"cognito-idp.{pool_id.split('_')[0]}.amazonaws.com/{pool_id}"
    identity_pool_id = client.call(f"{IDENTITY}.CreateIdentityPool", {
        "IdentityPoolName": "bench", "AllowUnauthenticatedIdentities": False,
        "CognitoIdentityProviders": [{"ProviderName": provider, "ClientId": client_id}]})["IdentityPoolId"]
    client.call(f"{IDENTITY}.SetIdentityPoolRoles", {
        "IdentityPoolId": identity_pool_id, "Roles": {"authenticated": "arn:aws:iam::123456789012:role/bench"}})
    return identity_pool_id, {provider: id_token}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running emulator (default: start one)")
    parser.add_argument("--requests", type=int, default=2000, help="GetId + GetCredentialsForIdentity pairs")
    args = parser.parse_args()
    with emulator(args.url) as url:
        client = Client(url)
        identity_pool_id, logins = set_up(client)
        timings: dict[str, list[float]] = {"GetId": [], "GetCredentialsForIdentity": [], "DescribeIdentityPool": []}
        for i in range(args.requests + 100):  # the first 100 pairs warm up and are not counted
            started = time.perf_counter()
            identity_id = client.call(f"{IDENTITY}.GetId", {"IdentityPoolId": identity_pool_id, "Logins": logins})[
                "IdentityId"]
            middle = time.perf_counter()
            client.call(f"{IDENTITY}.GetCredentialsForIdentity", {"IdentityId": identity_id, "Logins": logins})
            done = time.perf_counter()
            client.call(f"{IDENTITY}.DescribeIdentityPool", {"IdentityPoolId": identity_pool_id})
            baseline = time.perf_counter()
            if i >= 100:
                timings["GetId"].append((middle - started) * 1000)
                timings["GetCredentialsForIdentity"].append((done - middle) * 1000)
                timings["DescribeIdentityPool"].append((baseline - done) * 1000)
    ok = True
    for name, values in timings.items():
        p50, p99 = statistics.median(values), percentile(values, 0.99)
        ok = ok and (p50 <= GOAL_P50_MS or name == "DescribeIdentityPool")
        print(f"{name:<26} c=1  p50 {p50:.3f} ms  p99 {p99:.3f} ms  (n={len(values)}, goal p50 <= {GOAL_P50_MS} ms)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
