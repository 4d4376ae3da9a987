"""CreateTerms, DescribeTerms, DescribeTermsByClient, ListTerms, UpdateTerms, DeleteTerms:
terms-of-use and privacy-policy links an app client's managed sign-up page shows."""

from __future__ import annotations

from typing import Any

from emulator.runtime import Context
from emulator.state import ids
from emulator.userpools.config.model import Terms
from emulator.userpools.config.store import PoolConfigStore, key
from emulator.userpools.lookup import get_client, get_pool
from emulator.wire.errors import InvalidParameterException, ResourceNotFoundException, TermsExistsException
from emulator.wire.pagination import paginate
from emulator.wire.registry import Params, Result, user_pools


def terms_of_client(config: PoolConfigStore, pool_id: str, client_id: str, name: str) -> Terms | None:
    """The client's document of that name (one terms-of-use and one privacy-policy per client);
    the hosted sign-up page links to these."""
    for _, terms in config.in_pool(config.terms, pool_id):
        if terms.client_id == client_id and terms.name == name:
            return terms  # type: ignore[no-any-return]
    return None


def _view(terms: Terms) -> dict[str, Any]:
    return {"TermsId": terms.terms_id, "UserPoolId": terms.user_pool_id, "ClientId": terms.client_id,
            "TermsName": terms.name, "TermsSource": terms.source, "Enforcement": terms.enforcement,
            "Links": dict(terms.links), "CreationDate": terms.created, "LastModifiedDate": terms.modified}


def _summary(terms: Terms) -> dict[str, Any]:
    return {"TermsId": terms.terms_id, "TermsName": terms.name, "Enforcement": terms.enforcement,
            "CreationDate": terms.created, "LastModifiedDate": terms.modified}


def _exists(name: str, client_id: str) -> TermsExistsException:
    return TermsExistsException(f"Terms with name {name} already exist for app client {client_id}.")


def _stored(ctx: Context, params: Params) -> Terms:
    pool = get_pool(ctx.store, params["UserPoolId"])
    terms = ctx.config.terms.get(key(pool.id, params["TermsId"]))
    if terms is None:
        raise ResourceNotFoundException(f"Terms {params['TermsId']} do not exist.")
    return terms  # type: ignore[no-any-return]


@user_pools.operation("CreateTerms")
def create_terms(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    client = get_client(ctx.store, pool.id, params["ClientId"])
    if not params.get("Links"):
        raise InvalidParameterException("Links are required when TermsSource is LINK.")
    if terms_of_client(ctx.config, pool.id, client.client_id, params["TermsName"]) is not None:
        raise _exists(params["TermsName"], client.client_id)
    now = ctx.now()
    terms = Terms(ids.new_uuid(), pool.id, client.client_id, params["TermsName"], params["TermsSource"],
                  params["Enforcement"], dict(params["Links"]), now, now)
    ctx.config.terms[key(pool.id, terms.terms_id)] = terms
    return {"Terms": _view(terms)}


@user_pools.operation("DescribeTerms")
def describe_terms(ctx: Context, params: Params) -> Result:
    return {"Terms": _view(_stored(ctx, params))}


@user_pools.operation("DescribeTermsByClient")
def describe_terms_by_client(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    client = get_client(ctx.store, pool.id, params["ClientId"])
    terms = terms_of_client(ctx.config, pool.id, client.client_id, params["TermsName"])
    if terms is None:
        raise ResourceNotFoundException(f"Terms {params['TermsName']} do not exist for app client {client.client_id}.")
    return {"Terms": _view(terms)}


@user_pools.operation("ListTerms")
def list_terms(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    listed = list(ctx.config.in_pool(ctx.config.terms, pool.id))
    page, token = paginate([name for name, _ in listed], [terms for _, terms in listed],
                           params.get("MaxResults") or 60, params.get("NextToken") or None)
    return {"Terms": [_summary(terms) for terms in page], "NextToken": token}


@user_pools.operation("UpdateTerms")
def update_terms(ctx: Context, params: Params) -> Result:
    terms = _stored(ctx, params)
    name = params.get("TermsName")
    if name and name != terms.name:
        other = terms_of_client(ctx.config, terms.user_pool_id, terms.client_id, name)
        if other is not None:
            raise _exists(name, terms.client_id)
        terms.name = name
    if params.get("TermsSource"):
        terms.source = params["TermsSource"]
    if params.get("Enforcement"):
        terms.enforcement = params["Enforcement"]
    if params.get("Links"):
        terms.links = dict(params["Links"])
    terms.modified = ctx.now()
    return {"Terms": _view(terms)}


@user_pools.operation("DeleteTerms")
def delete_terms(ctx: Context, params: Params) -> Result:
    terms = _stored(ctx, params)
    del ctx.config.terms[key(terms.user_pool_id, terms.terms_id)]
    return {}
