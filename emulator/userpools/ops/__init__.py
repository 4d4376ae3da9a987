"""One function per cognito-idp operation, grouped by area; importing registers them."""

from emulator.userpools.ops import (  # noqa: F401
    admin_users,
    auth,
    branding,
    cimd,
    clients,
    devices,
    domains,
    groups,
    identity_providers,
    limits,
    listing,
    mfa,
    passwords,
    pools,
    protection,
    replication,
    self_service,
    signup,
    tags,
    terms,
)
