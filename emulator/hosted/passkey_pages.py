"""Passkey registration on the hosted pages: managed login's prompt after a sign-in that did not
use a passkey, and ``/passkeys/add`` (AWS's managed-login endpoint an app sends a signed-in user
to, with ``client_id`` and ``redirect_uri`` [doc: "Except for /passkeys/add, all paths are shared
between the two versions"]). Both run StartWebAuthnRegistration / CompleteWebAuthnRegistration's
domain code (``userpools/passkeys/registration.py``, verified by py_webauthn) for the user of the
``cognito`` session cookie; the page's script calls ``navigator.credentials.create``.

When the prompt appears is a guess: AWS's managed login offers passkey set-up after sign-in where
the pool allows WEB_AUTHN; here it does so when the user has no passkey yet, and "Not now" goes on."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response

from emulator.hosted.choice import script_nonce
from emulator.hosted.site import Site, Visit
from emulator.oauth import authorize as authorize_step
from emulator.oauth.responses import redirect
from emulator.userpools.passkeys import registration
from emulator.userpools.sign_in_policy import WEB_AUTHN, first_factors
from emulator.userpools.users.model import User
from emulator.wire.errors import AwsError

TITLE = "Add a passkey"
BAD_CREDENTIAL = "The passkey could not be read. Try again."


class PasskeyPages:
    def __init__(self, site: Site) -> None:
        self.site = site
        self.view = site.view

    def prompt(self, visit: Visit, auth: authorize_step.Authorization, username: str, sub: str) -> Response | None:
        """The prompt, with the session cookie set (the next page knows the user from it); None when
        the pool has no passkeys or the user already has one."""
        pool = visit.ctx.store.user_pools.get(auth.pool.id) or auth.pool
        user = pool.users.get(username)
        if WEB_AUTHN not in first_factors(pool) or user is None or user.passkeys:
            return None
        response = self._page(visit, auth, user)
        if response is None:
            return None
        authorize_step.start_session(visit.ctx, visit.request, response, auth, username, sub, visit.ctx.now())
        return response

    def _page(self, visit: Visit, auth: authorize_step.Authorization, user: User, error: str | None = None,
              status: int = 200) -> Response | None:
        try:
            options = registration.start(visit.ctx, auth.pool, user, auth.client.client_id)
        except AwsError:
            return None  # passkeys cannot be registered here (no relying party, tier): no prompt
        return self.view.page(auth, "passkey_add.html", TITLE, status, username=user.username,
                              options=json.dumps(options), script_nonce=script_nonce(), error=error)

    async def add(self, request: Request) -> Response:
        """GET: the registration page for the signed-in user (else sign in first); POST: the
        attestation (or "Not now"), then back to the app."""
        params, plain = _authorize_params(request.query_params)
        visit = await self.site.visit(request, params)
        if not isinstance(visit, Visit):
            return visit
        auth = visit.auth
        session = authorize_step.signed_in_session(visit.ctx, request, auth.pool)
        user = auth.pool.users.get(session.username) if session is not None else None
        if session is None or user is None or user.sub != session.sub:
            return redirect(f"/login?{auth.query}")
        if plain:  # the page posts back to /passkeys/add as it was asked for
            auth = replace(auth, query=authorize_step.carried_query(request.query_params))
        if request.method == "POST" and not visit.field("skip"):
            error = self._register(visit, user)
            if error is not None:
                page = self._page(visit, auth, user, error, 400)
                return page if page is not None else self.view.login(auth, 400, error=error)
        elif request.method == "GET":
            page = self._page(visit, auth, user)
            if page is not None:
                return page
        if plain:
            return redirect(auth.redirect_uri)
        return await authorize_step.finish(visit.ctx, request, auth, session.username, session.sub,
                                           session.auth_time, False)

    def _register(self, visit: Visit, user: User) -> str | None:
        try:
            credential: Any = json.loads(visit.form.get("credential") or "")
        except ValueError:
            return BAD_CREDENTIAL
        if not isinstance(credential, dict):
            return BAD_CREDENTIAL
        try:
            registration.complete(visit.ctx, visit.auth.pool, user, visit.auth.client.client_id, credential)
        except AwsError as error:
            return error.message
        return None


def _authorize_params(query: QueryParams) -> tuple[QueryParams, bool]:
    """/passkeys/add takes ``client_id`` and ``redirect_uri`` only [doc]; checked as an authorize
    request for the code flow, it then goes back to ``redirect_uri`` plainly (``True``)."""
    if query.get("response_type"):
        return query, False
    return QueryParams([*query.multi_items(), ("response_type", "code")]), True
