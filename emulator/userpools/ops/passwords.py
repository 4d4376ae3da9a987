"""ForgotPassword, ConfirmForgotPassword, ChangePassword."""

from __future__ import annotations

from emulator.runtime import Context
from emulator.triggers.fire import current_pool, current_user
from emulator.userpools import auth_events
from emulator.userpools.auth.access import authorize
from emulator.userpools.auth.revocation import sign_out_everywhere
from emulator.userpools.hooks import messages, migration
from emulator.userpools.hooks import sign_up as sign_up_hooks
from emulator.userpools.model import UserPool
from emulator.userpools.risk import assess
from emulator.userpools.risk.settings import PASSWORD_CHANGE
from emulator.userpools.users import codes, lifecycle
from emulator.userpools.users.client_requests import client_for, simulated_delivery, user_or_unknown
from emulator.userpools.users.credentials import password_matches
from emulator.userpools.users.model import CONFIRMED, FORCE_CHANGE_PASSWORD, User
from emulator.userpools.users.passwords import check_policy
from emulator.wire.errors import CodeMismatchException, InvalidParameterException, NotAuthorizedException
from emulator.wire.registry import Params, Result, user_pools

NO_RECOVERY = "Cannot reset password for the user as there is no registered/verified email or phone_number"
WRONG_PASSWORD = "Incorrect username or password."


@user_pools.operation("ForgotPassword")
async def forgot_password(ctx: Context, params: Params) -> Result:
    """A reset code (valid 1 h) to the verified email, else the verified phone [obs wording].

    A FORCE_CHANGE_PASSWORD user cannot reset (message as reported in amplify-js #6543,
    from memory: guess); a disabled user is refused like at sign-in (guess)."""
    pool, client = client_for(ctx, params)
    if lifecycle.admin_only_recovery(pool):
        raise NotAuthorizedException(lifecycle.ADMIN_ONLY_RECOVERY)
    await migration.migrate_forgotten(ctx, pool, client.client_id, params["Username"], params.get("ClientMetadata"))
    pool = current_pool(ctx, pool)
    user = user_or_unknown(pool, params["Username"], client)
    if user is None:
        return {"CodeDeliveryDetails": simulated_delivery(pool, params["Username"])}
    destination = _reset_destination(pool, user)
    occasion = messages.Occasion(messages.FORGOT_PASSWORD, client.client_id, params.get("ClientMetadata"))
    occasion = await messages.custom_message(ctx, pool, user, occasion, [destination])
    if occasion.custom is not None:  # awaited: the user as it is now
        pool, user = current_user(ctx, pool, user.username, user.sub)
        destination = _reset_destination(pool, user)
    details = lifecycle.send_code(ctx, pool, user, codes.FORGOT_PASSWORD, destination, occasion=occasion)
    auth_events.record(ctx, pool, user, auth_events.FORGOT_PASSWORD, auth_events.PASS)
    return {"CodeDeliveryDetails": details}


def _reset_destination(pool: UserPool, user: User) -> str:
    if not user.enabled:
        raise NotAuthorizedException("User is disabled.")
    if user.status == FORCE_CHANGE_PASSWORD:
        raise NotAuthorizedException("User password cannot be reset in the current state.")
    destination = lifecycle.recovery_destination(pool, user)
    if destination is None:
        raise InvalidParameterException(NO_RECOVERY)
    return destination


@user_pools.operation("ConfirmForgotPassword")
async def confirm_forgot_password(ctx: Context, params: Params) -> Result:
    """Code, then policy ("does not conform to" wording), then: new password, CONFIRMED,
    and every existing sign-in ended, as AWS does after a reset."""
    pool, client = client_for(ctx, params)
    user = user_or_unknown(pool, params["Username"], client)
    if user is None:  # PreventUserExistenceErrors: answer as for a wrong code
        raise CodeMismatchException(codes.MISMATCH)
    code = params["ConfirmationCode"]
    codes.check_code(user, codes.FORGOT_PASSWORD, code, ctx.now())
    check_policy(params["Password"], pool.password_policy, sign_up=False)
    assess.check_new_password(ctx, pool, client.client_id, PASSWORD_CHANGE, params["Password"])

    codes.consume_code(user, codes.FORGOT_PASSWORD, code, ctx.now())
    lifecycle.set_password(pool, user, params["Password"], ctx.now())
    user.status = CONFIRMED
    sign_out_everywhere(user, ctx.now())
    await sign_up_hooks.post_confirmation(ctx, pool, user, sign_up_hooks.CONFIRM_FORGOT_PASSWORD, client.client_id,
                                          params.get("ClientMetadata"))
    return {}


@user_pools.operation("ChangePassword")
def change_password(ctx: Context, params: Params) -> Result:
    """The previous password must match (a missing one too, when the user has a password);
    the new one meets the policy. Other sign-ins stay alive, as in AWS."""
    grant = authorize(ctx, params["AccessToken"])
    previous = params.get("PreviousPassword")
    if grant.user.password is not None and (previous is None or not password_matches(grant.user.password,
                                                                                     previous)):
        raise NotAuthorizedException(WRONG_PASSWORD)
    check_policy(params["ProposedPassword"], grant.pool.password_policy, sign_up=False)
    client_id = grant.client.client_id if grant.client else None
    assess.check_new_password(ctx, grant.pool, client_id, PASSWORD_CHANGE, params["ProposedPassword"])
    lifecycle.set_password(grant.pool, grant.user, params["ProposedPassword"], ctx.now())
    auth_events.record(ctx, grant.pool, grant.user, auth_events.PASSWORD_CHANGE, auth_events.PASS)
    return {}
