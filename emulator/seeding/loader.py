"""Seed files -> state. Each entry is validated against the botocore input shape of the
operation that would create it, so a seed file speaks exactly the API's language, and
errors name the entry ("UserPools[0].Clients[1]: InvalidParameterException: ...").

Format (JSON, or YAML for ``.yaml`` / ``.yml`` files), documented in the README::

    {"UserPools": [{"Id": "localdemo",            # optional; "<region>_" is prefixed when absent
                    "PoolName": "...", ...CreateUserPool members...,
                    "MfaConfig": {...SetUserPoolMfaConfig members...},   # optional
                    "SessionConfiguration": {...SetUserPoolSessionConfiguration members...},  # optional
                    "Domain": "<prefix>",                 # optional, as CreateUserPoolDomain
                    "ResourceServers": [{...CreateResourceServer members except UserPoolId...}],
                    "IdentityProviders": [{...CreateIdentityProvider members except UserPoolId...}],
                    "Clients": [{"ClientId": "...",       # optional, [\\w+]{1,128}
                                 "ClientSecret": "...",   # optional, [\\w+]{24,64}
                                 ...CreateUserPoolClient members...}],
                    "Groups":  [{...CreateGroup members except UserPoolId...}],
                    "Users":   [{"Username": "...",       # required
                                 "Password": "..." | "PasswordHash": {...},   # exactly one
                                 "Sub": "<uuid>", "Enabled": true,            # optional
                                 "Attributes": {"email": "..."},
                                 "Status": "CONFIRMED" | "FORCE_CHANGE_PASSWORD" | "UNCONFIRMED"
                                           | "RESET_REQUIRED",
                                 "Groups": ["<a group of this pool>"],
                                 "Mfa": {"TotpSecret": "<base32>", "TotpEnabled": true, ...},
                                 "Created": 1700000000, "Modified": 1700000000}]}],
     "IdentityPools": [{"IdentityPoolId": "<region>:<uuid>",   # optional
                        ...CreateIdentityPool members...,
                        "Roles": {"authenticated": "<arn>", "unauthenticated": "<arn>"},  # optional
                        "RoleMappings": {...SetIdentityPoolRoles RoleMappings...}}],
     "Triggers": {"<function ARN>": "package.module:function"          # a Python callable
                                  | {"Endpoint": "http://127.0.0.1:9001"}}}  # its own Invoke API

Unknown keys are refused at every level. The whole file is checked before anything is
applied, so a bad entry leaves the state untouched. Users are created as AdminCreateUser
plus AdminSetUserPassword would (same attribute and password-policy checks; the password
is stored hashed, never as text), or restored from an export's PasswordHash
(``seeding.password_hash``), Mfa (``seeding.user_mfa``) and the rest (``seeding.users``).
Identity pools are created as CreateIdentityPool plus SetIdentityPoolRoles would.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from emulator.runtime import Context, Emulator
from emulator.seeding.errors import SeedError
from emulator.seeding.users import add_user, check_pool_id, check_user, set_passwords
from emulator.state.ids import REGION
from emulator.triggers.config import TriggerConfig, TriggerConfigError
from emulator.triggers.config import parse_seed as parse_triggers
from emulator.wire.errors import AwsError
from emulator.wire.models import IDENTITY_POOLS, USER_POOLS, load_service
from emulator.wire.validation import validate_input

log = logging.getLogger("emulator.seeding")
PROGRESS_EVERY = 10_000  # users between two progress lines while a large seed file loads

T = TypeVar("T")

_POOL_EXTRAS = {"Id", "MfaConfig", "SessionConfiguration", "Domain", "ResourceServers", "IdentityProviders",
                "Clients", "Groups", "Users"}
_CLIENT_EXTRAS = {"ClientId", "ClientSecret"}

__all__ = ["SeedError", "apply_seed", "load_seed_file", "read_trigger_config"]


def load_seed_file(emulator: Emulator, path: Path) -> None:
    seed = _read(path)
    try:
        apply_seed(emulator, seed)
    except SeedError as error:
        raise SeedError(f"{path}: {error}") from None


def apply_seed(emulator: Emulator, seed: Any) -> None:
    """Validate the whole seed, then apply it; a bad entry leaves the state untouched."""
    from emulator.userpools.model import Domain
    from emulator.userpools.ops.clients import store_client
    from emulator.userpools.ops.pools import store_user_pool

    if not isinstance(seed, dict):
        raise SeedError("the seed must be a JSON/YAML object with a 'UserPools' list")
    unknown = set(seed) - {"UserPools", "IdentityPools", "Triggers", "AccessKeys"}
    if unknown:
        raise SeedError(f"unknown top-level keys {sorted(unknown)}; expected UserPools, IdentityPools, Triggers")
    trigger_config(seed)
    ctx = Context(emulator, base_url="", request_id="seed")
    pools = _list(seed, "UserPools", "")
    staged = [_stage_pool(ctx, entry, f"UserPools[{i}]") for i, entry in enumerate(pools)]
    _refuse_duplicates(emulator, staged)
    identity_pools = [_stage_identity_pool(ctx, entry, f"IdentityPools[{i}]")
                      for i, entry in enumerate(_list(seed, "IdentityPools", ""))]
    _refuse_duplicate_identity_pools(emulator, identity_pools)
    for pool, tags, clients in staged:
        store_user_pool(ctx, pool, tags)
        if pool.domain:
            emulator.store.domains[pool.domain] = Domain(pool.domain, pool.id)
        for client in clients:
            store_client(ctx, pool, client)
    for identity_pool, entry in zip(identity_pools, _list(seed, "IdentityPools", ""), strict=True):
        emulator.identity.add_pool(identity_pool)
        emulator.tags.replace(identity_pool.arn, entry.get("IdentityPoolTags") or {})


def read_trigger_config(path: Path) -> TriggerConfig:
    """The seed's ``Triggers``: configuration, not state, so read on every start (a state dir
    that is not new skips the rest of the seed)."""
    try:
        return trigger_config(_read(path))
    except SeedError as error:
        raise SeedError(f"{path}: {error}") from None


def read_access_keys(path: Path) -> tuple[tuple[str, str], ...]:
    """The seed's ``AccessKeys`` (``[{"AccessKeyId": .., "SecretAccessKey": ..}]``), which
    ``--require-sigv4`` accepts besides ``--access-key``: configuration, read on every start."""
    seed = _read(path)
    entries = seed.get("AccessKeys") if isinstance(seed, dict) else None
    if entries is None:
        return ()
    if not isinstance(entries, list):
        raise SeedError(f"{path}: AccessKeys: expected a list")
    keys = []
    for index, entry in enumerate(entries):
        key_id = entry.get("AccessKeyId") if isinstance(entry, dict) else None
        secret = entry.get("SecretAccessKey") if isinstance(entry, dict) else None
        if not (isinstance(key_id, str) and key_id and isinstance(secret, str) and secret):
            raise SeedError(f"{path}: AccessKeys[{index}]: expected AccessKeyId and SecretAccessKey strings")
        keys.append((key_id, secret))
    return tuple(keys)


def trigger_config(seed: Any) -> TriggerConfig:
    if not isinstance(seed, dict) or seed.get("Triggers") is None:
        return TriggerConfig()
    try:
        return parse_triggers(seed["Triggers"])
    except TriggerConfigError as error:
        raise SeedError(str(error)) from None


def _stage_pool(ctx: Context, entry: Any, where: str) -> tuple[Any, Any, list[Any]]:
    """Build (not store) one pool with its clients and groups; check its users. (The federation
    modules load only for a pool that has identity providers: not a cost of every start.)"""
    from emulator.userpools.ops.clients import new_client
    from emulator.userpools.ops.groups import new_group
    from emulator.userpools.ops.pools import new_user_pool

    entry = _object(entry, where)
    pool_params = _checked(entry, USER_POOLS, "CreateUserPool", _POOL_EXTRAS, where)
    pool_id = _pool_id(entry.get("Id"), ctx.region, where)
    pool = _guarded(where, new_user_pool, ctx, pool_params, pool_id)
    _stage_pool_extras(pool, entry, where)
    _stage_resource_servers(pool, entry, where)
    for i, provider_entry in enumerate(_list(entry, "IdentityProviders", where)):
        p_where = f"{where}.IdentityProviders[{i}]"  # before the clients, which may name them
        from emulator.userpools.ops.identity_providers import new_identity_provider

        params = _checked({"UserPoolId": pool.id, **_object(provider_entry, p_where)}, USER_POOLS,
                          "CreateIdentityProvider", set(), p_where)
        provider = _guarded(p_where, new_identity_provider, pool, params, ctx.now())
        pool.identity_providers[provider.name] = provider
    clients = []
    for i, client_entry in enumerate(_list(entry, "Clients", where)):
        c_where = f"{where}.Clients[{i}]"
        client_entry = _object(client_entry, c_where)
        params = _checked({"UserPoolId": pool.id, **client_entry}, USER_POOLS, "CreateUserPoolClient",
                          _CLIENT_EXTRAS, c_where)
        client_id, secret = client_entry.get("ClientId"), client_entry.get("ClientSecret")
        _check_client_credentials(pool.id, client_id, secret, c_where)
        params["ClientSecret"] = secret
        clients.append(_guarded(c_where, new_client, ctx, pool, params, client_id))
    for i, group_entry in enumerate(_list(entry, "Groups", where)):
        g_where = f"{where}.Groups[{i}]"
        params = _checked({"UserPoolId": pool.id, **_object(group_entry, g_where)}, USER_POOLS, "CreateGroup",
                          set(), g_where)
        group = _guarded(g_where, new_group, ctx, pool, params)
        pool.groups[group.name] = group
    users = _list(entry, "Users", where)
    added = []
    if users:
        _guarded(f"{where}.Users", check_pool_id, pool)
    for i, user_entry in enumerate(users):
        if i and i % PROGRESS_EVERY == 0:
            log.info("seeding %s: %d of %d users", pool.id, i, len(users))
        u_where = f"{where}.Users[{i}]"
        seed = _guarded(u_where, check_user, pool, _object(user_entry, u_where), u_where, ctx.now())
        added.append((_guarded(u_where, add_user, ctx, pool, seed), seed))
    if len(users) >= PROGRESS_EVERY:
        log.info("seeding %s: hashing %d passwords", pool.id, len(users))
    set_passwords(pool, added, ctx.now(), defer=ctx.emulator.durable is None)
    if pool.identity_providers:  # links name a provider of the pool: none without one
        from emulator.userpools.federation.linking import rebuild_links

        rebuild_links(pool)
    return pool, pool_params.get("UserPoolTags"), clients


def _stage_pool_extras(pool: Any, entry: dict[str, Any], where: str) -> None:
    """``MfaConfig``: SetUserPoolMfaConfig members, for what CreateUserPool cannot say (TOTP or
    email MFA, WebAuthn); ``Domain``: a prefix domain, as CreateUserPoolDomain adds one."""
    from emulator.userpools.auth.user_sessions import configure as configure_sessions
    from emulator.userpools.mfa.config import set_pool_mfa_config
    from emulator.userpools.ops.domains import check_domain_name

    if entry.get("MfaConfig") is not None:
        m_where = f"{where}.MfaConfig"
        mfa_config = _object(entry["MfaConfig"], m_where)
        if "UserPoolId" in mfa_config:
            raise SeedError(f"{m_where}: unknown keys ['UserPoolId'] (it is this pool)")
        params = _checked({"UserPoolId": pool.id, **mfa_config}, USER_POOLS, "SetUserPoolMfaConfig", set(), m_where)
        _guarded(m_where, set_pool_mfa_config, pool, params)
    if entry.get("SessionConfiguration") is not None:
        s_where = f"{where}.SessionConfiguration"
        session_config = _object(entry["SessionConfiguration"], s_where)
        if "UserPoolId" in session_config:
            raise SeedError(f"{s_where}: unknown keys ['UserPoolId'] (it is this pool)")
        params = _checked({"UserPoolId": pool.id, **session_config}, USER_POOLS, "SetUserPoolSessionConfiguration",
                          set(), s_where)
        _guarded(s_where, configure_sessions, pool, params)
    if entry.get("Domain") is not None:
        d_where = f"{where}.Domain"
        _guarded(d_where, validate_input, _input_shape(USER_POOLS, "CreateUserPoolDomain"),
                 {"UserPoolId": pool.id, "Domain": entry["Domain"]})
        _guarded(d_where, check_domain_name, entry["Domain"], False)
        pool.domain = entry["Domain"]


def _stage_resource_servers(pool: Any, entry: dict[str, Any], where: str) -> None:
    """Before the clients, whose AllowedOAuthScopes may name their scopes."""
    from emulator.userpools.model import ResourceServer

    for i, server_entry in enumerate(_list(entry, "ResourceServers", where)):
        r_where = f"{where}.ResourceServers[{i}]"
        params = _checked({"UserPoolId": pool.id, **_object(server_entry, r_where)}, USER_POOLS,
                          "CreateResourceServer", set(), r_where)
        if params["Identifier"] in pool.resource_servers:
            raise SeedError(f"{r_where}: InvalidParameterException: {params['Identifier']} already exists")
        scopes = [dict(scope) for scope in params.get("Scopes") or []]
        pool.resource_servers[params["Identifier"]] = ResourceServer(params["Identifier"], params["Name"], scopes)


def _stage_identity_pool(ctx: Context, entry: Any, where: str) -> Any:
    """CreateIdentityPool members, plus optional IdentityPoolId, Roles and RoleMappings."""
    from emulator.identitypools.seeding import SEED_EXTRAS, build_seeded_pool

    entry = _object(entry, where)
    _checked(entry, IDENTITY_POOLS, "CreateIdentityPool", SEED_EXTRAS, where)
    roles = {"Roles": entry.get("Roles") or {}, **{k: entry[k] for k in ("RoleMappings",) if k in entry}}
    _checked({"IdentityPoolId": f"{ctx.region}:00000000-0000-0000-0000-000000000000", **roles}, IDENTITY_POOLS,
             "SetIdentityPoolRoles", set(), where)
    return _guarded(where, build_seeded_pool, ctx, entry)


def _refuse_duplicate_identity_pools(emulator: Emulator, pools: list[Any]) -> None:
    seen = set(emulator.identity.pools)
    for pool in pools:
        if pool.id in seen:
            raise SeedError(f"identity pool {pool.id} is declared twice")
        seen.add(pool.id)


def _check_client_credentials(pool_id: str, client_id: Any, secret: Any, where: str) -> None:
    """Not CreateUserPoolClient input in every botocore; AddUserPoolClientSecret has both."""
    params = {"UserPoolId": pool_id, "ClientId": "seed" if client_id is None else client_id}
    if secret is not None:
        params["ClientSecret"] = secret
    shape = load_service(USER_POOLS).input_shape("AddUserPoolClientSecret")
    _guarded(where, validate_input, shape, params)


def _refuse_duplicates(emulator: Emulator, staged: list[tuple[Any, Any, list[Any]]]) -> None:
    pool_ids = set(emulator.store.user_pools)
    client_ids = set(emulator.store.client_pool)
    domains = set(emulator.store.domains)
    for pool, _, clients in staged:
        if pool.id in pool_ids:
            raise SeedError(f"user pool {pool.id} is declared twice")
        pool_ids.add(pool.id)
        if pool.domain in domains:
            raise SeedError(f"domain {pool.domain} is declared twice")
        if pool.domain:
            domains.add(pool.domain)
        for client in clients:
            if client.client_id in client_ids:
                raise SeedError(f"app client {client.client_id} is declared twice")
            client_ids.add(client.client_id)


def _read(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SeedError(f"cannot read seed file {path}: {error.strerror}") from None
    try:
        if path.suffix in (".yaml", ".yml"):
            import yaml

            return yaml.safe_load(text)
        return json.loads(text)
    except Exception as error:  # json and yaml raise different types; both mean "not parseable"
        kind = "YAML" if path.suffix in (".yaml", ".yml") else "JSON"
        raise SeedError(f"{path} is not valid {kind}: {error}") from None


def _object(entry: Any, where: str) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise SeedError(f"{where}: expected an object")
    return entry


def _list(entry: dict[str, Any], key: str, where: str) -> list[Any]:
    value = entry.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise SeedError(f"{where + '.' if where else ''}{key}: expected a list")
    return value


def _input_shape(service: str, operation: str) -> Any:
    return load_service(service).input_shape(operation)


def _checked(
    entry: dict[str, Any], service: str, operation: str, extras: set[str], where: str
) -> dict[str, Any]:
    params = {k: v for k, v in entry.items() if k not in extras}
    shape = _input_shape(service, operation)
    unknown = set(params) - set(shape.members)
    if unknown:
        raise SeedError(f"{where}: unknown keys {sorted(unknown)} for {operation}")
    _guarded(where, validate_input, shape, params)
    return params


def _guarded(where: str, build: Callable[..., T], *args: Any) -> T:
    """Run one build/validate step; an AwsError becomes a SeedError naming the entry."""
    try:
        return build(*args)
    except AwsError as error:
        raise SeedError(f"{where}: {error.code}: {error.message}") from None


def _pool_id(given: Any, region: str, where: str) -> str | None:
    """``localdemo`` -> ``<region>_localdemo`` (the default region); a full id names its own region."""
    if given is None:
        return None
    if not isinstance(given, str):
        raise SeedError(f"{where}.Id: expected a string")
    full = given if "_" in given else f"{region}_{given}"
    shape = _input_shape(USER_POOLS, "DescribeUserPool")
    _guarded(f"{where}.Id", validate_input, shape, {"UserPoolId": full})
    if not REGION.fullmatch(full.partition("_")[0]):
        raise SeedError(f"{where}.Id: {full} does not start with a region, such as {region}_{given}")
    return full
