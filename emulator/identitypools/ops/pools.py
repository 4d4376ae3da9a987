"""CreateIdentityPool, DescribeIdentityPool, ListIdentityPools, UpdateIdentityPool,
DeleteIdentityPool, SetIdentityPoolRoles, GetIdentityPoolRoles."""

from __future__ import annotations

from emulator.identitypools.model import IdentityPool
from emulator.identitypools.pools import apply_update, build_pool, check_role_mappings, new_identity_pool_id
from emulator.identitypools.views import pool_view
from emulator.runtime import Context
from emulator.wire.pagination import paginate
from emulator.wire.registry import Params, Result, identity_pools


def store_identity_pool(ctx: Context, pool: IdentityPool, tags: dict[str, str] | None) -> None:
    """The pool, and its IdentityPoolTags in the tag store both services share (by ARN)."""
    ctx.identity.add_pool(pool)
    ctx.tags.replace(pool.arn, tags or {})


def _view(ctx: Context, pool: IdentityPool) -> Result:
    return pool_view(pool, ctx.tags.of(pool.arn))


@identity_pools.operation("CreateIdentityPool")
def create_identity_pool(ctx: Context, params: Params) -> Result:
    pool = build_pool(params, new_identity_pool_id(ctx.region), ctx.now())
    store_identity_pool(ctx, pool, params.get("IdentityPoolTags"))
    return _view(ctx, pool)


@identity_pools.operation("DescribeIdentityPool")
def describe_identity_pool(ctx: Context, params: Params) -> Result:
    return _view(ctx, ctx.identity.pool(params["IdentityPoolId"]))


@identity_pools.operation("ListIdentityPools")
def list_identity_pools(ctx: Context, params: Params) -> Result:
    pools = ctx.identity.pools
    page, token = paginate(list(pools), list(pools.values()), params["MaxResults"], params.get("NextToken"))
    return {"IdentityPools": [{"IdentityPoolId": p.id, "IdentityPoolName": p.name} for p in page],
            "NextToken": token}


@identity_pools.operation("UpdateIdentityPool")
def update_identity_pool(ctx: Context, params: Params) -> Result:
    pool = ctx.identity.pool(params["IdentityPoolId"])
    apply_update(pool, params)
    if "IdentityPoolTags" in params:
        ctx.tags.replace(pool.arn, params["IdentityPoolTags"] or {})
    return _view(ctx, pool)


@identity_pools.operation("DeleteIdentityPool")
def delete_identity_pool(ctx: Context, params: Params) -> Result:
    store = ctx.identity
    pool = store.pool(params["IdentityPoolId"])
    store.delete_pool(pool.id)
    ctx.tags.pop(pool.arn, None)
    return {}


@identity_pools.operation("SetIdentityPoolRoles")
def set_identity_pool_roles(ctx: Context, params: Params) -> Result:
    pool = ctx.identity.pool(params["IdentityPoolId"])
    mappings = params.get("RoleMappings") or {}
    check_role_mappings(pool, mappings)
    pool.roles = dict(params["Roles"])
    pool.role_mappings = {key: dict(mapping) for key, mapping in mappings.items()}
    return {}


@identity_pools.operation("GetIdentityPoolRoles")
def get_identity_pool_roles(ctx: Context, params: Params) -> Result:
    pool = ctx.identity.pool(params["IdentityPoolId"])
    return {"IdentityPoolId": pool.id, "Roles": pool.roles or None, "RoleMappings": pool.role_mappings or None}
