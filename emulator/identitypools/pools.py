"""Building and checking identity pools from CreateIdentityPool / UpdateIdentityPool input, and
the checks SetIdentityPoolRoles makes; shared by the operations and the seed loader."""

from __future__ import annotations

import re
from typing import Any

from emulator.identitypools.model import CognitoProvider, IdentityPool
from emulator.state.ids import new_uuid
from emulator.wire.errors import InvalidParameterException

# cognito-idp.<region>.amazonaws.com/<userPoolId>, the only provider name AWS accepts here.
_COGNITO_PROVIDER = re.compile(r"cognito-idp\.([a-z0-9-]+)\.amazonaws\.com/\1_[0-9a-zA-Z]+")
MAX_COGNITO_PROVIDERS = 50  # unverified limit


def new_identity_pool_id(region: str) -> str:
    return f"{region}:{new_uuid()}"


def cognito_providers(params: dict[str, Any]) -> list[CognitoProvider]:
    providers = []
    for entry in params.get("CognitoIdentityProviders") or []:
        name = entry.get("ProviderName", "")
        if not _COGNITO_PROVIDER.fullmatch(name):
            raise InvalidParameterException("Invalid Cognito Identity Provider")
        providers.append(CognitoProvider(name, entry.get("ClientId"), bool(entry.get("ServerSideTokenCheck", False))))
    if len(providers) > MAX_COGNITO_PROVIDERS:
        raise InvalidParameterException("Invalid Cognito Identity Provider")
    return providers


def build_pool(params: dict[str, Any], pool_id: str, now: float) -> IdentityPool:
    """A pool from CreateIdentityPool input (checked, not stored)."""
    return IdentityPool(
        id=pool_id,
        name=params["IdentityPoolName"],
        allow_unauthenticated=params["AllowUnauthenticatedIdentities"],
        created=now,
        allow_classic_flow=params.get("AllowClassicFlow"),
        supported_login_providers=dict(params.get("SupportedLoginProviders") or {}),
        developer_provider_name=params.get("DeveloperProviderName"),
        openid_connect_provider_arns=list(params.get("OpenIdConnectProviderARNs") or []),
        cognito_providers=cognito_providers(params),
        saml_provider_arns=list(params.get("SamlProviderARNs") or []),
    )


def apply_update(pool: IdentityPool, params: dict[str, Any]) -> None:
    """UpdateIdentityPool replaces the configuration: omitted providers are removed, as on AWS.
    The developer provider name, once set, cannot change (AWS documents it as permanent)."""
    developer = params.get("DeveloperProviderName")
    if pool.developer_provider_name and developer and developer != pool.developer_provider_name:
        raise InvalidParameterException("Cannot change developer provider name.")  # unverified wording
    providers = cognito_providers(params)
    pool.name = params["IdentityPoolName"]
    pool.allow_unauthenticated = params["AllowUnauthenticatedIdentities"]
    pool.allow_classic_flow = params.get("AllowClassicFlow", pool.allow_classic_flow)
    pool.supported_login_providers = dict(params.get("SupportedLoginProviders") or {})
    pool.developer_provider_name = pool.developer_provider_name or developer
    pool.openid_connect_provider_arns = list(params.get("OpenIdConnectProviderARNs") or [])
    pool.cognito_providers = providers
    pool.saml_provider_arns = list(params.get("SamlProviderARNs") or [])


def role_mapping_keys(pool: IdentityPool) -> set[str]:
    """What RoleMappings may be keyed by: ``<provider>:<clientId>`` for a user pool, the
    provider name for social, OIDC (issuer host) and SAML (ARN) providers."""
    keys = {f"{p.provider_name}:{p.client_id}" for p in pool.cognito_providers if p.client_id}
    keys.update(pool.supported_login_providers)
    keys.update(arn.partition("oidc-provider/")[2] for arn in pool.openid_connect_provider_arns)
    keys.update(pool.saml_provider_arns)
    return keys


def check_role_mappings(pool: IdentityPool, mappings: dict[str, dict[str, Any]]) -> None:
    allowed = role_mapping_keys(pool)
    for key, mapping in mappings.items():
        if key not in allowed:
            raise InvalidParameterException(
                f"{key} is not a valid RoleMapping ProviderName or is not a configured provider.")
        if "AmbiguousRoleResolution" not in mapping:  # unverified wording
            raise InvalidParameterException("AmbiguousRoleResolution must be specified for Token or Rules type.")
        rules = (mapping.get("RulesConfiguration") or {}).get("Rules")
        if mapping["Type"] == "Rules" and not rules:  # unverified wording
            raise InvalidParameterException("RulesConfiguration must be specified for Rules type.")
