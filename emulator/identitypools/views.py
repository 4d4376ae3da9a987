"""Identity pools and identities in their wire shape (members without a value are omitted)."""

from __future__ import annotations

from typing import Any

from emulator.identitypools.model import Identity, IdentityPool


def pool_view(pool: IdentityPool, tags: dict[str, str] | None) -> dict[str, Any]:
    return {
        "IdentityPoolId": pool.id,
        "IdentityPoolName": pool.name,
        "AllowUnauthenticatedIdentities": pool.allow_unauthenticated,
        "AllowClassicFlow": pool.allow_classic_flow,
        "SupportedLoginProviders": pool.supported_login_providers or None,
        "DeveloperProviderName": pool.developer_provider_name,
        "OpenIdConnectProviderARNs": pool.openid_connect_provider_arns or None,
        "CognitoIdentityProviders": [p.view() for p in pool.cognito_providers] or None,
        "SamlProviderARNs": pool.saml_provider_arns or None,
        "IdentityPoolTags": tags,
    }


def identity_view(identity: Identity, developer_provider: str | None) -> dict[str, Any]:
    return {
        "IdentityId": identity.id,
        "Logins": identity.provider_names(developer_provider) or None,
        "CreationDate": identity.created,
        "LastModifiedDate": identity.modified,
    }
