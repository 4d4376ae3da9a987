"""CreateResourceServer, DescribeResourceServer, ListResourceServers, UpdateResourceServer,
DeleteResourceServer: the APIs whose custom scopes app clients and OAuth tokens carry.

AWS's messages for a duplicate identifier and an unknown one are not quoted in public sources;
the emulator's are marked as its own below."""

from __future__ import annotations

from typing import Any

from emulator.runtime import Context
from emulator.userpools.lookup import get_pool
from emulator.userpools.model import ResourceServer, UserPool
from emulator.wire.errors import InvalidParameterException, LimitExceededException, ResourceNotFoundException
from emulator.wire.pagination import paginate
from emulator.wire.registry import Params, Result, user_pools

MAX_RESOURCE_SERVERS = 25  # AWS's default quota of resource servers per pool [doc: quotas page]


def resource_server_view(pool: UserPool, server: ResourceServer) -> dict[str, Any]:
    return {"UserPoolId": pool.id, "Identifier": server.identifier, "Name": server.name,
            "Scopes": [dict(scope) for scope in server.scopes]}


def _scopes(params: Params) -> list[dict[str, str]]:
    scopes = [{"ScopeName": s["ScopeName"], "ScopeDescription": s["ScopeDescription"]}
              for s in params.get("Scopes") or []]
    names = [scope["ScopeName"] for scope in scopes]
    if len(set(names)) != len(names):
        raise InvalidParameterException("Duplicate scopes are not allowed.")  # emulator's wording
    return scopes


def _server(pool: UserPool, identifier: str) -> ResourceServer:
    server = pool.resource_servers.get(identifier)
    if server is None:  # emulator's wording
        raise ResourceNotFoundException(f"Resource server {identifier} does not exist in user pool {pool.id}.")
    return server


@user_pools.operation("CreateResourceServer")
def create_resource_server(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    identifier = params["Identifier"]
    scopes = _scopes(params)
    if identifier in pool.resource_servers:  # emulator's wording
        raise InvalidParameterException(f"{identifier} already exists in user pool {pool.id}.")
    if len(pool.resource_servers) >= MAX_RESOURCE_SERVERS:
        raise LimitExceededException("The user pool has reached its limit of resource servers.")
    server = ResourceServer(identifier, params["Name"], scopes)
    pool.resource_servers[identifier] = server
    ctx.store.changed(pool)
    return {"ResourceServer": resource_server_view(pool, server)}


@user_pools.operation("DescribeResourceServer")
def describe_resource_server(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    return {"ResourceServer": resource_server_view(pool, _server(pool, params["Identifier"]))}


@user_pools.operation("ListResourceServers")
def list_resource_servers(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    servers = pool.resource_servers
    page, token = paginate(list(servers), list(servers.values()), params.get("MaxResults") or 50,
                           params.get("NextToken"))
    return {"ResourceServers": [resource_server_view(pool, s) for s in page], "NextToken": token}


@user_pools.operation("UpdateResourceServer")
def update_resource_server(ctx: Context, params: Params) -> Result:
    """Like AWS, an update replaces the name and every scope (omitted Scopes: none)."""
    pool = get_pool(ctx.store, params["UserPoolId"])
    server = _server(pool, params["Identifier"])
    scopes = _scopes(params)
    server.name = params["Name"]
    server.scopes = scopes
    ctx.store.changed(pool)
    return {"ResourceServer": resource_server_view(pool, server)}


@user_pools.operation("DeleteResourceServer")
def delete_resource_server(ctx: Context, params: Params) -> Result:
    """Clients keep the scopes in AllowedOAuthScopes (as AWS, which does not clean them up);
    tokens simply no longer get them."""
    pool = get_pool(ctx.store, params["UserPoolId"])
    server = _server(pool, params["Identifier"])
    del pool.resource_servers[server.identifier]
    ctx.store.changed(pool)
    return {}
