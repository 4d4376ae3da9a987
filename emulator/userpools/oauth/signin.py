"""The hosted UI's sign-in: the API's pipeline (migration, PreAuthentication, password check,
lockout, NEW_PASSWORD_REQUIRED, MFA, PostAuthentication) run as one more client of it, with the
ExplicitAuthFlows check left out (the hosted UI is not an API client, hosted-ui.md §1.10) and
SECRET_HASH supplied by the server, which knows the secret. A completed sign-in yields the user,
not tokens: the OAuth grant mints those (PreTokenGeneration ``TokenGeneration_HostedAuth``)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from emulator.runtime import Context
from emulator.srp.secret_hash import compute_secret_hash
from emulator.userpools.auth import choice_flow, flows
from emulator.userpools.auth.lockout import forget_failures
from emulator.userpools.auth.password_flow import password_auth
from emulator.userpools.auth.pipeline import PENDING
from emulator.userpools.auth.signin import SignIn
from emulator.userpools.hooks import migration
from emulator.userpools.hooks import sign_in as sign_in_hooks
from emulator.userpools.hooks.mfa_messages import send_pending
from emulator.userpools.model import UserPool, UserPoolClient
from emulator.userpools.sign_in_policy import PASSWORD, first_factors

FLOW = "USER_PASSWORD_AUTH"  # what the hosted UI's password form amounts to, for the triggers
CHOICE_ALLOWED = "ALLOW_USER_AUTH"
CHOICE_FLOW = choice_flow.FLOW  # managed login's username-first sign-in [doc: managed login offers passkeys, codes]


@dataclass(frozen=True, slots=True)
class Outcome:
    """Either a challenge to show (name, parameters, Session) or the signed-in user."""

    challenge: str | None = None
    parameters: dict[str, str] = field(default_factory=dict)
    session: str | None = None
    username: str | None = None
    sub: str | None = None


def _signin(ctx: Context, pool: UserPool, client: UserPoolClient) -> SignIn:
    pool = ctx.store.user_pools.get(pool.id) or pool
    return SignIn(ctx, pool, pool.clients.get(client.client_id) or client, admin=False, hosted=True)


def _with_secret_hash(client: UserPoolClient, parameters: dict[str, str], username: str) -> dict[str, str]:
    if client.secret is None:
        return parameters
    return {**parameters, "SECRET_HASH": compute_secret_hash(username, client.client_id, client.secret)}


async def password_sign_in(ctx: Context, pool: UserPool, client: UserPoolClient, username: str,
                           password: str) -> Outcome:
    parameters = _with_secret_hash(client, {"USERNAME": username, "PASSWORD": password}, username)
    await migration.migrate_at_sign_in(ctx, pool, client.client_id, FLOW, parameters, None)
    signin = _signin(ctx, pool, client)
    await sign_in_hooks.pre_authentication(signin, FLOW, parameters, None)
    signin = _signin(ctx, pool, client)
    return await _finish(signin, password_auth(signin, parameters))


def choice_sign_in_offered(pool: UserPool, client: UserPoolClient) -> bool:
    """Managed login asks the username first and then offers the user's factors when the pool
    allows more than a password (SignInPolicy) and the client allows ALLOW_USER_AUTH."""
    return first_factors(pool) != [PASSWORD] and CHOICE_ALLOWED in client.explicit_auth_flows


async def choice_sign_in(ctx: Context, pool: UserPool, client: UserPoolClient, username: str) -> Outcome:
    """USER_AUTH with the username only: SELECT_CHALLENGE with the user's AvailableChallenges
    (the triggers run as for InitiateAuth USER_AUTH)."""
    parameters = _with_secret_hash(client, {"USERNAME": username}, username)
    await migration.migrate_at_sign_in(ctx, pool, client.client_id, CHOICE_FLOW, parameters, None)
    signin = _signin(ctx, pool, client)
    await sign_in_hooks.pre_authentication(signin, CHOICE_FLOW, parameters, None)
    signin = _signin(ctx, pool, client)
    result = choice_flow.user_auth(signin, parameters, None)
    outcome = await _finish(signin, result)
    if result.get("AvailableChallenges"):
        outcome.parameters["AvailableChallenges"] = json.dumps(result["AvailableChallenges"])
    return outcome


async def answer_challenge(ctx: Context, pool: UserPool, client: UserPoolClient, name: str,
                           responses: dict[str, str], session: str) -> Outcome:
    signin = _signin(ctx, pool, client)
    responses = _with_secret_hash(client, responses, responses.get("USERNAME", ""))
    return await _finish(signin, flows.respond(signin, name, responses, session))


async def _finish(signin: SignIn, result: dict[str, Any]) -> Outcome:
    result = await send_pending(signin, result, None)
    pending = result.get(PENDING)
    if pending is None:
        return Outcome(result["ChallengeName"], result.get("ChallengeParameters") or {}, result.get("Session"))
    pool, user = await sign_in_hooks.post_authentication(signin, pending[0], pending[1], None)
    forget_failures(user)
    return Outcome(username=user.username, sub=user.sub)
