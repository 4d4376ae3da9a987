"""``cognito-emulator``: flags (or EMULATOR_* variables) -> Settings -> uvicorn.

Binds 127.0.0.1 unless told otherwise; prints one ready line once the socket listens,
so scripts (and the tests) can wait for it and read the port when ``--port 0``.
SIGINT and SIGTERM shut down gracefully and exit 0, as ``docker stop`` expects.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import math
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import uvicorn

from emulator import dataclass_code

dataclass_code.install()  # before the imports below: they make most of a start's dataclasses

from emulator import console  # noqa: E402
from emulator.http.guard import guarded_protocol  # noqa: E402
from emulator.settings import DEFAULT_FIXTURES, Settings  # noqa: E402
from emulator.triggers.config import TriggerConfigError, parse_flags  # noqa: E402

ENVIRONMENT = {
    "host": "EMULATOR_HOST",
    "port": "EMULATOR_PORT",
    "region": "EMULATOR_REGION",
    "fixtures": "EMULATOR_FIXTURES",
    "no_fixtures": "EMULATOR_NO_FIXTURES",
    "log_level": "EMULATOR_LOG_LEVEL",
    "issuer_mode": "EMULATOR_ISSUER_MODE",
    "state_dir": "EMULATOR_STATE_DIR",
    "log_format": "EMULATOR_LOG_FORMAT",
    "lambda_endpoint": "EMULATOR_LAMBDA_ENDPOINT",
    "trigger_timeout": "EMULATOR_TRIGGER_TIMEOUT",
    "idle_timeout": "EMULATOR_IDLE_TIMEOUT",
    "request_timeout": "EMULATOR_REQUEST_TIMEOUT",
    "require_sigv4": "EMULATOR_REQUIRE_SIGV4",
    "access_keys": "EMULATOR_ACCESS_KEYS",
    "https_port": "EMULATOR_HTTPS_PORT",
    "tls_cert": "EMULATOR_TLS_CERT",
    "tls_key": "EMULATOR_TLS_KEY",
}
AWS_LAMBDA_ENDPOINT = "AWS_ENDPOINT_URL_LAMBDA"  # the AWS SDKs' own variable
LOG_LEVELS = ("critical", "error", "warning", "info", "debug")
ISSUER_MODES = ("local", "aws")
TRUE_WORDS = ("1", "true", "yes", "on")
WILDCARD_HOSTS = ("0.0.0.0", "::", "")


def parse_settings(argv: Sequence[str] | None = None, env: dict[str, str] | None = None) -> Settings:
    """Flags win over EMULATOR_* variables, which win over the defaults; bad values exit 2."""
    env = dict(os.environ if env is None else env)
    parser = argparse.ArgumentParser(prog="cognito-emulator", description="Local Amazon Cognito emulator.")
    parser.add_argument("--host", default=env.get(ENVIRONMENT["host"], "127.0.0.1"),
                        help="address to bind (default 127.0.0.1; $EMULATOR_HOST)")
    parser.add_argument("--port", type=_port, default=None,
                        help="port to listen on, 0 for any free one (default 9229; $EMULATOR_PORT)")
    parser.add_argument("--region", default=env.get(ENVIRONMENT["region"], "us-east-1"),
                        help="region in ids and ARNs (default us-east-1; $EMULATOR_REGION)")
    seed = parser.add_mutually_exclusive_group()
    seed.add_argument("--fixtures", type=Path, default=None,
                      help="seed file, .json or .yaml (default: the bundled demo pool; $EMULATOR_FIXTURES)")
    seed.add_argument("--no-fixtures", action="store_true", default=None,
                      help="start empty ($EMULATOR_NO_FIXTURES=1)")
    parser.add_argument("--log-level", type=str.lower, choices=LOG_LEVELS, default=None,
                        help="console log level (default info; $EMULATOR_LOG_LEVEL)")
    parser.add_argument("--log-format", type=str.lower, choices=console.FORMATS, default=None,
                        help="console lines: 'text' (default) or 'json', one object per line ($EMULATOR_LOG_FORMAT)")
    parser.add_argument("--issuer-mode", type=str.lower, choices=ISSUER_MODES, default=None,
                        help="token iss: 'local' (URL the client used) or 'aws' ($EMULATOR_ISSUER_MODE)")
    parser.add_argument("--state-dir", type=Path, default=None,
                        help="keep all state in this directory across restarts (default: in memory; "
                             "$EMULATOR_STATE_DIR)")
    parser.add_argument("--lambda-endpoint", default=None,
                        help="Lambda Invoke API for trigger ARNs (sam local start-lambda, LocalStack; "
                             "$EMULATOR_LAMBDA_ENDPOINT, else $AWS_ENDPOINT_URL_LAMBDA)")
    parser.add_argument("--trigger", action="append", default=[], metavar="ARN=package.module:function",
                        help="run this ARN's trigger as a Python callable (repeatable)")
    parser.add_argument("--trigger-timeout", type=_seconds, default=None,
                        help="seconds each trigger call may take (default 5, as AWS; $EMULATOR_TRIGGER_TIMEOUT)")
    parser.add_argument("--idle-timeout", type=_seconds, default=None,
                        help="close a connection idle this long, before or between requests "
                             "(default 75; $EMULATOR_IDLE_TIMEOUT)")
    parser.add_argument("--request-timeout", type=_seconds, default=None,
                        help="drop a connection whose request (headers and body) takes longer to arrive "
                             "(default 20; $EMULATOR_REQUEST_TIMEOUT)")
    parser.add_argument("--require-sigv4", action="store_true", default=None,
                        help="operations AWS authorizes with IAM must be SigV4-signed with a configured access key "
                             "($EMULATOR_REQUIRE_SIGV4=1)")
    parser.add_argument("--access-key", action="append", default=[], type=_access_key, metavar="ID:SECRET",
                        help="an access key --require-sigv4 accepts (repeatable; $EMULATOR_ACCESS_KEYS, "
                             "comma-separated)")
    parser.add_argument("--https-port", type=_port, default=None,
                        help="also serve over TLS on this port, 0 for any free one (Amplify's oauth.domain needs "
                             "https; $EMULATOR_HTTPS_PORT)")
    parser.add_argument("--tls-cert", type=Path, default=None,
                        help="PEM certificate for --https-port (default: a self-signed localhost one; "
                             "$EMULATOR_TLS_CERT)")
    parser.add_argument("--tls-key", type=Path, default=None, help="its PEM private key ($EMULATOR_TLS_KEY)")
    args = parser.parse_args(argv)
    https_port = args.https_port
    if https_port is None and env.get(ENVIRONMENT["https_port"]):
        https_port = _from_env(parser, env, "https_port", "", _port)
    tls_cert = args.tls_cert or (Path(env[ENVIRONMENT["tls_cert"]]) if env.get(ENVIRONMENT["tls_cert"]) else None)
    tls_key = args.tls_key or (Path(env[ENVIRONMENT["tls_key"]]) if env.get(ENVIRONMENT["tls_key"]) else None)
    if (tls_cert is None) != (tls_key is None):
        parser.error("--tls-cert and --tls-key go together")
    for given in filter(None, (tls_cert, tls_key)):
        if not given.is_file():
            parser.error(f"{given}: no such file")
    try:
        triggers = parse_flags(args.trigger)
    except TriggerConfigError as error:
        parser.error(str(error))
    lambda_endpoint = (args.lambda_endpoint or env.get(ENVIRONMENT["lambda_endpoint"])
                       or env.get(AWS_LAMBDA_ENDPOINT) or None)
    state_dir = args.state_dir or (Path(env[ENVIRONMENT["state_dir"]]) if env.get(ENVIRONMENT["state_dir"]) else None)
    port = args.port if args.port is not None else _from_env(parser, env, "port", "9229", _port)
    if args.no_fixtures is None and args.fixtures is None:
        no_fixtures = env.get(ENVIRONMENT["no_fixtures"], "").strip().lower() in TRUE_WORDS
    else:
        no_fixtures = bool(args.no_fixtures)
    fixtures = args.fixtures or Path(env.get(ENVIRONMENT["fixtures"]) or DEFAULT_FIXTURES)
    return Settings(
        host=args.host,
        port=port,
        region=args.region,
        fixtures=None if no_fixtures else fixtures,
        log_level=args.log_level or _from_env(parser, env, "log_level", "info", _choice(LOG_LEVELS)),
        issuer_mode=args.issuer_mode or _from_env(parser, env, "issuer_mode", "local", _choice(ISSUER_MODES)),
        state_dir=state_dir,
        log_format=args.log_format or _from_env(parser, env, "log_format", "text", _choice(console.FORMATS)),
        verify_durability=env.get("EMULATOR_VERIFY_DURABILITY", "").strip().lower() in TRUE_WORDS,
        verify_error_codes=env.get("EMULATOR_VERIFY_ERROR_CODES", "").strip().lower() in TRUE_WORDS,
        lambda_endpoint=lambda_endpoint,
        triggers=tuple(triggers.handlers.items()),
        trigger_timeout=(args.trigger_timeout if args.trigger_timeout is not None
                         else _from_env(parser, env, "trigger_timeout", "5", _seconds)),
        idle_timeout=(args.idle_timeout if args.idle_timeout is not None
                      else _from_env(parser, env, "idle_timeout", "75", _seconds)),
        request_timeout=(args.request_timeout if args.request_timeout is not None
                         else _from_env(parser, env, "request_timeout", "20", _seconds)),
        require_sigv4=(bool(args.require_sigv4) if args.require_sigv4 is not None
                       else env.get(ENVIRONMENT["require_sigv4"], "").strip().lower() in TRUE_WORDS),
        access_keys=tuple(args.access_key) + _from_env(parser, env, "access_keys", "", _access_keys),
        https_port=https_port,
        tls_cert=tls_cert,
        tls_key=tls_key,
    )


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid port {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port {port} is not in 0..65535")
    return port


def _access_key(text: str) -> tuple[str, str]:
    key_id, colon, secret = text.partition(":")
    if not colon or not key_id or not secret or any(c.isspace() or c == "," for c in text):
        raise argparse.ArgumentTypeError(f"expected ACCESS_KEY_ID:SECRET, not {text!r}")
    return key_id, secret


def _access_keys(text: str) -> tuple[tuple[str, str], ...]:
    return tuple(_access_key(item) for item in text.split(",") if item.strip())


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number of seconds {text!r}") from None
    if not 0 < seconds <= 900:
        raise argparse.ArgumentTypeError(f"{seconds} is not in (0, 900] seconds")
    return seconds


def _choice(choices: Sequence[str]) -> Any:
    def convert(text: str) -> str:
        if text.lower() not in choices:
            raise argparse.ArgumentTypeError(f"invalid choice {text!r} (choose from {', '.join(choices)})")
        return text.lower()

    return convert


def _from_env(
    parser: argparse.ArgumentParser, env: dict[str, str], key: str, default: str, convert: Any
) -> Any:
    """argparse checks flags but not defaults; a bad variable gets the same exit 2 as a bad flag."""
    name = ENVIRONMENT[key]
    try:
        return convert(env.get(name) or default)
    except argparse.ArgumentTypeError as error:
        parser.error(f"${name}: {error}")


class _TlsServer(uvicorn.Server):
    """The same app over TLS (``--https-port``), run beside the main server, which owns the signals."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def _bound_port(server: uvicorn.Server) -> int:
    return int(server.servers[0].sockets[0].getsockname()[1]) if server.servers else int(server.config.port)


