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
    passkeys,
    passwords,
    pools,
    self_service,
    signup,
    tags,
)
