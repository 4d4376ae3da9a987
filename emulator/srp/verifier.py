"""Password-set-time SRP: salt and verifier, for users and for remembered devices.

Cognito never stores the password for SRP; it stores ``(salt, v)``. Users and devices share the
formula: for a user the "group" is the pool name and the identity is USER_ID_FOR_SRP (the internal
username); for a device (ConfirmDevice) they are the DeviceGroupKey and the DeviceKey.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Mapping

from emulator.srp.errors import SrpError
from emulator.srp.group import N, bytes_to_int, g_pow, pad, pad_bytes
from emulator.state.ids import token_bytes

Salt = bytes | int
"""A salt is an integer to SRP (clients re-pad it); bytes are read big-endian."""

SALT_BYTES = 16


def new_salt() -> bytes:
    """16 random bytes, the size Cognito's clients use for device salts."""
    return token_bytes(SALT_BYTES)


def salt_int(salt: Salt) -> int:
    """The salt as SRP sees it (leading zero bytes carry no meaning)."""
    return bytes_to_int(salt) if isinstance(salt, bytes | bytearray) else int(salt)


def salt_hex(salt: Salt) -> str:
    """The ``SALT`` challenge parameter: pad(salt), so pycognito (hashes the string) and acij (re-pads the
    integer) agree; an extra leading ``00`` byte would make them disagree."""
    return pad(salt_int(salt))


def pool_name(user_pool_id: str) -> str:
    """The part of a pool id after the first ``_`` (``us-east-1_AbCd123`` -> ``AbCd123``), used in x and
    in the claim signature."""
    return user_pool_id.split("_", 1)[1]


def compute_x(group: str, identity: str, password: str, salt: Salt) -> int:
    """x = H(pad(salt) || H(utf8(group + identity + ":" + password))); the inner digest is used whole
    and x is not reduced mod N, exactly as the clients compute it."""
    inner = hashlib.sha256(f"{group}{identity}:{password}".encode()).digest()
    return bytes_to_int(hashlib.sha256(pad_bytes(salt_int(salt)) + inner).digest())


def compute_verifier(group: str, identity: str, password: str, salt: Salt) -> int:
    """v = g^x mod N. ``group`` is the pool name (or DeviceGroupKey), ``identity`` USER_ID_FOR_SRP (or
    DeviceKey); renaming either invalidates v, as on AWS."""
    return g_pow(compute_x(group, identity, password, salt))


def encode_device_verifier_config(v: int, salt: Salt) -> dict[str, str]:
    """The ``DeviceSecretVerifierConfig`` a client sends to ConfirmDevice (base64 of the padded bytes)."""
    return {
        "PasswordVerifier": base64.b64encode(pad_bytes(v)).decode("ascii"),
        "Salt": base64.b64encode(pad_bytes(salt_int(salt))).decode("ascii"),
    }


def _b64decode(value: object, field: str) -> bytes:
    if not isinstance(value, str) or not value:
        raise SrpError(f"DeviceSecretVerifierConfig.{field} is missing")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SrpError(f"DeviceSecretVerifierConfig.{field} is not valid base64") from exc


def decode_device_verifier_config(config: Mapping[str, object]) -> tuple[int, bytes]:
    """ConfirmDevice's ``{PasswordVerifier, Salt}`` (base64 of padded bytes) -> ``(v, salt)``.

    Refuses a verifier that is 0 mod N: it would let anyone answer DEVICE_SRP_AUTH.
    """
    v = bytes_to_int(_b64decode(config.get("PasswordVerifier"), "PasswordVerifier"))
    salt = _b64decode(config.get("Salt"), "Salt")
    if v % N == 0:
        raise SrpError("DeviceSecretVerifierConfig.PasswordVerifier is not a valid verifier")
    return v, salt
