"""``--https-port``: the same app over TLS beside plain HTTP, with a self-signed certificate for
localhost made on first use (kept 0600 in the state dir) or the one given with --tls-cert/--tls-key."""

from __future__ import annotations

import ssl
import stat
import urllib.request
from pathlib import Path

import pytest

from emulator.tls import self_signed_localhost
from tests.e2e.server import run_emulator


def fetch(url: str, cafile: Path | None = None) -> tuple[int, bytes]:
    context = ssl.create_default_context(cafile=str(cafile)) if cafile else ssl._create_unverified_context()
    with urllib.request.urlopen(url, context=context, timeout=5) as response:
        return response.status, response.read()


def test_both_urls_in_the_ready_line_and_the_certificate_kept_private(tmp_path: Path) -> None:
    state = tmp_path / "state"
    with run_emulator("--https-port", "0", "--state-dir", str(state)) as running:
        ready = next(line for line in running.output if "ready at" in line)
        assert f"ready at {running.url} and https://localhost:" in ready
        cert = state / "tls" / "localhost.pem"
        key = state / "tls" / "localhost-key.pem"
        assert stat.S_IMODE(key.stat().st_mode) == 0o600 and stat.S_IMODE(cert.stat().st_mode) == 0o600
        # The certificate verifies for localhost: a client trusting it needs nothing else.
        status, body = fetch(f"{running.https_url}/_emulator/health", cafile=cert)
        assert status == 200 and b'"ok"' in body
        assert fetch(f"{running.url}/_emulator/health")[0] == 200
        first = cert.read_bytes()
    with run_emulator("--https-port", "0", "--state-dir", str(state)) as running:
        assert cert.read_bytes() == first  # made once, kept across restarts
        assert fetch(f"{running.https_url}/_emulator/health", cafile=cert)[0] == 200


def test_given_certificate_and_environment_variable(tmp_path: Path) -> None:
    cert_pem, key_pem = self_signed_localhost()
    cert, key = tmp_path / "c.pem", tmp_path / "k.pem"
    cert.write_bytes(cert_pem)
    key.write_bytes(key_pem)
    env = {"EMULATOR_HTTPS_PORT": "0", "EMULATOR_TLS_CERT": str(cert), "EMULATOR_TLS_KEY": str(key)}
    with run_emulator(env=env) as running:
        assert fetch(f"{running.https_url}/_emulator/health", cafile=cert)[0] == 200


def test_a_key_without_certificate_is_refused(tmp_path: Path) -> None:
    key = tmp_path / "k.pem"
    key.write_bytes(self_signed_localhost()[1])
    with pytest.raises(RuntimeError, match="--tls-cert and --tls-key go together"):
        with run_emulator("--https-port", "0", "--tls-key", str(key), timeout=10):
            pass
