"""``Passkeys``: a user's registered passkeys in a seed file, so an exported demo keeps them. Like a
``PasswordHash``, an entry is the server's record, never a secret: a WebAuthn server only knows the
credential's public key, so a seeded passkey signs in only with the authenticator that holds its
private key (a virtual authenticator in a test, or the browser profile that registered it).

``[{"CredentialId": "<base64url>", "PublicKey": "<base64 of the COSE_Key>", "RelyingPartyId": "...",
"SignCount": 0, "CreatedAt": <epoch seconds>, "FriendlyCredentialName": "...",
"AuthenticatorTransports": ["internal", ...], "AuthenticatorAttachment": "platform" | "cross-platform"}]``;
the first three are required. The names follow ListWebAuthnCredentials' WebAuthnCredentialDescription.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

from emulator.seeding import fields
from emulator.seeding.errors import SeedError
from emulator.userpools.passkeys.model import Passkey

KEYS = {"CredentialId", "PublicKey", "RelyingPartyId", "SignCount", "CreatedAt", "FriendlyCredentialName",
        "AuthenticatorTransports", "AuthenticatorAttachment"}
ATTACHMENTS = ("platform", "cross-platform")
DEFAULT_NAME = "Passkey"  # as registration names a new one (emulator.userpools.passkeys.registration)
_BASE64URL = re.compile(r"[A-Za-z0-9_-]{1,1364}")  # WebAuthn credential ids are at most 1023 bytes
_MAX_SIGN_COUNT = 2**32 - 1  # the authenticator's counter is 32 bits


def passkeys_entry(passkeys: dict[str, Passkey]) -> list[dict[str, Any]] | None:
    """The seed form of a user's passkeys, oldest first; None when there are none."""
    if not passkeys:
        return None
    return [_entry(key) for key in sorted(passkeys.values(), key=lambda p: (p.created, p.credential_id))]


def seed_passkeys(value: Any, where: str, now: float) -> dict[str, Passkey]:
    """Check a ``Passkeys`` list; credential id -> record, as ``User.passkeys`` holds them."""
    where = f"{where}.Passkeys"
    if not isinstance(value, list):
        raise SeedError(f"{where}: expected a list of passkeys ({', '.join(sorted(KEYS))})")
    found: dict[str, Passkey] = {}
    for index, entry in enumerate(value):
        passkey = _passkey(entry, f"{where}[{index}]", now)
        if passkey.credential_id in found:
            raise SeedError(f"{where}[{index}]: CredentialId {passkey.credential_id} is listed twice")
        found[passkey.credential_id] = passkey
    return found


def _passkey(entry: Any, where: str, now: float) -> Passkey:
    if not isinstance(entry, dict):
        raise SeedError(f"{where}: expected an object with {', '.join(sorted(KEYS))}")
    fields.unknown_keys(entry, KEYS, where)
    credential_id = entry.get("CredentialId")
    if not isinstance(credential_id, str) or not _BASE64URL.fullmatch(credential_id) or not _decodes(credential_id):
        raise SeedError(f"{where}: CredentialId must be the credential's id in base64url, unpadded")
    public_key = fields.base64_bytes(entry, "PublicKey", where)
    from webauthn.helpers import decode_credential_public_key  # only for seeds with passkeys (start-up)

    try:
        decode_credential_public_key(public_key)
    except Exception:  # py_webauthn raises several kinds for a key it cannot read
        raise SeedError(f"{where}: PublicKey must be the credential's COSE_Key (base64)") from None
    rp_id = entry.get("RelyingPartyId")
    if not isinstance(rp_id, str) or not 1 <= len(rp_id) <= 127:
        raise SeedError(f"{where}: RelyingPartyId must be a string of 1 to 127 characters")
    sign_count = entry.get("SignCount", 0)
    if isinstance(sign_count, bool) or not isinstance(sign_count, int) or not 0 <= sign_count <= _MAX_SIGN_COUNT:
        raise SeedError(f"{where}: SignCount must be an integer from 0 to {_MAX_SIGN_COUNT}")
    name = entry.get("FriendlyCredentialName", DEFAULT_NAME)
    if not isinstance(name, str) or not name:
        raise SeedError(f"{where}: FriendlyCredentialName must be a non-empty string")
    transports = entry.get("AuthenticatorTransports", [])
    if not isinstance(transports, list) or not all(isinstance(t, str) and t for t in transports):
        raise SeedError(f"{where}: AuthenticatorTransports must be a list of strings")
    attachment = entry.get("AuthenticatorAttachment")
    if attachment is not None and attachment not in ATTACHMENTS:
        raise SeedError(f"{where}: AuthenticatorAttachment must be one of {', '.join(ATTACHMENTS)}")
    created = fields.epoch_seconds(entry, "CreatedAt", where)
    return Passkey(credential_id=credential_id, public_key=public_key, sign_count=sign_count,
                   relying_party_id=rp_id, created=now if created is None else created, friendly_name=name,
                   transports=list(transports), attachment=attachment)


def _entry(passkey: Passkey) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "CredentialId": passkey.credential_id,
        "PublicKey": base64.b64encode(passkey.public_key).decode("ascii"),
        "RelyingPartyId": passkey.relying_party_id,
        "SignCount": passkey.sign_count,
        "CreatedAt": passkey.created,
        "FriendlyCredentialName": passkey.friendly_name,
        "AuthenticatorTransports": list(passkey.transports),
    }
    if passkey.attachment:
        entry["AuthenticatorAttachment"] = passkey.attachment
    return entry


def _decodes(text: str) -> bool:
    try:
        return bool(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (binascii.Error, ValueError):
        return False
