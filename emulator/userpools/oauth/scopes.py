"""Which scopes a request gets (hosted-ui.md §1.2, §1.5): requested ∩ the client's
AllowedOAuthScopes; an unknown or malformed scope is ``invalid_scope``, an allowed-elsewhere one
is dropped, no ``scope`` means every scope the client has."""

from __future__ import annotations

from emulator.userpools.clients import STANDARD_SCOPES
from emulator.userpools.model import UserPool, UserPoolClient
from emulator.userpools.oauth.errors import OAuthError

NEED_OPENID = ("email", "phone", "profile")


def existing_custom_scopes(pool: UserPool) -> set[str]:
    return {name for server in pool.resource_servers.values() for name in server.scope_names()}


def _allowed(pool: UserPool, client: UserPoolClient) -> list[str]:
    """The client's scopes that still exist (a deleted resource server takes its scopes away)."""
    custom = existing_custom_scopes(pool)
    return [s for s in client.allowed_oauth_scopes or [] if s in STANDARD_SCOPES or s in custom]


def user_scopes(pool: UserPool, client: UserPoolClient, requested: str | None) -> str:
    """Scopes for the code and implicit flows, in the client's order."""
    allowed = _allowed(pool, client)
    if requested is None or not requested.strip():
        wanted = allowed
    else:
        wanted = requested.split()
        known = STANDARD_SCOPES | existing_custom_scopes(pool)
        if any(scope not in known for scope in wanted):
            raise OAuthError("invalid_scope")
        if any(scope in wanted for scope in NEED_OPENID) and "openid" not in wanted:
            raise OAuthError("invalid_scope")  # [doc]: email/phone/profile need openid
    granted = [scope for scope in allowed if scope in wanted]
    if not granted:
        raise OAuthError("invalid_scope")  # nothing left to grant [unverified]
    return " ".join(granted)


def client_scopes(pool: UserPool, client: UserPoolClient, requested: str | None) -> str:
    """Client credentials carry resource-server scopes only; omitted: all the client has [doc]."""
    custom = existing_custom_scopes(pool)
    allowed = [scope for scope in _allowed(pool, client) if scope in custom]
    if requested is None or not requested.strip():
        granted = allowed
    else:
        wanted = requested.split()
        if any(scope not in allowed for scope in wanted):
            raise OAuthError("invalid_scope")
        granted = [scope for scope in allowed if scope in wanted]
    if not granted:
        raise OAuthError("invalid_scope")
    return " ".join(granted)