class _Server(uvicorn.Server):
    """uvicorn's server, announcing readiness once the socket listens and exiting 0 on a signal."""

    ready_line: str = ""
    json_ready = False
    tls: _TlsServer | None = None
    _tls_task: asyncio.Task[None] | None = None
    _derive_task: asyncio.Task[None] | None = None
    _idle_task: asyncio.Task[None] | None = None

    async def startup(self, sockets: list | None = None) -> None:  # type: ignore[type-arg]
        await super().startup(sockets)
        if self.started and self.tls is not None:
            self._tls_task = asyncio.create_task(self.tls.serve())
            while not self.tls.started and not self._tls_task.done():
                await asyncio.sleep(0.01)
            if not self.tls.started:
                self.started = False
                self.should_exit = True
                return
        if self.started:
            port = _bound_port(self)
            https_port = _bound_port(self.tls) if self.tls is not None else 0
            line = self.ready_line.format(port=port, https_port=https_port)
            if self.json_ready:  # one JSON object per line on stdout, the ready line included
                line = console.ready_record(line)
            print(line, flush=True)
            from emulator.userpools.users.credentials import derive_deferred, derive_when_idle

            # A large seed's passwords, hashed once the server answers (see DeferredPassword);
            # the SRP verifiers of passwords set since, while no request comes (see LazyVerifier).
            self._derive_task = asyncio.create_task(derive_deferred())
            self._idle_task = asyncio.create_task(derive_when_idle(lambda: self.server_state.total_requests))

    async def shutdown(self, sockets: list | None = None) -> None:  # type: ignore[type-arg]
        if self.tls is not None and self._tls_task is not None:
            self.tls.should_exit = True
            await self._tls_task
        await super().shutdown(sockets)

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        """Like uvicorn's, minus re-raising the signal afterwards (which would exit 130 / 143)."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        originals = {sig: signal.signal(sig, self.handle_exit) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in originals.items():
                signal.signal(sig, handler)


def ready_line(settings: Settings, app_state: object) -> str:
    """``Cognito emulator ready at http://127.0.0.1:9229  user pool ... (clients: ...)``."""
    store = app_state.emulator.store  # type: ignore[attr-defined]
    wildcard = settings.host in WILDCARD_HOSTS
    host = "127.0.0.1" if wildcard else settings.host
    host = f"[{host}]" if ":" in host else host
    parts = [f"Cognito emulator ready at http://{host}:{{port}}"]
    if settings.https_port is not None:  # the certificate names localhost, so the URL does too
        tls_host = "localhost" if host in ("127.0.0.1", "[::1]") else host
        parts[0] += f" and https://{tls_host}:{{https_port}}"
    if wildcard:
        parts[0] += f" (listening on {settings.host or 'all interfaces'})"
    for pool in store.user_pools.values():
        clients = ", ".join(pool.clients) or "no clients"
        parts.append(f"user pool {pool.id} (clients: {clients})")
        hosted = hosted_sign_in_path(pool)
        if hosted:
            parts.append(f"hosted sign-in http://{host}:{{port}}{hosted}")
    return "  ".join(parts)


