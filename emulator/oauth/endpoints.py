"""``/oauth2/token``, ``/oauth2/revoke``, ``/oauth2/userInfo``, ``/logout`` and ``/error``: the HTTP
framing around ``userpools/oauth`` (form parsing, client_secret_basic, OAuth's error JSON)."""

from __future__ import annotations

import base64
import binascii
import logging
from urllib.parse import parse_qsl, unquote

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from emulator.oauth import authorize as authorize_step
from emulator.oauth import federation
from emulator.oauth.responses import error_page, error_page_redirect, json_answer, json_error, redirect
from emulator.runtime import Emulator
from emulator.state.ids import request_id
from emulator.userpools.oauth import grants
from emulator.userpools.oauth.errors import OAuthError
from emulator.userpools.oauth.userinfo import user_info
from emulator.wire.errors import AwsError

log = logging.getLogger("emulator.oauth")
FORM = "application/x-www-form-urlencoded"
MAX_BODY = 64 * 1024


def base_url(request: Request) -> str:
    host = request.headers.get("host") or f"{request.url.hostname}:{request.url.port}"
    return f"{request.url.scheme}://{host}"


async def read_request(request: Request) -> grants.TokenRequest:
    """The form (URL-encoded only [doc]) and the Basic credentials, if any."""
    if (request.headers.get("content-type") or "").split(";")[0].strip().lower() != FORM:
        raise OAuthError("invalid_request")
    body = await request.body()
    if len(body) > MAX_BODY:
        raise OAuthError("invalid_request")
    try:
        form = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    except UnicodeDecodeError:
        raise OAuthError("invalid_request") from None
    return grants.TokenRequest(form, basic_credentials(request.headers.get("authorization")))


def basic_credentials(header: str | None) -> tuple[str, str] | None:
    if not header or not header.lower().startswith("basic "):
        return None
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise OAuthError("invalid_client") from None
    client_id, sep, secret = decoded.partition(":")
    if not sep:
        raise OAuthError("invalid_client")
    return unquote(client_id), unquote(secret)


def oauth_routes(emulator: Emulator) -> list[Route]:
    def context(request: Request):  # type: ignore[no-untyped-def]
        state = request.scope.get("state") or {}
        return emulator.context(base_url(request), state.get("request_id") or request_id())

    async def token(request: Request) -> Response:
        try:
            return json_answer(await grants.token(context(request), await read_request(request)))
        except OAuthError as error:
            return json_error(error)
        except AwsError as error:  # a trigger refused: AWS passes its words on [triggers.md §5]
            return json_answer({"error": "invalid_request", "error_description": error.message}, 400)

    async def revoke(request: Request) -> Response:
        try:
            grants.revoke(context(request), await read_request(request))
        except OAuthError as error:
            return json_error(error)
        return Response(b"", status_code=200)

    async def userinfo(request: Request) -> Response:
        header = request.headers.get("authorization") or ""
        token_value = header[7:].strip() if header.lower().startswith("bearer ") else None
        try:
            return json_answer(user_info(context(request), token_value))
        except OAuthError as error:
            response = json_error(error)
            response.headers["WWW-Authenticate"] = (f'error="{error.error}", '
                                                    f'error_description="{error.description}"')
            return response

    async def authorize(request: Request) -> Response:
        return await authorize_step.authorize(context(request), request)

    async def idp_response(request: Request) -> Response:
        return await federation.idp_response(context(request), request)

    async def logout(request: Request) -> Response:
        """``logout_uri`` listed in LogoutURLs, or ``redirect_uri`` + ``response_type`` to sign in
        again; either way the ``cognito`` cookie is cleared [doc]."""
        ctx = context(request)
        params = request.query_params
        client_id = params.get("client_id")
        pool_id = ctx.store.client_pool.get(client_id or "")
        pool = ctx.store.user_pools.get(pool_id) if pool_id else None
        client = pool.clients.get(client_id or "") if pool else None
        if client is None:
            return error_page_redirect("invalid_request", client_id)
        logout_uri = params.get("logout_uri")
        if logout_uri is not None:
            if logout_uri not in (client.logout_urls or []):
                return error_page_redirect("Required parameters missing", client_id)
            response = redirect(logout_uri)
        elif params.get("redirect_uri") and params.get("response_type"):
            checked = authorize_step.check(ctx, params)
            if not isinstance(checked, authorize_step.Authorization):
                return checked
            response = redirect(f"/login?{checked.query}")
        else:
            return error_page_redirect("Required parameters missing", client_id)
        assert pool is not None
        ctx.oauth.end_session(request.cookies.get(authorize_step.COOKIE), pool.id)  # this pool's only
        return response

    async def error(request: Request) -> Response:
        reason = request.query_params.get("error") or "invalid_request"
        return error_page(f"Error: {reason}")

    return [
        Route("/oauth2/authorize", authorize, methods=["GET"]),
        Route("/oauth2/idpresponse", idp_response, methods=["GET", "POST"]),
        Route("/oauth2/token", token, methods=["POST"]),
        Route("/oauth2/revoke", revoke, methods=["POST"]),
        Route("/oauth2/userInfo", userinfo, methods=["GET", "POST"]),
        Route("/logout", logout, methods=["GET"]),
        Route("/error", error, methods=["GET"]),
    ]
