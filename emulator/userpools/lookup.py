"""Finding pools and clients by id, failing with AWS's exact ResourceNotFound messages."""

from __future__ import annotations

from emulator.userpools.model import UserPool, UserPoolClient
from emulator.userpools.store import UserPoolStore as Store
from emulator.wire.errors import ResourceNotFoundException


def get_pool(store: Store, user_pool_id: str) -> UserPool:
    pool = store.user_pools.get(user_pool_id)
    if pool is None:
        raise ResourceNotFoundException(f"User pool {user_pool_id} does not exist.")
    return pool


def get_client(store: Store, user_pool_id: str, client_id: str) -> UserPoolClient:
    client = get_pool(store, user_pool_id).clients.get(client_id)
    if client is None:
        raise ResourceNotFoundException(f"User pool client {client_id} does not exist.")
    return client


def get_client_by_id(store: Store, client_id: str) -> tuple[UserPool, UserPoolClient]:
    """For operations that name only a ClientId (SignUp, InitiateAuth, ...)."""
    pool_id = store.client_pool.get(client_id)
    pool = store.user_pools.get(pool_id) if pool_id else None
    if pool is None or client_id not in pool.clients:
        raise ResourceNotFoundException(f"User pool client {client_id} does not exist.")
    return pool, pool.clients[client_id]
