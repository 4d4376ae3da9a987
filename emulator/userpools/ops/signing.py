"""GetSigningCertificate: the pool's signing certificate (tokens/certificate.py)."""

from __future__ import annotations

from emulator.runtime import Context
from emulator.tokens.certificate import signing_certificate
from emulator.userpools.lookup import get_pool
from emulator.wire.registry import Params, Result, user_pools


@user_pools.operation("GetSigningCertificate")
def get_signing_certificate(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    return {"Certificate": signing_certificate(ctx.keys.signing_key(pool.id, "id"), pool.created)}
