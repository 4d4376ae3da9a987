"""GetUser, DeleteUser, UpdateUserAttributes, DeleteUserAttributes,
GetUserAttributeVerificationCode, VerifyUserAttribute: the user acting on themself with
an access token (scope aws.cognito.signin.user.admin), authorised by ``auth.access``."""

from __future__ import annotations

from emulator.runtime import Context
from emulator.userpools.auth.access import authorize
from emulator.userpools.users import attributes as attrs
from emulator.userpools.users import codes, lifecycle, updates
from emulator.userpools.users.views import get_user as get_user_view
from emulator.wire.errors import InvalidParameterException
from emulator.wire.registry import Params, Result, user_pools


@user_pools.operation("GetUser")
def get_user(ctx: Context, params: Params) -> Result:
    """Only the attributes the token's app client may read."""
    grant = authorize(ctx, params["AccessToken"])
    return get_user_view(grant.user, grant.client)


@user_pools.operation("DeleteUser")
def delete_user(ctx: Context, params: Params) -> Result:
    grant = authorize(ctx, params["AccessToken"])
    lifecycle.delete_user(grant.pool, grant.user)
    return {}


@user_pools.operation("UpdateUserAttributes")
def update_user_attributes(ctx: Context, params: Params) -> Result:
    """Within the client's WriteAttributes; a new email/phone in a pool that auto-verifies
    it gets a code (and, with AttributesRequireVerificationBeforeUpdate, waits for it)."""
    grant = authorize(ctx, params["AccessToken"])
    changes = attrs.as_dict(params["UserAttributes"])
    if grant.client is not None:
        attrs.check_writable(grant.client, list(changes))
    change = updates.plan_update(grant.pool, grant.user, changes, admin=False)
    details = updates.apply_change(ctx, grant.pool, grant.user, change)
    return {"CodeDeliveryDetailsList": details} if details else {}


@user_pools.operation("DeleteUserAttributes")
def delete_user_attributes(ctx: Context, params: Params) -> Result:
    grant = authorize(ctx, params["AccessToken"])
    names = params["UserAttributeNames"]
    if grant.client is not None:
        attrs.check_writable(grant.client, names)
    change = updates.plan_delete(grant.pool, grant.user, names)
    updates.apply_change(ctx, grant.pool, grant.user, change)
    return {}


@user_pools.operation("GetUserAttributeVerificationCode")
def get_user_attribute_verification_code(ctx: Context, params: Params) -> Result:
    """A code to the value waiting for verification, else to the current value."""
    grant = authorize(ctx, params["AccessToken"])
    name = params["AttributeName"]
    user = grant.user
    destination = user.pending_attributes.get(name) or user.attributes.get(name)
    if name not in attrs.VERIFIED_FLAGS or not destination:
        raise InvalidParameterException(f"Invalid attribute name: {name}")  # wording: guess
    details = lifecycle.send_code(ctx, grant.pool, user, codes.verify_purpose(name), name, destination)
    return {"CodeDeliveryDetails": details}


@user_pools.operation("VerifyUserAttribute")
def verify_user_attribute(ctx: Context, params: Params) -> Result:
    """The code marks the attribute verified (a held-back value takes effect now); a value
    another user holds as an alias is AliasExistsException."""
    grant = authorize(ctx, params["AccessToken"])
    name, code = params["AttributeName"], params["Code"]
    change = updates.plan_verify(grant.pool, grant.user, name, code, ctx.now())
    codes.consume_code(grant.user, codes.verify_purpose(name), code, ctx.now())
    updates.apply_change(ctx, grant.pool, grant.user, change)
    return {}
