"""Run-time settings: one frozen value built by the CLI from flags and environment."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Package data (pyproject.toml), so `pip install .` from anywhere serves the same demo pool.
DEFAULT_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "default.json"
MAX_BODY_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 9229
    region: str = "us-east-1"
    fixtures: Path | None = DEFAULT_FIXTURES
    log_level: str = "info"
    log_format: str = "text"  # "text" | "json"
    issuer_mode: str = "local"  # "local": base URL the client used; "aws": cognito-idp.<region>.amazonaws.com
    max_body_bytes: int = MAX_BODY_BYTES
    state_dir: Path | None = None  # None: state in memory only
    verify_durability: bool = False  # tests: check the state dir against memory after every commit
    verify_error_codes: bool = False  # tests: an error code the model does not list for the operation is a 500
    lambda_endpoint: str | None = None  # default Lambda Invoke API endpoint for trigger ARNs
    triggers: tuple[tuple[str, str], ...] = ()  # (ARN, package.module:function) from --trigger
    trigger_timeout: float = 5.0  # seconds per trigger call; AWS's fixed limit is 5
    idle_timeout: float = 75.0  # seconds a connection may sit idle before or between requests
    request_timeout: float = 20.0  # seconds a request's headers and body may take to arrive
    require_sigv4: bool = False  # IAM-authorized operations must be signed with one of access_keys
    access_keys: tuple[tuple[str, str], ...] = ()  # (access key id, secret) from --access-key and the seed
    https_port: int | None = None  # also serve the app over TLS on this port (0: any free one)
    tls_cert: Path | None = None  # PEM certificate for https_port; None: a self-signed localhost one
    tls_key: Path | None = None
