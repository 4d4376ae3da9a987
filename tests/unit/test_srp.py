"""Known-answer tests for emulator.srp against srp-vectors.json (made with pycognito and acij)."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import secrets
import sys
from pathlib import Path
from typing import Any

import pytest

from emulator import srp
from emulator.srp import group, server, verifier
from tests.unit.test_srp_vectors import VECTORS

SHARED_VECTORS = Path("/work/shared/reference/srp-vectors.json")
USER = VECTORS["user_srp"]
DEVICE = VECTORS["device"]
DEVICE_AUTH = VECTORS["device_srp_auth"]
HEX = "{:x}".format


def _ids(vectors: list[dict[str, Any]]) -> list[str]:
    return [v["name"] for v in vectors]


def client_key(vec: dict[str, Any], group_name: str, identity: str, password: str) -> bytes:
    """Textbook client side (S = (B - k*g^x)^(a + u*x)), fed the vector's private a."""
    a, big_a, big_b = (int(vec[k], 16) for k in ("a_hex", "A_hex", "B_hex"))
    salt = bytes.fromhex(vec["salt_hex"])
    x = srp.compute_x(group_name, identity, password, salt)
    u = srp.compute_u(big_a, big_b)
    s = pow((big_b - srp.K * pow(srp.G, x, srp.N)) % srp.N, a + u * x, srp.N)
    return srp.hkdf_key(s, u)


def test_embedded_vectors_match_shared_reference() -> None:
    if not SHARED_VECTORS.exists():
        pytest.skip("shared reference not present")
    assert json.loads(SHARED_VECTORS.read_text(encoding="utf-8")) == VECTORS


# --- group -------------------------------------------------------------------------------------------


def test_group_constants() -> None:
    assert group.N_HEX == VECTORS["constants"]["N_hex"]
    assert srp.G == VECTORS["constants"]["g"]
    assert HEX(srp.K) == VECTORS["constants"]["k_hex"]
    assert group.PAD_N == b"\x00" + bytes.fromhex(group.N_HEX) and len(group.PAD_N) == 385
    assert srp.pad(srp.G) == "02"


@pytest.mark.parametrize(
    ("value", "padded"),
    [
        (0, "00"),
        (1, "01"),
        (0x7F, "7f"),
        (0x80, "0080"),
        (0xABC, "0abc"),
        (0x8AB, "08ab"),
        (0xFF00, "00ff00"),
    ],
)
def test_pad_is_java_to_byte_array(value: int, padded: str) -> None:
    assert srp.pad(value) == padded
    assert srp.pad_bytes(value) == bytes.fromhex(padded)


def test_pad_refuses_negative() -> None:
    with pytest.raises(ValueError):
        srp.pad(-1)


def test_hash_helpers_agree() -> None:
    a, b = secrets.randbits(3000), secrets.randbits(255)
    assert group.hash_hex(srp.pad(a), srp.pad(b)) == group.hash_padded(a, b)
    assert group.hash_hex(srp.pad(a), srp.pad(b)) == hashlib.sha256(bytes.fromhex(srp.pad(a) + srp.pad(b))).digest()


@pytest.mark.parametrize("bits", [0, 1, 6, 7, 255, 256, 257, 1024])
def test_g_pow_matches_pow(bits: int) -> None:
    exp = secrets.randbits(bits) | (1 << bits >> 1) if bits else 0
    assert group.g_pow(exp) == pow(2, exp, srp.N)
    assert group.powmod(3, exp) == pow(3, exp, srp.N)


