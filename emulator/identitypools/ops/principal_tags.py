"""SetPrincipalTagAttributeMap, GetPrincipalTagAttributeMap: which claims of a provider's tokens
become session tags (principal tags) of the credentials an identity pool issues.

Stored per provider the pool trusts and described back; the emulator's credentials carry no
session tags, so the map changes nothing else yet."""

from __future__ import annotations

from emulator.identitypools.model import IdentityPool
from emulator.runtime import Context
from emulator.wire.errors import InvalidParameterException
from emulator.wire.registry import Params, Result, identity_pools


def trusted_providers(pool: IdentityPool) -> set[str]:
    """Every provider name the pool is configured with (user pools, social, OIDC and SAML)."""
    return ({p.provider_name for p in pool.cognito_providers} | set(pool.supported_login_providers)
            | set(pool.openid_connect_provider_arns) | set(pool.saml_provider_arns))


def _check_provider(pool: IdentityPool, name: str) -> None:
    if name not in trusted_providers(pool):
        raise InvalidParameterException(f"Identity provider {name} is not configured for identity pool {pool.id}.")


def _answer(pool: IdentityPool, name: str) -> Result:
    use_defaults, tags = pool.principal_tags.get(name, (False, {}))
    return {"IdentityPoolId": pool.id, "IdentityProviderName": name, "UseDefaults": use_defaults,
            "PrincipalTags": dict(tags)}


@identity_pools.operation("SetPrincipalTagAttributeMap")
def set_principal_tag_attribute_map(ctx: Context, params: Params) -> Result:
    pool = ctx.identity.pool(params["IdentityPoolId"])
    name = params["IdentityProviderName"]
    _check_provider(pool, name)
    pool.principal_tags[name] = (bool(params.get("UseDefaults", False)), dict(params.get("PrincipalTags") or {}))
    return _answer(pool, name)


@identity_pools.operation("GetPrincipalTagAttributeMap")
def get_principal_tag_attribute_map(ctx: Context, params: Params) -> Result:
    pool = ctx.identity.pool(params["IdentityPoolId"])
    name = params["IdentityProviderName"]
    _check_provider(pool, name)
    return _answer(pool, name)