def hosted_sign_in_path(pool: object) -> str | None:
    """The authorize URL of the pool's first client that can use the hosted UI's code flow, so a
    ``make run`` user can open the sign-in page at once (``None`` without a domain or such a client)."""
    if not getattr(pool, "domain", None):
        return None
    for client in getattr(pool, "clients", {}).values():
        callbacks = getattr(client, "callback_urls", None) or []
        if callbacks and getattr(client, "allowed_oauth_flows_user_pool_client", False) \
                and "code" in (client.allowed_oauth_flows or []):
            query = urlencode({"client_id": client.client_id, "response_type": "code",
                               "redirect_uri": callbacks[0]})
            return f"/oauth2/authorize?{query}".replace("{", "{{").replace("}", "}}")
    return None


def main(argv: Sequence[str] | None = None) -> int:
    # A start creates a few hundred thousand objects that live as long as the process (modules,
    # classes, the seeded state) and almost no cyclic garbage; generational collections passing
    # over them were ~10% of a cold start's CPU. So the collector stays off until the app is built,
    # and what the start made is then frozen out of its view (``_run``). ``export`` exits when done.
    gc.disable()
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["export"]:
        return export_command(arguments[1:])
    # Until uvicorn takes over the signals, SIGTERM means the same as Ctrl-C: stop quietly.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        return _run(parse_settings(arguments))
    except KeyboardInterrupt:
        return 0


