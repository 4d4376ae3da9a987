"""GetCredentialsForIdentity (enhanced flow) and GetOpenIdToken (classic flow)."""

from __future__ import annotations

from emulator.identitypools.linking import logins_for_identity
from emulator.identitypools.logins import VerifiedLogin
from emulator.identitypools.model import COGNITO_IDENTITY_PROVIDER, Identity, IdentityPool
from emulator.identitypools.openid import authenticated_amr, issue_openid_token
from emulator.identitypools.roles import authenticated_role, unauthenticated_role
from emulator.runtime import Context
from emulator.wire.errors import InvalidParameterException
from emulator.wire.registry import Params, Result, identity_pools

CLASSIC_FLOW_DISABLED = "Basic (classic) flow is not enabled, please use enhanced flow."


@identity_pools.operation("GetCredentialsForIdentity")
def get_credentials_for_identity(ctx: Context, params: Params) -> Result:
    store = ctx.identity
    identity = store.identity(params["IdentityId"])
    pool = store.pool(identity.pool_id)
    verified = logins_for_identity(ctx, pool, identity, params.get("Logins") or {})
    if verified:
        role = authenticated_role(pool, verified, params.get("CustomRoleArn"))
    else:
        role = unauthenticated_role(pool)
    issued = store.credentials.issue(identity_id=identity.id, identity_pool_id=pool.id, role_arn=role,
                                     logins=tuple(login.provider for login in verified), now=ctx.now())
    return {"IdentityId": identity.id, "Credentials": issued.wire()}


@identity_pools.operation("GetOpenIdToken")
def get_open_id_token(ctx: Context, params: Params) -> Result:
    store = ctx.identity
    identity = store.identity(params["IdentityId"])
    pool = store.pool(identity.pool_id)
    if pool.allow_classic_flow is not True:
        raise InvalidParameterException(CLASSIC_FLOW_DISABLED)
    verified = logins_for_identity(ctx, pool, identity, params.get("Logins") or {})
    token = issue_openid_token(ctx, pool, identity.id, openid_amr(pool, identity, verified))
    return {"IdentityId": identity.id, "Token": token}


def openid_amr(pool: IdentityPool, identity: Identity, verified: list[VerifiedLogin]) -> list[str]:
    if not verified:
        return ["unauthenticated"]
    presented = {v.provider: v.subject for v in verified if v.provider != COGNITO_IDENTITY_PROVIDER}
    if presented:
        return authenticated_amr(presented)
    return developer_amr(pool, identity)


def developer_amr(pool: IdentityPool, identity: Identity) -> list[str]:
    """``["authenticated", <developer provider>, "<provider>:<identity pool id>:<user id>"]``."""
    provider = pool.developer_provider_name or COGNITO_IDENTITY_PROVIDER
    amr = ["authenticated", provider]
    amr += [f"{provider}:{pool.id}:{developer_id}" for developer_id in identity.developer_ids[:1]]
    return amr
