"""App-client settings from CreateUserPoolClient / UpdateUserPoolClient input, with AWS's
defaults and checks. Update, like AWS, resets every setting the request leaves out."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from emulator.userpools.federation.providers import unknown_providers
from emulator.userpools.model import TokenValidity, UserPool, UserPoolClient
from emulator.wire.errors import (
    InvalidOAuthFlowException,
    InvalidParameterException,
    ScopeDoesNotExistException,
)

DEFAULT_AUTH_FLOWS = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"]
_LEGACY_FLOWS = {"ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH"}
STANDARD_SCOPES = {"phone", "email", "openid", "profile", "aws.cognito.signin.user.admin"}

_SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
# (min, max) seconds AWS allows for each token.
_ACCESS_ID_RANGE = (5 * 60, 86400)
_REFRESH_RANGE = (60 * 60, 3650 * 86400)


def apply_client_settings(client: UserPoolClient, pool: UserPool, params: dict[str, Any]) -> None:
    """Validate everything, then set every setting from ``params`` or its default."""
    flows = list(params.get("ExplicitAuthFlows") or DEFAULT_AUTH_FLOWS)
    _check_auth_flows(flows)
    validity = _token_validity(params)
    _check_oauth(params, pool, has_secret=client.secret is not None)
    _check_attributes(pool, params.get("ReadAttributes"), params.get("WriteAttributes"))
    _check_identity_providers(pool, params.get("SupportedIdentityProviders") or [])

    client.explicit_auth_flows = flows
    client.validity = validity
    client.read_attributes = params.get("ReadAttributes")
    client.write_attributes = params.get("WriteAttributes")
    client.prevent_user_existence_errors = params.get("PreventUserExistenceErrors", "LEGACY")
    client.enable_token_revocation = params.get("EnableTokenRevocation", True)
    client.enable_propagate_user_context = params.get("EnablePropagateAdditionalUserContextData", False)
    client.auth_session_validity = params.get("AuthSessionValidity", 3)
    client.refresh_token_rotation = params.get("RefreshTokenRotation")
    client.supported_identity_providers = params.get("SupportedIdentityProviders")
    client.callback_urls = params.get("CallbackURLs")
    client.logout_urls = params.get("LogoutURLs")
    client.default_redirect_uri = params.get("DefaultRedirectURI")
    client.allowed_oauth_flows = params.get("AllowedOAuthFlows")
    client.allowed_oauth_scopes = params.get("AllowedOAuthScopes")
    client.allowed_oauth_flows_user_pool_client = params.get("AllowedOAuthFlowsUserPoolClient", False)
    client.analytics_configuration = params.get("AnalyticsConfiguration")
    if "ClientName" in params:
        client.name = params["ClientName"]


def _check_identity_providers(pool: UserPool, names: list[str]) -> None:
    """Every provider a client names must exist in the pool (AWS's words, as CloudFormation and
    Terraform users quote them when a client is created before its provider)."""
    missing = unknown_providers(pool, names)
    if missing:
        raise InvalidParameterException(f"The provider {missing[0]} does not exist for User Pool {pool.id}")


def validity_seconds(value: int, unit: str) -> int:
    return value * _SECONDS[unit]


def _check_auth_flows(flows: list[str]) -> None:
    legacy = [flow for flow in flows if flow in _LEGACY_FLOWS]
    if legacy and len(legacy) != len(flows):
        raise InvalidParameterException(
            "ExplicitAuthFlows can not have both ALLOW_XXX and legacy values at the same time."
        )


def _token_validity(params: dict[str, Any]) -> TokenValidity:
    units = params.get("TokenValidityUnits") or {}
    validity = TokenValidity(
        access=params.get("AccessTokenValidity"),
        id=params.get("IdTokenValidity"),
        refresh=params.get("RefreshTokenValidity") or 30,
        access_unit=units.get("AccessToken", "hours"),
        id_unit=units.get("IdToken", "hours"),
        refresh_unit=units.get("RefreshToken", "days"),
    )
    if not params.get("RefreshTokenValidity"):  # 0 or absent: AWS falls back to 30 days
        validity.refresh_unit = "days"
    checks = (
        (validity.access, validity.access_unit, _ACCESS_ID_RANGE),
        (validity.id, validity.id_unit, _ACCESS_ID_RANGE),
        (validity.refresh, validity.refresh_unit, _REFRESH_RANGE),
    )
    for value, unit, (low, high) in checks:
        if value is None:
            continue
        seconds = validity_seconds(value, unit)
        if not low <= seconds <= high:
            raise InvalidParameterException("Invalid range for token validity.")  # AWS's exact words
    return validity


def _check_oauth(params: dict[str, Any], pool: UserPool, has_secret: bool) -> None:
    flows = params.get("AllowedOAuthFlows") or []
    scopes = params.get("AllowedOAuthScopes") or []
    custom = {name for server in pool.resource_servers.values() for name in server.scope_names()}
    for scope in scopes:
        if scope not in STANDARD_SCOPES and scope not in custom:
            raise ScopeDoesNotExistException(f"Invalid scope requested: {scope}")
    if not params.get("AllowedOAuthFlowsUserPoolClient"):
        return
    if not flows:
        raise InvalidOAuthFlowException(
            "AllowedOAuthFlows are required when AllowedOAuthFlowsUserPoolClient is true."
        )
    if "client_credentials" in flows:
        if len(flows) > 1:
            raise InvalidOAuthFlowException(
                "client_credentials flow can not be selected along with code flow or implicit flow."
            )
        if not has_secret:
            raise InvalidOAuthFlowException(
                "client_credentials flow can not be selected if client does not have a client secret."
            )
    elif not params.get("CallbackURLs"):
        raise InvalidParameterException("CallbackURLs are required for the code and implicit OAuth flows.")
    if not scopes:
        raise InvalidOAuthFlowException("AllowedOAuthScopes are required when OAuth flows are enabled.")
    for url in (params.get("CallbackURLs") or []) + (params.get("LogoutURLs") or []):
        _check_redirect_url(url)
    default = params.get("DefaultRedirectURI")
    if default and default not in (params.get("CallbackURLs") or []):
        raise InvalidParameterException("DefaultRedirectURI must be one of the CallbackURLs.")


def _check_redirect_url(url: str) -> None:
    """Absolute, no fragment, and plain http only for loopback hosts (hosted-ui.md §1.10);
    app schemes such as ``myapp://callback`` are allowed."""
    parts = urlsplit(url)
    if not parts.scheme or not (parts.netloc or parts.path):
        raise InvalidParameterException(f"{url} is not a valid URL.")  # emulator's wording
    if parts.fragment or "#" in url:
        raise InvalidParameterException(f"{url} cannot contain a fragment.")  # emulator's wording
    if parts.scheme.lower() == "http" and (parts.hostname or "") not in ("localhost", "127.0.0.1", "::1"):
        raise InvalidParameterException(f"{url} cannot use the HTTP protocol.")


def _check_attributes(pool: UserPool, read: list[str] | None, write: list[str] | None) -> None:
    known = set(pool.schema)
    for kind, attributes in (("read", read or []), ("write", write or [])):
        for attribute in attributes:
            if attribute not in known or (kind == "write" and attribute == "sub"):
                raise InvalidParameterException(
                    f"Invalid {kind} attributes specified while creating a client"
                )
