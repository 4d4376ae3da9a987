"""What every hosted page handler shares: the request's Context, the authorize request it
carries (checked again on every page), its form, the API's operations called in-process with
their console lines, and SECRET_HASH for clients with a secret (the hosted UI knows the secret)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from emulator.hosted import messages
from emulator.hosted.view import View
from emulator.oauth import authorize as authorize_step
from emulator.oauth.endpoints import base_url
from emulator.oauth.responses import error_page
from emulator.runtime import Context, Emulator
from emulator.srp.secret_hash import compute_secret_hash
from emulator.state.ids import request_id
from emulator.ui import csrf
from emulator.ui.api import Api
from emulator.ui.forms import FormError, read_form
from emulator.userpools import activity
from emulator.wire.errors import AwsError

Authorization = authorize_step.Authorization


@dataclass(frozen=True, slots=True)
class Visit:
    """One request to a hosted page, already checked."""

    ctx: Context
    request: Request
    auth: Authorization
    form: dict[str, str]

    def field(self, name: str) -> str:
        return self.form.get(name, "").strip()


class Site:
    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self.view = View(lambda: emulator.config)
        self._api = Api(emulator)

    def context(self, request: Request) -> Context:
        state = request.scope.get("state") or {}
        return self.emulator.context(base_url(request), state.get("request_id") or request_id())

    async def visit(self, request: Request, params: Any = None) -> Visit | Response:
        """The checked visit, or the answer authorize would give; posts from another origin
        (login CSRF) are refused, as the dashboard refuses them."""
        ctx = self.context(request)
        if request.method == "POST" and not csrf.same_origin(request):
            return error_page("Forms from another site are refused.")
        checked = authorize_step.check(ctx, request.query_params if params is None else params)
        if not isinstance(checked, Authorization):
            return checked
        checked = replace(checked, lang=messages.language(checked.lang, request.cookies.get(messages.COOKIE)))
        form: dict[str, str] = {}
        if request.method == "POST":
            try:
                form = await read_form(request)
            except FormError:
                form = {}
        return Visit(ctx, request, checked, form)

    async def call(self, visit: Visit, operation: str, params: dict[str, Any]) -> dict[str, Any]:
        """An API operation, with the console line the dispatcher would print for it."""
        try:
            result = await self._api.idp(visit.request, operation, params)
        except AwsError as error:
            activity.observe(operation, params, None, error)
            raise
        activity.observe(operation, params, result, None)
        return result

    @staticmethod
    def secret_hash(auth: Authorization, username: str) -> dict[str, str]:
        client = auth.client
        if client.secret is None:
            return {}
        return {"SecretHash": compute_secret_hash(username, client.client_id, client.secret)}
