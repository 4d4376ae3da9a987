"""Identity-pool domain records: pools, identities, and the providers a pool trusts.

The wire shapes (``CognitoIdentityProviders``, ``RoleMappings``) are kept as AWS sends them where
the emulator only stores and returns them; what behaviour depends on is a typed field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The provider name of the identity service's own OpenID tokens in a Logins map (developer
# authenticated identities exchange GetOpenIdTokenForDeveloperIdentity's token under this key).
COGNITO_IDENTITY_PROVIDER = "cognito-identity.amazonaws.com"
ACCOUNT_ID = "123456789012"


@dataclass(frozen=True, slots=True)
class CognitoProvider:
    """One entry of ``CognitoIdentityProviders``: a user pool (and app client) the pool trusts."""

    provider_name: str  # cognito-idp.<region>.amazonaws.com/<userPoolId>
    client_id: str | None = None
    server_side_token_check: bool = False

    @property
    def user_pool_id(self) -> str:
        return self.provider_name.rpartition("/")[2]

    def view(self) -> dict[str, Any]:
        return {"ProviderName": self.provider_name, "ClientId": self.client_id,
                "ServerSideTokenCheck": self.server_side_token_check}


@dataclass(slots=True)
class IdentityPool:
    id: str  # <region>:<uuid>
    name: str
    allow_unauthenticated: bool
    created: float
    allow_classic_flow: bool | None = None
    supported_login_providers: dict[str, str] = field(default_factory=dict)
    developer_provider_name: str | None = None
    openid_connect_provider_arns: list[str] = field(default_factory=list)
    cognito_providers: list[CognitoProvider] = field(default_factory=list)
    saml_provider_arns: list[str] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)  # "authenticated" / "unauthenticated" -> ARN
    role_mappings: dict[str, dict[str, Any]] = field(default_factory=dict)  # provider -> RoleMapping (wire shape)
    # SetPrincipalTagAttributeMap: provider -> (UseDefaults, PrincipalTags tag -> claim).
    principal_tags: dict[str, tuple[bool, dict[str, str]]] = field(default_factory=dict)

    @property
    def region(self) -> str:
        return self.id.partition(":")[0]

    @property
    def arn(self) -> str:
        return f"arn:aws:cognito-identity:{self.region}:{ACCOUNT_ID}:identitypool/{self.id}"

    def cognito_provider(self, provider_name: str) -> list[CognitoProvider]:
        """Entries for one user pool (AWS allows one entry per app client of the same pool)."""
        return [p for p in self.cognito_providers if p.provider_name == provider_name]

    def providers_for_user_pool(self, user_pool_id: str) -> list[CognitoProvider]:
        return [p for p in self.cognito_providers if p.user_pool_id == user_pool_id]


@dataclass(slots=True)
class Identity:
    """One identity id. ``logins`` maps a canonical provider name to the user's subject there
    (the ID token's ``sub``); an identity without logins is unauthenticated."""

    id: str
    pool_id: str
    created: float
    modified: float
    logins: dict[str, str] = field(default_factory=dict)
    developer_ids: list[str] = field(default_factory=list)  # DeveloperUserIdentifiers, link order

    @property
    def authenticated(self) -> bool:
        return bool(self.logins or self.developer_ids)

    def provider_names(self, developer_provider: str | None) -> list[str]:
        names = list(self.logins)
        if self.developer_ids and developer_provider:
            names.append(developer_provider)
        return names
