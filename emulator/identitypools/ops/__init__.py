"""cognito-identity operations; importing this package registers every one of them."""

from emulator.identitypools.ops import credentials, developer, identities, pools, principal_tags, tags  # noqa: F401
