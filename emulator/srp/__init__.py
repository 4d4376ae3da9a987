"""The server half of Cognito's SRP variant (user and device), TIMESTAMP rules and SECRET_HASH.

Pure functions on integers, bytes and strings; no state, no I/O. See the submodules for the why.

The names below load their submodule on first use, so importing ``srp.group`` or ``srp.verifier``
(seeding a password needs them at start) does not import the login code with them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from emulator.lazy_exports import lazy_getattr

if TYPE_CHECKING:
    from emulator.srp.errors import SrpError
    from emulator.srp.group import HAVE_GMPY2, G, K, N, pad, pad_bytes
    from emulator.srp.secret_hash import compute_secret_hash, secret_hash_matches
    from emulator.srp.server import (
        begin,
        compute_s,
        compute_u,
        expected_signature,
        hkdf_key,
        parse_srp_a,
        server_public,
        session_key,
        srp_b_hex,
        verify_password_claim,
        verify_signature,
    )
    from emulator.srp.timestamp import (
        TIMESTAMP_FORMAT_MESSAGE,
        TimestampError,
        TimestampFormatError,
        TimestampNotCanonicalError,
        TimestampRejectedError,
        TimestampSkewError,
        canonical_timestamp,
        check_skew,
        check_timestamp,
        format_timestamp,
        parse_timestamp,
    )
    from emulator.srp.verifier import (
        compute_verifier,
        compute_x,
        decode_device_verifier_config,
        encode_device_verifier_config,
        new_salt,
        pool_name,
        salt_hex,
    )

# Each name and the submodule it comes from, imported on first access (PEP 562).
_SOURCES = {
    "SrpError": "emulator.srp.errors",
    "HAVE_GMPY2": "emulator.srp.group",
    "G": "emulator.srp.group",
    "K": "emulator.srp.group",
    "N": "emulator.srp.group",
    "pad": "emulator.srp.group",
    "pad_bytes": "emulator.srp.group",
    "compute_secret_hash": "emulator.srp.secret_hash",
    "secret_hash_matches": "emulator.srp.secret_hash",
    "begin": "emulator.srp.server",
    "compute_s": "emulator.srp.server",
    "compute_u": "emulator.srp.server",
    "expected_signature": "emulator.srp.server",
    "hkdf_key": "emulator.srp.server",
    "parse_srp_a": "emulator.srp.server",
    "server_public": "emulator.srp.server",
    "session_key": "emulator.srp.server",
    "srp_b_hex": "emulator.srp.server",
    "verify_password_claim": "emulator.srp.server",
    "verify_signature": "emulator.srp.server",
    "TIMESTAMP_FORMAT_MESSAGE": "emulator.srp.timestamp",
    "TimestampError": "emulator.srp.timestamp",
    "TimestampFormatError": "emulator.srp.timestamp",
    "TimestampNotCanonicalError": "emulator.srp.timestamp",
    "TimestampRejectedError": "emulator.srp.timestamp",
    "TimestampSkewError": "emulator.srp.timestamp",
    "canonical_timestamp": "emulator.srp.timestamp",
    "check_skew": "emulator.srp.timestamp",
    "check_timestamp": "emulator.srp.timestamp",
    "format_timestamp": "emulator.srp.timestamp",
    "parse_timestamp": "emulator.srp.timestamp",
    "compute_verifier": "emulator.srp.verifier",
    "compute_x": "emulator.srp.verifier",
    "decode_device_verifier_config": "emulator.srp.verifier",
    "encode_device_verifier_config": "emulator.srp.verifier",
    "new_salt": "emulator.srp.verifier",
    "pool_name": "emulator.srp.verifier",
    "salt_hex": "emulator.srp.verifier",
}


__getattr__ = lazy_getattr(__name__, _SOURCES, globals())


__all__ = [
    "G",
    "HAVE_GMPY2",
    "K",
    "N",
    "TIMESTAMP_FORMAT_MESSAGE",
    "SrpError",
    "TimestampError",
    "TimestampFormatError",
    "TimestampNotCanonicalError",
    "TimestampRejectedError",
    "TimestampSkewError",
    "begin",
    "canonical_timestamp",
    "check_skew",
    "check_timestamp",
    "compute_s",
    "compute_secret_hash",
    "compute_u",
    "compute_verifier",
    "compute_x",
    "decode_device_verifier_config",
    "encode_device_verifier_config",
    "expected_signature",
    "format_timestamp",
    "hkdf_key",
    "new_salt",
    "pad",
    "pad_bytes",
    "parse_srp_a",
    "parse_timestamp",
    "pool_name",
    "salt_hex",
    "secret_hash_matches",
    "server_public",
    "session_key",
    "srp_b_hex",
    "verify_password_claim",
    "verify_signature",
]
