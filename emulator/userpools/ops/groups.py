"""CreateGroup, GetGroup, ListGroups, UpdateGroup, DeleteGroup."""

from __future__ import annotations

from emulator.runtime import Context
from emulator.userpools.lookup import get_pool
from emulator.userpools.model import Group, UserPool
from emulator.userpools.views import group_view
from emulator.wire.errors import GroupExistsException, ResourceNotFoundException
from emulator.wire.pagination import paginate
from emulator.wire.registry import Params, Result, user_pools


def get_group(pool: UserPool, name: str) -> Group:
    group = pool.groups.get(name)
    if group is None:
        raise ResourceNotFoundException("Group not found.")
    return group


def new_group(ctx: Context, pool: UserPool, params: Params) -> Group:
    if params["GroupName"] in pool.groups:
        raise GroupExistsException("A group with the name already exists.")
    now = ctx.now()
    return Group(
        name=params["GroupName"],
        user_pool_id=pool.id,
        created=now,
        modified=now,
        description=params.get("Description"),
        role_arn=params.get("RoleArn"),
        precedence=params.get("Precedence"),
    )


@user_pools.operation("CreateGroup")
def create_group(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    group = new_group(ctx, pool, params)
    pool.groups[group.name] = group
    ctx.store.changed(pool)
    return {"Group": group_view(group)}


@user_pools.operation("GetGroup")
def get_group_operation(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    return {"Group": group_view(get_group(pool, params["GroupName"]))}


@user_pools.operation("ListGroups")
def list_groups(ctx: Context, params: Params) -> Result:
    groups = get_pool(ctx.store, params["UserPoolId"]).groups
    limit = params.get("Limit") or 60  # the model allows 0; a page of nothing would never end
    page, token = paginate(list(groups), list(groups.values()), limit, params.get("NextToken"))
    return {"Groups": [group_view(g) for g in page], "NextToken": token}


@user_pools.operation("UpdateGroup")
def update_group(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    group = get_group(pool, params["GroupName"])
    updatable = (("Description", "description"), ("RoleArn", "role_arn"), ("Precedence", "precedence"))
    for member, attribute in updatable:
        if member in params:
            setattr(group, attribute, params[member])
    group.modified = ctx.now()
    ctx.store.changed(pool)
    return {"Group": group_view(group)}


@user_pools.operation("DeleteGroup")
def delete_group(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    group = get_group(pool, params["GroupName"])
    del pool.groups[group.name]
    ctx.store.changed(pool)
    pool.users.forget_group(group.name)  # members leave it, as in AWS
    return {}
