"""The pool's passkey settings: whether passkeys are on (WEB_AUTHN among the SignInPolicy's
first factors), the relying-party id (WebAuthnConfiguration.RelyingPartyId, else the pool's
domain [doc]), user verification, and which page origins may use that relying party."""

from __future__ import annotations

from urllib.parse import urlsplit

from emulator.userpools.model import UserPool
from emulator.userpools.sign_in_policy import WEB_AUTHN, first_factors
from emulator.wire.errors import WebAuthnConfigurationMissingException, WebAuthnNotEnabledException

# Guesses: AWS's wording for these refusals is not documented.
NOT_ENABLED = "WebAuthn is not enabled for this user pool."
NO_RELYING_PARTY = ("No relying party is configured: set WebAuthnConfiguration.RelyingPartyId with "
                    "SetUserPoolMfaConfig, or add a domain to the user pool.")
DEFAULT_USER_VERIFICATION = "preferred"  # unverified: AWS's default when WebAuthnConfiguration leaves it out
_LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


def require_passkeys(pool: UserPool) -> None:
    if WEB_AUTHN not in first_factors(pool):
        raise WebAuthnNotEnabledException(NOT_ENABLED)


def relying_party_id(pool: UserPool, region: str) -> str:
    """RelyingPartyId as configured, else the custom domain, else the prefix domain's host."""
    configured = (pool.mfa.web_authn or {}).get("RelyingPartyId")
    if configured:
        return str(configured)
    if pool.custom_domain:
        return pool.custom_domain
    if pool.domain:
        return f"{pool.domain}.auth.{region}.amazoncognito.com"
    raise WebAuthnConfigurationMissingException(NO_RELYING_PARTY)


def user_verification(pool: UserPool) -> str:
    return str((pool.mfa.web_authn or {}).get("UserVerification") or DEFAULT_USER_VERIFICATION)


def origin_allowed(origin: str, rp_id: str) -> bool:
    """WebAuthn's rule: the page's host is the relying-party id or a subdomain of it, over HTTPS;
    browsers also treat http://localhost as secure, so a local app page may use RP id localhost."""
    try:
        parts = urlsplit(origin)
        host = parts.hostname or ""
    except ValueError:
        return False
    if parts.scheme == "https" or (parts.scheme == "http" and (host in _LOOPBACK_HOSTS
                                                              or host.endswith(".localhost"))):
        return host == rp_id or host.endswith("." + rp_id)
    return False
