"""AddUserPoolClientSecret, ListUserPoolClientSecrets, DeleteUserPoolClientSecret: rotating a
confidential client's secret without downtime (two live secrets at most, see client_secrets.py)."""

from __future__ import annotations

from typing import Any

from emulator.runtime import Context
from emulator.state import ids
from emulator.userpools import client_secrets
from emulator.userpools.lookup import get_client, get_pool
from emulator.wire.registry import Params, Result, user_pools


@user_pools.operation("AddUserPoolClientSecret")
def add_user_pool_client_secret(ctx: Context, params: Params) -> Result:
    """The value is answered only when Cognito generated it [doc]."""
    pool = get_pool(ctx.store, params["UserPoolId"])
    client = get_client(ctx.store, pool.id, params["ClientId"])
    given = params.get("ClientSecret")
    entry = client_secrets.add_secret(client, given or ids.client_secret(), ctx.now())
    client.modified = ctx.now()
    ctx.store.changed(pool)
    descriptor: dict[str, Any] = {"ClientSecretId": entry.secret_id, "ClientSecretCreateDate": entry.created}
    if not given:
        descriptor["ClientSecretValue"] = entry.value
    return {"ClientSecretDescriptor": descriptor}


@user_pools.operation("ListUserPoolClientSecrets")
def list_user_pool_client_secrets(ctx: Context, params: Params) -> Result:
    """Never the values, and no NextToken: all (at most two) in one answer [doc]."""
    client = get_client(ctx.store, params["UserPoolId"], params["ClientId"])
    return {"ClientSecrets": [{"ClientSecretId": entry.secret_id, "ClientSecretCreateDate": entry.created}
                              for entry in client_secrets.entries(client)]}


@user_pools.operation("DeleteUserPoolClientSecret")
def delete_user_pool_client_secret(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    client = get_client(ctx.store, pool.id, params["ClientId"])
    client_secrets.delete_secret(client, params["ClientSecretId"])
    client.modified = ctx.now()
    ctx.store.changed(pool)
    return {}