def _run(settings: Settings) -> int:
    from emulator.app import create_app
    from emulator.seeding.loader import SeedError
    from emulator.state.codec import CorruptRecord
    from emulator.state.errors import StateDirError
    from emulator.triggers.errors import HandlerSpecError

    console.configure(settings.log_level, settings.log_format)
    try:
        app = create_app(settings)
    except SeedError as error:
        print(f"cognito-emulator: bad seed file: {error}", file=sys.stderr)
        return 2
    except (StateDirError, CorruptRecord) as error:
        print(f"cognito-emulator: state dir: {error}", file=sys.stderr)
        return 2
    except HandlerSpecError as error:
        print(f"cognito-emulator: trigger: {error}", file=sys.stderr)
        return 2
    gc.freeze()  # the start's objects live until exit: later collections need not walk them
    gc.enable()
    config = uvicorn.Config(app, host=settings.host, port=settings.port, log_level=settings.log_level,
                            access_log=settings.log_level == "debug",
                            timeout_keep_alive=int(math.ceil(settings.idle_timeout)),
                            http=_protocol(app, settings), server_header=False, lifespan="off", log_config=None)
    server = _Server(config)
    if settings.https_port is not None:
        server.tls = _tls_server(app, settings)
    server.json_ready = settings.log_format == "json"
    server.ready_line = ready_line(settings, app.state)
    try:
        server.run()
    finally:
        app.state.emulator.close()
    return 0 if server.started else 1


