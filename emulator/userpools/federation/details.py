"""ProviderDetails per provider type: which keys AWS requires, and what it adds to them.

The keys and the values AWS fills in (the social providers' endpoints, the OIDC endpoints found
through the issuer's discovery document) follow the model's documentation of
``CreateIdentityProviderRequest.ProviderDetails``. An OIDC provider's missing endpoints are read
from ``<oidc_issuer>/.well-known/openid-configuration`` when the emulator can reach it (another
pool of the same emulator, typically); otherwise the details are stored as given. A SAML
provider's redirect-binding URLs come from its metadata (``saml``), fetched likewise from a
``MetadataURL``.
"""

from __future__ import annotations

import logging
from typing import Any

from emulator.userpools.federation.providers import SOCIAL_TYPES
from emulator.userpools.federation.saml import metadata_endpoints
from emulator.wire.errors import InvalidParameterException

log = logging.getLogger("emulator.federation")
DISCOVERY_TIMEOUT = 3.0  # seconds; a request to CreateIdentityProvider waits at most this long

# Keys every create request of the type must carry (AWS: "... are all required idp details").
REQUIRED: dict[str, tuple[str, ...]] = {
    "Google": ("client_id", "client_secret", "authorize_scopes"),
    "Facebook": ("client_id", "client_secret", "authorize_scopes"),
    "LoginWithAmazon": ("client_id", "client_secret", "authorize_scopes"),
    "SignInWithApple": ("client_id", "team_id", "key_id", "private_key", "authorize_scopes"),
    "OIDC": ("client_id", "attributes_request_method", "oidc_issuer", "authorize_scopes"),
}
OIDC_ENDPOINTS = {"authorize_url": "authorization_endpoint", "token_url": "token_endpoint",
                  "attributes_url": "userinfo_endpoint", "jwks_uri": "jwks_uri"}
FACEBOOK_DEFAULT_VERSION = "v17.0"

# What AWS adds to a social provider's details (Describe response in the model's documentation).
_SOCIAL_FILLED: dict[str, dict[str, str]] = {
    "Google": {
        "attributes_url": "https://people.googleapis.com/v1/people/me?personFields=",
        "attributes_url_add_attributes": "true",
        "authorize_url": "https://accounts.google.com/o/oauth2/v2/auth",
        "oidc_issuer": "https://accounts.google.com",
        "token_request_method": "POST",
        "token_url": "https://www.googleapis.com/oauth2/v4/token",
    },
    "LoginWithAmazon": {
        "attributes_url": "https://api.amazon.com/user/profile",
        "attributes_url_add_attributes": "false",
        "authorize_url": "https://www.amazon.com/ap/oa",
        "token_request_method": "POST",
        "token_url": "https://api.amazon.com/auth/o2/token",
    },
    "SignInWithApple": {
        "attributes_url_add_attributes": "false",
        "authorize_url": "https://appleid.apple.com/auth/authorize",
        "oidc_issuer": "https://appleid.apple.com",
        "token_request_method": "POST",
        "token_url": "https://appleid.apple.com/auth/token",
    },
}


def check_name_and_type(name: str, provider_type: str) -> None:
    """A social provider's name is its type (AWS: "Provider X cannot be of type Google."), and no
    SAML or OIDC provider may take a social provider's name or Cognito's."""
    if provider_type in SOCIAL_TYPES and name != provider_type:
        raise InvalidParameterException(f"Provider {name} cannot be of type {provider_type}.")
    if provider_type not in SOCIAL_TYPES and (name in SOCIAL_TYPES or name.lower() == "cognito"):
        raise InvalidParameterException(f"Provider {name} cannot be of type {provider_type}.")


