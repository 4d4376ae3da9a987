"""AdminCreateUser, AdminGetUser, AdminDeleteUser, AdminDisableUser, AdminEnableUser,
AdminSetUserPassword, AdminResetUserPassword, AdminUpdateUserAttributes,
AdminDeleteUserAttributes."""

from __future__ import annotations

from emulator.runtime import Context
from emulator.userpools.auth.revocation import sign_out_everywhere
from emulator.userpools.hooks import messages
from emulator.userpools.hooks import sign_up as sign_up_hooks
from emulator.userpools.lookup import get_pool
from emulator.userpools.model import UserPool
from emulator.userpools.sign_in_policy import passwordless_sign_up_allowed
from emulator.userpools.users import attributes as attrs
from emulator.userpools.users import codes, lifecycle, updates
from emulator.userpools.users.identity import require_user
from emulator.userpools.users.model import CONFIRMED, FORCE_CHANGE_PASSWORD, RESET_REQUIRED, User
from emulator.userpools.users.passwords import check_policy, temporary_password
from emulator.userpools.users.views import admin_get_user, user_type
from emulator.wire.errors import InvalidParameterException, UnsupportedUserStateException
from emulator.wire.registry import Params, Result, user_pools

NO_RECOVERY = "Cannot reset password for the user as there is no registered/verified email or phone_number"


@user_pools.operation("AdminCreateUser")
async def admin_create_user(ctx: Context, params: Params) -> Result:
    """FORCE_CHANGE_PASSWORD user with a given or generated temporary password, and the
    invitation (unless SUPPRESS). RESEND re-invites an existing FORCE_CHANGE_PASSWORD user.

    Where the pool signs in with email or SMS codes, leaving TemporaryPassword out (or blank)
    creates a user without a password, whom no password is generated for [doc]; such a user is
    CONFIRMED (guess: the docs only say users with a password start as FORCE_CHANGE_PASSWORD) and
    the invitation carries no password."""
    pool = get_pool(ctx.store, params["UserPoolId"])
    if params.get("MessageAction") == "RESEND":
        return await _resend_invitation(ctx, pool, params)
    given = params.get("TemporaryPassword")
    password: str | None
    if not given and passwordless_sign_up_allowed(pool):
        password = None
    elif given is not None:
        check_policy(given, pool.password_policy, sign_up=True)  # wording for this op: guess
        password = given
    else:
        password = temporary_password(pool.password_policy)
    force = bool(params.get("ForceAliasCreation"))
    status = FORCE_CHANGE_PASSWORD if password is not None else CONFIRMED
    user = lifecycle.build_user(ctx, pool, params["Username"], attrs.as_dict(params.get("UserAttributes")),
                                status, signing_up=False, force_alias=force)
    attrs.check_required(pool, user.attributes)
    if sign_up_hooks.configured(pool, "PreSignUp"):  # its answer is ignored here [doc]; a refusal is not
        await sign_up_hooks.pre_sign_up(ctx, pool, user, sign_up_hooks.ADMIN_CREATE_USER, None, params)
        pool = sign_up_hooks.current_pool(ctx, pool)
        user = lifecycle.rebuild_user(ctx, pool, user, signing_up=False, force_alias=force)
    occasion = _invitation_occasion(params)
    if params.get("MessageAction") != "SUPPRESS":
        occasion = await messages.custom_message(ctx, pool, user, occasion, _mediums(user, params))
        if occasion.custom is not None:  # awaited: check again against the pool as it is now
            pool = sign_up_hooks.current_pool(ctx, pool)
            user = lifecycle.rebuild_user(ctx, pool, user, signing_up=False, force_alias=force)

    if password is not None:
        lifecycle.set_password(pool, user, password, user.created, temporary=True)
    lifecycle.add_user(pool, user, force_alias=force)
    if params.get("MessageAction") != "SUPPRESS":
        lifecycle.send_invitation(ctx, pool, user, params["Username"], password,
                                  params.get("DesiredDeliveryMediums") or ["SMS"], occasion)
    return {"User": user_type(user)}


def _invitation_occasion(params: Params) -> messages.Occasion:
    return messages.Occasion(messages.ADMIN_CREATE_USER, None, params.get("ClientMetadata"))


def _mediums(user: User, params: Params) -> list[str]:
    return lifecycle.invitation_attributes(user, params.get("DesiredDeliveryMediums") or ["SMS"])


