"""SignUp, ConfirmSignUp, ResendConfirmationCode, AdminConfirmSignUp."""

from __future__ import annotations

from emulator.runtime import Context
from emulator.triggers.fire import current_user
from emulator.userpools import auth_events
from emulator.userpools.auth.choice_flow import sign_up_session
from emulator.userpools.hooks import messages
from emulator.userpools.hooks import sign_up as hooks
from emulator.userpools.lookup import get_pool
from emulator.userpools.model import UserPool
from emulator.userpools.risk import assess
from emulator.userpools.risk.settings import SIGN_UP as SIGN_UP_EVENT
from emulator.userpools.sign_in_policy import passwordless_sign_up_allowed
from emulator.userpools.users import attributes as attrs
from emulator.userpools.users import codes, lifecycle
from emulator.userpools.users.client_requests import (
    client_for,
    simulated_delivery,
    user_or_unknown,
)
from emulator.userpools.users.identity import alias_values, check_alias_conflicts, require_user, sync_aliases
from emulator.userpools.users.model import CONFIRMED, UNCONFIRMED, User
from emulator.userpools.users.passwords import check_policy
from emulator.wire.errors import (
    CodeMismatchException,
    InvalidParameterException,
    NotAuthorizedException,
)
from emulator.wire.registry import Params, Result, user_pools

ALREADY_CONFIRMED = "User is already confirmed."  # [obs] ResendConfirmationCode


def _cannot_confirm(user: User) -> NotAuthorizedException:
    # [obs] clients match this exact text (amplify-ui and app code compare on it).
    return NotAuthorizedException(f"User cannot be confirmed. Current status is {user.status}")


@user_pools.operation("SignUp")
async def sign_up(ctx: Context, params: Params) -> Result:
    """New UNCONFIRMED user with the pool's password policy (SignUp wording) and schema.

    Order of checks (guess): secret hash, self sign-up allowed, client write permissions,
    password policy, username/attributes/aliases, required attributes."""
    pool, client = client_for(ctx, params)
    if pool.admin_create_user is not None and pool.admin_create_user.allow_admin_create_user_only:
        raise NotAuthorizedException("SignUp is not permitted for this user pool")  # [obs]
    password = params.get("Password") or None
    if password is None and not passwordless_sign_up_allowed(pool):
        # Password may be left out (or blank) only where the pool signs in with email or SMS codes
        # [doc]; elsewhere AWS answers as when the member was required (unverified wording).
        raise InvalidParameterException(
            "1 validation error detected: Value null at 'password' failed to satisfy constraint: "
            "Member must not be null")
    attributes = attrs.as_dict(params.get("UserAttributes"))
    attrs.check_writable(client, list(attributes))
    if password is not None:
        check_policy(password, pool.password_policy, sign_up=True)
        assess.check_new_password(ctx, pool, client.client_id, SIGN_UP_EVENT, password)
    user = lifecycle.build_user(ctx, pool, params["Username"], attributes, UNCONFIRMED, signing_up=True)
    attrs.check_required(pool, user.attributes)
    answer = await hooks.pre_sign_up(ctx, pool, user, hooks.SIGN_UP, client.client_id, params)
    if hooks.configured(pool, "PreSignUp"):  # awaited: check again against the pool as it is now
        pool = hooks.current_pool(ctx, pool)
        user = lifecycle.rebuild_user(ctx, pool, user, signing_up=True)
        answer.apply(user)
    # With autoConfirmUser no sign-up code is sent (unverified: AWS may still send one for an
    # attribute left unverified).
    destination = None if answer.confirm else lifecycle.code_destination(pool, user)
    occasion = messages.Occasion(messages.SIGN_UP, client.client_id, params.get("ClientMetadata"))
    if destination is not None:
        occasion = await messages.custom_message(ctx, pool, user, occasion, [destination])
        if occasion.custom is not None:  # awaited: check again against the pool as it is now
            pool = hooks.current_pool(ctx, pool)
            user = lifecycle.rebuild_user(ctx, pool, user, signing_up=True)

    if password is not None:
        lifecycle.set_password(pool, user, password, user.created)
    lifecycle.add_user(pool, user, force_alias=answer.verifies)
    auth_events.record(ctx, pool, user, auth_events.SIGN_UP, auth_events.PASS)
    result: Result = {"UserConfirmed": user.status == CONFIRMED, "UserSub": user.sub}
    session = sign_up_session(ctx, pool, client, user)
    if session is not None:
        result["Session"] = session
    if destination is not None:
        result["CodeDeliveryDetails"] = lifecycle.send_code(ctx, pool, user, codes.SIGN_UP, destination,
                                                            occasion=occasion)
    if answer.confirm:
        await hooks.post_confirmation(ctx, pool, user, hooks.CONFIRM_SIGN_UP, client.client_id,
                                      params.get("ClientMetadata"))
    return result


