"""PreAuthentication, PostAuthentication and PreTokenGeneration around the (synchronous)
sign-in pipeline, in AWS's order (reference triggers.md §3.2): PreAuthentication before the
password is checked; once every factor is in, the pipeline answers ``PENDING`` instead of
tokens and ``complete`` awaits PostAuthentication then PreTokenGeneration, re-reads the pool,
client and user, and only then issues the tokens (a refusing trigger leaves no sign-in)."""

from __future__ import annotations

import dataclasses
from typing import Any

from emulator.triggers.events import envelope, user_attributes, with_optional
from emulator.triggers.fire import configured, current_user, fire
from emulator.userpools.auth.pipeline import PENDING, tokens_now
from emulator.userpools.auth.refresh_flow import open_refresh_token
from emulator.userpools.auth.signin import SignIn, check_may_sign_in
from emulator.userpools.devices import registry
from emulator.userpools.hooks.mfa_messages import send_pending
from emulator.userpools.hooks.token_generation import token_overrides, token_trigger
from emulator.userpools.model import UserPool
from emulator.userpools.users.identity import find_user
from emulator.userpools.users.model import User
from emulator.wire.errors import ResourceNotFoundException

AUTHENTICATION = "TokenGeneration_Authentication"
NEW_PASSWORD = "TokenGeneration_NewPasswordChallenge"
DEVICE = "TokenGeneration_AuthenticateDevice"
REFRESH = "TokenGeneration_RefreshTokens"
SOURCES = {"NEW_PASSWORD_REQUIRED": NEW_PASSWORD, "DEVICE_PASSWORD_VERIFIER": DEVICE}
PASSWORD_FLOWS = ("USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH", "USER_SRP_AUTH")
REFRESH_FLOWS = ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN")
PRE_AUTHENTICATION_FLOWS = (*PASSWORD_FLOWS, "CUSTOM_AUTH", "USER_AUTH")  # USER_AUTH: unverified


async def pre_authentication(signin: SignIn, flow: str, parameters: dict[str, str],
                             client_metadata: dict[str, str] | None) -> None:
    """Fires for a known user before the password is looked at; InitiateAuth's ClientMetadata
    arrives as ``validationData`` [doc]. Unknown users go on to the flow's own error."""
    if flow not in PRE_AUTHENTICATION_FLOWS or not configured(signin.pool, "PreAuthentication"):
        return
    user = find_user(signin.pool, parameters.get("USERNAME") or "")
    if user is None:
        return
    request = with_optional({"userAttributes": user_attributes(signin.pool, user)}, validationData=client_metadata)
    event = envelope(signin.pool, signin.pool.region, "PreAuthentication_Authentication", user.username,
                     signin.client.client_id, request, {})
    await fire(signin.ctx, signin.pool, "PreAuthentication", event)


async def complete(signin: SignIn, result: dict[str, Any], source: str,
                   client_metadata: dict[str, str] | None) -> dict[str, Any]:
    """Tokens for a ``PENDING`` answer; any other answer (a challenge) passes through, its MFA
    code sent once CustomMessage answered (``mfa_messages``)."""
    result = await send_pending(signin, result, client_metadata)
    pending = result.get(PENDING)
    if pending is None:
        return result
    ctx, username, sub = signin.ctx, pending[0], pending[1]
    pool, user = await post_authentication(signin, username, sub, client_metadata)
    overrides = await token_overrides(ctx, pool, signin.client.client_id, user, source, client_metadata)
    pool, user = current_user(ctx, pool, username, sub)
    client = pool.clients.get(signin.client.client_id)
    if client is None:
        raise ResourceNotFoundException(f"User pool client {signin.client.client_id} does not exist.")
    check_may_sign_in(user)
    return tokens_now(dataclasses.replace(signin, pool=pool, client=client), user, overrides)


async def post_authentication(signin: SignIn, username: str, sub: str, client_metadata: dict[str, str] | None
                              ) -> tuple[UserPool, User]:
    """Every factor is in: PostAuthentication (API and hosted UI alike); the pool and user re-read."""
    ctx = signin.ctx
    pool, user = current_user(ctx, signin.pool, username, sub)
    if configured(pool, "PostAuthentication"):
        tracked = registry.tracks_devices(pool) and registry.find_device(user, signin.device_key) is None
        request = with_optional({"userAttributes": user_attributes(pool, user), "newDeviceUsed": tracked},
                                clientMetadata=client_metadata)
        request["newDeviceUsed"] = tracked
        event = envelope(pool, pool.region, "PostAuthentication_Authentication", user.username,
                         signin.client.client_id, request, {})
        await fire(ctx, pool, "PostAuthentication", event)
        pool, user = current_user(ctx, pool, username, sub)
    return pool, user


async def refresh_overrides(signin: SignIn, token: str | None) -> SignIn:
    """Refreshing re-runs PreTokenGeneration (only it) [doc]; the overrides ride on the SignIn."""
    if not token or token_trigger(signin.pool) is None:
        return signin
    _, user = open_refresh_token(signin, token)
    overrides = await token_overrides(signin.ctx, signin.pool, signin.client.client_id, user, REFRESH, None)
    pool, _ = current_user(signin.ctx, signin.pool, user.username, user.sub)
    return dataclasses.replace(signin, pool=pool, overrides=overrides)
