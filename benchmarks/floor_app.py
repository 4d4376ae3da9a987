"""The floor the benchmarks compare against: uvicorn + httptools + uvloop + Starlette, parsing the
JSON body and echoing it. Anything the emulator costs above this app is the emulator's own.

    python benchmarks/floor_app.py PORT
"""

from __future__ import annotations

import json
import sys

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


async def echo(request: Request) -> Response:
    body = json.loads(await request.body() or b"{}")
    return Response(json.dumps(body), media_type="application/x-amz-json-1.1")


app = Starlette(routes=[Route("/{path:path}", echo, methods=["POST"])])


def main() -> None:
    port = int(sys.argv[1])
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", http="httptools", loop="uvloop",
                lifespan="off", server_header=False, access_log=False)


if __name__ == "__main__":
    main()
