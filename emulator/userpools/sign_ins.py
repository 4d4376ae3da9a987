"""The user pool's answer to identity pools' questions about its sign-ins (``UserPoolSignIns``).

Identity pools ask through that protocol only, so the user-pool records, the key ring and
the revocation rules stay this package's business.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from emulator.tokens.keys import KeyRing
from emulator.tokens.verify import verify_id_token
from emulator.userpools.auth.revocation import sign_in_revoked
from emulator.userpools.store import UserPoolStore as Store


@dataclass(frozen=True, slots=True)
class StoreSignIns:
    """Answers from the live store and key ring (implements ``UserPoolSignIns``)."""

    store: Store
    keys: KeyRing

    def verify_id_token(self, user_pool_id: str, token: str, now: float) -> dict[str, Any]:
        return verify_id_token(self.keys, token, now=now, pool_id=user_pool_id)

    def signing_key_exists(self, kid: str) -> bool:
        return self.keys.by_kid(kid) is not None

    def sign_in_alive(self, user_pool_id: str, sub: str, origin_jti: str) -> bool:
        user_pool = self.store.user_pools.get(user_pool_id)
        user = user_pool.users.by_sub(sub) if user_pool else None
        if user_pool is None or user is None or not user.enabled:
            return False
        return not sign_in_revoked(user_pool, user, origin_jti)