def test_pure_python_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without gmpy2 the same module computes the same numbers with pow()."""
    monkeypatch.setitem(sys.modules, "gmpy2", None)
    spec = importlib.util.spec_from_file_location("srp_group_nogmp", group.__file__)
    assert spec is not None and spec.loader is not None
    fallback = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fallback)
    assert fallback.HAVE_GMPY2 is False
    assert fallback.K == srp.K
    exp = secrets.randbits(256)
    assert fallback.g_pow(exp) == group.g_pow(exp)
    assert fallback.powmod(5, exp) == group.powmod(5, exp)


# --- user SRP known answers --------------------------------------------------------------------------


@pytest.mark.parametrize("vec", USER, ids=_ids(USER))
def test_verifier(vec: dict[str, Any]) -> None:
    assert srp.pool_name(vec["pool_id"]) == vec["pool_name"]
    salt = bytes.fromhex(vec["salt_hex"])
    inner = hashlib.sha256(f"{vec['pool_name']}{vec['user_id_for_srp']}:{vec['password']}".encode()).digest()
    assert inner.hex() == vec["username_password_hash_hex"]
    x = srp.compute_x(vec["pool_name"], vec["user_id_for_srp"], vec["password"], salt)
    assert HEX(x) == vec["x_hex"]
    v = srp.compute_verifier(vec["pool_name"], vec["user_id_for_srp"], vec["password"], salt)
    assert srp.pad(v) == vec["verifier_hex"]
    # The salt may be given as an integer too; SALT goes out exactly as the vector's server sends it.
    assert (
        srp.compute_verifier(vec["pool_name"], vec["user_id_for_srp"], vec["password"], int(vec["salt_hex"], 16)) == v
    )
    assert srp.salt_hex(salt) == vec["salt_hex"] == vec["challenge_parameters_as_server_sends"]["SALT"]


@pytest.mark.parametrize("vec", USER, ids=_ids(USER))
def test_server_values(vec: dict[str, Any]) -> None:
    v, b = int(vec["verifier_hex"], 16), int(vec["b_hex"], 16)
    big_b = srp.server_public(v, b)
    assert HEX(big_b) == vec["B_hex"] and srp.pad(big_b) == vec["B_padded_hex"]
    assert srp.srp_b_hex(big_b) == vec["challenge_parameters_as_server_sends"]["SRP_B"]
    big_a = srp.parse_srp_a(vec["A_hex"])
    assert srp.pad(big_a) == vec["A_padded_hex"]
    assert (len(vec["A_hex"]) % 2 == 1) == vec["flags"]["A_hex_odd_length"]
    u = srp.compute_u(big_a, big_b)
    assert HEX(u) == vec["u_hex"] and srp.pad(u) == vec["u_padded_hex"]
    assert len(srp.pad_bytes(u)) == vec["flags"]["u_padded_bytes"]
    s = srp.compute_s(big_a, v, u, b)
    assert HEX(s) == vec["S_hex"] and srp.pad(s) == vec["S_padded_hex"]
    assert len(srp.pad_bytes(s)) == vec["flags"]["S_padded_bytes"]
    assert srp.hkdf_key(s, u).hex() == vec["hkdf_key_hex"]
    assert srp.session_key(big_a, big_b, b, v).hex() == vec["hkdf_key_hex"]


@pytest.mark.parametrize("vec", USER, ids=_ids(USER))
def test_password_claim_signature(vec: dict[str, Any]) -> None:
    key = bytes.fromhex(vec["hkdf_key_hex"])
    block = base64.b64decode(vec["secret_block_b64"])
    sent = vec["challenge_responses_client_sends"]
    assert sent["PASSWORD_CLAIM_SECRET_BLOCK"] == vec["secret_block_b64"]
    msg = server.claim_message(vec["pool_name"], vec["user_id_for_srp"], block, vec["timestamp"])
    assert msg.hex() == vec["claim_message_hex"]
    args = (vec["pool_name"], vec["user_id_for_srp"], block, sent["TIMESTAMP"])
    assert srp.expected_signature(key, *args) == vec["password_claim_signature"]
    assert srp.verify_signature(key, *args, sent["PASSWORD_CLAIM_SIGNATURE"])
    assert srp.verify_password_claim(
        A=int(vec["A_hex"], 16),
        B=int(vec["B_hex"], 16),
        b=int(vec["b_hex"], 16),
        v=int(vec["verifier_hex"], 16),
        group=vec["pool_name"],
        identity=vec["user_id_for_srp"],
        secret_block=block,
        timestamp=sent["TIMESTAMP"],
        signature=sent["PASSWORD_CLAIM_SIGNATURE"],
    )


@pytest.mark.parametrize("vec", USER, ids=_ids(USER))
def test_wrong_password_fails(vec: dict[str, Any]) -> None:
    """A client with the vector's a but a wrong password signs something the server refuses."""
    block = base64.b64decode(vec["secret_block_b64"])
    args = (vec["pool_name"], vec["user_id_for_srp"], block, vec["timestamp"])
    right = client_key(vec, vec["pool_name"], vec["user_id_for_srp"], vec["password"])
    assert right.hex() == vec["hkdf_key_hex"]
    for bad in (vec["password"] + "x", vec["password"].upper(), ""):
        wrong = client_key(vec, vec["pool_name"], vec["user_id_for_srp"], bad)
        server_key = srp.session_key(int(vec["A_hex"], 16), int(vec["B_hex"], 16), int(vec["b_hex"], 16),
                                     int(vec["verifier_hex"], 16))  # fmt: skip
        assert not srp.verify_signature(server_key, *args, srp.expected_signature(wrong, *args))


