"""CreateUserPoolDomain, DescribeUserPoolDomain, UpdateUserPoolDomain, DeleteUserPoolDomain.

Stored now so infrastructure code and the OIDC discovery document can see them; the
hosted UI behind a domain comes with the OAuth2 issue."""

from __future__ import annotations

import hashlib
import re

from emulator.runtime import Context
from emulator.userpools.lookup import get_pool
from emulator.userpools.model import Domain
from emulator.userpools.ops.pools import ACCOUNT_ID
from emulator.wire.errors import InvalidParameterException
from emulator.wire.registry import Params, Result, user_pools

# The model's DomainType pattern, which AWS applies to prefix domains only.
_LABEL = r"[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?"
_PREFIX = re.compile(_LABEL)
_CUSTOM = re.compile(rf"(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})+")


def check_domain_name(name: str, custom: bool) -> None:
    """AWS's own words for a bad prefix (quoted in public issues); a custom domain is a hostname."""
    if custom:
        if not _CUSTOM.fullmatch(name):
            raise InvalidParameterException(f"{name} is not a valid custom domain name.")
    elif not _PREFIX.fullmatch(name):
        raise InvalidParameterException(
            "The domain name contains an invalid character. Domain names can only contain lower-case "
            "letters, numbers, and hyphens. Please enter a different name that follows this format: "
            "^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$"
        )


def _cloudfront_domain(domain: str) -> str:
    return f"d{hashlib.sha256(domain.encode()).hexdigest()[:13]}.cloudfront.net"


def _stored_domain(ctx: Context, params: Params) -> Domain:
    """The domain named in ``params``, which must belong to the named pool."""
    pool = get_pool(ctx.store, params["UserPoolId"])
    domain = ctx.store.domains.get(params["Domain"])
    if domain is None or domain.user_pool_id != pool.id:
        raise InvalidParameterException("No such domain or user pool exists.")
    return domain


@user_pools.operation("CreateUserPoolDomain")
def create_user_pool_domain(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    name = params["Domain"]
    custom = params.get("CustomDomainConfig")
    check_domain_name(name, bool(custom))
    if name in ctx.store.domains:
        raise InvalidParameterException("Domain already associated with another user pool.")
    if (custom and pool.custom_domain) or (not custom and pool.domain):
        raise InvalidParameterException(f"User pool {pool.id} already has a domain configured.")
    domain = Domain(name, pool.id, custom, params.get("ManagedLoginVersion", 1), params.get("Routing"))
    ctx.store.domains[name] = domain
    ctx.store.changed(pool)
    if custom:
        pool.custom_domain = name
        return {"ManagedLoginVersion": domain.managed_login_version,
                "CloudFrontDomain": _cloudfront_domain(name)}
    pool.domain = name
    return {"ManagedLoginVersion": domain.managed_login_version}


@user_pools.operation("DescribeUserPoolDomain")
def describe_user_pool_domain(ctx: Context, params: Params) -> Result:
    domain = ctx.store.domains.get(params["Domain"])
    if domain is None:  # AWS answers an unknown domain with an empty description
        return {"DomainDescription": {}}
    return {
        "DomainDescription": {
            "UserPoolId": domain.user_pool_id,
            "AWSAccountId": ACCOUNT_ID,
            "Domain": domain.domain,
            "S3Bucket": "aws-cognito-prod-iad-assets",
            "CloudFrontDistribution": _cloudfront_domain(domain.domain),
            "Version": "20251121000000",
            "Status": "ACTIVE",
            "CustomDomainConfig": domain.custom_domain_config,
            "ManagedLoginVersion": domain.managed_login_version,
            "Routing": domain.routing,
        }
    }


@user_pools.operation("UpdateUserPoolDomain")
def update_user_pool_domain(ctx: Context, params: Params) -> Result:
    domain = _stored_domain(ctx, params)
    if params.get("CustomDomainConfig"):
        if not domain.is_custom:
            raise InvalidParameterException("CustomDomainConfig can only be updated for a custom domain.")
        domain.custom_domain_config = params["CustomDomainConfig"]
    if "ManagedLoginVersion" in params:
        domain.managed_login_version = params["ManagedLoginVersion"]
    if "Routing" in params:
        domain.routing = params["Routing"]
    result: Result = {"ManagedLoginVersion": domain.managed_login_version}
    if domain.is_custom:
        result["CloudFrontDomain"] = _cloudfront_domain(domain.domain)
    return result


@user_pools.operation("DeleteUserPoolDomain")
def delete_user_pool_domain(ctx: Context, params: Params) -> Result:
    domain = _stored_domain(ctx, params)
    pool = get_pool(ctx.store, domain.user_pool_id)
    if domain.is_custom:
        pool.custom_domain = None
    else:
        pool.domain = None
    ctx.store.changed(pool)
    del ctx.store.domains[domain.domain]
    return {}
