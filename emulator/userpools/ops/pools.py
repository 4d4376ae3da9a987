"""CreateUserPool, DescribeUserPool, ListUserPools, UpdateUserPool, DeleteUserPool, AddCustomAttributes."""

from __future__ import annotations

from emulator.runtime import Context
from emulator.state import ids
from emulator.userpools.lookup import get_pool
from emulator.userpools.model import UserPool
from emulator.userpools.schema import apply_schema_input, standard_schema
from emulator.userpools.settings import apply_updatable_settings, check_sign_in_attributes
from emulator.userpools.users.directory import UserDirectory
from emulator.userpools.views import user_pool_summary, user_pool_view
from emulator.wire.errors import InvalidParameterException
from emulator.wire.pagination import paginate
from emulator.wire.registry import Params, Result, user_pools

ACCOUNT_ID = "123456789012"


def new_user_pool(ctx: Context, params: Params, pool_id: str | None = None) -> UserPool:
    """Build (not store) a pool from CreateUserPool input; seeding passes a fixed id."""
    check_sign_in_attributes(params)
    now = ctx.now()
    pool_id = pool_id or ids.user_pool_id(ctx.region)
    pool = UserPool(
        id=pool_id,
        name=params["PoolName"],
        arn=f"arn:aws:cognito-idp:{pool_id.partition('_')[0]}:{ACCOUNT_ID}:userpool/{pool_id}",
        created=now,
        modified=now,
        schema=standard_schema(),
        username_attributes=list(params.get("UsernameAttributes") or []),
        alias_attributes=list(params.get("AliasAttributes") or []),
    )
    configuration = params.get("UsernameConfiguration")
    if configuration is not None:
        pool.case_sensitive = configuration.get("CaseSensitive", True)
    # AWS's API default (no UsernameConfiguration) is case sensitive.
    pool.users = UserDirectory(case_sensitive=pool.case_sensitive is not False)
    apply_schema_input(pool.schema, params.get("Schema") or [], creating=True)
    apply_updatable_settings(pool, params)
    return pool


def store_user_pool(ctx: Context, pool: UserPool, tags: dict[str, str] | None) -> None:
    ctx.store.user_pools[pool.id] = pool
    if tags:
        ctx.store.tags[pool.arn] = dict(tags)


@user_pools.operation("CreateUserPool")
def create_user_pool(ctx: Context, params: Params) -> Result:
    pool = new_user_pool(ctx, params)
    store_user_pool(ctx, pool, params.get("UserPoolTags"))
    return {"UserPool": user_pool_view(pool, ctx.store)}


@user_pools.operation("DescribeUserPool")
def describe_user_pool(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    return {"UserPool": user_pool_view(pool, ctx.store)}


@user_pools.operation("ListUserPools")
def list_user_pools(ctx: Context, params: Params) -> Result:
    pools = ctx.store.user_pools
    page, token = paginate(list(pools), list(pools.values()), params["MaxResults"], params.get("NextToken"))
    return {"UserPools": [user_pool_summary(p) for p in page], "NextToken": token}


@user_pools.operation("UpdateUserPool")
def update_user_pool(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    apply_updatable_settings(pool, params)  # validates before it changes anything
    if params.get("PoolName"):
        pool.name = params["PoolName"]
    if "UserPoolTags" in params:
        ctx.store.tags[pool.arn] = dict(params["UserPoolTags"])
    pool.modified = ctx.now()
    ctx.store.changed(pool)
    return {}


@user_pools.operation("DeleteUserPool")
def delete_user_pool(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    if pool.deletion_protection == "ACTIVE":
        raise InvalidParameterException(
            "The user pool cannot be deleted because deletion protection is activated. "
            "Deletion protection must be inactivated first."
        )
    if pool.domain or pool.custom_domain:
        raise InvalidParameterException(  # AWS's words, as quoted by terraform and aws-nuke users
            "User pool cannot be deleted. It has a domain configured that should be deleted first."
        )
    store = ctx.store
    for client_id in pool.clients:
        store.client_pool.pop(client_id, None)
    store.tags.pop(pool.arn, None)
    ctx.import_files.drop_pool(pool.id)
    del store.user_pools[pool.id]
    for _, replica in ctx.config.in_pool(ctx.config.replicas, pool.id):
        store.tags.pop(replica.user_pool_arn, None)  # the replicas' tags go with them
    ctx.config.forget_pool(pool.id)
    ctx.keys.forget(pool.id)  # its tokens stop verifying, as on AWS
    return {}


@user_pools.operation("AddCustomAttributes")
def add_custom_attributes(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    apply_schema_input(pool.schema, params["CustomAttributes"], creating=False)
    pool.modified = ctx.now()
    ctx.store.changed(pool)
    return {}
