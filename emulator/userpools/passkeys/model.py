"""The passkey record kept on a user (no imports from the rest of the user-pool package, so the
user model can hold it). Only the public key is known to Cognito, as with any WebAuthn server."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Passkey:
    credential_id: str  # base64url, as the browser names it
    public_key: bytes  # COSE_Key from the attestation
    sign_count: int  # the authenticator's counter; an assertion must move it forward (when non-zero)
    relying_party_id: str
    created: float
    friendly_name: str
    transports: list[str] = field(default_factory=list)
    attachment: str | None = None  # "platform" | "cross-platform", as the browser reported it
