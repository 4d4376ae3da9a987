"""What the signed-out operations (SignUp, ConfirmSignUp, ResendConfirmationCode,
ForgotPassword, ConfirmForgotPassword) share: the app client named by ``ClientId``, its
SECRET_HASH, and PreventUserExistenceErrors.
"""

from __future__ import annotations

import hashlib
import re
import string
from typing import Any

from emulator.runtime import Context
from emulator.userpools.client_secrets import secret_hash_matches_any
from emulator.userpools.lookup import get_client_by_id
from emulator.userpools.model import UserPool, UserPoolClient
from emulator.userpools.users.attributes import delivery_details
from emulator.userpools.users.identity import USER_NOT_FOUND, find_user
from emulator.userpools.users.model import User
from emulator.wire.errors import NotAuthorizedException, UserNotFoundException

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
_PHONE = re.compile(r"^\+[0-9]{4,15}$")


def client_for(ctx: Context, params: dict[str, Any]) -> tuple[UserPool, UserPoolClient]:
    """The pool and client of ``ClientId``, with the SECRET_HASH checked against ``Username``
    exactly as sent (an alias is fine, reference §4)."""
    pool, client = get_client_by_id(ctx.store, params["ClientId"])
    check_secret_hash(client, params["Username"], params.get("SecretHash"))
    return pool, client


def check_secret_hash(client: UserPoolClient, username: str, received: str | None) -> None:
    """A client without a secret ignores a SecretHash (unverified); one with a secret needs
    it, compared in constant time, with AWS's messages (reference §1.5)."""
    if client.secret is None:
        return
    if received is None:
        raise NotAuthorizedException(
            f"Client {client.client_id} is configured with secret but SECRET_HASH was not received"
        )
    if not secret_hash_matches_any(client, received, username):
        raise NotAuthorizedException(f"Unable to verify secret hash for client {client.client_id}")


def hides_existence(client: UserPoolClient) -> bool:
    return client.prevent_user_existence_errors == "ENABLED"


def user_or_unknown(pool: UserPool, name: str, client: UserPoolClient) -> User | None:
    """The user, or None when the client hides existence (the caller answers as AWS does
    for that operation); LEGACY clients get UserNotFoundException."""
    user = find_user(pool, name)
    if user is None and not hides_existence(client):
        raise UserNotFoundException(USER_NOT_FOUND)
    return user


def simulated_delivery(pool: UserPool, name: str) -> dict[str, str]:
    """CodeDeliveryDetails for a user that does not exist, so that a client with
    PreventUserExistenceErrors=ENABLED cannot tell (AWS documents a simulated answer; its
    exact destination is a guess). The same name always gets the same answer."""
    if _EMAIL.match(name):
        return delivery_details("email", name)
    if _PHONE.match(name):
        return delivery_details("phone_number", name)
    digest = hashlib.sha256(f"{pool.id}/{name}".encode()).digest()
    letters = string.ascii_lowercase
    if "phone_number" in pool.auto_verified_attributes and "email" not in pool.auto_verified_attributes:
        digits = "".join(str(b % 10) for b in digest[:11])
        return delivery_details("phone_number", f"+{digits}")
    fake = f"{letters[digest[0] % 26]}@{letters[digest[1] % 26]}.com"
    return delivery_details("email", fake)
