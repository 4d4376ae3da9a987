"""User pools: the list, a pool's page (clients, groups, users with search and paging), and
creating a user."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from emulator.ui.paging import Trail, pager
from emulator.ui.web import PREFIX, Flash, Ui, pool_url, user_url
from emulator.wire.errors import AwsError
from emulator.wire.registry import Params

PAGE_SIZE = 50  # ListUsers allows 60
MAX_LISTED = 60  # clients, groups and pools shown (their list operations' page limit)


@dataclass(frozen=True, slots=True)
class Search:
    """One way to search users, as a ListUsers filter: ``<attribute> <operator> "<value>"``."""

    label: str
    attribute: str
    operator: str  # "^=" (prefix: a scan) or "=" (exact: answered from the directory's index)

    def filter(self, value: str) -> str:
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'{self.attribute} {self.operator} "{escaped}"'


SEARCHES = {
    "username": Search("Username starts with", "username", "^="),
    "email": Search("Email starts with", "email", "^="),
    "email_exact": Search("Email is", "email", "="),
    "phone": Search("Phone starts with", "phone_number", "^="),
    "sub": Search("Sub is", "sub", "="),
    "status": Search("Status is", "cognito:user_status", "="),
}


def routes(ui: Ui) -> list[Route]:
    api = ui.api

    async def pools(request: Request) -> Response:
        trail = Trail.of(request)
        params: Params = {"MaxResults": MAX_LISTED}
        if trail.current:
            params["NextToken"] = trail.current
        listed = await api.idp(request, "ListUserPools", params)
        rows = []
        for summary in listed["UserPools"]:
            pool = ui.emulator.store.user_pools.get(summary["Id"])
            rows.append({**summary, "users": len(pool.users) if pool else 0,
                         "clients": len(pool.clients) if pool else 0, "groups": len(pool.groups) if pool else 0})
        return ui.page(request, "pools.html", title="User pools", pools=rows,
                       pager=pager(PREFIX, {}, trail, listed.get("NextToken")))

    async def pool(request: Request) -> Response:
        pool_id = request.path_params["pool_id"]
        try:
            described = (await api.idp(request, "DescribeUserPool", {"UserPoolId": pool_id}))["UserPool"]
        except AwsError as error:
            return ui.not_found(request, error.message)
        record = ui.emulator.store.user_pools[pool_id]
        clients = []
        listed = await api.idp(request, "ListUserPoolClients", {"UserPoolId": pool_id, "MaxResults": MAX_LISTED})
        for summary in listed["UserPoolClients"]:
            clients.append((await api.idp(request, "DescribeUserPoolClient", {
                "UserPoolId": pool_id, "ClientId": summary["ClientId"]}))["UserPoolClient"])
        groups = (await api.idp(request, "ListGroups", {"UserPoolId": pool_id, "Limit": MAX_LISTED}))["Groups"]
        members = {group["GroupName"]: len(record.users.members(group["GroupName"])) for group in groups}

        field = request.query_params.get("field", "username")
        search = SEARCHES.get(field, SEARCHES["username"])
        query = request.query_params.get("q", "")
        trail = Trail.of(request)
        params: Params = {"UserPoolId": pool_id, "Limit": PAGE_SIZE}
        if query:
            params["Filter"] = search.filter(query)
        if trail.current:
            params["PaginationToken"] = trail.current
        users, next_token, search_error = [], None, None
        try:
            listed_users = await api.idp(request, "ListUsers", params)
            users, next_token = listed_users["Users"], listed_users.get("PaginationToken")
        except AwsError as error:  # a hand-edited page token, an over-long search
            search_error = Flash.error(error)
        return ui.page(
            request, "pool.html", title=described["Name"], pool=described, clients=clients, groups=groups,
            members=members, user_count=len(record.users), users=users, searches=SEARCHES, field=field, query=query,
            search_error=search_error,
            pager=pager(pool_url(pool_id), {"field": field, "q": query} if query else {}, trail, next_token),
            more_clients=listed.get("NextToken") is not None)

    async def create_user(request: Request, form: dict[str, str]) -> Response:
        pool_id = request.path_params["pool_id"]
        attributes = [{"Name": name, "Value": form[name].strip()} for name in ("email", "phone_number")
                      if form.get(name, "").strip()]
        if form.get("email", "").strip() and form.get("email_verified"):
            attributes.append({"Name": "email_verified", "Value": "true"})
        params: Params = {"UserPoolId": pool_id, "Username": form.get("username", ""), "UserAttributes": attributes}
        if form.get("temporary_password"):
            params["TemporaryPassword"] = form["temporary_password"]
        if not form.get("invite"):
            params["MessageAction"] = "SUPPRESS"
        mediums = [medium for medium, name in (("EMAIL", "email"), ("SMS", "phone_number"))
                   if form.get(name, "").strip()]
        if mediums:
            params["DesiredDeliveryMediums"] = mediums
        try:
            created = await api.idp(request, "AdminCreateUser", params)
        except AwsError as error:
            return ui.redirect(pool_url(pool_id), Flash.error(error))
        username = created["User"]["Username"]
        return ui.redirect(user_url(pool_id, username), Flash("ok", f"Created user {username}."))

    return [
        Route(PREFIX, ui.guarded(pools), methods=["GET"]),
        Route(f"{PREFIX}/pools/{{pool_id}}", ui.guarded(pool), methods=["GET"]),
        Route(f"{PREFIX}/pools/{{pool_id}}/users", ui.action(create_user), methods=["POST"]),
    ]
