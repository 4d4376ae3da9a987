"""Identity pools and their identities, read with the identity service's own operations."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from emulator.ui.paging import Trail, pager
from emulator.ui.web import PREFIX, Ui, identity_pool_url
from emulator.wire.errors import AwsError
from emulator.wire.registry import Params

PAGE_SIZE = 60  # ListIdentityPools' and ListIdentities' largest page


def routes(ui: Ui) -> list[Route]:
    api = ui.api

    async def pools(request: Request) -> Response:
        trail = Trail.of(request)
        params: Params = {"MaxResults": PAGE_SIZE}
        if trail.current:
            params["NextToken"] = trail.current
        listed = await api.identity(request, "ListIdentityPools", params)
        described = [await api.identity(request, "DescribeIdentityPool", {"IdentityPoolId": p["IdentityPoolId"]})
                     for p in listed["IdentityPools"]]
        return ui.page(request, "identity_pools.html", title="Identity pools", pools=described,
                       pager=pager(f"{PREFIX}/identity-pools", {}, trail, listed.get("NextToken")))

    async def pool(request: Request) -> Response:
        pool_id = request.path_params["pool_id"]
        try:
            described = await api.identity(request, "DescribeIdentityPool", {"IdentityPoolId": pool_id})
        except AwsError as error:
            return ui.not_found(request, error.message)
        roles = await api.identity(request, "GetIdentityPoolRoles", {"IdentityPoolId": pool_id})
        trail = Trail.of(request)
        params: Params = {"IdentityPoolId": pool_id, "MaxResults": PAGE_SIZE}
        if trail.current:
            params["NextToken"] = trail.current
        identities, next_token, list_error = [], None, None
        try:
            listed = await api.identity(request, "ListIdentities", params)
            identities, next_token = listed["Identities"], listed.get("NextToken")
        except AwsError as error:
            list_error = f"{error.code}: {error.message}"
        return ui.page(request, "identity_pool.html", title=described["IdentityPoolName"], pool=described,
                       roles=roles, identities=identities, list_error=list_error,
                       pager=pager(identity_pool_url(pool_id), {}, trail, next_token))

    return [
        Route(f"{PREFIX}/identity-pools", ui.guarded(pools), methods=["GET"]),
        Route(f"{PREFIX}/identity-pools/{{pool_id}}", ui.guarded(pool), methods=["GET"]),
    ]
