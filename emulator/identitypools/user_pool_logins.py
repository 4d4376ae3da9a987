"""What identity pools need from user pools to trust a user-pool login, and nothing more.

Cognito Identity checks a ``cognito-idp.<region>.amazonaws.com/<poolId>`` login by asking the
user pool: is this its ID token, and (with ServerSideTokenCheck) is the sign-in still alive.
Identity pools never read user-pool records; the runtime hands them an implementation of this
protocol (``emulator.userpools.sign_ins``), so the two services can change independently.
"""

from __future__ import annotations

from typing import Any, Protocol


class UserPoolSignIns(Protocol):
    def verify_id_token(self, user_pool_id: str, token: str, now: float) -> dict[str, Any]:
        """The claims of an ID token ``user_pool_id`` signed, unexpired at ``now``. Raises
        ``emulator.tokens.verify.ExpiredTokenError`` (with ``exp``) or ``InvalidTokenError``."""
        ...

    def signing_key_exists(self, kid: str) -> bool:
        """Whether a token's signing key still exists: a deleted pool's keys are gone, so a
        remembered verification of one of its tokens no longer holds."""
        ...

    def sign_in_alive(self, user_pool_id: str, sub: str, origin_jti: str) -> bool:
        """ServerSideTokenCheck: the user still exists and is enabled, and that sign-in was
        neither signed out (GlobalSignOut) nor revoked (RevokeToken)."""
        ...
