"""State -> seed document: the inverse of the loader, for ``GET /_emulator/export`` and
``cognito-emulator export``. Loading the document with ``--fixtures`` gives back the same
pools, clients (ids and secrets), groups, users (usernames, subs, statuses, attributes,
MFA factors, and password records, so everyone signs in with the same password) and
identity pools, and the pools' identity providers; exporting that state again gives the same
document.

Each entry is what the Describe* operation shows, mapped back to the Create* members:
read-only members (ids, ARNs, dates, counts) are dropped, ``SchemaAttributes`` becomes
``Schema`` with the custom attributes and only those standard attributes whose settings
differ from AWS's defaults (the rest would be redundant), and the pool's MFA setup goes to
``MfaConfig`` since CreateUserPool cannot express all of it. Passwords are never written
as text: a ``PasswordHash`` holds the stored record.

Not exported: what lives only for a while (codes, challenge sessions, refresh-token
revocations, remembered devices, identities of identity pools and their credentials),
the signing keys (tokens issued before an export do not verify after a load), custom
domains and a prefix domain's ManagedLoginVersion, and the pools' other stored configuration
(UI customization and branding, terms, CIMD policies, risk and log-delivery settings, replicas,
recoveries, provisioned limits), which the state dir keeps but a seed file has no key for.

The function takes plain inputs, not the emulator, so it does not depend on how the state
is owned. The output is JSON-serialisable, shares no objects with the state, and its key
order is fixed (members in the order the views list them; tags and attributes sorted).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from emulator.identitypools.model import IdentityPool
from emulator.identitypools.views import pool_view
from emulator.seeding.passkeys import passkeys_entry
from emulator.seeding.password_hash import password_hash_entry
from emulator.seeding.user_mfa import mfa_entry
from emulator.seeding.users import USER_STATUSES
from emulator.userpools.auth.user_sessions import DEFAULT_MAX_PER_USER
from emulator.userpools.auth.user_sessions import configuration as session_configuration
from emulator.userpools.federation.providers import IdentityProvider, unknown_providers
from emulator.userpools.mfa.config import OFF, mfa_config_view
from emulator.userpools.mfa.model import PoolMfa
from emulator.userpools.model import UserPool
from emulator.userpools.schema import schema_view, standard_schema
from emulator.userpools.sign_in_policy import passwordless_sign_up_allowed
from emulator.userpools.users.model import CONFIRMED, RESET_REQUIRED, UNCONFIRMED, User
from emulator.userpools.views import client_view, group_view, user_pool_view_with_tags
from emulator.wire.models import IDENTITY_POOLS, USER_POOLS, load_service

if TYPE_CHECKING:
    from emulator.runtime import Emulator

TagsOf = Callable[[str], Mapping[str, str] | None]

# DescribeUserPool members the export writes under another key (or not at all).
POOL_VIEW_HANDLED = {"Name", "SchemaAttributes", "MfaConfiguration", "UserPoolTags", "UsernameConfiguration",
                     "Domain", "CustomDomain"}
# Read-only members of the Describe* views: no Create* operation takes them.
POOL_READ_ONLY = {"Id", "Arn", "Status", "CreationDate", "LastModifiedDate", "EstimatedNumberOfUsers"}
CLIENT_READ_ONLY = {"UserPoolId", "CreationDate", "LastModifiedDate"}
GROUP_READ_ONLY = {"UserPoolId", "CreationDate", "LastModifiedDate"}


def export_seed(user_pools: Iterable[UserPool], tags_of: TagsOf,
                identity_pools: Iterable[IdentityPool] = ()) -> dict[str, Any]:
    """The seed document of this state. ``tags_of`` gives a resource's tags by ARN (e.g.
    ``store.tags.get``); pools come in the order given."""
    return {
        "UserPools": [_user_pool(pool, tags_of(pool.arn)) for pool in user_pools],
        "IdentityPools": [_identity_pool(pool, tags_of(pool.arn)) for pool in identity_pools],
    }


def _user_pool(pool: UserPool, tags: Mapping[str, str] | None) -> dict[str, Any]:
    view = _compact(user_pool_view_with_tags(pool, None))
    members = _members(USER_POOLS, "CreateUserPool")
    entry: dict[str, Any] = {"Id": pool.id, "PoolName": pool.name}
    entry.update({k: v for k, v in view.items() if k in members and k not in POOL_VIEW_HANDLED})
    schema = schema_entries(pool)
    if schema:  # CreateUserPool refuses an empty list
        entry["Schema"] = schema
    if "UsernameConfiguration" in view:
        entry["UsernameConfiguration"] = view["UsernameConfiguration"]
    if tags:
        entry["UserPoolTags"] = dict(sorted(tags.items()))
    if pool.mfa_configuration != OFF or pool.mfa != PoolMfa():
        entry["MfaConfig"] = _compact(mfa_config_view(pool))
    if pool.session_tracking or pool.max_sessions_per_user != DEFAULT_MAX_PER_USER:
        entry["SessionConfiguration"] = session_configuration(pool)
    if pool.domain:
        entry["Domain"] = pool.domain
    if pool.resource_servers:
        entry["ResourceServers"] = [{"Identifier": server.identifier, "Name": server.name,
                                     "Scopes": [dict(scope) for scope in server.scopes]}
                                    for server in pool.resource_servers.values()]
    if pool.identity_providers:
        entry["IdentityProviders"] = [_provider_entry(p) for p in pool.identity_providers.values()]
    entry["Clients"] = [_client_entry(client_view(client), pool) for client in pool.clients.values()]
    entry["Groups"] = [_without(_compact(group_view(group)), GROUP_READ_ONLY) for group in pool.groups.values()]
    entry["Users"] = [_user(pool, user) for user in pool.users if _exportable(pool, user)]
    return entry


def schema_entries(pool: UserPool) -> list[dict[str, Any]]:
    """CreateUserPool's Schema for this pool: every custom attribute, under the name it was
    given (``custom:`` is added again on load; with it, a 20-character name would be too
    long for the input), and the standard attributes that were adjusted."""
    defaults = standard_schema()
    entries = []
    for attribute in pool.schema.values():
        view = _compact(schema_view(attribute))
        if attribute.is_custom:
            view["Name"] = attribute.name.removeprefix("dev:").removeprefix("custom:")
            entries.append(view)
        elif attribute.name not in defaults or view != _compact(schema_view(defaults[attribute.name])):
            entries.append(view)
    return entries


def _provider_entry(provider: IdentityProvider) -> dict[str, Any]:
    """CreateIdentityProvider members; the details in full (with Sign in with Apple's private
    key, which Describe hides), as the export carries clients' secrets too."""
    entry: dict[str, Any] = {"ProviderName": provider.name, "ProviderType": provider.provider_type,
                             "ProviderDetails": dict(provider.details)}
    if provider.attribute_mapping:
        entry["AttributeMapping"] = dict(provider.attribute_mapping)
    if provider.idp_identifiers:
        entry["IdpIdentifiers"] = list(provider.idp_identifiers)
    if provider.acr_mapping:
        entry["AcrMapping"] = dict(provider.acr_mapping)
    return entry


