"""``/login`` and ``/challenge``: the password (or, where the user may choose a first factor,
the username and then a factor: ``choice.py``), then whatever the API's pipeline asks next
(NEW_PASSWORD_REQUIRED, an SMS / email / TOTP code, SELECT_MFA_TYPE, MFA_SETUP with TOTP or email),
and once signed in the redirect authorize would have made (``oauth.authorize.finish``), or first
managed login's passkey prompt (``passkey_pages.py``)."""

from __future__ import annotations

import dataclasses
import json
import logging
from typing import Any
from urllib.parse import quote, urlencode

import segno
from starlette.requests import Request
from starlette.responses import Response

from emulator.hosted import choice
from emulator.hosted.passkey_pages import PasskeyPages
from emulator.hosted.site import Site, Visit
from emulator.hosted.view import attribute_fields
from emulator.oauth import authorize as authorize_step
from emulator.userpools.federation.providers import provider_with_identifier
from emulator.userpools.oauth.signin import (
    Outcome,
    answer_challenge,
    choice_sign_in,
    choice_sign_in_offered,
    password_sign_in,
)
from emulator.wire.errors import AwsError

log = logging.getLogger("emulator.activity")
MFA_LABELS = {"SMS_MFA": "Text message (SMS)", "SOFTWARE_TOKEN_MFA": "Authenticator app", "EMAIL_OTP": "Email"}
CODE_FIELDS = {"SMS_MFA": "SMS_MFA_CODE", "SOFTWARE_TOKEN_MFA": "SOFTWARE_TOKEN_MFA_CODE",
               "EMAIL_OTP": "EMAIL_OTP_CODE", "SMS_OTP": "SMS_OTP_CODE"}
# MFA_SETUP offers what the API can set up during sign-in: TOTP and email (SMS MFA needs a phone
# number the user already has, so it never needs set-up here).
NO_SETUP = "This user must set up MFA, which the hosted UI can do only with an authenticator app or email."


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
        self.passkeys = PasskeyPages(site)

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
        if username and "password" not in visit.form and choice_sign_in_offered(visit.auth.pool, visit.auth.client):
            return await self._choose(visit, username)
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

    async def _choose(self, visit: Visit, username: str) -> Response:
        """USER_AUTH with the username: the factors the user can use, or the API's refusal."""
        try:
            outcome = await choice_sign_in(visit.ctx, visit.auth.pool, visit.auth.client, username)
        except AwsError as error:
            log_step(visit, username, "USER_AUTH", None, error)
            return self.view.login(visit.auth, 400, username=username, error=error.message)
        log_step(visit, username, "USER_AUTH", outcome, None)
        return await self.show(visit, username, outcome)

    async def challenge(self, request: Request) -> Response:
        visit = await self.site.visit(request)
        if not isinstance(visit, Visit):
            return visit
        name, session, username = visit.field("challenge"), visit.field("session"), visit.field("username")
        responses = self._responses(visit, name, username)
        if responses is None:
            return self.view.login(visit.auth, 400, error="Invalid session for the user.")
        if name == "MFA_SETUP" and visit.field("setup_method") == "SOFTWARE_TOKEN_MFA":
            # The authenticator app chosen over email: its page (AssociateSoftwareToken spends the Session).
            return await self.challenge_page(visit, name, {"MFAS_CAN_SETUP": '["SOFTWARE_TOKEN_MFA"]'}, session,
                                             username)
        try:
            if name == "MFA_SETUP" and visit.field("setup_method") != "EMAIL_OTP":
                session = await self._verify_software_token(visit)
            outcome = await answer_challenge(visit.ctx, visit.auth.pool, visit.auth.client, name, responses, session)
        except AwsError as error:
            log_step(visit, username, name, None, error)
            if name != "MFA_SETUP" and visit.ctx.sessions.peek(session) is not None:  # a wrong code: try again
                sent_to = {"CODE_DELIVERY_DESTINATION": visit.field("destination")} if visit.field("destination") \
                    else {}
                return await self.challenge_page(visit, name, sent_to, session, username, error.message)
            return self.view.login(visit.auth, 400, username=username, error=error.message)
        log_step(visit, username, name, outcome, None)
        by_passkey = name == "WEB_AUTHN" or responses.get("ANSWER") == "WEB_AUTHN"
        return await self.show(visit, username, outcome, offer_passkey=not by_passkey)

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
        elif name == "MFA_SETUP":
            if visit.field("setup_method") == "EMAIL_OTP":
                responses["EMAIL"] = visit.field("email")
        else:
            return choice.responses(visit, name, responses)
        return responses

    async def _verify_software_token(self, visit: Visit) -> str:
        """MFA_SETUP: the authenticator's first code verifies the key on the set-up Session."""
        verified = await self.site.call(visit, "VerifySoftwareToken", {
            "Session": visit.field("setup_session"), "UserCode": visit.field("code")})
        return str(verified.get("Session") or "")

    async def show(self, visit: Visit, username: str, outcome: Outcome, offer_passkey: bool = True) -> Response:
        if outcome.challenge is not None:
            return await self.challenge_page(visit, outcome.challenge, outcome.parameters, outcome.session or "",
                                             username)
        assert outcome.username is not None and outcome.sub is not None
        fresh = authorize_step.check(visit.ctx, visit.request.query_params)  # a trigger may have changed the client
        if not isinstance(fresh, authorize_step.Authorization):
            return fresh
        if offer_passkey:
            prompt = self.passkeys.prompt(visit, fresh, outcome.username, outcome.sub)
            if prompt is not None:
                return prompt
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
            can_set_up = json.loads(parameters.get("MFAS_CAN_SETUP") or "[]")
            if "SOFTWARE_TOKEN_MFA" not in can_set_up and "EMAIL_OTP" not in can_set_up:
                return self.view.login(visit.auth, 400, error=NO_SETUP)
            values.update(secret="", email_setup="", totp_choice="SOFTWARE_TOKEN_MFA" in can_set_up)
            if "EMAIL_OTP" in can_set_up:
                user = visit.auth.pool.users.get(username)
                values["email_setup"] = (user.attributes.get("email") if user else None) or ""
            else:
                try:
                    values.update(await self._totp_setup(visit, session, username))
                except AwsError as failure:
                    return self.view.login(visit.auth, 400, error=failure.message)
            title = "Set up multi-factor authentication"
        elif name in CODE_FIELDS:
            destination = parameters.get("CODE_DELIVERY_DESTINATION")
            values["destination"] = destination or ""
            values["prompt"] = (f"We sent a code to {destination}. Enter it below." if destination
                                else "Enter the code from your authenticator app." if name == "SOFTWARE_TOKEN_MFA"
                                else "Enter the code we sent you.")
        elif name in choice.PAGES:
            return choice.page(self.view, visit, name, parameters, session, username, error)
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
