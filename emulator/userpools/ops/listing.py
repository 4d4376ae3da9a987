"""ListUsers, ListUsersInGroup, AdminListGroupsForUser, AdminAddUserToGroup,
AdminRemoveUserFromGroup."""

from __future__ import annotations

from emulator.runtime import Context
from emulator.userpools.lookup import get_pool
from emulator.userpools.model import UserPool
from emulator.userpools.ops.groups import get_group
from emulator.userpools.users.identity import require_user
from emulator.userpools.users.model import User
from emulator.userpools.users.search import matching_users, ordered_reader, parse_filter
from emulator.userpools.users.views import user_type
from emulator.userpools.views import group_view
from emulator.wire.errors import InvalidParameterException
from emulator.wire.pagination import paginate, paginate_ordered
from emulator.wire.registry import Params, Result, user_pools

DEFAULT_LIMIT = 60


def _username(user: User) -> str:
    return user.username


def _limit(params: Params) -> int:
    """Limit 0 (allowed by the model) is treated as the default (guess: a page of nothing
    with a token would never end)."""
    return params.get("Limit") or DEFAULT_LIMIT


def _attributes_to_get(pool: UserPool, params: Params) -> list[str] | None:
    names = params.get("AttributesToGet")
    if names is None:
        return None
    for name in names:
        if name not in pool.schema:
            raise InvalidParameterException(f"Invalid attributes to get: {name}")  # wording: guess
    return list(names)


@user_pools.operation("ListUsers")
def list_users(ctx: Context, params: Params) -> Result:
    """Users in the pool's order, optionally filtered (see users.search); no duplicates
    within a PaginationToken chain."""
    pool = get_pool(ctx.store, params["UserPoolId"])
    search = parse_filter(params.get("Filter"))
    wanted = _attributes_to_get(pool, params)
    token_in = params.get("PaginationToken")
    reader = ordered_reader(pool.users, search, _limit(params))
    if reader is not None:  # straight from the username order: one page's work
        page, token = paginate_ordered(reader, _username, _limit(params), token_in, "PaginationToken")
    else:
        users = list(matching_users(pool.users, search))
        page, token = paginate([u.username for u in users], users, _limit(params), token_in, "PaginationToken")
    return {"Users": [user_type(u, wanted) for u in page], "PaginationToken": token}


@user_pools.operation("ListUsersInGroup")
def list_users_in_group(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    group = get_group(pool, params["GroupName"])
    page, token = paginate_ordered(lambda start: pool.users.members_in_order(group.name, start), _username,
                                   _limit(params), params.get("NextToken"))
    return {"Users": [user_type(u) for u in page], "NextToken": token}


@user_pools.operation("AdminListGroupsForUser")
def admin_list_groups_for_user(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    user = require_user(pool, params["Username"])
    groups = [pool.groups[name] for name in sorted(user.groups) if name in pool.groups]
    page, token = paginate([g.name for g in groups], groups, _limit(params), params.get("NextToken"))
    return {"Groups": [group_view(g) for g in page], "NextToken": token}


@user_pools.operation("AdminAddUserToGroup")
def admin_add_user_to_group(ctx: Context, params: Params) -> Result:
    """Idempotent. The user is looked up before the group (order: guess)."""
    pool = get_pool(ctx.store, params["UserPoolId"])
    user = require_user(pool, params["Username"])
    group = get_group(pool, params["GroupName"])
    pool.users.join_group(user, group.name)
    return {}


@user_pools.operation("AdminRemoveUserFromGroup")
def admin_remove_user_from_group(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    user = require_user(pool, params["Username"])
    group = get_group(pool, params["GroupName"])
    pool.users.leave_group(user, group.name)
    return {}
