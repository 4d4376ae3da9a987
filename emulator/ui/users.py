"""A user's page (status, attributes, groups, MFA, devices) and the actions on one user, each
the AWS operation an administrator would call."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from emulator.ui.web import PREFIX, Flash, Ui, pool_url, user_url
from emulator.wire.errors import AwsError
from emulator.wire.registry import Params

MAX_LISTED = 60  # groups and devices shown (their list operations' page limit)


@dataclass(frozen=True, slots=True)
class UserAction:
    """``POST .../user/<name>``: which operation, its params beyond pool and user, what to say."""

    operation: str
    extra: Callable[[dict[str, str]], Params]
    done: str  # "{username}" and "{group}" filled in
    leaves: bool = False  # the user is gone afterwards: back to the pool's page


ACTIONS = {
    "disable": UserAction("AdminDisableUser", lambda form: {}, "Disabled {username}."),
    "enable": UserAction("AdminEnableUser", lambda form: {}, "Enabled {username}."),
    "confirm": UserAction("AdminConfirmSignUp", lambda form: {}, "Confirmed {username}."),
    "delete": UserAction("AdminDeleteUser", lambda form: {}, "Deleted {username}.", leaves=True),
    "password": UserAction(
        "AdminSetUserPassword",
        lambda form: {"Password": form.get("password", ""), "Permanent": bool(form.get("permanent"))},
        "Set a new password for {username}."),
    "add-group": UserAction("AdminAddUserToGroup", lambda form: {"GroupName": form.get("group", "")},
                            "Added {username} to {group}."),
    "remove-group": UserAction("AdminRemoveUserFromGroup", lambda form: {"GroupName": form.get("group", "")},
                               "Removed {username} from {group}."),
}


def routes(ui: Ui) -> list[Route]:
    api = ui.api

    async def user(request: Request) -> Response:
        pool_id = request.path_params["pool_id"]
        username = request.query_params.get("username", "")
        who: Params = {"UserPoolId": pool_id, "Username": username}
        try:
            pool = (await api.idp(request, "DescribeUserPool", {"UserPoolId": pool_id}))["UserPool"]
            found = await api.idp(request, "AdminGetUser", who)
        except AwsError as error:
            return ui.not_found(request, error.message)
        groups = (await api.idp(request, "AdminListGroupsForUser", {**who, "Limit": MAX_LISTED}))["Groups"]
        all_groups = (await api.idp(request, "ListGroups", {"UserPoolId": pool_id, "Limit": MAX_LISTED}))["Groups"]
        joined = {group["GroupName"] for group in groups}
        devices = (await api.idp(request, "AdminListDevices", {**who, "Limit": MAX_LISTED}))["Devices"]
        factors = (await api.idp(request, "AdminGetUserAuthFactors", who))["ConfiguredUserAuthFactors"]
        attributes = sorted((a["Name"], a["Value"]) for a in found["UserAttributes"])
        return ui.page(request, "user.html", title=found["Username"], pool=pool, user=found, attributes=attributes,
                       groups=groups, other_groups=[g for g in all_groups if g["GroupName"] not in joined],
                       devices=devices, factors=factors)

    async def act(request: Request, form: dict[str, str]) -> Response:
        pool_id = request.path_params["pool_id"]
        action = ACTIONS.get(request.path_params["action"])
        if action is None:
            return ui.not_found(request, f"No user action {request.path_params['action']!r}.")
        username = form.get("username", "")
        here = user_url(pool_id, username)
        try:
            await api.idp(request, action.operation, {"UserPoolId": pool_id, "Username": username,
                                                      **action.extra(form)})
        except AwsError as error:
            return ui.redirect(here, Flash.error(error))
        done = action.done.format(username=username, group=form.get("group", ""))
        return ui.redirect(pool_url(pool_id) if action.leaves else here, Flash("ok", done))

    return [
        Route(f"{PREFIX}/pools/{{pool_id}}/user", ui.guarded(user), methods=["GET"]),
        Route(f"{PREFIX}/pools/{{pool_id}}/user/{{action}}", ui.action(act), methods=["POST"]),
    ]
