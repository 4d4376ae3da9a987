"""Trigger benchmark (issue #9): USER_PASSWORD_AUTH with a no-op PreTokenGeneration trigger,
as a Python callable inside the emulator (``--trigger``) and through a Lambda Invoke endpoint
(a tiny threaded server in this process, as ``sam local start-lambda`` answers), next to the
same login without a trigger. p50/p99/ops/s at c=1 and c=8; figures are printed, not asserted.

    python benchmarks/triggers.py            # 2000 logins per row
    python benchmarks/triggers.py --quick    # 200 logins per row
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.auth import POOL, password_login, seed_file  # noqa: E402
from benchmarks.harness import HEADER, Client, emulator, measure, pin_client, row  # noqa: E402

ARN = "arn:aws:lambda:us-east-1:123456789012:function:noop"
USERS = 100


def no_op(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """The PreTokenGeneration function: hands the event back unchanged."""
    return event


@contextmanager
def invoke_endpoint() -> Iterator[str]:
    """``POST /2015-03-31/functions/noop/invocations`` answering the event back."""
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive (LocalStack keeps connections; SAM does not)
        wbufsize = 1 << 16  # headers and body in one segment: no Nagle + delayed-ACK stall

        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            data = json.dumps(no_op(json.loads(body or b"{}"), None)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def run(name: str, args: list[str], total: int, with_trigger: bool) -> None:
    with emulator("--fixtures", str(seed_file(USERS)), *args) as server:
        setup = Client(server)
        if with_trigger:
            setup.ok("UpdateUserPool", {"UserPoolId": POOL, "LambdaConfig": {"PreTokenGeneration": ARN}})
        password_login(setup, 0, USERS)  # warm (and fail early if the trigger is unreachable)

        def login(client: Client, index: int) -> None:
            password_login(client, index, USERS)

        for concurrency in (1, 8):
            print(row(f"{name} c={concurrency}", measure(server, login, total, concurrency)), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small counts: a smoke run")
    total = 200 if parser.parse_args().quick else 2000
    pin_client()
    print(HEADER)
    run("USER_PASSWORD_AUTH, no trigger", [], total, False)
    run("  + PreTokenGeneration, Python callable", ["--trigger", f"{ARN}=benchmarks.triggers:no_op"], total, True)
    with invoke_endpoint() as endpoint:
        run("  + PreTokenGeneration, Invoke endpoint", ["--lambda-endpoint", endpoint], total, True)


if __name__ == "__main__":
    main()
