"""The two WebAuthn ceremonies as Cognito runs them, verified by py_webauthn (never by hand):

* registration: StartWebAuthnRegistration's CredentialCreationOptions, then the attestation
  CompleteWebAuthnRegistration brings back (challenge, origin, RP id hash, user presence and
  verification, the attestation statement);
* sign-in: the WEB_AUTHN challenge's CREDENTIAL_REQUEST_OPTIONS, then the assertion (challenge,
  origin, RP id hash, user presence and verification, signature, signature counter).

The emulator reads the origin out of clientDataJSON only to decide whether it may use the relying
party (``relying_party.origin_allowed``); the library then checks it like everything else.

py_webauthn (with its CBOR and COSE dependencies) is imported by the ceremonies themselves, on
the first passkey registration or sign-in: most users of the emulator never use one, and the
import is a large share of start-up time.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from emulator.state.ids import token_bytes
from emulator.userpools.passkeys.model import Passkey
from emulator.userpools.passkeys.relying_party import origin_allowed

CHALLENGE_BYTES = 16  # as in the options Amplify's tests captured from Cognito
REGISTRATION_TIMEOUT_MS = 60000  # [src: Amplify's captured CredentialCreationOptions]
# COSE algorithms offered at registration: ES256 and RS256, as Cognito's captured options list them.
PUB_KEY_CRED_PARAMS = [{"type": "public-key", "alg": -7}, {"type": "public-key", "alg": -257}]


class CeremonyError(Exception):
    """A response that does not verify; ``reason`` says which check failed (for the caller's error)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail or reason)
        self.reason = reason


# reasons
MALFORMED = "malformed"
ORIGIN = "origin"
RELYING_PARTY = "relying_party"
CHALLENGE = "challenge"
UNSUPPORTED = "unsupported"


def bytes_to_base64url(value: bytes) -> str:
    """WebAuthn's unpadded base64url (what py_webauthn's helper of the same name returns)."""
    return base64.urlsafe_b64encode(value).decode("ascii").rstrip("=")


def new_challenge() -> str:
    return bytes_to_base64url(token_bytes(CHALLENGE_BYTES))


def creation_options(rp_id: str, user_id: str, username: str, challenge: str, user_verification: str,
                     existing: list[Passkey]) -> dict[str, Any]:
    """CredentialCreationOptions: a discoverable credential (Amplify's captured options require a
    resident key); ``user.id`` is the base64url of the user's sub."""
    return {
        "rp": {"id": rp_id, "name": rp_id},
        "user": {"id": bytes_to_base64url(user_id.encode()), "name": username, "displayName": username},
        "challenge": challenge,
        "pubKeyCredParams": PUB_KEY_CRED_PARAMS,
        "timeout": REGISTRATION_TIMEOUT_MS,
        "excludeCredentials": [{"type": "public-key", "id": key.credential_id} for key in existing],
        "authenticatorSelection": {"requireResidentKey": True, "residentKey": "required",
                                   "userVerification": user_verification},
    }


def request_options(rp_id: str, challenge: str, user_verification: str, passkeys: list[Passkey],
                    timeout_ms: int) -> dict[str, Any]:
    """CREDENTIAL_REQUEST_OPTIONS, in the shape of Amplify's captured options."""
    return {
        "hints": [],
        "attestation": "none",
        "attestationFormats": [],
        "challenge": challenge,
        "timeout": timeout_ms,
        "rpId": rp_id,
        "allowCredentials": [{"id": key.credential_id, "type": "public-key"} for key in passkeys],
        "userVerification": user_verification,
    }


@dataclass(frozen=True, slots=True)
class Registered:
    credential_id: str
    public_key: bytes
    sign_count: int
    transports: list[str]
    attachment: str | None


def verify_registration(credential: Any, challenge: str, rp_id: str, require_uv: bool) -> Registered:
    """The attestation CompleteWebAuthnRegistration carries (a RegistrationResponseJSON object)."""
    from webauthn import verify_registration_response
    from webauthn.helpers import parse_registration_credential_json
    from webauthn.helpers.exceptions import InvalidJSONStructure, InvalidRegistrationResponse

    try:
        parsed = parse_registration_credential_json(_as_json(credential))
        origin = _origin(parsed.response.client_data_json)
    except (InvalidJSONStructure, InvalidRegistrationResponse, ValueError, TypeError, KeyError) as error:
        raise CeremonyError(MALFORMED, str(error)) from None
    if not origin_allowed(origin, rp_id):
        raise CeremonyError(ORIGIN, origin)
    try:
        verified = verify_registration_response(
            credential=parsed, expected_challenge=_decode(challenge), expected_rp_id=rp_id,
            expected_origin=origin, require_user_verification=require_uv)
    except InvalidRegistrationResponse as error:
        raise CeremonyError(_reason(str(error)), str(error)) from None
    except Exception as error:  # the library's parsers raise plain errors on odd CBOR  # noqa: BLE001
        raise CeremonyError(MALFORMED, str(error)) from None
    transports = [str(getattr(t, "value", t)) for t in (parsed.response.transports or [])]
    attachment = parsed.authenticator_attachment
    return Registered(bytes_to_base64url(verified.credential_id), verified.credential_public_key,
                      verified.sign_count, transports, None if attachment is None else str(attachment.value))


def credential_id_of(credential: str) -> str:
    """The id an AuthenticationResponseJSON names, to find the user's passkey before verifying."""
    from webauthn.helpers import parse_authentication_credential_json
    from webauthn.helpers.exceptions import InvalidJSONStructure

    try:
        return parse_authentication_credential_json(credential).id
    except (InvalidJSONStructure, ValueError, TypeError, KeyError) as error:
        raise CeremonyError(MALFORMED, str(error)) from None


def verify_assertion(credential: str, passkey: Passkey, challenge: str, require_uv: bool) -> int:
    """The assertion the WEB_AUTHN answer carries (a JSON string); returns the new signature count."""
    from webauthn import verify_authentication_response
    from webauthn.helpers import parse_authentication_credential_json
    from webauthn.helpers.exceptions import InvalidAuthenticationResponse, InvalidJSONStructure

    try:
        parsed = parse_authentication_credential_json(credential)
        origin = _origin(parsed.response.client_data_json)
    except (InvalidJSONStructure, ValueError, TypeError, KeyError) as error:
        raise CeremonyError(MALFORMED, str(error)) from None
    if not origin_allowed(origin, passkey.relying_party_id):
        raise CeremonyError(ORIGIN, origin)
    try:
        verified = verify_authentication_response(
            credential=parsed, expected_challenge=_decode(challenge), expected_rp_id=passkey.relying_party_id,
            expected_origin=origin, credential_public_key=passkey.public_key,
            credential_current_sign_count=passkey.sign_count, require_user_verification=require_uv)
    except InvalidAuthenticationResponse as error:
        raise CeremonyError(_reason(str(error)), str(error)) from None
    except Exception as error:  # noqa: BLE001
        raise CeremonyError(MALFORMED, str(error)) from None
    return int(verified.new_sign_count)


def _as_json(credential: Any) -> str:
    return credential if isinstance(credential, str) else json.dumps(credential)


def _origin(client_data_json: bytes) -> str:
    from webauthn.helpers import parse_client_data_json

    return str(parse_client_data_json(client_data_json).origin)


def _decode(value: str) -> bytes:
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))


def _reason(message: str) -> str:
    if "RP ID hash" in message:
        return RELYING_PARTY
    if "challenge" in message:
        return CHALLENGE
    if "origin" in message:
        return ORIGIN
    if "algorithm" in message.lower() or "attestation" in message.lower():
        return UNSUPPORTED
    return MALFORMED
