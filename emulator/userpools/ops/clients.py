"""CreateUserPoolClient, DescribeUserPoolClient, ListUserPoolClients, UpdateUserPoolClient, DeleteUserPoolClient."""

from __future__ import annotations

from emulator.runtime import Context
from emulator.state import ids
from emulator.userpools.clients import apply_client_settings
from emulator.userpools.lookup import get_client, get_pool
from emulator.userpools.model import UserPool, UserPoolClient
from emulator.userpools.views import client_view
from emulator.wire.pagination import paginate
from emulator.wire.registry import Params, Result, user_pools


def new_client(ctx: Context, pool: UserPool, params: Params, client_id: str | None = None) -> UserPoolClient:
    """Build (not store) a client; seeding passes a fixed id and secret."""
    now = ctx.now()
    secret = params.get("ClientSecret") or (ids.client_secret() if params.get("GenerateSecret") else None)
    client = UserPoolClient(
        client_id=client_id or ids.client_id(),
        user_pool_id=pool.id,
        name=params["ClientName"],
        created=now,
        modified=now,
        secret=secret,
    )
    apply_client_settings(client, pool, params)
    return client


def store_client(ctx: Context, pool: UserPool, client: UserPoolClient) -> None:
    pool.clients[client.client_id] = client
    ctx.store.changed(pool)
    ctx.store.client_pool[client.client_id] = pool.id


@user_pools.operation("CreateUserPoolClient")
def create_user_pool_client(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    client = new_client(ctx, pool, params)
    store_client(ctx, pool, client)
    return {"UserPoolClient": client_view(client)}


@user_pools.operation("DescribeUserPoolClient")
def describe_user_pool_client(ctx: Context, params: Params) -> Result:
    client = get_client(ctx.store, params["UserPoolId"], params["ClientId"])
    return {"UserPoolClient": client_view(client)}


@user_pools.operation("ListUserPoolClients")
def list_user_pool_clients(ctx: Context, params: Params) -> Result:
    clients = get_pool(ctx.store, params["UserPoolId"]).clients
    page, token = paginate(list(clients), list(clients.values()), params.get("MaxResults", 60),
                           params.get("NextToken"))
    summaries = [
        {"ClientId": c.client_id, "UserPoolId": c.user_pool_id, "ClientName": c.name} for c in page
    ]
    return {"UserPoolClients": summaries, "NextToken": token}


@user_pools.operation("UpdateUserPoolClient")
def update_user_pool_client(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    client = get_client(ctx.store, pool.id, params["ClientId"])
    apply_client_settings(client, pool, params)
    client.modified = ctx.now()
    ctx.store.changed(pool)
    return {"UserPoolClient": client_view(client)}


@user_pools.operation("DeleteUserPoolClient")
def delete_user_pool_client(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    client = get_client(ctx.store, pool.id, params["ClientId"])
    del pool.clients[client.client_id]
    ctx.store.changed(pool)
    ctx.store.client_pool.pop(client.client_id, None)
    ctx.config.forget_client(pool.id, client.client_id)
    return {}
