"""One function per cognito-idp operation, grouped by area; importing registers them."""

from emulator.userpools.ops import (  # noqa: F401
    admin_users,
    auth,
    clients,
    devices,
    domains,
    groups,
    listing,
    mfa,
    passwords,
    pools,
    resource_servers,
    self_service,
    signup,
    tags,
)