def check_details(provider_type: str, details: dict[str, str]) -> None:
    """The required keys of the type, before anything is stored."""
    if provider_type == "SAML":
        if not details.get("MetadataURL") and not details.get("MetadataFile"):
            raise InvalidParameterException("Either MetadataURL or MetadataFile must be provided.")
        if details.get("MetadataURL") and details.get("MetadataFile"):
            raise InvalidParameterException("Only one of MetadataURL or MetadataFile may be provided.")
        if details.get("MetadataFile"):
            metadata_endpoints(details["MetadataFile"])
        elif not details["MetadataURL"].startswith(("https://", "http://")):
            raise InvalidParameterException("MetadataURL must be a valid URL.")
        return
    required = REQUIRED[provider_type]
    if any(not details.get(key) for key in required):
        raise InvalidParameterException(_required_message(required))
    if provider_type == "OIDC":
        if details["attributes_request_method"] not in ("GET", "POST"):
            raise InvalidParameterException("attributes_request_method must be GET or POST.")
        if "openid" not in details["authorize_scopes"].replace(",", " ").split():
            raise InvalidParameterException("authorize_scopes must contain openid for an OIDC provider.")
        _check_url(details["oidc_issuer"], "oidc_issuer")
        for key in OIDC_ENDPOINTS:
            if details.get(key):
                _check_url(details[key], key)


def _required_message(keys: tuple[str, ...]) -> str:
    listed = ", ".join(keys[:-1]) + f" and {keys[-1]}"
    return f"{listed} are all required idp details"


def _check_url(value: str, key: str) -> None:
    if not value.startswith(("https://", "http://")):
        raise InvalidParameterException(f"{key} must be a valid URL.")


def needs_discovery(provider_type: str, details: dict[str, str]) -> bool:
    """An OIDC provider missing endpoints, or a SAML provider given only a metadata URL."""
    if provider_type == "SAML":
        return bool(details.get("MetadataURL")) and not details.get("SSORedirectBindingURI")
    return provider_type == "OIDC" and any(not details.get(key) for key in OIDC_ENDPOINTS)


async def fetch_saml_metadata(url: str) -> str | None:
    """The metadata document at ``url``, or None when it cannot be had."""
    import httpx  # here, not at the top: ~25 ms of imports that only a discovery needs (start-up, issue #14)

    try:
        async with httpx.AsyncClient(timeout=DISCOVERY_TIMEOUT) as client:
            response = await client.get(url)
    except httpx.HTTPError:
        response = None
    if response is None or response.status_code != 200:
        log.info("SAML metadata at %s could not be fetched; the provider keeps the URL alone", url)
        return None
    return response.text


async def discover(issuer: str) -> dict[str, Any] | None:
    """The issuer's OpenID discovery document, or None when it cannot be had."""
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    import httpx  # as in fetch_saml_metadata: only a discovery needs it

    try:
        async with httpx.AsyncClient(timeout=DISCOVERY_TIMEOUT) as client:
            response = await client.get(url)
        document = response.json() if response.status_code == 200 else None
    except (httpx.HTTPError, ValueError):
        document = None
    if not isinstance(document, dict):
        log.info("OIDC discovery at %s failed; the provider keeps the endpoints it was given", url)
        return None
    return document


def completed(provider_type: str, details: dict[str, str], discovery: dict[str, Any] | None) -> dict[str, str]:
    """The details as AWS describes them back: given keys plus what AWS fills in."""
    result = dict(details)
    if provider_type == "Facebook":
        version = result.setdefault("api_version", FACEBOOK_DEFAULT_VERSION)
        result.setdefault("attributes_url", f"https://graph.facebook.com/{version}/me?fields=")
        result.setdefault("attributes_url_add_attributes", "true")
        result.setdefault("authorize_url", f"https://www.facebook.com/{version}/dialog/oauth")
        result.setdefault("token_request_method", "GET")
        result.setdefault("token_url", f"https://graph.facebook.com/{version}/oauth/access_token")
    for key, value in _SOCIAL_FILLED.get(provider_type, {}).items():
        result.setdefault(key, value)
    if provider_type == "SAML":
        metadata = result.get("MetadataFile") or (discovery or {}).get("metadata")
        if isinstance(metadata, str):
            for key, value in metadata_endpoints(metadata).items():
                result.setdefault(key, value)
    if provider_type == "OIDC":
        result.setdefault("attributes_url_add_attributes", "false")
        for key, discovered in OIDC_ENDPOINTS.items():
            found = (discovery or {}).get(discovered)
            if not result.get(key) and isinstance(found, str):
                result[key] = found
    return result
