"""Users linked to identities at a pool's identity providers (AdminLinkProviderForUser).

AWS keeps a linked identity on the destination user as the ``identities`` attribute, a JSON list
of ``{"userId", "providerName", "providerType", "issuer", "primary", "dateCreated"}`` (the
AdminGetUser sample in the API reference), which AdminGetUser, ListUsers and the ID token's
``identities`` claim show. The pool keeps ``<provider>:<value> -> sub`` so that a sign-in through
the provider finds the linked user without scanning every user.
"""

from __future__ import annotations

import json
from typing import Any

from emulator.userpools.federation.providers import SOCIAL_TYPES, IdentityProvider
from emulator.userpools.model import UserPool
from emulator.userpools.users.model import User

IDENTITIES = "identities"
MAX_LINKED = 5  # "The maximum number of federated identities linked to a user is five."
COGNITO_SUBJECT = "Cognito_Subject"


def link_key(provider_name: str, value: str) -> str:
    return f"{provider_name}:{value}"


def federated_username(provider_name: str, value: str) -> str:
    """The username AWS gives a user created by a sign-in through a provider (``Google_1234``)."""
    return f"{provider_name}_{value}"


def identities_of(user: User) -> list[dict[str, Any]]:
    try:
        listed = json.loads(user.attributes.get(IDENTITIES) or "[]")
    except ValueError:
        return []
    return [entry for entry in listed if isinstance(entry, dict)] if isinstance(listed, list) else []


def linked_user(pool: UserPool, provider_name: str, value: str) -> User | None:
    """The user an identity at ``provider_name`` is linked to, if it still is."""
    sub = pool.federated_links.get(link_key(provider_name, value))
    user = pool.users.by_sub(sub) if sub else None
    if user is None:
        return None
    if any(e.get("providerName") == provider_name and e.get("userId") == value for e in identities_of(user)):
        return user
    return None


def link(pool: UserPool, user: User, provider: IdentityProvider, value: str, now: float) -> None:
    """Add the identity to the user (callers have checked the limit and that it is unlinked)."""
    entries = identities_of(user)
    entries.append({"userId": value, "providerName": provider.name, "providerType": provider.provider_type,
                    "issuer": provider.details.get("oidc_issuer") if provider.provider_type == "OIDC" else None,
                    "primary": False, "dateCreated": int(now * 1000)})
    user.attributes[IDENTITIES] = json.dumps(entries, separators=(",", ":"))
    user.modified = now
    pool.federated_links[link_key(provider.name, value)] = user.sub


def unlink(pool: UserPool, user: User, provider_name: str, value: str, now: float) -> None:
    entries = [e for e in identities_of(user)
               if not (e.get("providerName") == provider_name and e.get("userId") == value)]
    if entries:
        user.attributes[IDENTITIES] = json.dumps(entries, separators=(",", ":"))
    else:
        user.attributes.pop(IDENTITIES, None)
    user.modified = now
    pool.federated_links.pop(link_key(provider_name, value), None)


def rebuild_links(pool: UserPool) -> None:
    """The pool's link index from its users' ``identities`` (a seeded or imported pool)."""
    for user in pool.users:
        for entry in identities_of(user):
            if entry.get("providerName") in pool.identity_providers and entry.get("userId"):
                pool.federated_links[link_key(str(entry["providerName"]), str(entry["userId"]))] = user.sub


def forget_provider(pool: UserPool, provider_name: str) -> None:
    """A deleted provider's links are forgotten by the pool (the users keep their attribute, as
    the identities of a deleted provider simply stop signing in)."""
    prefix = f"{provider_name}:"
    for key in [key for key in pool.federated_links if key.startswith(prefix)]:
        del pool.federated_links[key]


def needs_subject(provider: IdentityProvider) -> bool:
    """Social providers are linked by their subject only (``Cognito_Subject``)."""
    return provider.provider_type in SOCIAL_TYPES
