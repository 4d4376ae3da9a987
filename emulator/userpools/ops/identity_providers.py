"""CreateIdentityProvider, DescribeIdentityProvider, GetIdentityProviderByIdentifier,
ListIdentityProviders, UpdateIdentityProvider, DeleteIdentityProvider,
AdminLinkProviderForUser, AdminDisableProviderForUser."""

from __future__ import annotations

from typing import Any

from emulator.runtime import Context
from emulator.userpools.federation import details as provider_details
from emulator.userpools.federation import linking
from emulator.userpools.federation.providers import (
    MAX_PROVIDERS,
    IdentityProvider,
    identifier_owner,
    provider_named,
    provider_with_identifier,
)
from emulator.userpools.lookup import get_pool
from emulator.userpools.model import UserPool
from emulator.userpools.users.identity import USER_NOT_FOUND
from emulator.wire.errors import (
    AliasExistsException,
    AwsError,
    DuplicateProviderException,
    InvalidParameterException,
    LimitExceededException,
    ResourceNotFoundException,
    UnsupportedIdentityProviderException,
    UserNotFoundException,
)
from emulator.wire.pagination import paginate
from emulator.wire.registry import Params, Result, user_pools

COGNITO_PROVIDER = "Cognito"  # ProviderName of the pool's own users in the linking operations


def _provider(pool: UserPool, name: str) -> IdentityProvider:
    provider = provider_named(pool, name)
    if provider is None:
        raise ResourceNotFoundException(f"Identity provider {name} does not exist.")
    return provider


def _check_identifiers(pool: UserPool, identifiers: list[str], except_name: str | None = None,
                       conflict: type[AwsError] = DuplicateProviderException) -> None:
    """An identifier another provider holds is a ``conflict``: DuplicateProviderException on
    create; UpdateIdentityProvider's model lists no such code, so it passes
    InvalidParameterException (same words: guess)."""
    if len(set(identifiers)) != len(identifiers):
        raise InvalidParameterException("Duplicate IdpIdentifiers are not allowed.")
    taken = identifier_owner(pool, identifiers, except_name)
    if taken is not None:
        raise conflict(f"Identifier {taken} is already used by another provider.")


def _check_acr(provider_type: str, acr: dict[str, str] | None) -> None:
    if acr and provider_type != "OIDC":
        raise InvalidParameterException("AcrMapping is only supported for OIDC identity providers.")


async def _discovery(provider_type: str, given: dict[str, str]) -> dict[str, Any] | None:
    """What the provider publishes about itself (OIDC discovery, SAML metadata), when reachable."""
    if not provider_details.needs_discovery(provider_type, given):
        return None
    if provider_type == "SAML":
        metadata = await provider_details.fetch_saml_metadata(given["MetadataURL"])
        return {"metadata": metadata} if metadata is not None else None
    return await provider_details.discover(given["oidc_issuer"])


async def _completed(provider_type: str, given: dict[str, str]) -> dict[str, str]:
    """The details to store: checked, and completed as AWS completes them (awaiting discovery)."""
    provider_details.check_details(provider_type, given)
    return provider_details.completed(provider_type, given, await _discovery(provider_type, given))


def _check_new(pool: UserPool, params: Params) -> None:
    """Everything CreateIdentityProvider checks before it stores (run again after an await)."""
    name, provider_type = params["ProviderName"], params["ProviderType"]
    provider_details.check_name_and_type(name, provider_type)
    _check_acr(provider_type, params.get("AcrMapping"))
    if name in pool.identity_providers:
        raise DuplicateProviderException(f"{name} already exists in user pool {pool.id}")
    if len(pool.identity_providers) >= MAX_PROVIDERS:
        raise LimitExceededException("The user pool has reached its limit of identity providers.")
    _check_identifiers(pool, list(params.get("IdpIdentifiers") or []))
    provider_details.check_details(provider_type, dict(params["ProviderDetails"]))


