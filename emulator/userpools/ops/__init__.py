"""One function per cognito-idp operation, grouped by area; importing registers them."""

from emulator.userpools.ops import auth, clients, domains, groups, pools, tags  # noqa: F401
