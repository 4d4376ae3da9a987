"""Is a sign-in still alive? GlobalSignOut ends every sign-in made before it (one timestamp
per user); RevokeToken ends one sign-in (its origin_jti), remembered until its refresh
tokens would have expired anyway."""

from __future__ import annotations

from emulator.state.ids import uuid_time
from emulator.userpools.model import UserPool
from emulator.userpools.users.model import User


def sign_in_revoked(pool: UserPool, user: User, origin_jti: str) -> bool:
    if origin_jti in pool.revoked_sign_ins:
        return True
    started = uuid_time(origin_jti)
    return started is None or started <= user.tokens_valid_after


def revoke_sign_in(pool: UserPool, origin_jti: str, forget_after: float, now: float) -> None:
    _forget_expired(pool, now)
    pool.revoked_sign_ins[origin_jti] = forget_after
    pool.refresh_generations.pop(origin_jti, None)


def sign_out_everywhere(user: User, now: float) -> None:
    user.tokens_valid_after = now


def _forget_expired(pool: UserPool, now: float) -> None:
    expired = [origin for origin, until in pool.revoked_sign_ins.items() if until <= now]
    for origin in expired:
        del pool.revoked_sign_ins[origin]
