"""The server half of Cognito's SRP variant (user and device), TIMESTAMP rules and SECRET_HASH.

Pure functions on integers, bytes and strings; no state, no I/O. See the submodules for the why.
"""

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