@user_pools.operation("ConfirmSignUp")
async def confirm_sign_up(ctx: Context, params: Params) -> Result:
    """Spend the sign-up code: CONFIRMED, and the attribute the code went to is verified
    (which may make it a sign-in alias: AliasExistsException unless ForceAliasCreation)."""
    pool, client = client_for(ctx, params)
    user = user_or_unknown(pool, params["Username"], client)
    if user is None:  # PreventUserExistenceErrors: answer as for a wrong code
        raise CodeMismatchException(codes.MISMATCH)
    if user.status != UNCONFIRMED:
        raise _cannot_confirm(user)
    pending = codes.check_code(user, codes.SIGN_UP, params["ConfirmationCode"], ctx.now())
    force = bool(params.get("ForceAliasCreation"))
    verified = _verified_attributes(user, pending.attribute)
    check_alias_conflicts(pool, user, alias_values(pool, _with_attributes(user, verified)), force=force)

    codes.consume_code(user, codes.SIGN_UP, params["ConfirmationCode"], ctx.now())
    _confirm(ctx, pool, user, verified, force=force)
    # USER_AUTH may sign the user in with this Session, the code standing for the first factor [doc].
    session = sign_up_session(ctx, pool, client, user)
    await hooks.post_confirmation(ctx, pool, user, hooks.CONFIRM_SIGN_UP, client.client_id,
                                  params.get("ClientMetadata"))
    return {} if session is None else {"Session": session}


@user_pools.operation("ResendConfirmationCode")
async def resend_confirmation_code(ctx: Context, params: Params) -> Result:
    """A new sign-up code (the old one stops working) to the auto-verified attribute."""
    pool, client = client_for(ctx, params)
    user = user_or_unknown(pool, params["Username"], client)
    if user is None:
        return {"CodeDeliveryDetails": simulated_delivery(pool, params["Username"])}
    destination = _resend_destination(pool, user)
    occasion = messages.Occasion(messages.RESEND_CODE, client.client_id, params.get("ClientMetadata"))
    occasion = await messages.custom_message(ctx, pool, user, occasion, [destination])
    if occasion.custom is not None:  # awaited: the user as it is now
        pool, user = current_user(ctx, pool, user.username, user.sub)
        destination = _resend_destination(pool, user)
    details = lifecycle.send_code(ctx, pool, user, codes.SIGN_UP, destination, occasion=occasion)
    auth_events.record(ctx, pool, user, auth_events.RESEND_CODE, auth_events.PASS)
    return {"CodeDeliveryDetails": details}


def _resend_destination(pool: UserPool, user: User) -> str:
    if user.status == CONFIRMED:
        raise InvalidParameterException(ALREADY_CONFIRMED)
    destination = lifecycle.code_destination(pool, user)
    if destination is None:
        # Wording from memory of AWS answers for pools without AutoVerifiedAttributes (guess).
        raise InvalidParameterException("Cannot resend codes. Auto verification not turned on.")
    return destination


@user_pools.operation("AdminConfirmSignUp")
async def admin_confirm_sign_up(ctx: Context, params: Params) -> Result:
    """CONFIRMED without a code; unlike ConfirmSignUp, AWS verifies no attribute here."""
    pool = get_pool(ctx.store, params["UserPoolId"])
    user = require_user(pool, params["Username"])
    if user.status != UNCONFIRMED:
        raise _cannot_confirm(user)
    user.codes.pop(codes.SIGN_UP, None)
    _confirm(ctx, pool, user, dict(user.attributes), force=False)
    await hooks.post_confirmation(ctx, pool, user, hooks.CONFIRM_SIGN_UP, None, params.get("ClientMetadata"))
    return {}


def _verified_attributes(user: User, attribute: str | None) -> dict[str, str]:
    attributes = dict(user.attributes)
    flag = attrs.VERIFIED_FLAGS.get(attribute or "")
    if flag is not None and attribute in attributes:
        attributes[flag] = "true"
    return attributes


def _with_attributes(user: User, attributes: dict[str, str]) -> User:
    """A look-alike of ``user`` holding ``attributes``, to test alias rules before changing anything."""
    return User(user.username, user.sub, attributes, user.status, user.created, user.modified)


def _confirm(ctx: Context, pool: UserPool, user: User, attributes: dict[str, str], *, force: bool) -> None:
    previous_aliases = alias_values(pool, user)
    old = dict(user.attributes)
    user.attributes = attributes
    pool.users.reindex(user, old)
    sync_aliases(pool, user, previous_aliases, force=force)
    user.status = CONFIRMED
    user.modified = ctx.now()
