"""A Lambda Invoke API server in the test process that answers as ``sam local start-lambda``
(reference triggers.md §7.3): 404 ResourceNotFound for unknown names, 400 for any query string,
and function errors as 200 with ``x-amz-function-error: Unhandled`` and an error body."""

from __future__ import annotations

import json
import re
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote

_ROUTE = re.compile(r"^/2015-03-31/functions/(?P<name>[^?]+)/invocations(?P<query>\?.*)?$")


@contextmanager
def lambda_server(functions: dict[str, Callable[[dict[str, Any], Any], Any]]) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            try:
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the emulator gave up waiting (the timeout test): nobody to answer

        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            route = _ROUTE.match(self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if route is None or route.group("query"):
                self._send(400, {"Type": "User", "Message": "Query Parameters are not supported"})
                return
            name = unquote(route.group("name"))
            function = functions.get(name)
            if function is None:
                self._send(404, {"Type": "User", "Message": f"Function not found: {name}"},
                           {"x-amzn-errortype": "ResourceNotFound"})
                return
            try:
                answer = function(json.loads(body or b"{}"), None)
            except Exception as error:
                self._send(200, {"errorMessage": str(error), "errorType": type(error).__name__,
                                 "stackTrace": traceback.format_exc().splitlines()},
                           {"x-amz-function-error": "Unhandled"})
                return
            self._send(200, answer)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
