"""OAuth benchmark (issue #10): the hosted-UI sign-in as a browser does it (GET /oauth2/authorize
-> GET /login -> POST /login -> POST /oauth2/token with PKCE), and client-credentials tokens,
against a real emulator pinned to one core. p50/p99/ops/s at c=1 and c=8; printed, not asserted.

    python benchmarks/oauth.py            # 1000 sign-ins / 4000 tokens per row
    python benchmarks/oauth.py --quick    # 100 / 400
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import HEADER, Client, emulator, measure, pin_client, row  # noqa: E402

PASSWORD = "Bench-pass1!"
POOL = "us-east-1_oauthbench"
WEB, SERVICE = "benchweb", "benchservice"
SECRET = "benchsecret000000000000000000000000000000000000000"
CALLBACK = "http://localhost:3000/callback"
USERS = 100
VERIFIER = "v" * 64
CHALLENGE = base64.urlsafe_b64encode(hashlib.sha256(VERIFIER.encode()).digest()).rstrip(b"=").decode()
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def seed_file() -> Path:
    users = [{"Username": f"user{i}", "Password": PASSWORD, "Status": "CONFIRMED",
              "Attributes": {"email": f"user{i}@example.com", "email_verified": "true"}} for i in range(USERS)]
    seed = {"UserPools": [{
        "Id": POOL, "PoolName": "oauth-bench", "Domain": "oauth-bench",
        "ResourceServers": [{"Identifier": "api", "Name": "api",
                             "Scopes": [{"ScopeName": "read", "ScopeDescription": "read"}]}],
        "Clients": [
            {"ClientId": WEB, "ClientName": "web", "AllowedOAuthFlowsUserPoolClient": True,
             "AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid", "email"], "CallbackURLs": [CALLBACK]},
            {"ClientId": SERVICE, "ClientName": "service", "ClientSecret": SECRET,
             "AllowedOAuthFlowsUserPoolClient": True, "AllowedOAuthFlows": ["client_credentials"],
             "AllowedOAuthScopes": ["api/read"]}],
        "Users": users}]}
    path = Path(tempfile.mkdtemp()) / "oauth-seed.json"
    path.write_text(json.dumps(seed))
    return path


def request(client: Client, method: str, path: str, body: str | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    client.connection.request(method, path, body, headers or {})
    response = client.connection.getresponse()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()


def hosted_sign_in(client: Client, index: int) -> None:
    query = urlencode({"response_type": "code", "client_id": WEB, "redirect_uri": CALLBACK, "scope": "openid email",
                       "state": str(index), "code_challenge": CHALLENGE, "code_challenge_method": "S256"})
    status, headers, _ = request(client, "GET", f"/oauth2/authorize?{query}")
    login = headers["location"]
    assert status == 302 and login.startswith("/login?"), (status, login)
    assert request(client, "GET", login)[0] == 200
    form = urlencode({"username": f"user{index % USERS}", "password": PASSWORD})
    status, headers, body = request(client, "POST", login, form, FORM)
    assert status == 302, body[:300]
    code = parse_qs(urlsplit(headers["location"]).query)["code"][0]
    token_form = urlencode({"grant_type": "authorization_code", "client_id": WEB, "code": code,
                            "redirect_uri": CALLBACK, "code_verifier": VERIFIER})
    status, _, body = request(client, "POST", "/oauth2/token", token_form, FORM)
    assert status == 200 and b"id_token" in body, body[:300]


def client_credentials(client: Client, index: int) -> None:
    basic = base64.b64encode(f"{SERVICE}:{SECRET}".encode()).decode()
    status, _, body = request(client, "POST", "/oauth2/token", "grant_type=client_credentials",
                              {**FORM, "Authorization": f"Basic {basic}"})
    assert status == 200, body[:300]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small counts: a smoke run")
    quick = parser.parse_args().quick
    sign_ins, tokens = (100, 400) if quick else (1000, 4000)
    pin_client()
    print(HEADER)
    with emulator("--fixtures", str(seed_file())) as server:
        hosted_sign_in(Client(server), 0)  # warm
        client_credentials(Client(server), 0)
        for concurrency in (1, 8):
            figures: dict[str, Any] = measure(server, hosted_sign_in, sign_ins, concurrency)
            print(row(f"authorize->login->token (PKCE) c={concurrency}", figures), flush=True)
        for concurrency in (1, 8):
            print(row(f"client_credentials token c={concurrency}", measure(server, client_credentials, tokens,
                                                                          concurrency)), flush=True)


if __name__ == "__main__":
    main()
