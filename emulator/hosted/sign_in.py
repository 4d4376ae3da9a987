"""``/login`` and ``/challenge``: the password, then whatever the API's pipeline asks next
(NEW_PASSWORD_REQUIRED, an SMS / email / TOTP code, SELECT_MFA_TYPE, MFA_SETUP with TOTP), and
once signed in the redirect authorize would have made (``oauth.authorize.finish``)."""

from __future__ import annotations

import dataclasses
import json
import logging
from typing import Any
from urllib.parse import quote, urlencode

import segno
from starlette.requests import Request
from starlette.responses import Response

from emulator.hosted.site import Site, Visit
from emulator.hosted.view import attribute_fields
from emulator.oauth import authorize as authorize_step
from emulator.userpools.federation.providers import provider_with_identifier
from emulator.userpools.oauth.signin import Outcome, answer_challenge, password_sign_in
from emulator.wire.errors import AwsError

log = logging.getLogger("emulator.activity")
MFA_LABELS = {"SMS_MFA": "Text message (SMS)", "SOFTWARE_TOKEN_MFA": "Authenticator app", "EMAIL_OTP": "Email"}
CODE_FIELDS = {"SMS_MFA": "SMS_MFA_CODE", "SOFTWARE_TOKEN_MFA": "SOFTWARE_TOKEN_MFA_CODE",
               "EMAIL_OTP": "EMAIL_OTP_CODE"}
TOTP_ONLY = "This user must set up MFA, which the hosted UI does here only with an authenticator app."


def log_step(visit: Visit, username: str, step: str, outcome: Outcome | None, error: AwsError | None) -> None:
    """The console line the API's sign-in steps get (userpools/activity.py), for the hosted UI."""
    who = f"{username} via {visit.auth.client.client_id} (hosted UI)"
    if error is not None:
        log.info("sign-in (%s) refused for %s: %s: %s", step, who, error.code, error.message,
                 extra={"event": "sign_in", "error": error.code})
    elif outcome is not None and outcome.challenge:
        log.info("sign-in of %s: %s -> challenge %s", who, step, outcome.challenge, extra={"event": "sign_in"})
    else:
        log.info("signed in %s (%s)", who, step, extra={"event": "sign_in"})


