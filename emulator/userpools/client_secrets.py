"""Several live secrets per app client (AddUserPoolClientSecret and friends): AWS allows two at
a time for zero-downtime rotation, and SECRET_HASH or a ClientSecret made with any live one is
accepted. Ids are ``<client-id>--<epoch-create-time>`` as the model documents (milliseconds
here: a guess at the unit)."""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from emulator.srp.secret_hash import secret_hash_matches
from emulator.userpools.model import ClientSecret, UserPoolClient
from emulator.wire.errors import InvalidParameterException, LimitExceededException, ResourceNotFoundException

MAX_SECRETS = 2  # [doc] "Supports up to 2 active secrets per app client"
# Guesses: AWS's wording is not known.
NO_SECRET = "The app client {client_id} is not a confidential client; it has no client secret."
TOO_MANY = "The app client {client_id} already has the maximum of 2 client secrets."
LAST_ONE = "You cannot delete the last remaining client secret of an app client."
UNKNOWN = "Client secret {secret_id} does not exist."


@dataclass(frozen=True, slots=True)
class SecretEntry:
    secret_id: str
    value: str
    created: float


def live_secrets(client: UserPoolClient) -> list[str]:
    """Every secret a caller may use, oldest first (empty for a public client)."""
    if client.secret is None:
        return []
    return [client.secret, *(extra.value for extra in client.newer_secrets)]


def entries(client: UserPoolClient) -> list[SecretEntry]:
    if client.secret is None:
        return []
    first = client.secret_created if client.secret_created is not None else client.created
    listed = [(client.secret, first), *((extra.value, extra.created) for extra in client.newer_secrets)]
    return [SecretEntry(secret_id(client, created), value, created) for value, created in listed]


def secret_id(client: UserPoolClient, created: float) -> str:
    return f"{client.client_id}--{int(round(created * 1000))}"


def add_secret(client: UserPoolClient, value: str, now: float) -> SecretEntry:
    if client.secret is None:
        raise InvalidParameterException(NO_SECRET.format(client_id=client.client_id))
    if len(live_secrets(client)) >= MAX_SECRETS:
        raise LimitExceededException(TOO_MANY.format(client_id=client.client_id))
    taken = {entry.secret_id for entry in entries(client)}
    while secret_id(client, now) in taken:
        now += 0.001  # two secrets in one millisecond still get distinct ids
    client.newer_secrets = [*client.newer_secrets, ClientSecret(value, now)]
    return SecretEntry(secret_id(client, now), value, now)


def delete_secret(client: UserPoolClient, wanted: str) -> None:
    listed = entries(client)
    index = next((i for i, entry in enumerate(listed) if entry.secret_id == wanted), None)
    if index is None:
        raise ResourceNotFoundException(UNKNOWN.format(secret_id=wanted))
    if len(listed) == 1:
        raise InvalidParameterException(LAST_ONE)
    if index == 0:
        promoted, *rest = client.newer_secrets
        client.secret, client.secret_created, client.newer_secrets = promoted.value, promoted.created, rest
    else:
        client.newer_secrets = [extra for i, extra in enumerate(client.newer_secrets, 1) if i != index]


def secret_hash_matches_any(client: UserPoolClient, received: str | None, username: str) -> bool:
    """Tries every live secret, each in constant time (no early exit that tells which matched)."""
    results = [secret_hash_matches(received, username, client.client_id, secret) for secret in live_secrets(client)]
    return any(results)


def client_secret_matches(client: UserPoolClient, given: str) -> bool:
    """A ClientSecret sent as such (GetTokensFromRefreshToken, RevokeToken), constant time."""
    encoded = given.encode("utf-8", "surrogatepass")
    results = [hmac.compare_digest(encoded, secret.encode()) for secret in live_secrets(client)]
    return any(results)