def new_identity_provider(pool: UserPool, params: Params, now: float,
                          discovery: dict[str, Any] | None = None) -> IdentityProvider:
    """Build (not store) a provider from CreateIdentityProvider input; seeding calls this too
    (without discovery: an exported provider's details are already complete)."""
    _check_new(pool, params)
    provider_type = params["ProviderType"]
    details = provider_details.completed(provider_type, dict(params["ProviderDetails"]), discovery)
    return IdentityProvider(params["ProviderName"], provider_type, details, now, now,
                            attribute_mapping=_mapping(provider_type, params.get("AttributeMapping")),
                            idp_identifiers=list(params.get("IdpIdentifiers") or []),
                            acr_mapping=params.get("AcrMapping"))


@user_pools.operation("CreateIdentityProvider")
async def create_identity_provider(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    _check_new(pool, params)
    discovery = await _discovery(params["ProviderType"], params["ProviderDetails"])
    pool = get_pool(ctx.store, params["UserPoolId"])  # re-read after the await; checked again
    provider = new_identity_provider(pool, params, ctx.now(), discovery)
    pool.identity_providers[provider.name] = provider
    ctx.store.changed(pool)
    return {"IdentityProvider": provider.view(pool.id)}


def _mapping(provider_type: str, given: dict[str, str] | None) -> dict[str, str]:
    """AWS maps the provider's subject to ``username`` for every provider it creates."""
    mapping = dict(given or {})
    if provider_type in ("OIDC", "Google", "SignInWithApple"):
        mapping.setdefault("username", "sub")
    elif provider_type == "Facebook":
        mapping.setdefault("username", "id")
    elif provider_type == "LoginWithAmazon":
        mapping.setdefault("username", "user_id")
    return mapping


@user_pools.operation("DescribeIdentityProvider")
def describe_identity_provider(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    return {"IdentityProvider": _provider(pool, params["ProviderName"]).view(pool.id)}


@user_pools.operation("GetIdentityProviderByIdentifier")
def get_identity_provider_by_identifier(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    provider = provider_with_identifier(pool, params["IdpIdentifier"])
    if provider is None:
        raise ResourceNotFoundException(f"Identity provider with identifier {params['IdpIdentifier']} does not exist.")
    return {"IdentityProvider": provider.view(pool.id)}


@user_pools.operation("ListIdentityProviders")
def list_identity_providers(ctx: Context, params: Params) -> Result:
    providers = get_pool(ctx.store, params["UserPoolId"]).identity_providers
    limit = params.get("MaxResults") or 60
    page, token = paginate(list(providers), list(providers.values()), limit, params.get("NextToken"))
    return {"Providers": [p.summary() for p in page], "NextToken": token}


@user_pools.operation("UpdateIdentityProvider")
async def update_identity_provider(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    name = params["ProviderName"]
    if name == COGNITO_PROVIDER or name.upper() == "COGNITO":
        raise UnsupportedIdentityProviderException("Cognito is not a provider that can be updated.")
    provider = _provider(pool, name)
    identifiers = params.get("IdpIdentifiers")
    if identifiers is not None:
        _check_identifiers(pool, list(identifiers), except_name=name, conflict=InvalidParameterException)
    _check_acr(provider.provider_type, params.get("AcrMapping"))
    details = None
    if "ProviderDetails" in params:
        given = {**_kept_secrets(provider), **params["ProviderDetails"]}
        details = await _completed(provider.provider_type, given)
        pool = get_pool(ctx.store, params["UserPoolId"])
        provider = _provider(pool, name)
        if identifiers is not None:
            _check_identifiers(pool, list(identifiers), except_name=name, conflict=InvalidParameterException)
    if details is not None:
        provider.details = details
    if "AttributeMapping" in params:
        provider.attribute_mapping = _mapping(provider.provider_type, params["AttributeMapping"])
    if identifiers is not None:
        provider.idp_identifiers = list(identifiers)
    if "AcrMapping" in params:
        provider.acr_mapping = params["AcrMapping"] or None
    provider.modified = ctx.now()
    ctx.store.changed(pool)
    return {"IdentityProvider": provider.view(pool.id)}


def _kept_secrets(provider: IdentityProvider) -> dict[str, Any]:
    """Sign in with Apple's private key is never described, so an update need not repeat it."""
    kept = provider.details.get("private_key")
    return {"private_key": kept} if kept else {}


@user_pools.operation("DeleteIdentityProvider")
def delete_identity_provider(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    name = params["ProviderName"]
    if name.upper() == "COGNITO":
        raise UnsupportedIdentityProviderException("Cognito is not a provider that can be deleted.")
    _provider(pool, name)
    del pool.identity_providers[name]
    linking.forget_provider(pool, name)
    # Clients keep naming it, as on AWS: their next update that repeats the list is refused
    # ("The provider X does not exist for User Pool Y") until the name is taken out.
    ctx.store.changed(pool)
    return {}


@user_pools.operation("AdminLinkProviderForUser")
def admin_link_provider_for_user(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    destination, source = params["DestinationUser"], params["SourceUser"]
    source_name = source.get("ProviderName") or ""
    if source_name == COGNITO_PROVIDER:
        raise InvalidParameterException(
            "Invalid SourceUser: Cognito users with a username/password may not be passed in as a SourceUser, "
            "only as a DestinationUser")
    provider = provider_named(pool, source_name)
    if provider is None:
        raise InvalidParameterException(f"The provider {source_name} does not exist for User Pool {pool.id}")
    attribute, value = source.get("ProviderAttributeName") or "", source.get("ProviderAttributeValue") or ""
    if not value:
        raise InvalidParameterException("SourceUser ProviderAttributeValue must be provided.")
    if linking.needs_subject(provider) and attribute != linking.COGNITO_SUBJECT:
        raise InvalidParameterException(
            f"Invalid SourceUser: ProviderAttributeName must be {linking.COGNITO_SUBJECT} for {provider.name}.")
    user = _destination(pool, destination)
    if pool.users.get(linking.federated_username(provider.name, value)) is not None:
        raise InvalidParameterException(
            "Merging is not currently supported, provide a SourceUser that has not been signed up in order to link")
    holder = linking.linked_user(pool, provider.name, value)
    if holder is not None:
        raise AliasExistsException("The SourceUser is already linked to a user in this user pool.")
    if len(linking.identities_of(user)) >= linking.MAX_LINKED:
        raise LimitExceededException("A user can be linked to at most 5 identities.")
    linking.link(pool, user, provider, value, ctx.now())
    ctx.store.changed(pool)
    return {}


def _destination(pool: UserPool, destination: dict[str, Any]) -> Any:
    """The local user (ProviderName ``Cognito``, value its username) or a federated user."""
    name, value = destination.get("ProviderName") or "", destination.get("ProviderAttributeValue") or ""
    if name == COGNITO_PROVIDER:
        username = value
    elif name in pool.identity_providers:
        username = linking.federated_username(name, value)
    else:
        raise InvalidParameterException(f"The provider {name} does not exist for User Pool {pool.id}")
    user = pool.users.get(username) if username else None
    if user is None:
        raise UserNotFoundException(USER_NOT_FOUND)
    return user


@user_pools.operation("AdminDisableProviderForUser")
def admin_disable_provider_for_user(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    target = params["User"]
    name, value = target.get("ProviderName") or "", target.get("ProviderAttributeValue") or ""
    if name == COGNITO_PROVIDER:
        user = pool.users.get(value) if value else None
        if user is None:
            raise UserNotFoundException(USER_NOT_FOUND)
        user.enabled = False  # a native user deactivated this way can no longer sign in
        user.modified = ctx.now()
        return {}
    provider = provider_named(pool, name)
    if provider is None:
        raise InvalidParameterException(f"The provider {name} does not exist for User Pool {pool.id}")
    found = False
    linked = linking.linked_user(pool, provider.name, value)
    if linked is not None:
        linking.unlink(pool, linked, provider.name, value, ctx.now())
        ctx.store.changed(pool)
        found = True
    federated = pool.users.get(linking.federated_username(provider.name, value))
    if federated is not None:
        federated.enabled = False
        federated.modified = ctx.now()
        found = True
    if not found:
        raise UserNotFoundException(USER_NOT_FOUND)
    return {}
