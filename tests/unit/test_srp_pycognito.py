"""Round trips with pycognito's real client-side SRP (no network): the right password verifies, a wrong
one does not; same for remembered-device SRP."""

from __future__ import annotations

import base64
import secrets
import time

import pytest
from pycognito.aws_srp import AWSSRP, generate_hash_device

from emulator import srp

POOL_ID = "us-east-1_RoundTrip9"
CLIENT_ID = "1example23456789abcdefghij"
SALTS = [
    bytes.fromhex("00eaef87195a0d27650062ae31aaff917a"),  # redundant leading zero byte + high bit
    bytes.fromhex("0000017f"),  # several leading zeros, odd-length hex
    bytes.fromhex("ff" * 16),
    bytes.fromhex("42c28144540f38477dc003bc45633326"),
]


def _client(username: str, password: str, **device: str) -> AWSSRP:
    # A non-None client keeps pycognito from building a boto3 client; no call is made.
    return AWSSRP(username, password, POOL_ID, CLIENT_ID, client=object(), **device)


def _login(username: str, stored_password: str, typed_password: str, salt: bytes) -> bool:
    """Server stores (salt, v); a pycognito client with ``typed_password`` answers the challenge."""
    pool = srp.pool_name(POOL_ID)
    v = srp.compute_verifier(pool, username, stored_password, salt)
    client = _client(username, typed_password)
    auth_params = client.get_auth_params()
    big_a = srp.parse_srp_a(auth_params["SRP_A"])
    b, big_b = srp.begin(v)
    block = secrets.token_bytes(64)
    challenge = {
        "USERNAME": username,
        "USER_ID_FOR_SRP": username,
        "SALT": srp.salt_hex(salt),
        "SRP_B": srp.srp_b_hex(big_b),
        "SECRET_BLOCK": base64.b64encode(block).decode(),
    }
    answer = client.process_challenge(challenge, auth_params)
    assert answer["USERNAME"] == username
    assert base64.b64decode(answer["PASSWORD_CLAIM_SECRET_BLOCK"]) == block
    timestamp = srp.check_timestamp(answer["TIMESTAMP"], time.time())
    return srp.verify_password_claim(
        A=big_a,
        B=big_b,
        b=b,
        v=v,
        group=pool,
        identity=username,
        secret_block=block,
        timestamp=timestamp,
        signature=answer["PASSWORD_CLAIM_SIGNATURE"],
    )


@pytest.mark.parametrize("salt", SALTS, ids=lambda s: s.hex())
@pytest.mark.parametrize(
    ("username", "password"),
    [("alice", "Passw0rd!"), ("jürgen.müller_名前", "pässwörd-密码-🔑!A1"), ("7d2f-uuid-like", "")],
)
def test_right_password_verifies(username: str, password: str, salt: bytes) -> None:
    assert _login(username, password, password, salt)


@pytest.mark.parametrize("typed", ["Passw0rd", "passw0rd!", "Passw0rd! ", ""])
def test_wrong_password_fails(typed: str) -> None:
    assert not _login("alice", "Passw0rd!", typed, SALTS[0])


def test_random_salts_round_trip() -> None:
    for _ in range(5):
        assert _login("bob", "Secret-123", "Secret-123", srp.new_salt())


def test_secret_hash_matches_pycognito() -> None:
    secret = "abcdef0123456789abcdef0123456789abcdef0123456789abcd"
    expected = AWSSRP.get_secret_hash("carol@example.com", CLIENT_ID, secret)
    assert srp.compute_secret_hash("carol@example.com", CLIENT_ID, secret) == expected
    assert srp.secret_hash_matches(expected, "carol@example.com", CLIENT_ID, secret)


def _device_login(typed_password: str | None) -> bool:
    group_key, device_key = "-q8Rw2Xy7", "us-east-1_2f6b1a0e-9c4d-4e21-8a3b-5d7c9e0f1a2b"
    device_password, config = generate_hash_device(group_key, device_key)
    v, salt = srp.decode_device_verifier_config(config)  # what ConfirmDevice stores
    client = _client(
        "alice",
        "unused",
        device_key=device_key,
        device_group_key=group_key,
        device_password=typed_password if typed_password is not None else device_password,
    )
    big_a = srp.parse_srp_a(client.get_auth_params()["SRP_A"])
    b, big_b = srp.begin(v)
    block = secrets.token_bytes(96)
    challenge = {
        "USERNAME": "alice",
        "SALT": srp.salt_hex(salt),
        "SRP_B": srp.srp_b_hex(big_b),
        "SECRET_BLOCK": base64.b64encode(block).decode(),
        "DEVICE_KEY": device_key,
    }
    answer = client.process_device_challenge(challenge)
    assert answer["DEVICE_KEY"] == device_key
    timestamp = srp.check_timestamp(answer["TIMESTAMP"], time.time())
    key = srp.session_key(big_a, big_b, b, v)
    return srp.verify_signature(key, group_key, device_key, block, timestamp, answer["PASSWORD_CLAIM_SIGNATURE"])


def test_device_right_password_verifies() -> None:
    for _ in range(3):
        assert _device_login(None)


def test_device_wrong_password_fails() -> None:
    assert not _device_login(base64.b64encode(secrets.token_bytes(40)).decode())
