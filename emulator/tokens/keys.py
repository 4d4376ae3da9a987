"""Per-pool RSA signing keys and the JWKS that publishes them.

Cognito signs ID and access tokens with two different keys (two kids in the pool's JWKS), so a
KeyRing holds one key per (pool, token use). Keys are made on first use: RSA-2048 generation
costs tens of milliseconds, and creating many pools must stay cheap. Nothing is shipped in the
package: every installation has its own keys. With a state dir the keys are stored (PKCS#8 PEM,
in the owner-only state file), so tokens issued before a restart still verify after it.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from emulator.state.journal import Tracker
from emulator.tokens.jose import b64url_json

if TYPE_CHECKING:  # cryptography is imported when the first key is made or loaded (start-up time)
    from cryptography.hazmat.primitives.asymmetric import rsa

KEYS_KIND = "signing_keys"  # one row per pool: token use -> PKCS#8 PEM
TokenUse = Literal["id", "access"]
TOKEN_USES: tuple[TokenUse, ...] = ("id", "access")
ALGORITHM = "RS256"


def generate_rsa_key() -> rsa.RSAPrivateKey:
    from cryptography.hazmat.primitives.asymmetric import rsa

    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _b64url_uint(value: int) -> str:
    """JWK integers: big-endian, minimal length, base64url without padding (RFC 7518 §6.3)."""
    raw = value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _kid_for(public_key: rsa.RSAPublicKey) -> str:
    """AWS kids look like ``YCkiCWwm...L7lk=`` (standard base64 of 32 bytes): a key thumbprint does."""
    from cryptography.hazmat.primitives import serialization

    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(hashlib.sha256(der).digest()).decode("ascii")


@dataclass(frozen=True, slots=True)
class SigningKey:
    """One key with everything derived from it computed once, so signing and verifying stay cheap."""

    pool_id: str
    use: TokenUse
    kid: str
    private_key: rsa.RSAPrivateKey
    public_key: rsa.RSAPublicKey
    jwk: dict[str, str]
    header_segment: bytes  # base64url of {"kid":..,"alg":"RS256"}, in AWS's key order

    @classmethod
    def create(cls, pool_id: str, use: TokenUse, private_key: rsa.RSAPrivateKey) -> SigningKey:
        public_key = private_key.public_key()
        numbers = public_key.public_numbers()
        kid = _kid_for(public_key)
        jwk = {"alg": ALGORITHM, "e": _b64url_uint(numbers.e), "kid": kid, "kty": "RSA",
               "n": _b64url_uint(numbers.n), "use": "sig"}
        header = b64url_json({"kid": kid, "alg": ALGORITHM})
        return cls(pool_id, use, kid, private_key, public_key, jwk, header)


def _pem(key: rsa.RSAPrivateKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


@dataclass(slots=True)
class KeyRing:
    """Signing keys of every pool, indexed by (pool, use) and by kid; JWKS documents cached."""

    key_factory: Callable[[], rsa.RSAPrivateKey] = generate_rsa_key
    tracker: Tracker = field(default_factory=Tracker)
    kinds: tuple[str, ...] = (KEYS_KIND,)
    _by_pool: dict[str, dict[TokenUse, SigningKey]] = field(default_factory=dict)
    _by_kid: dict[str, SigningKey] = field(default_factory=dict)
    _jwks: dict[str, dict[str, Any]] = field(default_factory=dict)

    def signing_key(self, pool_id: str, use: TokenUse) -> SigningKey:
        return self._pool_keys(pool_id)[use]

    def jwks(self, pool_id: str) -> dict[str, Any]:
        """The pool's ``jwks.json`` document (two keys, ID key first); the same dict every call."""
        document = self._jwks.get(pool_id)
        if document is None:
            keys = self._pool_keys(pool_id)
            document = {"keys": [keys[use].jwk for use in TOKEN_USES]}
            self._jwks[pool_id] = document
        return document

    def by_kid(self, kid: str) -> SigningKey | None:
        """The key a token's header names, whichever pool it belongs to; None if unknown."""
        return self._by_kid.get(kid)

    def has_keys(self, pool_id: str) -> bool:
        return pool_id in self._by_pool

    def forget(self, pool_id: str) -> None:
        """Drop a deleted pool's keys: its tokens stop verifying, as on AWS."""
        if pool_id in self._by_pool:
            self.tracker.deleted(KEYS_KIND, pool_id)
        for key in self._by_pool.pop(pool_id, {}).values():
            self._by_kid.pop(key.kid, None)
        self._jwks.pop(pool_id, None)

    def pool_ids(self) -> list[str]:
        return list(self._by_pool)

    def adopt(self, other: KeyRing, pool_id: str) -> None:
        """Take another ring's keys for a pool (reset keeps a seeded pool's keys: generating
        new ones costs tens of milliseconds, and AWS never rotates them)."""
        self._install(pool_id, other._by_pool[pool_id])
        self.tracker.written(KEYS_KIND, pool_id, self._record(pool_id))

    def records(self) -> Iterable[tuple[str, str, Any]]:
        for pool_id in self._by_pool:
            yield KEYS_KIND, pool_id, self._record(pool_id)

    def load(self, kind: str, pool_id: str, record: dict[str, bytes]) -> None:
        keys = {use: SigningKey.create(pool_id, use, _load_pem(record[use])) for use in TOKEN_USES}
        self._install(pool_id, keys)

    def loaded(self) -> None:
        pass

    def _record(self, pool_id: str) -> dict[str, bytes]:
        return {use: _pem(key.private_key) for use, key in self._by_pool[pool_id].items()}

    def _install(self, pool_id: str, keys: dict[TokenUse, SigningKey]) -> None:
        for key in keys.values():
            self._by_kid[key.kid] = key
        self._by_pool[pool_id] = keys
        self._jwks.pop(pool_id, None)

    def _pool_keys(self, pool_id: str) -> dict[TokenUse, SigningKey]:
        keys = self._by_pool.get(pool_id)
        if keys is None:
            keys = {use: SigningKey.create(pool_id, use, self.key_factory()) for use in TOKEN_USES}
            self._install(pool_id, keys)
            self.tracker.written(KEYS_KIND, pool_id, self._record(pool_id))
        return keys


def _load_pem(pem: bytes) -> rsa.RSAPrivateKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError("a stored signing key is not an RSA key")
    return key
