"""Managed login's choice-based sign-in pages (USER_AUTH): after the username, the factors the
user can use (SELECT_CHALLENGE's AvailableChallenges: password, email code, SMS code, passkey),
then the passkey page, whose script calls ``navigator.credentials.get`` with the challenge's
CREDENTIAL_REQUEST_OPTIONS and posts the assertion back as CREDENTIAL (passkeys need JavaScript,
on AWS's pages too). The code pages are ``challenge.html``'s, as for MFA codes."""

from __future__ import annotations

import json

from starlette.responses import Response

from emulator.hosted.site import Visit
from emulator.hosted.view import View
from emulator.state.ids import urlsafe_token

SELECT_CHALLENGE = "SELECT_CHALLENGE"
WEB_AUTHN = "WEB_AUTHN"
PAGES = (SELECT_CHALLENGE, WEB_AUTHN)


def script_nonce() -> str:
    """The Content-Security-Policy nonce of a page's one inline script."""
    return urlsafe_token(16)


def responses(visit: Visit, name: str, base: dict[str, str]) -> dict[str, str] | None:
    """ChallengeResponses for SELECT_CHALLENGE (ANSWER, with PASSWORD when the password was typed
    on the choice page) and WEB_AUTHN (CREDENTIAL, the assertion's JSON); None for anything else."""
    if name == SELECT_CHALLENGE:
        answer = visit.field("answer")
        chosen = {**base, "ANSWER": answer}
        if answer == "PASSWORD":
            chosen["PASSWORD"] = visit.form.get("password", "")
        return chosen
    if name == WEB_AUTHN:
        return {**base, "CREDENTIAL": visit.form.get("credential", "")}
    return None


def page(view: View, visit: Visit, name: str, parameters: dict[str, str], session: str, username: str,
         error: str | None) -> Response:
    status = 200 if error is None else 400
    if name == SELECT_CHALLENGE:
        choices = json.loads(parameters.get("AvailableChallenges") or "[]")
        return view.page(visit.auth, "choose.html", "Choose how to sign in", status, session=session,
                         username=username, choices=choices, error=error)
    return view.page(visit.auth, "passkey.html", "Sign in with a passkey", status, session=session,
                     username=username, options=parameters.get("CREDENTIAL_REQUEST_OPTIONS") or "{}",
                     script_nonce=script_nonce(), error=error)