def _protocol(app: Any, settings: Settings) -> type[asyncio.Protocol]:
    """The guarded connection protocol; it answers plain SDK calls itself unless uvicorn writes an
    access log (``--log-level debug``), which only its own request cycle does."""
    api = None if settings.log_level == "debug" else app.api
    return guarded_protocol(settings.idle_timeout, settings.request_timeout, api, settings.max_body_bytes)


def _tls_server(app: Any, settings: Settings) -> _TlsServer:
    from emulator.tls import certificate_files

    if settings.tls_cert is not None and settings.tls_key is not None:
        cert, key = settings.tls_cert, settings.tls_key
    else:
        cert, key = certificate_files(settings.state_dir)
    assert settings.https_port is not None
    config = uvicorn.Config(app, host=settings.host, port=settings.https_port, log_level=settings.log_level,
                            access_log=settings.log_level == "debug",
                            timeout_keep_alive=int(math.ceil(settings.idle_timeout)),
                            http=_protocol(app, settings), server_header=False, lifespan="off", log_config=None,
                            ssl_certfile=str(cert), ssl_keyfile=str(key))
    return _TlsServer(config)


def export_command(argv: Sequence[str]) -> int:
    """``cognito-emulator export --state-dir DIR``: the state as a seed document on stdout (reads
    the state file only, so it works on a stopped emulator and beside a running one)."""
    import json

    from emulator.seeding.export import export_emulator
    from emulator.state.codec import CorruptRecord
    from emulator.state.errors import StateDirError

    parser = argparse.ArgumentParser(prog="cognito-emulator export",
                                     description="Print the state kept in a state dir as a seed file.")
    parser.add_argument("--state-dir", type=Path, required=True, help="the emulator's --state-dir")
    parser.add_argument("--region", default=os.environ.get(ENVIRONMENT["region"], "us-east-1"),
                        help="the emulator's region (default us-east-1; $EMULATOR_REGION)")
    args = parser.parse_args(argv)
    from emulator.runtime import Emulator

    try:
        emulator = Emulator.read_only(Settings(region=args.region, fixtures=None, state_dir=args.state_dir))
    except (StateDirError, CorruptRecord) as error:
        print(f"cognito-emulator: state dir: {error}", file=sys.stderr)
        return 2
    json.dump(export_emulator(emulator), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0
