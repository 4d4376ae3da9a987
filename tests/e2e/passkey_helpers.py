"""A software passkey for boto3-level tests: an EC P-256 key that answers
``navigator.credentials.create`` (packed self-attestation or ``none``) and ``.get`` as an
authenticator would, so the emulator's WebAuthn checks (made by py_webauthn) see real
attestations and assertions without a browser."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

ORIGIN = "http://localhost:5173"
UP, UV, AT = 0x01, 0x04, 0x40


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class SoftwarePasskey:
    def __init__(self, origin: str = ORIGIN, user_verified: bool = True) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.raw_id = os.urandom(32)
        self.origin = origin
        self.user_verified = user_verified
        self.sign_count = 0
        self.user_handle = b""

    @property
    def credential_id(self) -> str:
        return b64url(self.raw_id)

    def _flags(self, extra: int = 0) -> bytes:
        return bytes([UP | (UV if self.user_verified else 0) | extra])

    def _cose_key(self) -> bytes:
        numbers = self.key.public_key().public_numbers()
        return cbor2.dumps({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")})

    def create(self, options: dict[str, Any], *, origin: str | None = None, rp_id: str | None = None,
               fmt: str = "packed") -> dict[str, Any]:
        """A RegistrationResponseJSON for CredentialCreationOptions (``rp_id``/``origin`` override
        what the options say, to build refusals)."""
        self.user_handle = base64.urlsafe_b64decode(options["user"]["id"] + "==")
        client_data = json.dumps({"type": "webauthn.create", "challenge": options["challenge"],
                                  "origin": origin or self.origin, "crossOrigin": False}).encode()
        auth_data = (hashlib.sha256((rp_id or options["rp"]["id"]).encode()).digest() + self._flags(AT)
                     + struct.pack(">I", self.sign_count) + bytes(16) + struct.pack(">H", len(self.raw_id))
                     + self.raw_id + self._cose_key())
        statement: dict[str, Any] = {}
        if fmt == "packed":  # self attestation: signed with the credential's own key
            signature = self.key.sign(auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
            statement = {"alg": -7, "sig": signature}
        attestation = cbor2.dumps({"fmt": fmt, "attStmt": statement, "authData": auth_data})
        return {"id": self.credential_id, "rawId": self.credential_id, "type": "public-key",
                "clientExtensionResults": {}, "authenticatorAttachment": "platform",
                "response": {"clientDataJSON": b64url(client_data), "attestationObject": b64url(attestation),
                             "transports": ["internal"]}}

    def get(self, options: dict[str, Any], *, origin: str | None = None, rp_id: str | None = None,
            count: int | None = None) -> str:
        """An AuthenticationResponseJSON (as a JSON string, as the WEB_AUTHN answer carries it)."""
        self.sign_count = self.sign_count + 1 if count is None else count
        client_data = json.dumps({"type": "webauthn.get", "challenge": options["challenge"],
                                  "origin": origin or self.origin, "crossOrigin": False}).encode()
        auth_data = (hashlib.sha256((rp_id or options["rpId"]).encode()).digest() + self._flags()
                     + struct.pack(">I", self.sign_count))
        signature = self.key.sign(auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
        return json.dumps({"id": self.credential_id, "rawId": self.credential_id, "type": "public-key",
                           "clientExtensionResults": {}, "authenticatorAttachment": "platform",
                           "response": {"clientDataJSON": b64url(client_data), "authenticatorData": b64url(auth_data),
                                        "signature": b64url(signature), "userHandle": b64url(self.user_handle)}})
