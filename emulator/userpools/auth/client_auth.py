"""What the app client allows: its ExplicitAuthFlows, and SECRET_HASH for clients with a secret."""

from __future__ import annotations

from emulator.userpools.client_secrets import secret_hash_matches_any
from emulator.userpools.model import UserPoolClient
from emulator.wire.errors import InvalidParameterException, NotAuthorizedException

# Flow -> the ExplicitAuthFlows values (new ALLOW_* and legacy) that enable it.
_ENABLING = {
    "USER_SRP_AUTH": {"ALLOW_USER_SRP_AUTH"},
    "USER_PASSWORD_AUTH": {"ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH"},
    "ADMIN_USER_PASSWORD_AUTH": {"ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"},
    "ADMIN_NO_SRP_AUTH": {"ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"},
    "REFRESH_TOKEN_AUTH": {"ALLOW_REFRESH_TOKEN_AUTH"},
    "CUSTOM_AUTH": {"ALLOW_CUSTOM_AUTH", "CUSTOM_AUTH_FLOW_ONLY"},
    "USER_AUTH": {"ALLOW_USER_AUTH"},
}
_LEGACY_ALWAYS = {"USER_SRP_AUTH", "REFRESH_TOKEN_AUTH"}  # legacy configurations always allowed these


def check_flow_enabled(client: UserPoolClient, flow: str) -> None:
    flow = "REFRESH_TOKEN_AUTH" if flow == "REFRESH_TOKEN" else flow
    flows = set(client.explicit_auth_flows)
    legacy = not any(value.startswith("ALLOW_") for value in flows)
    if flows & _ENABLING[flow] or (legacy and flow in _LEGACY_ALWAYS):
        return
    if flow == "USER_PASSWORD_AUTH":
        raise InvalidParameterException("USER_PASSWORD_AUTH flow not enabled for this client")
    raise InvalidParameterException("Auth flow not enabled for this client")


def check_secret_hash(client: UserPoolClient, secret_hash: str | None, *usernames: str) -> None:
    """For a client with a secret, SECRET_HASH must match one of ``usernames`` (the name as
    sent, and where AWS allows it, the internal username). Compared in constant time."""
    if client.secret is None:
        return
    if not secret_hash:
        raise NotAuthorizedException(
            f"Client {client.client_id} is configured with secret but SECRET_HASH was not received"
        )
    if not any([secret_hash_matches_any(client, secret_hash, name) for name in usernames]):
        raise NotAuthorizedException(f"Unable to verify secret hash for client {client.client_id}")


def required(parameters: dict[str, str], name: str) -> str:
    value = parameters.get(name)
    if not value:
        raise InvalidParameterException(f"Missing required parameter {name}")
    return value
