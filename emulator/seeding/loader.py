"""Seed files -> state. Each entry is validated against the botocore input shape of the
operation that would create it, so a seed file speaks exactly the API's language, and
errors name the entry ("UserPools[0].Clients[1]: ...").

Format (JSON, or YAML when PyYAML is installed), documented in the README::

    {"UserPools": [{"Id": "localdemo",            # "<region>_" is prefixed when absent
                    "PoolName": "...", ...CreateUserPool members...,
                    "Clients": [{"ClientId": "...", "ClientSecret": "...", ...CreateUserPoolClient members...}],
                    "Groups":  [{...CreateGroup members...}],
                    "Users":   [{"Username": "...", "Password": "...", "Attributes": {...},
                                 "Status": "CONFIRMED", "Groups": ["..."]}]}],
     "IdentityPools": [{...CreateIdentityPool members...}]}

Users and identity pools are checked for shape now and applied by the issues that build them.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from emulator.runtime import Context, Emulator
from emulator.wire.errors import AwsError
from emulator.wire.models import USER_POOLS, load_service
from emulator.wire.validation import validate_input

log = logging.getLogger("emulator.seeding")

_POOL_EXTRAS = {"Id", "Clients", "Groups", "Users"}
_CLIENT_EXTRAS = {"ClientId", "ClientSecret"}


class SeedError(ValueError):
    """A seed file that cannot be loaded; the message names the bad entry."""


def load_seed_file(emulator: Emulator, path: Path) -> None:
    seed = _read(path)
    try:
        apply_seed(emulator, seed)
    except SeedError as error:
        raise SeedError(f"{path}: {error}") from None


def apply_seed(emulator: Emulator, seed: dict[str, Any]) -> None:
    """Validate the whole seed, then apply it; a bad entry leaves the state untouched."""
    from emulator.userpools.ops.clients import new_client, store_client
    from emulator.userpools.ops.groups import new_group
    from emulator.userpools.ops.pools import new_user_pool, store_user_pool

    if not isinstance(seed, dict):
        raise SeedError("the seed must be a JSON/YAML object with a 'UserPools' list")
    unknown = set(seed) - {"UserPools", "IdentityPools"}
    if unknown:
        raise SeedError(f"unknown top-level keys {sorted(unknown)}; expected UserPools, IdentityPools")
    ctx = Context(emulator, base_url="", request_id="seed")
    staged = []
    for index, entry in enumerate(seed.get("UserPools") or []):
        where = f"UserPools[{index}]"
        entry = _object(entry, where)
        pool_params = _checked(entry, "CreateUserPool", _POOL_EXTRAS, where)
        pool_id = _pool_id(entry.get("Id"), emulator.settings.region, where)
        pool = _guarded(where, lambda: new_user_pool(ctx, pool_params, pool_id))
        clients = []
        for c_index, client_entry in enumerate(entry.get("Clients") or []):
            c_where = f"{where}.Clients[{c_index}]"
            client_entry = _object(client_entry, c_where)
            params = {"UserPoolId": pool.id, **_checked(
                {"UserPoolId": pool.id, **client_entry}, "CreateUserPoolClient", _CLIENT_EXTRAS, c_where)}
            params["ClientSecret"] = client_entry.get("ClientSecret")
            clients.append(_guarded(c_where, lambda: new_client(ctx, pool, params, client_entry.get("ClientId"))))
        for g_index, group_entry in enumerate(entry.get("Groups") or []):
            g_where = f"{where}.Groups[{g_index}]"
            params = _checked({"UserPoolId": pool.id, **_object(group_entry, g_where)}, "CreateGroup", set(), g_where)
            group = _guarded(g_where, lambda: new_group(ctx, pool, params))
            pool.groups[group.name] = group
        if entry.get("Users"):
            log.warning("%s: seeded users are not applied yet (the users issue builds them)", where)
        staged.append((pool, pool_params.get("UserPoolTags"), clients))
    if seed.get("IdentityPools"):
        log.warning("IdentityPools in the seed are not applied yet (the identity-pool issue builds them)")
    for pool, tags, clients in staged:
        if pool.id in emulator.store.user_pools:
            raise SeedError(f"user pool {pool.id} is declared twice")
        store_user_pool(ctx, pool, tags)
        for client in clients:
            store_client(ctx, pool, client)


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SeedError(f"cannot read seed file {path}: {error.strerror}") from None
    try:
        if path.suffix in (".yaml", ".yml"):
            import yaml

            loaded: Any = yaml.safe_load(text)
        else:
            loaded = json.loads(text)
    except Exception as error:  # json and yaml raise different types; both mean "not parseable"
        raise SeedError(f"{path} is not valid {path.suffix.lstrip('.') or 'JSON'}: {error}") from None
    return loaded


def _object(entry: Any, where: str) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise SeedError(f"{where}: expected an object")
    return entry


def _checked(entry: dict[str, Any], operation: str, extras: set[str], where: str) -> dict[str, Any]:
    params = {k: v for k, v in entry.items() if k not in extras}
    shape = load_service(USER_POOLS).model.operation_model(operation).input_shape
    unknown = set(params) - set(shape.members)
    if unknown:
        raise SeedError(f"{where}: unknown keys {sorted(unknown)} for {operation}")
    _guarded(where, lambda: validate_input(shape, params))
    return params


def _guarded(where: str, build: Any) -> Any:
    try:
        return build()
    except AwsError as error:
        raise SeedError(f"{where}: {error.code}: {error.message}") from None


def _pool_id(given: Any, region: str, where: str) -> str | None:
    if given is None:
        return None
    if not isinstance(given, str) or not given.replace("_", "").replace("-", "").isalnum():
        raise SeedError(f"{where}: Id must be letters and digits, optionally prefixed '<region>_'")
    return given if "_" in given else f"{region}_{given}"
