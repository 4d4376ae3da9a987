"""User-pool domain records. Behaviour-relevant settings are typed fields; settings the
emulator only stores and returns (LambdaConfig, SignInPolicy, UserPoolAddOns,
AccountRecoverySetting) live in ``UserPool.config`` in their AWS shape, to be promoted to
fields when behaviour needs them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from emulator.userpools.mfa.model import PoolMfa
from emulator.userpools.pool_settings import (
    AdminCreateUserSettings,
    AttributeUpdateSettings,
    DeviceSettings,
    EmailSettings,
    VerificationTemplate,
    default_admin_create_user,
    default_attribute_update,
    default_email,
    default_verification_template,
)
from emulator.userpools.users.directory import UserDirectory

if TYPE_CHECKING:  # annotations only: their modules load with the first provider or import job
    from emulator.userpools.federation.providers import IdentityProvider
    from emulator.userpools.imports.model import ImportJob


@dataclass(slots=True)
class PasswordPolicy:
    minimum_length: int = 8
    require_uppercase: bool = True
    require_lowercase: bool = True
    require_numbers: bool = True
    require_symbols: bool = True
    temporary_password_validity_days: int = 7
    password_history_size: int | None = None


@dataclass(slots=True)
class SchemaAttribute:
    name: str  # custom attributes carry their "custom:" prefix
    data_type: str = "String"  # String | Number | DateTime | Boolean
    developer_only: bool = False
    mutable: bool = True
    required: bool = False
    number_constraints: dict[str, str] | None = None
    string_constraints: dict[str, str] | None = None

    @property
    def is_custom(self) -> bool:
        return self.name.startswith("custom:") or self.name.startswith("dev:")


@dataclass(slots=True)
class TokenValidity:
    """Validities as the client was configured: value and unit for each token."""

    access: int | None = None
    id: int | None = None
    refresh: int = 30
    access_unit: str = "hours"
    id_unit: str = "hours"
    refresh_unit: str = "days"


@dataclass(slots=True, frozen=True)
class ClientSecret:
    """A secret added with AddUserPoolClientSecret, next to the client's first one."""

    value: str
    created: float


@dataclass(slots=True)
class UserPoolClient:
    client_id: str
    user_pool_id: str
    name: str
    created: float
    modified: float
    secret: str | None = None
    explicit_auth_flows: list[str] = field(default_factory=list)
    validity: TokenValidity = field(default_factory=TokenValidity)
    read_attributes: list[str] | None = None
    write_attributes: list[str] | None = None
    prevent_user_existence_errors: str = "LEGACY"
    enable_token_revocation: bool = True
    enable_propagate_user_context: bool = False
    auth_session_validity: int = 3
    refresh_token_rotation: dict[str, Any] | None = None
    supported_identity_providers: list[str] | None = None
    callback_urls: list[str] | None = None
    logout_urls: list[str] | None = None
    default_redirect_uri: str | None = None
    allowed_oauth_flows: list[str] | None = None
    allowed_oauth_scopes: list[str] | None = None
    allowed_oauth_flows_user_pool_client: bool = False
    analytics_configuration: dict[str, Any] | None = None
    # ``secret`` is the oldest live secret (DescribeUserPoolClient shows it); this is when it was
    # made (None: with the client), and the ones added after it (client_secrets.py).
    secret_created: float | None = None
    newer_secrets: list[ClientSecret] = field(default_factory=list)
    sso_session_max_validity_minutes: int | None = None  # SetUserPoolClientSessionConfiguration


@dataclass(slots=True)
class Group:
    name: str
    user_pool_id: str
    created: float
    modified: float
    description: str | None = None
    role_arn: str | None = None
    precedence: int | None = None


@dataclass(slots=True)
class Domain:
    domain: str
    user_pool_id: str
    custom_domain_config: dict[str, Any] | None = None
    managed_login_version: int = 1
    routing: dict[str, Any] | None = None

    @property
    def is_custom(self) -> bool:
        return self.custom_domain_config is not None


