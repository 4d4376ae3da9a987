"""Which identity a set of verified logins belongs to, and whether they may act for one.

An identity is found by any of its logins (provider + subject), so the same user always gets the
same IdentityId; a login seen for the first time is linked to the identity it is presented with.
A token of the identity service itself (``cognito-identity.amazonaws.com``) names its identity
directly and is never linked.
"""

from __future__ import annotations

from emulator.identitypools.logins import VerifiedLogin, verify_logins
from emulator.identitypools.model import COGNITO_IDENTITY_PROVIDER, Identity, IdentityPool
from emulator.identitypools.store import IdentityStore
from emulator.runtime import Context
from emulator.state.ids import new_uuid
from emulator.wire.errors import NotAuthorizedException, ResourceConflictException

LOGINS_DONT_MATCH = "Logins don't match. Please include at least one valid login for this identity or identity pool."
UNAUTHENTICATED_REFUSED = "Unauthenticated access is not supported for this identity pool."


def new_identity(ctx: Context, pool: IdentityPool) -> Identity:
    now = ctx.now()
    identity = Identity(f"{pool.region}:{new_uuid()}", pool.id, now, now)
    ctx.identity.add_identity(identity)
    return identity


def require_unauthenticated_allowed(pool: IdentityPool) -> None:
    if not pool.allow_unauthenticated:
        raise NotAuthorizedException(UNAUTHENTICATED_REFUSED)


def owner_of(store: IdentityStore, pool: IdentityPool, login: VerifiedLogin) -> Identity | None:
    if login.provider == COGNITO_IDENTITY_PROVIDER:
        identity = store.identities.get(login.subject)
        return identity if identity is not None and identity.pool_id == pool.id else None
    return store.find_by_login(pool.id, login.provider, login.subject)


def identity_for_logins(ctx: Context, pool: IdentityPool, logins: dict[str, str]) -> Identity:
    """GetId: the identity these logins belong to, created (unauthenticated ones only when the
    pool allows them) or extended with logins it did not have yet."""
    if not logins:
        require_unauthenticated_allowed(pool)
        return new_identity(ctx, pool)
    verified = verify_logins(ctx, pool, logins)
    store = ctx.identity
    owners = {identity.id: identity for login in verified if (identity := owner_of(store, pool, login))}
    if len(owners) > 1:  # unverified wording
        raise ResourceConflictException("Logins are associated with more than one identity.")
    if any(login.provider == COGNITO_IDENTITY_PROVIDER for login in verified) and not owners:
        raise NotAuthorizedException(LOGINS_DONT_MATCH)
    identity = next(iter(owners.values())) if owners else new_identity(ctx, pool)
    link_new_logins(ctx, identity, verified)
    return identity


def logins_for_identity(ctx: Context, pool: IdentityPool, identity: Identity,
                        logins: dict[str, str]) -> list[VerifiedLogin]:
    """GetCredentialsForIdentity / GetOpenIdToken / UnlinkIdentity: the presented logins must
    be valid and belong to this identity (an unauthenticated identity presents none, or links
    its first login); an empty list means the caller acts unauthenticated."""
    if not logins:
        if identity.authenticated:
            raise NotAuthorizedException(LOGINS_DONT_MATCH)
        require_unauthenticated_allowed(pool)
        return []
    verified = verify_logins(ctx, pool, logins)
    store = ctx.identity
    owners = [owner_of(store, pool, login) for login in verified]
    if any(owner is not None and owner.id != identity.id for owner in owners):
        raise NotAuthorizedException(LOGINS_DONT_MATCH)
    if identity.authenticated and not any(owner is not None for owner in owners):
        raise NotAuthorizedException(LOGINS_DONT_MATCH)
    if any(login.provider == COGNITO_IDENTITY_PROVIDER and login.subject != identity.id for login in verified):
        raise NotAuthorizedException(LOGINS_DONT_MATCH)
    link_new_logins(ctx, identity, verified)
    return verified


def link_new_logins(ctx: Context, identity: Identity, verified: list[VerifiedLogin]) -> None:
    """Checked whole before the first change: one identity holds one subject per provider."""
    linked = [login for login in verified if login.provider != COGNITO_IDENTITY_PROVIDER]
    if any(identity.logins.get(login.provider, login.subject) != login.subject for login in linked):
        raise NotAuthorizedException(LOGINS_DONT_MATCH)
    store = ctx.identity
    for login in linked:
        if identity.logins.get(login.provider) != login.subject:
            store.link(identity, login.provider, login.subject, ctx.now())
