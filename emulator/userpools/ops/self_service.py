"""GetUser, DeleteUser, UpdateUserAttributes, DeleteUserAttributes,
GetUserAttributeVerificationCode, VerifyUserAttribute: the user acting on themself with
an access token (scope aws.cognito.signin.user.admin), authorised by ``auth.access``."""

from __future__ import annotations

from emulator.runtime import Context
from emulator.triggers.fire import current_user
from emulator.userpools.auth.access import authorize
from emulator.userpools.hooks import messages
from emulator.userpools.users import attributes as attrs
from emulator.userpools.users import codes, lifecycle, updates
from emulator.userpools.users.model import User
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
async def update_user_attributes(ctx: Context, params: Params) -> Result:
    """Within the client's WriteAttributes; a new email/phone in a pool that auto-verifies
    it gets a code (and, with AttributesRequireVerificationBeforeUpdate, waits for it)."""
    grant = authorize(ctx, params["AccessToken"])
    changes = attrs.as_dict(params["UserAttributes"])
    if grant.client is not None:
        attrs.check_writable(grant.client, list(changes))
    client_id = grant.client.client_id if grant.client is not None else None
    occasion = messages.Occasion(messages.UPDATE_ATTRIBUTE, client_id, params.get("ClientMetadata"))
    details = await updates.update_attributes(ctx, grant.pool, grant.user, changes, occasion, admin=False)
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
async def get_user_attribute_verification_code(ctx: Context, params: Params) -> Result:
    """A code to the value waiting for verification, else to the current value."""
    grant = authorize(ctx, params["AccessToken"])
    name = params["AttributeName"]
    pool, user = grant.pool, grant.user
    destination = _verification_destination(user, name)
    client_id = grant.client.client_id if grant.client is not None else None
    occasion = messages.Occasion(messages.VERIFY_ATTRIBUTE, client_id, params.get("ClientMetadata"))
    occasion = await messages.custom_message(ctx, pool, user, occasion, [name])
    if occasion.custom is not None:  # awaited: the user as it is now
        pool, user = current_user(ctx, pool, user.username, user.sub)
        destination = _verification_destination(user, name)
    details = lifecycle.send_code(ctx, pool, user, codes.verify_purpose(name), name, destination, occasion)
    return {"CodeDeliveryDetails": details}


def _verification_destination(user: User, name: str) -> str:
    destination = user.pending_attributes.get(name) or user.attributes.get(name)
    if name not in attrs.VERIFIED_FLAGS or not destination:
        raise InvalidParameterException(f"Invalid attribute name: {name}")  # wording: guess
    return destination


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