@pytest.mark.parametrize("vec", USER, ids=_ids(USER))
def test_tampered_claim_fails(vec: dict[str, Any]) -> None:
    key = bytes.fromhex(vec["hkdf_key_hex"])
    block = base64.b64decode(vec["secret_block_b64"])
    sig = vec["password_claim_signature"]
    pool, user, ts = vec["pool_name"], vec["user_id_for_srp"], vec["timestamp"]
    flipped = ("A" if sig[0] != "A" else "B") + sig[1:]
    assert not srp.verify_signature(key, pool, user, block, ts, flipped)
    assert not srp.verify_signature(key, pool, user, block[:-1] + bytes([block[-1] ^ 1]), ts, sig)
    assert not srp.verify_signature(key, pool, user + "x", block, ts, sig)
    assert not srp.verify_signature(key, pool + "x", user, block, ts, sig)
    other_year = ts[:-1] + str((int(ts[-1]) + 1) % 10)
    assert not srp.verify_signature(key, pool, user, block, other_year, sig)
    assert not srp.verify_signature(key, pool, user, block, ts, "")
    assert not srp.verify_signature(key, pool, user, block, ts, "ü" + sig[1:])
    assert not srp.verify_signature(bytes(16), pool, user, block, ts, sig)


# --- server-side refusals ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "xyz", "0x12", " 12", "-12", "+12", "1_2", "12\n", "a" * 2049])
def test_parse_srp_a_refuses_non_hex(text: str) -> None:
    with pytest.raises(srp.SrpError):
        srp.parse_srp_a(text)


@pytest.mark.parametrize("big_a", [0, srp.N, 2 * srp.N])
def test_a_multiple_of_n_refused(big_a: int) -> None:
    with pytest.raises(srp.SrpError):
        srp.parse_srp_a(HEX(big_a))
    with pytest.raises(srp.SrpError):
        srp.session_key(big_a, 5, 7, 11)


def test_parse_srp_a_accepts_leading_zeros_and_upper_case() -> None:
    vec = USER[0]
    assert srp.parse_srp_a("000" + vec["A_hex"].upper()) == int(vec["A_hex"], 16)


def test_u_zero_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server, "compute_u", lambda a, b: 0)
    with pytest.raises(srp.SrpError):
        srp.session_key(2, 3, 5, 7)


def test_begin_shape() -> None:
    v = srp.compute_verifier("Pool", "user", "pw", b"salt")
    seen = set()
    for _ in range(5):
        b, big_b = srp.begin(v)
        assert b.bit_length() == server.PRIVATE_BITS
        assert 0 < big_b < srp.N
        assert big_b == srp.server_public(v, b)
        seen.add(b)
    assert len(seen) == 5


def test_begin_retries_when_b_is_zero_mod_n(monkeypatch: pytest.MonkeyPatch) -> None:
    v = 12345
    real = server.g_pow_big
    calls: list[int] = []

    def fake(exp: int) -> Any:
        calls.append(exp)
        return (srp.N - srp.K * v % srp.N) if len(calls) == 1 else real(exp)

    monkeypatch.setattr(server, "g_pow_big", fake)
    b, big_b = srp.begin(v)
    assert len(calls) == 2 and big_b != 0 and big_b == srp.server_public(v, b)


# --- device SRP --------------------------------------------------------------------------------------


def test_device_verifier_config() -> None:
    v, salt = srp.decode_device_verifier_config(DEVICE["DeviceSecretVerifierConfig"])
    assert srp.pad(v) == DEVICE["verifier_hex"] and salt.hex() == DEVICE["salt_hex"]
    x = srp.compute_x(DEVICE["device_group_key"], DEVICE["device_key"], DEVICE["random_password"], salt)
    assert HEX(x) == DEVICE["x_hex"]
    assert srp.compute_verifier(DEVICE["device_group_key"], DEVICE["device_key"], DEVICE["random_password"], salt) == v
    assert srp.encode_device_verifier_config(v, salt) == DEVICE["DeviceSecretVerifierConfig"]


@pytest.mark.parametrize(
    "config",
    [
        {},
        {"PasswordVerifier": "KPWn", "Salt": ""},
        {"PasswordVerifier": "not base64!", "Salt": "MjiRs7oftRW/+qZ4azvX4w=="},
        {"PasswordVerifier": "KPWnho/Z6LbQm8zPDgWuKx6CzmE1c/Wx", "Salt": "Mji"},
        {"PasswordVerifier": "AA==", "Salt": "MjiRs7oftRW/+qZ4azvX4w=="},
        {"PasswordVerifier": 5, "Salt": "MjiRs7oftRW/+qZ4azvX4w=="},
    ],
)
def test_device_verifier_config_refusals(config: dict[str, Any]) -> None:
    with pytest.raises(srp.SrpError):
        srp.decode_device_verifier_config(config)


