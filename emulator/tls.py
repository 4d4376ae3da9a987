"""The certificate ``--https-port`` serves: the one given with ``--tls-cert``/``--tls-key``, or a
self-signed one for ``localhost``, ``127.0.0.1`` and ``::1`` made on first use. With a state
dir it is kept there (``tls/``, files 0600) so browsers that were told to trust it keep doing
so across restarts; without one it lives in a temporary directory for the run."""

from __future__ import annotations

import datetime
import ipaddress
import os
import tempfile
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

CERT_NAME = "localhost.pem"
KEY_NAME = "localhost-key.pem"
VALID_DAYS = 825  # the longest validity browsers accept for a TLS server certificate


def certificate_files(state_dir: Path | None) -> tuple[Path, Path]:
    """(certificate, key) for localhost, made if absent."""
    directory = state_dir / "tls" if state_dir is not None else Path(tempfile.mkdtemp(prefix="cognito-emulator-tls-"))
    cert, key = directory / CERT_NAME, directory / KEY_NAME
    if cert.exists() and key.exists():
        return cert, key
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    cert_pem, key_pem = self_signed_localhost()
    _write_private(key, key_pem)
    _write_private(cert, cert_pem)
    return cert, key


def self_signed_localhost(now: datetime.datetime | None = None) -> tuple[bytes, bytes]:
    now = now or datetime.datetime.now(datetime.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "cognito-emulator (local use only)")])
    names = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
             x509.IPAddress(ipaddress.ip_address("::1"))]
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=VALID_DAYS))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return certificate.public_bytes(serialization.Encoding.PEM), key_pem


def _write_private(path: Path, data: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
