"""GetId, ListIdentities, DescribeIdentity, DeleteIdentities, UnlinkIdentity."""

from __future__ import annotations

from emulator.identitypools.linking import LOGINS_DONT_MATCH, identity_for_logins, logins_for_identity
from emulator.identitypools.logins import providers_for_key
from emulator.identitypools.views import identity_view
from emulator.runtime import Context
from emulator.wire.errors import NotAuthorizedException
from emulator.wire.pagination import paginate
from emulator.wire.registry import Params, Result, identity_pools


@identity_pools.operation("GetId")
def get_id(ctx: Context, params: Params) -> Result:
    pool = ctx.identity.pool(params["IdentityPoolId"])
    identity = identity_for_logins(ctx, pool, params.get("Logins") or {})
    return {"IdentityId": identity.id}


@identity_pools.operation("ListIdentities")
def list_identities(ctx: Context, params: Params) -> Result:
    store = ctx.identity
    pool = store.pool(params["IdentityPoolId"])
    ids = list(store.pool_identities.get(pool.id, {}))
    page, token = paginate(ids, ids, params["MaxResults"], params.get("NextToken"))
    identities = [identity_view(store.identities[i], pool.developer_provider_name) for i in page]
    return {"IdentityPoolId": pool.id, "Identities": identities, "NextToken": token}


@identity_pools.operation("DescribeIdentity")
def describe_identity(ctx: Context, params: Params) -> Result:
    store = ctx.identity
    identity = store.identity(params["IdentityId"])
    pool = store.pools.get(identity.pool_id)
    return identity_view(identity, pool.developer_provider_name if pool else None)


@identity_pools.operation("DeleteIdentities")
def delete_identities(ctx: Context, params: Params) -> Result:
    """Unknown ids are not errors: AWS's UnprocessedIdentityIds only reports AccessDenied and
    InternalServerError, so an id that does not exist is simply already gone."""
    for identity_id in params["IdentityIdsToDelete"]:
        ctx.identity.delete_identity(identity_id)
    return {"UnprocessedIdentityIds": []}


@identity_pools.operation("UnlinkIdentity")
def unlink_identity(ctx: Context, params: Params) -> Result:
    """The caller proves the identity with its logins, then drops providers from it."""
    store = ctx.identity
    identity = store.identity(params["IdentityId"])
    pool = store.pool(identity.pool_id)
    if not params["Logins"]:
        raise NotAuthorizedException(LOGINS_DONT_MATCH)
    logins_for_identity(ctx, pool, identity, params["Logins"])
    for key in params["LoginsToRemove"]:
        entries = providers_for_key(pool, key)  # a scheme-less local issuer names the AWS provider
        store.unlink(identity, entries[0].provider_name if entries else key, ctx.now())
    return {}
