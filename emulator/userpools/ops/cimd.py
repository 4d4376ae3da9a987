"""CreateCIMDPolicy, DescribeCIMDPolicy, ListCIMDPolicies, UpdateCIMDPolicy, DeleteCIMDPolicy,
ListClientMetadataURLs, UpdateClientMetadataURLState: which HTTPS URLs an app client accepts as
OAuth client ids (client ID metadata documents), and the documents cached from them.

The emulator caches a URL when the OAuth endpoints fetch its document (``record_fetch``); the
cache operations then see it as AWS's do."""

from __future__ import annotations

import fnmatch
from typing import Any

from emulator.runtime import Context
from emulator.state import ids
from emulator.userpools.config.model import CachedMetadataURL, CIMDPolicy
from emulator.userpools.config.store import key
from emulator.userpools.lookup import get_client, get_pool
from emulator.wire.errors import (
    CachedCIMDURLDoesNotExistException,
    LimitExceededException,
    ResourceNotFoundException,
)
from emulator.wire.pagination import paginate
from emulator.wire.registry import Params, Result, user_pools

DEFAULT_CACHE_DURATION = 86400  # a day, the least the model allows
MAX_POLICIES = 50  # per user pool; guessed


def url_matches(policy: CIMDPolicy, url: str) -> bool:
    """``*`` in a pattern matches any run of characters."""
    return any(fnmatch.fnmatchcase(url, pattern) for pattern in policy.url_patterns)


def record_fetch(policy: CIMDPolicy, url: str, now: float) -> None:
    """A client metadata document was fetched from ``url``: cache it for the policy's duration."""
    policy.urls[url] = CachedMetadataURL(url, now, now + (policy.cache_duration or DEFAULT_CACHE_DURATION))


def _view(policy: CIMDPolicy) -> dict[str, Any]:
    return {"UserPoolId": policy.user_pool_id, "CIMDPolicyId": policy.policy_id, "ClientId": policy.client_id,
            "PolicyName": policy.name, "CacheDuration": policy.cache_duration,
            "URLPatterns": list(policy.url_patterns), "CreationDate": policy.created,
            "LastModifiedDate": policy.modified}


def _summary(policy: CIMDPolicy) -> dict[str, Any]:
    view = _view(policy)
    del view["UserPoolId"], view["URLPatterns"]
    return view


def _stored(ctx: Context, params: Params) -> CIMDPolicy:
    pool = get_pool(ctx.store, params["UserPoolId"])
    policy = ctx.config.cimd.get(key(pool.id, params["CIMDPolicyId"]))
    if policy is None:
        raise ResourceNotFoundException(f"CIMD policy {params['CIMDPolicyId']} does not exist.")
    return policy  # type: ignore[no-any-return]


@user_pools.operation("CreateCIMDPolicy")
def create_cimd_policy(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    client = get_client(ctx.store, pool.id, params["ClientId"])
    if sum(1 for _ in ctx.config.in_pool(ctx.config.cimd, pool.id)) >= MAX_POLICIES:
        raise LimitExceededException("The user pool has reached its limit of CIMD policies.")
    now = ctx.now()
    policy = CIMDPolicy(ids.new_uuid().replace("-", ""), pool.id, client.client_id, params["PolicyName"],
                        list(dict.fromkeys(params["URLPatterns"])), now, now,
                        cache_duration=params.get("CacheDuration"))
    ctx.config.cimd[key(pool.id, policy.policy_id)] = policy
    return {"CIMDPolicy": _view(policy)}


@user_pools.operation("DescribeCIMDPolicy")
def describe_cimd_policy(ctx: Context, params: Params) -> Result:
    return {"CIMDPolicy": _view(_stored(ctx, params))}


@user_pools.operation("ListCIMDPolicies")
def list_cimd_policies(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    listed = list(ctx.config.in_pool(ctx.config.cimd, pool.id))
    page, token = paginate([name for name, _ in listed], [policy for _, policy in listed],
                           params.get("MaxResults") or 60, params.get("NextToken"))
    return {"CIMDPolicies": [_summary(policy) for policy in page], "NextToken": token}


@user_pools.operation("UpdateCIMDPolicy")
def update_cimd_policy(ctx: Context, params: Params) -> Result:
    policy = _stored(ctx, params)
    client = get_client(ctx.store, policy.user_pool_id, params["ClientId"])
    policy.client_id = client.client_id
    policy.url_patterns = list(dict.fromkeys(params["URLPatterns"]))
    if params.get("PolicyName"):
        policy.name = params["PolicyName"]
    if "CacheDuration" in params:
        policy.cache_duration = params["CacheDuration"]
    policy.urls = {url: cached for url, cached in policy.urls.items() if url_matches(policy, url)}
    policy.modified = ctx.now()
    return {"CIMDPolicy": _view(policy)}


@user_pools.operation("DeleteCIMDPolicy")
def delete_cimd_policy(ctx: Context, params: Params) -> Result:
    policy = _stored(ctx, params)
    del ctx.config.cimd[key(policy.user_pool_id, policy.policy_id)]
    return {}


@user_pools.operation("ListClientMetadataURLs")
def list_client_metadata_urls(ctx: Context, params: Params) -> Result:
    policy = _stored(ctx, params)
    urls = sorted(policy.urls)
    page, token = paginate(urls, [policy.urls[url] for url in urls], params.get("MaxResults") or 60,
                           params.get("NextToken"))
    return {"ClientMetadataURLs": [{"URL": c.url, "CachedDate": c.cached, "ExpirationDate": c.expires} for c in page],
            "NextToken": token}


@user_pools.operation("UpdateClientMetadataURLState")
def update_client_metadata_url_state(ctx: Context, params: Params) -> Result:
    policy = _stored(ctx, params)
    url = params["URL"]
    if url not in policy.urls:
        raise CachedCIMDURLDoesNotExistException(f"The URL {url} is not cached for CIMD policy {policy.policy_id}.")
    if params["Action"] == "INVALIDATE":
        del policy.urls[url]
    else:
        record_fetch(policy, url, ctx.now())
    return {}
