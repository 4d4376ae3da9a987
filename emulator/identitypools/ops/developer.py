"""Developer-authenticated identities: GetOpenIdTokenForDeveloperIdentity,
LookupDeveloperIdentity, MergeDeveloperIdentities, UnlinkDeveloperIdentity.

The backend names its own user (``Logins: {<DeveloperProviderName>: <user id>}``); the identity
service maps that id to one identity, as it maps a user-pool ``sub``. These operations are
SigV4-signed on AWS (called by the developer's backend), and the emulator accepts any caller.
"""

from __future__ import annotations

from emulator.identitypools.linking import identity_for_logins, link_new_logins, new_identity
from emulator.identitypools.logins import verify_logins
from emulator.identitypools.model import Identity, IdentityPool
from emulator.identitypools.openid import DEVELOPER_SECONDS, authenticated_amr, issue_openid_token
from emulator.runtime import Context
from emulator.wire.errors import (
    DeveloperUserAlreadyRegisteredException,
    InvalidParameterException,
    NotAuthorizedException,
    ResourceConflictException,
    ResourceNotFoundException,
)
from emulator.wire.registry import Params, Result, identity_pools

NO_DEVELOPER_ID = "No identity is associated with the DeveloperUserIdentifier."  # unverified wording


def _developer_provider(pool: IdentityPool, name: str | None = None) -> str:
    """The pool's developer provider name; a different name is refused (unverified wording)."""
    provider = pool.developer_provider_name
    if provider is None or (name is not None and name != provider):
        raise NotAuthorizedException("Developer provider name does not match the identity pool.")
    return provider


def _identity_in_pool(ctx: Context, pool: IdentityPool, identity_id: str) -> Identity:
    identity = ctx.identity.identity(identity_id)
    if identity.pool_id != pool.id:
        raise ResourceNotFoundException(f"Identity '{identity_id}' not found.")
    return identity


@identity_pools.operation("GetOpenIdTokenForDeveloperIdentity")
def get_open_id_token_for_developer_identity(ctx: Context, params: Params) -> Result:
    store = ctx.identity
    pool = store.pool(params["IdentityPoolId"])
    provider = _developer_provider(pool)
    logins = dict(params["Logins"])
    developer_id = logins.pop(provider, None)
    if developer_id is None:  # unverified wording
        raise InvalidParameterException(f"Logins must contain the developer provider name {provider}.")
    owner = store.find_by_developer_id(pool.id, developer_id)
    if "IdentityId" in params:
        identity = _identity_in_pool(ctx, pool, params["IdentityId"])
        if owner is not None and owner.id != identity.id:
            raise DeveloperUserAlreadyRegisteredException(
                "The developer user identifier is already registered with a different identity.")
        verified = verify_logins(ctx, pool, logins)
        link_new_logins(ctx, identity, verified)
    elif owner is not None:
        identity = owner
        link_new_logins(ctx, identity, verify_logins(ctx, pool, logins))
    else:
        identity = identity_for_logins(ctx, pool, logins) if logins else new_identity(ctx, pool)
    store.link_developer(identity, developer_id, ctx.now())
    amr = ["authenticated", provider, f"{provider}:{pool.id}:{developer_id}", *authenticated_amr(identity.logins)[1:]]
    token = issue_openid_token(ctx, pool, identity.id, amr, params.get("TokenDuration", DEVELOPER_SECONDS))
    return {"IdentityId": identity.id, "Token": token}


@identity_pools.operation("LookupDeveloperIdentity")
def lookup_developer_identity(ctx: Context, params: Params) -> Result:
    store = ctx.identity
    pool = store.pool(params["IdentityPoolId"])
    developer_id = params.get("DeveloperUserIdentifier")
    if developer_id is not None:
        identity = store.find_by_developer_id(pool.id, developer_id)
        if identity is None:
            raise ResourceNotFoundException(NO_DEVELOPER_ID)
        if params.get("IdentityId", identity.id) != identity.id:
            raise ResourceConflictException("The IdentityId and DeveloperUserIdentifier do not match.")
    elif "IdentityId" in params:
        identity = _identity_in_pool(ctx, pool, params["IdentityId"])
    else:  # unverified wording
        raise InvalidParameterException("Either IdentityId or DeveloperUserIdentifier must be provided.")
    return {"IdentityId": identity.id, "DeveloperUserIdentifierList": list(identity.developer_ids)}


@identity_pools.operation("MergeDeveloperIdentities")
def merge_developer_identities(ctx: Context, params: Params) -> Result:
    """The source user's identity is folded into the destination user's and deleted."""
    store = ctx.identity
    pool = store.pool(params["IdentityPoolId"])
    _developer_provider(pool, params["DeveloperProviderName"])
    destination = store.find_by_developer_id(pool.id, params["DestinationUserIdentifier"])
    source = store.find_by_developer_id(pool.id, params["SourceUserIdentifier"])
    if destination is None or source is None:
        raise ResourceNotFoundException(NO_DEVELOPER_ID)
    if source.id != destination.id:
        clash = [p for p, s in source.logins.items() if destination.logins.get(p, s) != s]
        if clash:  # unverified wording
            raise ResourceConflictException("The identities are linked to different users of the same provider.")
        moved_logins, moved_ids = dict(source.logins), list(source.developer_ids)
        store.delete_identity(source.id)
        for login_provider, subject in moved_logins.items():
            store.link(destination, login_provider, subject, ctx.now())
        for developer_id in moved_ids:
            store.link_developer(destination, developer_id, ctx.now())
    return {"IdentityId": destination.id}


@identity_pools.operation("UnlinkDeveloperIdentity")
def unlink_developer_identity(ctx: Context, params: Params) -> Result:
    store = ctx.identity
    pool = store.pool(params["IdentityPoolId"])
    _developer_provider(pool, params["DeveloperProviderName"])
    identity = _identity_in_pool(ctx, pool, params["IdentityId"])
    if params["DeveloperUserIdentifier"] not in identity.developer_ids:
        raise ResourceNotFoundException(NO_DEVELOPER_ID)
    store.unlink_developer(identity, params["DeveloperUserIdentifier"], ctx.now())
    return {}
