"""StartWebAuthnRegistration, CompleteWebAuthnRegistration, ListWebAuthnCredentials,
DeleteWebAuthnCredential, GetUserAuthFactors, AdminGetUserAuthFactors: a signed-in user's passkeys
and sign-in options (access token with aws.cognito.signin.user.admin, as every self-service call)."""

from __future__ import annotations

from emulator.runtime import Context
from emulator.userpools.auth.access import AccessGrant, authorize
from emulator.userpools.lookup import get_pool
from emulator.userpools.mfa.factors import settings_view
from emulator.userpools.model import UserPool
from emulator.userpools.passkeys import registration
from emulator.userpools.sign_in_policy import configured_factors
from emulator.userpools.users.identity import require_user
from emulator.userpools.users.model import User
from emulator.wire.errors import ResourceNotFoundException
from emulator.wire.pagination import paginate
from emulator.wire.registry import Params, Result, user_pools

MAX_PAGE = 20  # ListWebAuthnCredentials MaxResults is 0-20; 0 or none: a full page (guess)
NOT_FOUND = "Credential not found."  # guess: AWS's wording is not documented


def _client_id(grant: AccessGrant) -> str:
    return str(grant.claims.get("client_id", ""))


@user_pools.operation("StartWebAuthnRegistration")
def start_web_authn_registration(ctx: Context, params: Params) -> Result:
    grant = authorize(ctx, params["AccessToken"])
    options = registration.start(ctx, grant.pool, grant.user, _client_id(grant))
    return {"CredentialCreationOptions": options}


@user_pools.operation("CompleteWebAuthnRegistration")
def complete_web_authn_registration(ctx: Context, params: Params) -> Result:
    grant = authorize(ctx, params["AccessToken"])
    registration.complete(ctx, grant.pool, grant.user, _client_id(grant), params["Credential"])
    return {}


@user_pools.operation("ListWebAuthnCredentials")
def list_web_authn_credentials(ctx: Context, params: Params) -> Result:
    """Oldest first."""
    grant = authorize(ctx, params["AccessToken"])
    passkeys = sorted(grant.user.passkeys.values(), key=lambda p: (p.created, p.credential_id))
    keys = [f"{p.created:020.6f}:{p.credential_id}" for p in passkeys]
    page, token = paginate(keys, passkeys, params.get("MaxResults") or MAX_PAGE, params.get("NextToken"))
    result: Result = {"Credentials": [registration.credential_view(p) for p in page]}
    if token:
        result["NextToken"] = token
    return result


@user_pools.operation("DeleteWebAuthnCredential")
def delete_web_authn_credential(ctx: Context, params: Params) -> Result:
    grant = authorize(ctx, params["AccessToken"])
    if grant.user.passkeys.pop(params["CredentialId"], None) is None:
        raise ResourceNotFoundException(NOT_FOUND)
    return {}


@user_pools.operation("GetUserAuthFactors")
def get_user_auth_factors(ctx: Context, params: Params) -> Result:
    grant = authorize(ctx, params["AccessToken"])
    return _auth_factors(grant.pool, grant.user)


@user_pools.operation("AdminGetUserAuthFactors")
def admin_get_user_auth_factors(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    return _auth_factors(pool, require_user(pool, params["Username"]))


def _auth_factors(pool: UserPool, user: User) -> Result:
    mfa = settings_view(user)
    result: Result = {"Username": user.username, "ConfiguredUserAuthFactors": configured_factors(pool, user)}
    for member in ("PreferredMfaSetting", "UserMFASettingList"):
        if member in mfa:
            result[member] = mfa[member]
    return result