@dataclass(slots=True)
class ResourceServer:
    """CreateResourceServer: an API whose scopes (``<identifier>/<scope name>``) app clients may
    be allowed and OAuth access tokens may carry."""

    identifier: str
    name: str
    scopes: list[dict[str, str]] = field(default_factory=list)  # [{ScopeName, ScopeDescription}]

    def scope_names(self) -> list[str]:
        return [f"{self.identifier}/{scope['ScopeName']}" for scope in self.scopes]


@dataclass(slots=True)
class UserPool:
    id: str
    name: str
    arn: str
    created: float
    modified: float
    password_policy: PasswordPolicy = field(default_factory=PasswordPolicy)
    schema: dict[str, SchemaAttribute] = field(default_factory=dict)
    username_attributes: list[str] = field(default_factory=list)
    alias_attributes: list[str] = field(default_factory=list)
    auto_verified_attributes: list[str] = field(default_factory=list)
    mfa_configuration: str = "OFF"  # OFF | ON | OPTIONAL; the factors are in ``mfa``
    mfa: PoolMfa = field(default_factory=PoolMfa)
    case_sensitive: bool | None = None  # None: UsernameConfiguration not given (AWS: case sensitive)
    deletion_protection: str = "INACTIVE"
    tier: str = "ESSENTIALS"
    config: dict[str, Any] = field(default_factory=dict)
    clients: dict[str, UserPoolClient] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    domain: str | None = None
    custom_domain: str | None = None
    users: UserDirectory = field(default_factory=UserDirectory)
    # RevokeToken: sign-in (origin_jti) -> when the entry may be forgotten (its refresh expiry).
    revoked_sign_ins: dict[str, float] = field(default_factory=dict)
    # Refresh-token rotation: sign-in -> (current generation, when it was rotated).
    refresh_generations: dict[str, tuple[int, float]] = field(default_factory=dict)
    # Settings behaviour reads (see pool_settings); None: sent as null, so not described back.
    admin_create_user: AdminCreateUserSettings | None = field(default_factory=default_admin_create_user)
    verification_message_template: VerificationTemplate = field(default_factory=default_verification_template)
    sms_verification_message: str | None = None  # legacy; mirrored into the template
    email_verification_message: str | None = None  # legacy; mirrored into the template
    email_verification_subject: str | None = None  # legacy; mirrored into the template
    sms_authentication_message: str | None = None  # SMS MFA code text
    user_attribute_update_settings: AttributeUpdateSettings | None = field(default_factory=default_attribute_update)
    device_configuration: DeviceSettings | None = None
    email_configuration: EmailSettings | None = field(default_factory=default_email)
    sms_configuration: dict[str, Any] | None = None  # SNS role: only whether one is set matters
    resource_servers: dict[str, ResourceServer] = field(default_factory=dict)  # by identifier
    import_jobs: dict[str, ImportJob] = field(default_factory=dict)  # CreateUserImportJob, by JobId
    session_tracking: bool = False  # SetUserPoolSessionConfiguration UserSessionTracking ENABLED
    max_sessions_per_user: int = 20  # TokenSession MaxPerUser [doc: default 20] (auth/user_sessions.py)
    # Third-party identity providers by ProviderName (CreateIdentityProvider), and the identities
    # linked to users (AdminLinkProviderForUser): "<provider>:<value>" -> the user's sub.
    identity_providers: dict[str, IdentityProvider] = field(default_factory=dict)
    federated_links: dict[str, str] = field(default_factory=dict)
    # Passwords a tester registered as compromised (POST /_emulator/risk/compromised-passwords),
    # as keyed digests, never as text (userpools/risk/compromised.py).
    compromised_passwords: list[str] = field(default_factory=list)

    @property
    def region(self) -> str:
        """The region in the pool's id (``us-west-2_AbC...``): its ARN's, issuer's and triggers'."""
        return self.id.partition("_")[0]
