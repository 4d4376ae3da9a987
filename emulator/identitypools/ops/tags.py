"""TagResource, UntagResource, ListTagsForResource on identity-pool ARNs; the tags are the
pool's IdentityPoolTags (Create/Describe/UpdateIdentityPool show the same set)."""

from __future__ import annotations

from emulator.identitypools.model import IdentityPool
from emulator.runtime import Context
from emulator.wire.errors import InvalidParameterException, ResourceNotFoundException
from emulator.wire.registry import Params, Result, identity_pools

MAX_TAGS = 50


def _pool_for_arn(ctx: Context, arn: str) -> IdentityPool:
    """``arn:aws:cognito-identity:<region>:<account>:identitypool/<id>``."""
    _, _, pool_id = arn.rpartition("identitypool/")
    pool = ctx.identity.pools.get(pool_id)
    if pool is None or pool.arn != arn:
        raise ResourceNotFoundException(f"IdentityPool '{pool_id or arn}' not found.")
    return pool


@identity_pools.operation("TagResource")
def tag_resource(ctx: Context, params: Params) -> Result:
    pool = _pool_for_arn(ctx, params["ResourceArn"])
    merged = {**ctx.tags.of(pool.arn), **params["Tags"]}
    if len(merged) > MAX_TAGS:
        raise InvalidParameterException(f"A resource can have at most {MAX_TAGS} tags.")
    ctx.tags.replace(pool.arn, merged)
    return {}


@identity_pools.operation("UntagResource")
def untag_resource(ctx: Context, params: Params) -> Result:
    pool = _pool_for_arn(ctx, params["ResourceArn"])
    tags = ctx.tags.of(pool.arn)
    for key in params["TagKeys"]:
        tags.pop(key, None)
    ctx.tags.replace(pool.arn, tags)
    return {}


@identity_pools.operation("ListTagsForResource")
def list_tags_for_resource(ctx: Context, params: Params) -> Result:
    return {"Tags": ctx.tags.of(_pool_for_arn(ctx, params["ResourceArn"]).arn)}
