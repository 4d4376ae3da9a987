"""The user a federated sign-in lands on, as Cognito makes it (developer guide, "user pool
federation"; triggers.md §3.2): the provider's claims go through the provider's AttributeMapping
(``username`` defaults to ``sub``) and the InboundFederation trigger, then

* an identity linked to a local user (AdminLinkProviderForUser) signs in as that user;
* otherwise the user ``<ProviderName>_<id>`` is created on the first sign-in (status
  EXTERNAL_PROVIDER, an ``identities`` attribute naming the provider, PreSignUp_ExternalProvider
  before and PostConfirmation_ConfirmSignUp after) or has its mapped attributes updated;
* a created user is a member of ``<poolId>_<ProviderName>``, the group Cognito makes per provider.

PreAuthentication and PostAuthentication fire on every federated sign-in [doc]."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from emulator.runtime import Context
from emulator.triggers.events import envelope
from emulator.triggers.fire import configured, current_pool, current_user, fire, string_map
from emulator.userpools.auth.signin import SignIn
from emulator.userpools.federation import linking
from emulator.userpools.federation.providers import IdentityProvider
from emulator.userpools.hooks import sign_in as sign_in_hooks
from emulator.userpools.hooks import sign_up as sign_up_hooks
from emulator.userpools.model import Group, UserPool, UserPoolClient
from emulator.userpools.users import attributes as attrs
from emulator.userpools.users.lifecycle import add_user, build_user
from emulator.userpools.users.model import EXTERNAL_PROVIDER, User
from emulator.wire.errors import NotAuthorizedException

EXTERNAL_PROVIDER_SOURCE = "PreSignUp_ExternalProvider"
INBOUND_FEDERATION = "InboundFederation_ExternalProvider"
READ_ONLY = ("sub", "identities", "cognito:user_status")


@dataclass(frozen=True, slots=True)
class ProviderAnswer:
    """What came back from the provider, as the InboundFederation event names its parts."""

    claims: dict[str, Any]  # the verified ID token's claims, userInfo's on top
    id_token: dict[str, str]
    user_info: dict[str, str]
    token_response: dict[str, str]


def group_name(pool: UserPool, provider: IdentityProvider) -> str:
    return f"{pool.id}_{provider.name}"


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else json.dumps(value)


def mapped_attributes(provider: IdentityProvider, claims: dict[str, Any]) -> dict[str, str]:
    """Pool attribute -> value through AttributeMapping (``username`` is the identity's id)."""
    return {attribute: _text(claims[claim]) for attribute, claim in provider.attribute_mapping.items()
            if attribute != "username" and claim in claims and claims[claim] is not None}


def provider_user_id(provider: IdentityProvider, claims: dict[str, Any]) -> str:
    value = claims.get(provider.attribute_mapping.get("username") or "sub")
    if value is None or value == "":
        value = claims.get("sub")
    return _text(value)


async def inbound_federation(ctx: Context, pool: UserPool, client_id: str, provider: IdentityProvider,
                             username: str, answer: ProviderAnswer, mapped: dict[str, str]) -> dict[str, str]:
    """The function may replace the attributes: its ``userAttributesToMap``, when given, are
    what gets mapped [types: aws-lambda-go; replacement rather than merge is a guess]."""
    if not configured(pool, "InboundFederation"):
        return mapped
    request = {"providerName": provider.name, "providerType": provider.provider_type,
               "attributes": {"tokenResponse": answer.token_response, "idToken": answer.id_token,
                              "userInfo": answer.user_info}}
    event = envelope(pool, pool.region, INBOUND_FEDERATION, username, client_id, request,
                     {"userAttributesToMap": dict(mapped)})
    response = await fire(ctx, pool, "InboundFederation", event)
    if response is None:
        return mapped
    replaced = string_map(response, "userAttributesToMap")
    return mapped if replaced is None else dict(replaced)


def _identities(provider: IdentityProvider, user_id: str, now: float) -> str:
    issuer = provider.details.get("oidc_issuer") if provider.provider_type == "OIDC" else None
    entry = {"userId": user_id, "providerName": provider.name, "providerType": provider.provider_type,
             "issuer": issuer, "primary": True, "dateCreated": int(now * 1000)}
    return json.dumps([entry], separators=(",", ":"))


def _writable(attributes: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in attributes.items() if name not in READ_ONLY}


def _join_provider_group(ctx: Context, pool: UserPool, provider: IdentityProvider, user: User) -> None:
    name = group_name(pool, provider)
    if name not in pool.groups:
        now = ctx.now()
        pool.groups[name] = Group(name=name, user_pool_id=pool.id, created=now, modified=now,
                                  description=f"Autogenerated group for users who sign in using {provider.name}")
    if name not in user.groups:
        pool.users.join_group(user, name)
    ctx.store.changed(pool)


async def _create(ctx: Context, pool: UserPool, client_id: str, provider: IdentityProvider, username: str,
                  user_id: str, attributes: dict[str, str]) -> User:
    attributes = {**_writable(attributes), "identities": _identities(provider, user_id, ctx.now())}
    user = build_user(ctx, pool, username, attributes, EXTERNAL_PROVIDER, signing_up=False, internal_username=True)
    answer = await sign_up_hooks.pre_sign_up(ctx, pool, user, EXTERNAL_PROVIDER_SOURCE, client_id, {})
    pool = current_pool(ctx, pool)
    if pool.users.get(username) is not None:  # another sign-in of the same identity got there first
        return pool.users.get(username)  # type: ignore[return-value]
    user = build_user(ctx, pool, username, {k: v for k, v in user.attributes.items() if k != "sub"},
                      EXTERNAL_PROVIDER, signing_up=False, internal_username=True, sub=user.sub)
    if answer.verifies:
        answer.apply(user)
    user.status = EXTERNAL_PROVIDER
    add_user(pool, user)
    _join_provider_group(ctx, pool, provider, user)
    await sign_up_hooks.post_confirmation(ctx, pool, user, sign_up_hooks.CONFIRM_SIGN_UP, client_id, None)
    return user


def _update(ctx: Context, pool: UserPool, provider: IdentityProvider, user: User, attributes: dict[str, str]
            ) -> None:
    """Mapped attributes are written again on every sign-in [doc]."""
    changes = {k: v for k, v in _writable(attributes).items() if user.attributes.get(k) != v}
    if changes:
        attrs.check_values(pool, changes, creating=False)
        old = dict(user.attributes)
        user.attributes.update(changes)
        user.modified = ctx.now()
        pool.users.reindex(user, old)
    _join_provider_group(ctx, pool, provider, user)


async def signed_in_user(ctx: Context, pool: UserPool, client: UserPoolClient, provider: IdentityProvider,
                         answer: ProviderAnswer) -> tuple[str, str]:
    """(username, sub) of the pool's user for this identity, after the triggers."""
    user_id = provider_user_id(provider, answer.claims)
    username = linking.federated_username(provider.name, user_id)
    attributes = await inbound_federation(ctx, pool, client.client_id, provider, username, answer,
                                          mapped_attributes(provider, answer.claims))
    pool = current_pool(ctx, pool)
    user = linking.linked_user(pool, provider.name, user_id)
    if user is None:
        user = pool.users.get(username)
        if user is None:
            user = await _create(ctx, pool, client.client_id, provider, username, user_id, attributes)
            pool = current_pool(ctx, pool)
        else:
            _update(ctx, pool, provider, user, attributes)
    if not user.enabled:
        raise NotAuthorizedException("User is disabled.")
    signin = SignIn(ctx, pool, client, admin=False, hosted=True)
    await sign_in_hooks.pre_authentication(signin, "USER_PASSWORD_AUTH", {"USERNAME": user.username}, None)
    pool, user = current_user(ctx, pool, user.username, user.sub)
    await sign_in_hooks.post_authentication(SignIn(ctx, pool, client, admin=False, hosted=True),
                                            user.username, user.sub, None)
    return user.username, user.sub