class SignInPages:
    def __init__(self, site: Site) -> None:
        self.site = site
        self.view = site.view

    async def login(self, request: Request) -> Response:
        visit = await self.site.visit(request)
        if not isinstance(visit, Visit):
            return visit
        if request.method == "GET":
            return self.view.login(visit.auth)
        if visit.field("corporate_email"):
            return self.route_by_email(visit)
        if not visit.auth.cognito:  # the client has only third-party providers: no password sign-in
            return self.view.login(visit.auth, 400, error="Login option is not available. Please try another one")
        username, password = visit.field("username"), visit.form.get("password", "")
        if not username or not password:
            return self.view.login(visit.auth, 400, username=username, error="Username and password are required.")
        try:
            outcome = await password_sign_in(visit.ctx, visit.auth.pool, visit.auth.client, username, password)
        except AwsError as error:
            log_step(visit, username, "password", None, error)
            if error.code == "UserNotConfirmedException":
                return self.view.confirm(visit.auth, username, 400, error=error.message)
            return self.view.login(visit.auth, 400, username=username, error=error.message)
        log_step(visit, username, "password", outcome, None)
        return await self.show(visit, username, outcome)

    def route_by_email(self, visit: Visit) -> Response:
        """The sign-in page's corporate email: its domain is a provider's IdpIdentifier, and the
        user goes on to that provider with the address as login_hint [doc: IdpIdentifiers]."""
        email = visit.field("corporate_email")
        domain = email.rpartition("@")[2].lower()
        provider = provider_with_identifier(visit.auth.pool, domain) if domain else None
        if provider is None or provider not in visit.auth.providers():
            return self.view.login(visit.auth, 400, error="No identity provider is set up for that email domain.")
        return authorize_step.to_provider(visit.ctx, dataclasses.replace(visit.auth, login_hint=email), provider)

    async def challenge(self, request: Request) -> Response:
        visit = await self.site.visit(request)
        if not isinstance(visit, Visit):
            return visit
        name, session, username = visit.field("challenge"), visit.field("session"), visit.field("username")
        responses = self._responses(visit, name, username)
        if responses is None:
            return self.view.login(visit.auth, 400, error="Invalid session for the user.")
        try:
            if name == "MFA_SETUP":
                session = await self._verify_software_token(visit)
            outcome = await answer_challenge(visit.ctx, visit.auth.pool, visit.auth.client, name, responses, session)
        except AwsError as error:
            log_step(visit, username, name, None, error)
            if name != "MFA_SETUP" and visit.ctx.sessions.peek(session) is not None:  # a wrong code: try again
                return await self.challenge_page(visit, name, {}, session, username, error.message)
            return self.view.login(visit.auth, 400, username=username, error=error.message)
        log_step(visit, username, name, outcome, None)
        return await self.show(visit, username, outcome)

    @staticmethod
    def _responses(visit: Visit, name: str, username: str) -> dict[str, str] | None:
        """ChallengeResponses from the page's form, as RespondToAuthChallenge takes them."""
        responses = {"USERNAME": username}
        if name == "NEW_PASSWORD_REQUIRED":
            responses["NEW_PASSWORD"] = visit.form.get("new_password", "")
            responses.update({k: v for k, v in visit.form.items() if k.startswith("userAttributes.")})
        elif name == "SELECT_MFA_TYPE":
            responses["ANSWER"] = visit.field("mfa_type")
        elif name in CODE_FIELDS:
            responses[CODE_FIELDS[name]] = visit.field("code")
        elif name != "MFA_SETUP":
            return None
        return responses

    async def _verify_software_token(self, visit: Visit) -> str:
        """MFA_SETUP: the authenticator's first code verifies the key on the set-up Session."""
        verified = await self.site.call(visit, "VerifySoftwareToken", {
            "Session": visit.field("setup_session"), "UserCode": visit.field("code")})
        return str(verified.get("Session") or "")

    async def show(self, visit: Visit, username: str, outcome: Outcome) -> Response:
        if outcome.challenge is not None:
            return await self.challenge_page(visit, outcome.challenge, outcome.parameters, outcome.session or "",
                                             username)
        assert outcome.username is not None and outcome.sub is not None
        fresh = authorize_step.check(visit.ctx, visit.request.query_params)  # a trigger may have changed the client
        if not isinstance(fresh, authorize_step.Authorization):
            return fresh
        return await authorize_step.finish(visit.ctx, visit.request, fresh, outcome.username, outcome.sub,
                                           visit.ctx.now(), True)

    async def challenge_page(self, visit: Visit, name: str, parameters: dict[str, str], session: str,
                             username: str, error: str | None = None) -> Response:
        values: dict[str, Any] = {"challenge": name, "session": session, "username": username, "error": error,
                                  "attributes": [], "mfa_options": [], "prompt": ""}
        title = "Sign in"
        if name == "NEW_PASSWORD_REQUIRED":
            required = json.loads(parameters.get("requiredAttributes") or "[]")
            values["attributes"] = attribute_fields([n.removeprefix("userAttributes.") for n in required])
            title = "Change Password"
        elif name == "SELECT_MFA_TYPE":
            options = json.loads(parameters.get("MFAS_CAN_CHOOSE") or "[]")
            values["mfa_options"] = [(option, MFA_LABELS.get(option, option)) for option in options]
            title = "Choose an MFA method"
        elif name == "MFA_SETUP":
            if "SOFTWARE_TOKEN_MFA" not in json.loads(parameters.get("MFAS_CAN_SETUP") or "[]"):
                return self.view.login(visit.auth, 400, error=TOTP_ONLY)
            try:
                values.update(await self._totp_setup(visit, session, username))
            except AwsError as failure:
                return self.view.login(visit.auth, 400, error=failure.message)
            title = "Set up your authenticator app"
        elif name in CODE_FIELDS:
            destination = parameters.get("CODE_DELIVERY_DESTINATION")
            values["prompt"] = (f"We sent a code to {destination}. Enter it below." if destination
                                else "Enter the code from your authenticator app.")
        else:
            return self.view.login(visit.auth, 400, error=f"The hosted UI cannot answer the {name} challenge.")
        return self.view.page(visit.auth, "challenge.html", title, 200 if error is None else 400, **values)

    async def _totp_setup(self, visit: Visit, session: str, username: str) -> dict[str, str]:
        """AssociateSoftwareToken on the challenge's Session: the key, its otpauth URI and QR code."""
        associated = await self.site.call(visit, "AssociateSoftwareToken", {"Session": session})
        secret, issuer = associated["SecretCode"], visit.auth.pool.name
        otpauth = f"otpauth://totp/{quote(f'{issuer}:{username}')}?{urlencode({'secret': secret, 'issuer': issuer})}"
        return {"secret": secret, "otpauth": otpauth, "setup_session": associated["Session"],
                "qr": segno.make(otpauth, error="m").svg_data_uri(scale=4)}
