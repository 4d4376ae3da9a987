"""Registering a passkey for a signed-in user: StartWebAuthnRegistration keeps one pending
challenge per user (a new Start replaces it), bound to the app client of the access token;
CompleteWebAuthnRegistration spends it and stores the verified credential on the user."""

from __future__ import annotations

from typing import Any

from emulator.runtime import Context
from emulator.userpools.auth.sessions import ChallengeSession
from emulator.userpools.model import UserPool
from emulator.userpools.passkeys import ceremony
from emulator.userpools.passkeys.model import Passkey
from emulator.userpools.passkeys.relying_party import relying_party_id, require_passkeys, user_verification
from emulator.userpools.users.model import User
from emulator.wire.errors import (
    LimitExceededException,
    WebAuthnChallengeNotFoundException,
    WebAuthnClientMismatchException,
    WebAuthnCredentialNotSupportedException,
    WebAuthnOriginNotAllowedException,
    WebAuthnRelyingPartyMismatchException,
)

KIND = "WEBAUTHN_REGISTRATION"  # the ChallengeSession's challenge name; never on the wire
VALIDITY_SECONDS = 5 * 60  # guess: how long AWS keeps Start's challenge is not documented
MAX_PASSKEYS = 20  # guess: ListWebAuthnCredentials pages up to 20; AWS's per-user limit is not documented
FRIENDLY_NAME = "Passkey"  # guess: Cognito names the credential itself; its scheme is not known
# Guesses: AWS's wording is not documented.
TOO_MANY = "The user has reached the maximum number of passkeys."
NO_CHALLENGE = "No pending passkey registration for the user, or it has expired. Call StartWebAuthnRegistration."
OTHER_CLIENT = "The registration was started with another app client."
ORIGIN_REFUSED = "The origin of the registration is not allowed for the relying party {rp}."
RP_MISMATCH = "The credential was created for another relying party than {rp}."
NOT_SUPPORTED = "The credential could not be verified: {detail}"
ALREADY = "This credential is already registered."


def _key(pool: UserPool, user: User) -> str:
    return f"webauthn-registration:{pool.id}:{user.sub}"


def start(ctx: Context, pool: UserPool, user: User, client_id: str) -> dict[str, Any]:
    require_passkeys(pool)
    rp_id = relying_party_id(pool, pool.region)
    if len(user.passkeys) >= MAX_PASSKEYS:
        raise LimitExceededException(TOO_MANY)
    challenge = ceremony.new_challenge()
    data = {"challenge": challenge, "rp_id": rp_id, "uv": user_verification(pool)}
    session = ChallengeSession(pool.id, client_id, user.username, KIND, ctx.now() + VALIDITY_SECONDS, data)
    ctx.sessions.open(session, ctx.now(), key=_key(pool, user))
    return ceremony.creation_options(rp_id, user.sub, _display_name(user), challenge, data["uv"],
                                     list(user.passkeys.values()))


def complete(ctx: Context, pool: UserPool, user: User, client_id: str, credential: dict[str, Any]) -> None:
    require_passkeys(pool)
    key = _key(pool, user)
    pending = ctx.sessions.peek(key)
    if pending is None or pending.expires <= ctx.now() or pending.challenge != KIND:
        raise WebAuthnChallengeNotFoundException(NO_CHALLENGE)
    if pending.client_id != client_id:
        raise WebAuthnClientMismatchException(OTHER_CLIENT)
    ctx.sessions.take(key, ctx.now())  # single use, whatever the verification says
    rp_id = str(pending.data["rp_id"])
    try:
        registered = ceremony.verify_registration(credential, str(pending.data["challenge"]), rp_id,
                                                  require_uv=pending.data["uv"] == "required")
    except ceremony.CeremonyError as error:
        raise _registration_error(error, rp_id) from None
    if registered.credential_id in user.passkeys:
        raise WebAuthnCredentialNotSupportedException(ALREADY)
    user.passkeys[registered.credential_id] = Passkey(
        credential_id=registered.credential_id, public_key=registered.public_key,
        sign_count=registered.sign_count, relying_party_id=rp_id, created=ctx.now(),
        friendly_name=FRIENDLY_NAME, transports=registered.transports, attachment=registered.attachment)


def _registration_error(error: ceremony.CeremonyError, rp_id: str) -> Exception:
    if error.reason == ceremony.ORIGIN:
        return WebAuthnOriginNotAllowedException(ORIGIN_REFUSED.format(rp=rp_id))
    if error.reason == ceremony.RELYING_PARTY:
        return WebAuthnRelyingPartyMismatchException(RP_MISMATCH.format(rp=rp_id))
    if error.reason == ceremony.CHALLENGE:
        return WebAuthnChallengeNotFoundException(NO_CHALLENGE)
    return WebAuthnCredentialNotSupportedException(NOT_SUPPORTED.format(detail=error))


def _display_name(user: User) -> str:
    """user.name: what a user recognises in the passkey manager (guess: the email when there is one,
    as pools with email usernames store a UUID as the username)."""
    return user.attributes.get("email") or user.username


def credential_view(passkey: Passkey) -> dict[str, Any]:
    """WebAuthnCredentialDescription."""
    view: dict[str, Any] = {
        "CredentialId": passkey.credential_id,
        "FriendlyCredentialName": passkey.friendly_name,
        "RelyingPartyId": passkey.relying_party_id,
        "AuthenticatorTransports": list(passkey.transports),
        "CreatedAt": passkey.created,
    }
    if passkey.attachment:
        view["AuthenticatorAttachment"] = passkey.attachment
    return view