async def _resend_invitation(ctx: Context, pool: UserPool, params: Params) -> Result:
    """RESEND: a missing user is UserNotFoundException, a user who already set a password
    UnsupportedUserStateException (message: guess); a new temporary password restarts the
    validity period. CustomMessage_AdminCreateUser runs again [doc]."""
    user = _resendable(pool, params)
    occasion = await messages.custom_message(ctx, pool, user, _invitation_occasion(params), _mediums(user, params))
    if occasion.custom is not None:  # awaited: the user as it is now
        pool = sign_up_hooks.current_pool(ctx, pool)
        user = _resendable(pool, params)
    password = params.get("TemporaryPassword")
    if password is not None:
        check_policy(password, pool.password_policy, sign_up=True)
    else:
        password = temporary_password(pool.password_policy)
    lifecycle.set_password(pool, user, password, ctx.now(), temporary=True)
    lifecycle.send_invitation(ctx, pool, user, params["Username"], password,
                              params.get("DesiredDeliveryMediums") or ["SMS"], occasion)
    return {"User": user_type(user)}


def _resendable(pool: UserPool, params: Params) -> User:
    user = require_user(pool, params["Username"])
    if user.status != FORCE_CHANGE_PASSWORD:
        raise UnsupportedUserStateException(f"User status is {user.status}, cannot resend invitation.")
    return user


def _user(ctx: Context, params: Params) -> tuple[UserPool, User]:
    pool = get_pool(ctx.store, params["UserPoolId"])
    return pool, require_user(pool, params["Username"])


@user_pools.operation("AdminGetUser")
def admin_get_user_operation(ctx: Context, params: Params) -> Result:
    _, user = _user(ctx, params)
    return admin_get_user(user)


@user_pools.operation("AdminDeleteUser")
def admin_delete_user(ctx: Context, params: Params) -> Result:
    pool, user = _user(ctx, params)
    lifecycle.delete_user(pool, user)
    return {}


@user_pools.operation("AdminDisableUser")
def admin_disable_user(ctx: Context, params: Params) -> Result:
    """The user stays, cannot sign in, and (AWS docs) loses every access token issued so far."""
    _, user = _user(ctx, params)
    user.enabled = False
    sign_out_everywhere(user, ctx.now())
    user.modified = ctx.now()
    return {}


@user_pools.operation("AdminEnableUser")
def admin_enable_user(ctx: Context, params: Params) -> Result:
    _, user = _user(ctx, params)
    user.enabled = True
    user.modified = ctx.now()
    return {}


@user_pools.operation("AdminSetUserPassword")
def admin_set_user_password(ctx: Context, params: Params) -> Result:
    """Permanent: CONFIRMED (even from UNCONFIRMED, as AWS does); otherwise a temporary
    password and FORCE_CHANGE_PASSWORD. Policy wording "does not conform to" (guess)."""
    pool, user = _user(ctx, params)
    permanent = bool(params.get("Permanent"))
    check_policy(params["Password"], pool.password_policy, sign_up=False)
    lifecycle.set_password(pool, user, params["Password"], ctx.now(), temporary=not permanent)
    user.status = CONFIRMED if permanent else FORCE_CHANGE_PASSWORD
    user.codes.pop(codes.FORGOT_PASSWORD, None)
    return {}


@user_pools.operation("AdminResetUserPassword")
async def admin_reset_user_password(ctx: Context, params: Params) -> Result:
    """RESET_REQUIRED, with a reset code sent to the verified email/phone; without one,
    the same InvalidParameterException as ForgotPassword (guess: AWS needs a destination).
    CustomMessage_ForgotPassword (source name unverified) runs before anything changes."""
    pool, user = _user(ctx, params)
    destination = _recovery(pool, user)
    occasion = messages.Occasion(messages.FORGOT_PASSWORD, None, params.get("ClientMetadata"))
    occasion = await messages.custom_message(ctx, pool, user, occasion, [destination])
    if occasion.custom is not None:  # awaited: the user as it is now
        pool, user = _user(ctx, params)
        destination = _recovery(pool, user)
    user.status = RESET_REQUIRED
    user.modified = ctx.now()
    lifecycle.send_code(ctx, pool, user, codes.FORGOT_PASSWORD, destination, occasion=occasion)
    return {}


def _recovery(pool: UserPool, user: User) -> str:
    destination = lifecycle.recovery_destination(pool, user)
    if destination is None:
        raise InvalidParameterException(NO_RECOVERY)
    return destination


@user_pools.operation("AdminUpdateUserAttributes")
async def admin_update_user_attributes(ctx: Context, params: Params) -> Result:
    """Admins may set the ``*_verified`` flags; a changed email/phone is otherwise unverified
    and, in a pool that auto-verifies it, gets a code."""
    pool, user = _user(ctx, params)
    occasion = messages.Occasion(messages.UPDATE_ATTRIBUTE, None, params.get("ClientMetadata"))
    await updates.update_attributes(ctx, pool, user, attrs.as_dict(params["UserAttributes"]), occasion, admin=True)
    return {}


@user_pools.operation("AdminDeleteUserAttributes")
def admin_delete_user_attributes(ctx: Context, params: Params) -> Result:
    pool, user = _user(ctx, params)
    change = updates.plan_delete(pool, user, params["UserAttributeNames"])
    updates.apply_change(ctx, pool, user, change)
    return {}
