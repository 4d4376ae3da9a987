"""``hosted_routes(emulator)``: the hosted UI's pages. Each carries the authorize query, so any of
them ends, once the user is signed in, with the redirect authorize would have made. Sign-in runs
the API's pipeline (``sign_in``); account pages call the API's operations (``account``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from emulator.hosted import messages
from emulator.hosted.account import AccountPages
from emulator.hosted.sign_in import SignInPages
from emulator.hosted.site import Site
from emulator.runtime import Emulator

Handler = Callable[[Request], Awaitable[Response]]


def remembering_lang(handler: Handler) -> Handler:
    """A page asked for with a managed-login ``lang`` keeps it in a cookie, so later pages and
    sign-ins without the parameter stay in that language until another ``lang`` [doc]."""
    async def page(request: Request) -> Response:
        response = await handler(request)
        lang = request.query_params.get("lang")
        if lang in messages.LANGUAGES:
            response.set_cookie(messages.COOKIE, lang, max_age=365 * 24 * 3600, path="/", httponly=True,
                                secure=request.url.scheme == "https", samesite="lax")
        return response
    return page


def hosted_routes(emulator: Emulator) -> list[Route]:
    site = Site(emulator)
    sign_in, account = SignInPages(site), AccountPages(site)
    both = ["GET", "POST"]
    pages: list[tuple[str, Handler, list[str]]] = [
        ("/login", sign_in.login, both),
        ("/challenge", sign_in.challenge, ["POST"]),
        ("/passkeys/add", sign_in.passkeys.add, both),
        ("/signup", account.signup, both),
        ("/confirm", account.confirm, both),
        ("/resendcode", account.resend, ["POST"]),
        ("/forgotPassword", account.forgot, both),
        ("/confirmForgotPassword", account.forgot_confirm, both),
    ]
    return [Route(path, remembering_lang(handler), methods=methods) for path, handler, methods in pages]
