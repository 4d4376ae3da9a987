"""``cognito-emulator``: flags (or EMULATOR_* variables) -> Settings -> uvicorn.

Binds 127.0.0.1 unless told otherwise; prints one ready line once the socket listens,
so scripts (and the tests) can wait for it and read the port when ``--port 0``.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import uvicorn

from emulator.settings import DEFAULT_FIXTURES, Settings

ENVIRONMENT = {
    "host": "EMULATOR_HOST",
    "port": "EMULATOR_PORT",
    "region": "EMULATOR_REGION",
    "fixtures": "EMULATOR_FIXTURES",
    "no_fixtures": "EMULATOR_NO_FIXTURES",
    "log_level": "EMULATOR_LOG_LEVEL",
    "issuer_mode": "EMULATOR_ISSUER_MODE",
}


def parse_settings(argv: Sequence[str] | None = None, env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    parser = argparse.ArgumentParser(prog="cognito-emulator", description="Local Amazon Cognito emulator.")
    parser.add_argument("--host", default=env.get(ENVIRONMENT["host"], "127.0.0.1"),
                        help="address to bind (default 127.0.0.1; $EMULATOR_HOST)")
    parser.add_argument("--port", type=int, default=int(env.get(ENVIRONMENT["port"], "9229")),
                        help="port to listen on, 0 for any free one (default 9229; $EMULATOR_PORT)")
    parser.add_argument("--region", default=env.get(ENVIRONMENT["region"], "us-east-1"),
                        help="region in ids and ARNs (default us-east-1; $EMULATOR_REGION)")
    seed = parser.add_mutually_exclusive_group()
    seed.add_argument("--fixtures", type=Path, default=Path(env.get(ENVIRONMENT["fixtures"], DEFAULT_FIXTURES)),
                      help="seed file to load (default: the bundled demo pool; $EMULATOR_FIXTURES)")
    seed.add_argument("--no-fixtures", action="store_true",
                      default=env.get(ENVIRONMENT["no_fixtures"], "").lower() in ("1", "true", "yes"),
                      help="start empty ($EMULATOR_NO_FIXTURES=1)")
    parser.add_argument("--log-level", default=env.get(ENVIRONMENT["log_level"], "info"),
                        choices=["critical", "error", "warning", "info", "debug"],
                        help="console log level (default info; $EMULATOR_LOG_LEVEL)")
    parser.add_argument("--issuer-mode", default=env.get(ENVIRONMENT["issuer_mode"], "local"),
                        choices=["local", "aws"],
                        help="token iss: 'local' (URL the client used) or 'aws' ($EMULATOR_ISSUER_MODE)")
    args = parser.parse_args(argv)
    return Settings(
        host=args.host,
        port=args.port,
        region=args.region,
        fixtures=None if args.no_fixtures else args.fixtures,
        log_level=args.log_level,
        issuer_mode=args.issuer_mode,
    )


class _Server(uvicorn.Server):
    """uvicorn's server, announcing readiness only once the socket really listens."""

    ready_line: str = ""

    async def startup(self, sockets: list | None = None) -> None:  # type: ignore[type-arg]
        await super().startup(sockets)
        if self.started:
            port = self.servers[0].sockets[0].getsockname()[1] if self.servers else self.config.port
            print(self.ready_line.format(port=port), flush=True)


def _ready_line(settings: Settings, app_state: object) -> str:
    store = app_state.emulator.store  # type: ignore[attr-defined]
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    parts = [f"Cognito emulator ready at http://{host}:{{port}}"]
    for pool in store.user_pools.values():
        clients = ", ".join(pool.clients) or "no clients"
        parts.append(f"user pool {pool.id} (clients: {clients})")
    return "  ".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    from emulator.app import create_app
    from emulator.seeding.loader import SeedError

    settings = parse_settings(argv)
    logging.basicConfig(level=settings.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    try:
        app = create_app(settings)
    except SeedError as error:
        print(f"cognito-emulator: {error}", file=sys.stderr)
        return 2
    config = uvicorn.Config(app, host=settings.host, port=settings.port, log_level=settings.log_level,
                            access_log=settings.log_level == "debug", timeout_keep_alive=75,
                            server_header=False, lifespan="off")
    server = _Server(config)
    server.ready_line = _ready_line(settings, app.state)
    server.run()
    return 0 if server.started else 1