def _client_entry(view: dict[str, Any], pool: UserPool) -> dict[str, Any]:
    view = _compact(view)
    if "SupportedIdentityProviders" in view:  # a deleted provider's name stays on AWS; a seed refuses it
        view["SupportedIdentityProviders"] = [
            name for name in view["SupportedIdentityProviders"] if not unknown_providers(pool, [name])]
    members = _members(USER_POOLS, "CreateUserPoolClient")
    entry = {"ClientId": view.pop("ClientId")}
    if "ClientSecret" in view:
        entry["ClientSecret"] = view.pop("ClientSecret")
    entry.update({k: v for k, v in view.items() if k in members and k not in CLIENT_READ_ONLY})
    return entry


def _exportable(pool: UserPool, user: User) -> bool:
    """Users a seed can describe: with a password; or without one, a RESET_REQUIRED user a user
    import job made, or a passwordless user in a pool that allows them (as the loader does); and
    a status the loader accepts (not EXTERNAL_PROVIDER, which federation would create)."""
    if user.password is None and user.status != RESET_REQUIRED:
        return passwordless_sign_up_allowed(pool) and user.status in (CONFIRMED, UNCONFIRMED)
    return user.status in USER_STATUSES


def _user(pool: UserPool, user: User) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "Username": user.username,  # the stored name: the SRP verifier is bound to it
        "Sub": user.sub,
        "Status": user.status,
        "Enabled": user.enabled,
        "Attributes": {name: value for name, value in sorted(user.attributes.items()) if name != "sub"},
        "Groups": [name for name in pool.groups if name in user.groups],
    }
    mfa = mfa_entry(user.mfa)
    if mfa is not None:
        entry["Mfa"] = mfa
    if user.password is not None:  # none: a passwordless user
        entry["PasswordHash"] = password_hash_entry(user.password)
    passkeys = passkeys_entry(user.passkeys)
    if passkeys is not None:  # the public keys only, as AWS stores them: the authenticator keeps the rest
        entry["Passkeys"] = passkeys
    entry["Created"] = user.created
    entry["Modified"] = user.modified
    return entry


def _identity_pool(pool: IdentityPool, tags: Mapping[str, str] | None) -> dict[str, Any]:
    view = _compact(pool_view(pool, None))
    members = _members(IDENTITY_POOLS, "CreateIdentityPool")
    entry: dict[str, Any] = {"IdentityPoolId": pool.id}
    entry.update({k: v for k, v in view.items() if k in members and k != "IdentityPoolTags"})
    if tags:
        entry["IdentityPoolTags"] = dict(sorted(tags.items()))
    if pool.roles:
        entry["Roles"] = dict(pool.roles)
    if pool.role_mappings:
        entry["RoleMappings"] = _compact(pool.role_mappings)
    return entry


def _members(service: str, operation: str) -> set[str]:
    shape = load_service(service).input_shape(operation)
    return set(shape.members) if shape is not None else set()


def _without(entry: dict[str, Any], keys: set[str]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k not in keys}


def _compact(value: Any) -> Any:
    """A copy without ``None`` members, as the wire omits them (and Create* input may)."""
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_compact(item) for item in value]
    return value


def export_emulator(emulator: Emulator) -> dict[str, Any]:
    """The running (or read) emulator's state as a seed document: ``GET /_emulator/export`` and
    ``cognito-emulator export`` both answer this."""
    return export_seed(emulator.store.user_pools.values(), emulator.tags.of, emulator.identity.pools.values())
