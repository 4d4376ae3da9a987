"""TagResource, UntagResource, ListTagsForResource on user-pool ARNs."""

from __future__ import annotations

from emulator.runtime import Context
from emulator.userpools.model import UserPool
from emulator.wire.errors import InvalidParameterException, ResourceNotFoundException
from emulator.wire.registry import Params, Result, user_pools

MAX_TAGS = 50


def _pool_for_arn(ctx: Context, arn: str) -> UserPool:
    """ARNs are ``arn:aws:cognito-idp:<region>:<account>:userpool/<id>``: the id is the index."""
    _, _, pool_id = arn.rpartition("userpool/")
    pool = ctx.store.user_pools.get(pool_id)
    if pool is None or pool.arn != arn:
        raise ResourceNotFoundException(f"Resource {arn} does not exist.")
    return pool


@user_pools.operation("TagResource")
def tag_resource(ctx: Context, params: Params) -> Result:
    pool = _pool_for_arn(ctx, params["ResourceArn"])
    merged = {**ctx.store.tags.get(pool.arn, {}), **params["Tags"]}
    if len(merged) > MAX_TAGS:
        raise InvalidParameterException(f"A resource can have at most {MAX_TAGS} tags.")
    ctx.store.tags[pool.arn] = merged
    return {}


@user_pools.operation("UntagResource")
def untag_resource(ctx: Context, params: Params) -> Result:
    pool = _pool_for_arn(ctx, params["ResourceArn"])
    tags = ctx.store.tags.get(pool.arn, {})
    for key in params.get("TagKeys") or []:
        tags.pop(key, None)
    return {}


@user_pools.operation("ListTagsForResource")
def list_tags_for_resource(ctx: Context, params: Params) -> Result:
    pool = _pool_for_arn(ctx, params["ResourceArn"])
    return {"Tags": dict(ctx.store.tags.get(pool.arn, {}))}
