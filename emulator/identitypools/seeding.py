"""Identity pools from a seed file: CreateIdentityPool members plus an optional fixed
``IdentityPoolId`` and the ``Roles`` / ``RoleMappings`` of SetIdentityPoolRoles, checked as the
operations check them (the loader has validated the shapes already)."""

from __future__ import annotations

import re
from typing import Any

from emulator.identitypools.model import IdentityPool
from emulator.identitypools.pools import build_pool, check_role_mappings, new_identity_pool_id
from emulator.runtime import Context
from emulator.state.ids import REGION
from emulator.wire.errors import InvalidParameterException

SEED_EXTRAS = {"IdentityPoolId", "Roles", "RoleMappings"}
_POOL_ID = re.compile(r"([a-z0-9-]+):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def build_seeded_pool(ctx: Context, entry: dict[str, Any]) -> IdentityPool:
    params = {k: v for k, v in entry.items() if k not in SEED_EXTRAS}
    pool = build_pool(params, _pool_id(ctx, entry.get("IdentityPoolId")), ctx.now())
    mappings = entry.get("RoleMappings") or {}
    check_role_mappings(pool, mappings)
    pool.roles = dict(entry.get("Roles") or {})
    pool.role_mappings = {key: dict(mapping) for key, mapping in mappings.items()}
    return pool


def _pool_id(ctx: Context, given: Any) -> str:
    if given is None:
        return new_identity_pool_id(ctx.region)
    match = _POOL_ID.fullmatch(given) if isinstance(given, str) else None
    if match is None or not REGION.fullmatch(match.group(1)):
        raise InvalidParameterException(
            f"IdentityPoolId must be '<region>:<lower-case uuid>', such as '{ctx.region}:<uuid>', not {given!r}")
    return str(given)
