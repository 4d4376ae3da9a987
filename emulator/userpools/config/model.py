"""The stored configuration records. Settings the emulator only stores and returns keep their
AWS wire shape (``settings``, ``assets``, ``configuration``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ALL_CLIENTS = "ALL"  # SetUICustomization / SetRiskConfiguration: the pool-wide default


@dataclass(slots=True)
class UICustomization:
    user_pool_id: str
    client_id: str  # an app client's id, or ALL
    created: float
    modified: float
    css: str | None = None
    css_version: str | None = None
    image: str | None = None  # base64, as ImageFile arrives
    image_type: str | None = None  # png | jpeg


@dataclass(slots=True)
class ManagedLoginBranding:
    branding_id: str
    user_pool_id: str
    client_id: str
    created: float
    modified: float
    use_cognito_provided_values: bool = False
    settings: dict[str, Any] | None = None
    assets: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Terms:
    terms_id: str
    user_pool_id: str
    client_id: str
    name: str  # terms-of-use | privacy-policy
    source: str
    enforcement: str
    links: dict[str, str]
    created: float
    modified: float


@dataclass(slots=True)
class CachedMetadataURL:
    url: str
    cached: float
    expires: float


@dataclass(slots=True)
class CIMDPolicy:
    policy_id: str
    user_pool_id: str
    client_id: str
    name: str
    url_patterns: list[str]
    created: float
    modified: float
    cache_duration: int | None = None
    urls: dict[str, CachedMetadataURL] = field(default_factory=dict)


@dataclass(slots=True)
class RiskConfiguration:
    user_pool_id: str
    client_id: str  # ALL for the pool-wide configuration
    modified: float
    compromised_credentials: dict[str, Any] | None = None
    account_takeover: dict[str, Any] | None = None
    risk_exceptions: dict[str, Any] | None = None


@dataclass(slots=True)
class LogDelivery:
    user_pool_id: str
    log_configurations: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Replica:
    user_pool_id: str
    region: str
    status: str  # CREATING | ACTIVE | INACTIVE | DELETING
    user_pool_arn: str


@dataclass(slots=True)
class Recovery:
    restore_id: str
    user_pool_id: str
    status: str
    restore_timestamp: float
    trigger_timestamp: float
    preview: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class ProvisionedLimit:
    limit_class: str
    attributes: dict[str, str]
    value: int
