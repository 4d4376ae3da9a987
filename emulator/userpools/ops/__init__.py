"""One function per cognito-idp operation, grouped by area; importing registers them."""

from emulator.userpools.ops import (  # noqa: F401
    admin_users,
    auth,
    auth_events,
    client_secrets,
    clients,
    devices,
    domains,
    groups,
    imports,
    listing,
    mfa,
    passwords,
    pools,
    self_service,
    sessions,
    signing,
    signup,
    tags,
)
