"""``hosted_routes(emulator)``: the hosted UI's pages. Each carries the authorize query, so any of
them ends, once the user is signed in, with the redirect authorize would have made. Sign-in runs
the API's pipeline (``sign_in``); account pages call the API's operations (``account``)."""

from __future__ import annotations

from starlette.routing import Route

from emulator.hosted.account import AccountPages
from emulator.hosted.sign_in import SignInPages
from emulator.hosted.site import Site
from emulator.runtime import Emulator


def hosted_routes(emulator: Emulator) -> list[Route]:
    site = Site(emulator)
    sign_in, account = SignInPages(site), AccountPages(site)
    both = ["GET", "POST"]
    return [
        Route("/login", sign_in.login, methods=both),
        Route("/challenge", sign_in.challenge, methods=["POST"]),
        Route("/signup", account.signup, methods=both),
        Route("/confirm", account.confirm, methods=both),
        Route("/resendcode", account.resend, methods=["POST"]),
        Route("/forgotPassword", account.forgot, methods=both),
        Route("/confirmForgotPassword", account.forgot_confirm, methods=both),
    ]
