"""Device SRP as the server runs it: DEVICE_SRP_AUTH picks b and answers B, the device's salt and a
SECRET_BLOCK; DEVICE_PASSWORD_VERIFIER checks the claim signed with group := DeviceGroupKey and
identity := DeviceKey (reference 3.7). Pure functions over the Device record; no I/O."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from emulator.srp.errors import SrpError
from emulator.srp.server import begin, parse_srp_a, session_key, srp_b_hex, verify_signature
from emulator.srp.verifier import salt_hex
from emulator.state.ids import token_bytes
from emulator.userpools.devices.model import Device

_SECRET_BLOCK_BYTES = 96


@dataclass(frozen=True, slots=True)
class DeviceChallenge:
    """What DEVICE_PASSWORD_VERIFIER needs to check the answer, and what the client is sent."""

    A: int
    B: int
    b: int
    secret_block: str

    def parameters(self, device: Device, username: str) -> dict[str, str]:
        assert device.srp_salt is not None
        return {
            "SALT": salt_hex(device.srp_salt),
            "SRP_B": srp_b_hex(self.B),
            "SECRET_BLOCK": self.secret_block,
            "USERNAME": username,
            "DEVICE_KEY": device.key,
        }


def start(device: Device, srp_a: str) -> DeviceChallenge:
    """Raises SrpError for an SRP_A that is not hex or is 0 mod N."""
    assert device.srp_verifier is not None, "only confirmed devices answer DEVICE_SRP_AUTH"
    big_a = parse_srp_a(srp_a)
    b, big_b = begin(device.srp_verifier)
    secret_block = base64.b64encode(token_bytes(_SECRET_BLOCK_BYTES)).decode("ascii")
    return DeviceChallenge(big_a, big_b, b, secret_block)


def claim_is_valid(device: Device, challenge: DeviceChallenge, secret_block: str, timestamp: str,
                   signature: str) -> bool:
    """The device's PASSWORD_CLAIM_SIGNATURE over DeviceGroupKey || DeviceKey || SECRET_BLOCK ||
    TIMESTAMP, with the key only the holder of the device's random password derives."""
    if device.srp_verifier is None or secret_block != challenge.secret_block:
        return False
    try:
        key = session_key(challenge.A, challenge.B, challenge.b, device.srp_verifier)
        block = base64.b64decode(secret_block, validate=True)
    except (SrpError, binascii.Error, ValueError):
        return False
    return verify_signature(key, device.group_key, device.key, block, timestamp, signature)