def test_device_srp_auth() -> None:
    vec = DEVICE_AUTH
    for key in ("device_group_key", "device_key", "random_password", "salt_hex", "verifier_hex"):
        assert vec[key] == DEVICE[key]
    v, b, big_a = int(vec["verifier_hex"], 16), int(vec["b_hex"], 16), srp.parse_srp_a(vec["A_hex"])
    assert srp.pad(srp.compute_verifier(vec["device_group_key"], vec["device_key"], vec["random_password"],
                                        bytes.fromhex(vec["salt_hex"]))) == vec["verifier_hex"]  # fmt: skip
    big_b = srp.server_public(v, b)
    assert HEX(big_b) == vec["B_hex"]
    u = srp.compute_u(big_a, big_b)
    assert HEX(u) == vec["u_hex"]
    assert HEX(srp.compute_s(big_a, v, u, b)) == vec["S_hex"]
    key = srp.session_key(big_a, big_b, b, v)
    assert key.hex() == vec["hkdf_key_hex"]
    block = base64.b64decode(vec["secret_block_b64"])
    args = (vec["device_group_key"], vec["device_key"], block, vec["timestamp"])
    assert srp.expected_signature(key, *args) == vec["password_claim_signature"]
    assert srp.verify_signature(key, *args, vec["password_claim_signature"])
    srp.check_timestamp(vec["timestamp"], srp.parse_timestamp(vec["timestamp"]))
    # Same A and b, wrong device password: the client's key differs and the claim is refused.
    wrong = client_key(vec, vec["device_group_key"], vec["device_key"], vec["random_password"][:-2])
    assert client_key(vec, vec["device_group_key"], vec["device_key"], vec["random_password"]) == key
    assert not srp.verify_signature(key, *args, srp.expected_signature(wrong, *args))


# --- SECRET_HASH -------------------------------------------------------------------------------------


@pytest.mark.parametrize("vec", VECTORS["secret_hash"], ids=lambda v: v["username"])
def test_secret_hash(vec: dict[str, Any]) -> None:
    args = (vec["username"], vec["client_id"], vec["client_secret"])
    assert srp.compute_secret_hash(*args) == vec["secret_hash"]
    assert srp.secret_hash_matches(vec["secret_hash"], *args)
    assert not srp.secret_hash_matches(vec["secret_hash"][:-2] + "A=", *args)
    assert not srp.secret_hash_matches(None, *args)
    assert not srp.secret_hash_matches("", *args)
    assert not srp.secret_hash_matches("ü" * 44, *args)
    assert not srp.secret_hash_matches(vec["secret_hash"], vec["username"] + "x", *args[1:])


def test_salt_helpers() -> None:
    assert len(srp.new_salt()) == verifier.SALT_BYTES
    assert srp.new_salt() != srp.new_salt()
    assert srp.salt_hex(b"\x00\x00\x12\x34") == "1234"
    assert srp.salt_hex(b"\x00\x80") == "0080"
    assert srp.salt_hex(0xABC) == "0abc"


# --- the OpenSSL exponentiation backend -------------------------------------------------------


def test_openssl_modexp_agrees_with_pow() -> None:
    from emulator.srp.openssl_modexp import for_modulus

    modexp = for_modulus(group.N)
    if modexp is None:
        pytest.skip("no usable system libcrypto here: GMP does the work")
    for _ in range(20):
        base, exp = secrets.randbits(3100), secrets.randbits(256)
        assert modexp(base, exp) == pow(base, exp, group.N)
    assert modexp(0, 5) == 0 and modexp(group.N, 3) == 0 and modexp(7, 0) == 1
    with pytest.raises(ValueError):
        modexp(2, -1)


def test_server_math_is_the_same_with_either_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    A, v, u, b = (secrets.randbits(bits) for bits in (3000, 3000, 256, 256))
    expected = pow(A * pow(v, u, group.N) % group.N, b, group.N)
    assert server.compute_s(A, v, u, b) == expected
    monkeypatch.setattr(group, "_modexp_n", lambda: None)  # as where libcrypto cannot be loaded
    assert server.compute_s(A, v, u, b) == expected


def test_openssl_modexp_is_per_thread() -> None:
    """The benchmark's load generator calls it from eight threads; each has its own BN_CTX."""
    from concurrent.futures import ThreadPoolExecutor

    from emulator.srp.openssl_modexp import for_modulus

    modexp = for_modulus(group.N)
    if modexp is None:
        pytest.skip("no usable system libcrypto here")
    cases = [(secrets.randbits(3000), secrets.randbits(256)) for _ in range(64)]
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda case: modexp(*case), cases))
    assert results == [pow(base, exp, group.N) for base, exp in cases]
