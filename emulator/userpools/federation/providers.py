"""The identity-provider record and its lookups, as CreateIdentityProvider stores it and the
authorize endpoint (``identity_provider`` / ``idp_identifier``) finds it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from emulator.userpools.model import UserPool

COGNITO = "COGNITO"  # the pool's own users in SupportedIdentityProviders
SOCIAL_TYPES = ("Google", "Facebook", "LoginWithAmazon", "SignInWithApple")
MAX_PROVIDERS = 300  # AWS's quota of identity providers per user pool


@dataclass(slots=True)
class IdentityProvider:
    name: str
    provider_type: str  # SAML | OIDC | Google | Facebook | LoginWithAmazon | SignInWithApple
    details: dict[str, str]
    created: float
    modified: float
    attribute_mapping: dict[str, str] = field(default_factory=dict)
    idp_identifiers: list[str] = field(default_factory=list)
    acr_mapping: dict[str, str] | None = None

    def view(self, user_pool_id: str) -> dict[str, Any]:
        """IdentityProviderType, as Describe/Create/Update answer it."""
        return {
            "UserPoolId": user_pool_id,
            "ProviderName": self.name,
            "ProviderType": self.provider_type,
            # AWS never describes Sign in with Apple's private key back.
            "ProviderDetails": {k: v for k, v in self.details.items() if k != "private_key"},
            "AttributeMapping": dict(self.attribute_mapping),
            "IdpIdentifiers": list(self.idp_identifiers),
            "AcrMapping": dict(self.acr_mapping) if self.acr_mapping else None,
            "LastModifiedDate": self.modified,
            "CreationDate": self.created,
        }

    def summary(self) -> dict[str, Any]:
        return {"ProviderName": self.name, "ProviderType": self.provider_type,
                "LastModifiedDate": self.modified, "CreationDate": self.created}


def provider_named(pool: UserPool, name: str) -> IdentityProvider | None:
    """The pool's provider called ``name`` (exact, as AWS matches ProviderName)."""
    return pool.identity_providers.get(name)


def provider_with_identifier(pool: UserPool, identifier: str) -> IdentityProvider | None:
    """The provider that lists ``identifier`` among its IdpIdentifiers (``idp_identifier`` on
    the authorize endpoint, GetIdentityProviderByIdentifier). Identifiers are unique in a pool."""
    for provider in pool.identity_providers.values():
        if identifier in provider.idp_identifiers:
            return provider
    return None


def identifier_owner(pool: UserPool, identifiers: list[str], except_name: str | None = None) -> str | None:
    """An identifier of ``identifiers`` already used by another provider of the pool, if any."""
    for provider in pool.identity_providers.values():
        if provider.name == except_name:
            continue
        for identifier in identifiers:
            if identifier in provider.idp_identifiers:
                return identifier
    return None


def unknown_providers(pool: UserPool, names: list[str]) -> list[str]:
    """Names in a client's SupportedIdentityProviders that are neither COGNITO nor a provider
    of the pool: AWS refuses those."""
    return [name for name in names if name != COGNITO and name not in pool.identity_providers]
