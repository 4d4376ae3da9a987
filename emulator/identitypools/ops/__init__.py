"""cognito-identity operations; importing this package registers every one of them."""

from emulator.identitypools.ops import credentials, developer, identities, pools, tags  # noqa: F401
