"""GetSigningCertificate: a self-signed X.509 certificate for the pool's signing key.

AWS answers the certificate that signs the pool's SAML requests, valid for 10 years from its
issue [doc]. Here it certifies the pool's ID-token key (the emulator has no separate SAML key),
so whoever holds it can verify what the pool signs. It is the same certificate on every call:
serial number and dates come from the key and the pool, and RSA PKCS#1 v1.5 signatures are
deterministic. The answer is the base64 DER body without PEM armour (a guess at AWS's form).
"""

from __future__ import annotations

import base64
import datetime
import hashlib

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID

from emulator.tokens.keys import SigningKey

VALID_YEARS = 10  # [doc] "valid for 10 years from the date of issue"


def signing_certificate(key: SigningKey, issued: float) -> str:
    """``issued``: when the certificate counts as made (the pool's creation)."""
    start = datetime.datetime.fromtimestamp(int(issued), tz=datetime.UTC)
    public_der = key.public_key.public_bytes(serialization.Encoding.DER,
                                             serialization.PublicFormat.SubjectPublicKeyInfo)
    serial = int.from_bytes(hashlib.sha256(public_der).digest()[:16], "big") >> 1  # positive, < 2^127
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, key.pool_id)])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key)
        .serial_number(serial)
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=365 * VALID_YEARS + VALID_YEARS // 4))
        .sign(key.private_key, hashes.SHA256())
    )
    return base64.b64encode(certificate.public_bytes(serialization.Encoding.DER)).decode("ascii")
