"""``/login``, ``/challenge``, ``/signup``, ``/confirm``, ``/resendcode``, ``/forgotPassword``,
``/confirmForgotPassword``: each page carries the authorize query, so any of them ends, once the
user is signed in, with the redirect authorize would have made (``oauth.authorize.finish``).

Sign-in runs the API's pipeline (``userpools/oauth/signin``); sign-up, confirmation, resend,
password reset and TOTP set-up call the API's own operations in-process (``ui.api.Api``), so
their rules, triggers, codes and errors are the API's. Errors are shown in AWS's words."""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import quote, urlencode

import segno
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from emulator.hosted.branding import branding_for
from emulator.oauth import authorize as authorize_step
from emulator.oauth.endpoints import base_url
from emulator.oauth.responses import error_page
from emulator.runtime import Context, Emulator
from emulator.srp.secret_hash import compute_secret_hash
from emulator.state.ids import request_id
from emulator.ui import csrf
from emulator.ui.api import Api
from emulator.ui.forms import FormError, read_form
from emulator.userpools import activity as userpool_activity
from emulator.userpools.model import UserPool
from emulator.userpools.oauth.signin import Outcome, answer_challenge, password_sign_in
from emulator.wire.errors import AwsError

# Inline styles only; no script, nothing from elsewhere; no site may frame the sign-in form.
HEADERS = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                                      "frame-ancestors 'none'; base-uri 'none'",
           "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store", "Referrer-Policy": "same-origin"}
LABELS = {"email": "Email", "phone_number": "Phone number", "name": "Name", "given_name": "Given name",
          "family_name": "Family name", "birthdate": "Birthdate", "address": "Address", "gender": "Gender",
          "nickname": "Nickname", "preferred_username": "Preferred username", "picture": "Picture",
          "website": "Website", "zoneinfo": "Zone info", "locale": "Locale", "middle_name": "Middle name",
          "profile": "Profile", "updated_at": "Updated at"}
MFA_LABELS = {"SMS_MFA": "Text message (SMS)", "SOFTWARE_TOKEN_MFA": "Authenticator app", "EMAIL_OTP": "Email"}
CODE_FIELDS = {"SMS_MFA": "SMS_MFA_CODE", "SOFTWARE_TOKEN_MFA": "SOFTWARE_TOKEN_MFA_CODE",
               "EMAIL_OTP": "EMAIL_OTP_CODE"}


activity = logging.getLogger("emulator.activity")


def _log_outcome(client_id: str, username: str, step: str, outcome: Outcome | None, error: AwsError | None) -> None:
    """The console line the API's sign-in steps get (userpools/activity.py), for the hosted UI."""
    who = f"{username} via {client_id} (hosted UI)"
    if error is not None:
        activity.info("sign-in (%s) refused for %s: %s: %s", step, who, error.code, error.message,
                      extra={"event": "sign_in", "error": error.code})
    elif outcome is not None and outcome.challenge:
        activity.info("sign-in of %s: %s -> challenge %s", who, step, outcome.challenge, extra={"event": "sign_in"})
    else:
        activity.info("signed in %s (%s)", who, step, extra={"event": "sign_in"})


def _environment() -> Environment:
    return Environment(loader=PackageLoader("emulator.hosted", "templates"), autoescape=select_autoescape(default=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def username_label(pool: UserPool) -> str:
    if pool.username_attributes == ["email"]:
        return "Email"
    if pool.username_attributes == ["phone_number"]:
        return "Phone number"
    if pool.username_attributes:
        return "Email or phone number"
    return "Username"


def password_hint(pool: UserPool) -> str:
    policy = pool.password_policy
    needs = [text for flag, text in ((policy.require_lowercase, "a lowercase letter"),
                                     (policy.require_uppercase, "an uppercase letter"),
                                     (policy.require_numbers, "a number"), (policy.require_symbols, "a symbol"))
             if flag]
    hint = f"At least {policy.minimum_length} characters"
    if not needs:
        return hint + "."
    listed = needs[0] if len(needs) == 1 else f"{', '.join(needs[:-1])} and {needs[-1]}"
    return f"{hint}, with {listed}."


def attribute_fields(names: list[str]) -> list[dict[str, str]]:
    kinds = {"email": "email", "phone_number": "tel"}
    return [{"name": name, "label": LABELS.get(name, name), "type": kinds.get(name, "text")} for name in names]


def required_attributes(pool: UserPool) -> list[str]:
    skip = {"sub", *pool.username_attributes}
    return [name for name, attribute in pool.schema.items() if attribute.required and name not in skip]


def hosted_routes(emulator: Emulator) -> list[Route]:
    env = _environment()
    operations = Api(emulator)

    class _ObservedApi:
        """The API's operations, with the console lines the dispatcher would print for them."""

        async def idp(self, request: Request, operation: str, params: dict[str, Any]) -> dict[str, Any]:
            try:
                result = await operations.idp(request, operation, params)
            except AwsError as error:
                userpool_activity.observe(operation, params, None, error)
                raise
            userpool_activity.observe(operation, params, result, None)
            return result

    api = _ObservedApi()

    def context(request: Request) -> Context:
        state = request.scope.get("state") or {}
        return emulator.context(base_url(request), state.get("request_id") or request_id())

    def page(auth: authorize_step.Authorization, template: str, title: str, status: int = 200,
             **values: Any) -> Response:
        values.setdefault("error", None)
        values.setdefault("notice", None)
        html = env.get_template(template).render(
            title=title, query=auth.query, branding=branding_for(auth.pool, auth.client),
            username_label=username_label(auth.pool), password_hint=password_hint(auth.pool), **values)
        return HTMLResponse(html, status_code=status, headers=HEADERS)

    def login_page(auth: authorize_step.Authorization, status: int = 200, **values: Any) -> Response:
        values.setdefault("username", auth.login_hint or "")
        return page(auth, "login.html", "Sign in with your username and password", status, **values)

    def secret_hash(auth: authorize_step.Authorization, username: str) -> dict[str, str]:
        client = auth.client
        return {} if client.secret is None else {"SecretHash": compute_secret_hash(username, client.client_id,
                                                                                   client.secret)}

    async def checked(request: Request) -> tuple[Context, authorize_step.Authorization | Response, dict[str, str]]:
        ctx = context(request)
        form: dict[str, str] = {}
        if request.method == "POST" and not csrf.same_origin(request):
            # Another site's form or script posting credentials here (login CSRF): refused.
            return ctx, error_page("Forms from another site are refused."), form
        if request.method == "POST":
            try:
                form = await read_form(request)
            except FormError:
                form = {}
        return ctx, authorize_step.check(ctx, request.query_params), form

    async def signed_in(ctx: Context, request: Request, auth: authorize_step.Authorization,
                        outcome: Outcome) -> Response:
        assert outcome.username is not None and outcome.sub is not None
        fresh = authorize_step.check(ctx, request.query_params)  # re-read: a trigger may have changed the client
        if not isinstance(fresh, authorize_step.Authorization):
            return fresh
        return await authorize_step.finish(ctx, request, fresh, outcome.username, outcome.sub, ctx.now(), True)

    async def show_outcome(ctx: Context, request: Request, auth: authorize_step.Authorization, username: str,
                           outcome: Outcome) -> Response:
        if outcome.challenge is None:
            return await signed_in(ctx, request, auth, outcome)
        return await challenge_page(request, auth, outcome.challenge, outcome.parameters, outcome.session or "",
                                    username)

    async def challenge_page(request: Request, auth: authorize_step.Authorization, name: str,
                             parameters: dict[str, str], session: str, username: str,
                             error: str | None = None) -> Response:
        values: dict[str, Any] = {"challenge": name, "session": session, "username": username, "error": error,
                                  "attributes": [], "mfa_options": [], "prompt": ""}
        title = "Sign in"
        if name == "NEW_PASSWORD_REQUIRED":
            required = json.loads(parameters.get("requiredAttributes") or "[]")
            names = [n.removeprefix("userAttributes.") for n in required]
            values["attributes"] = attribute_fields(names)
            title = "Change Password"
        elif name == "SELECT_MFA_TYPE":
            options = json.loads(parameters.get("MFAS_CAN_CHOOSE") or "[]")
            values["mfa_options"] = [(option, MFA_LABELS.get(option, option)) for option in options]
            title = "Choose an MFA method"
        elif name == "MFA_SETUP":
            if "SOFTWARE_TOKEN_MFA" not in json.loads(parameters.get("MFAS_CAN_SETUP") or "[]"):
                return login_page(auth, 400, error="This user must set up MFA, which the hosted UI does here "
                                                   "only with an authenticator app.")
            try:
                associated = await api.idp(request, "AssociateSoftwareToken", {"Session": session})
            except AwsError as failure:
                return login_page(auth, 400, error=failure.message)
            secret = associated["SecretCode"]
            label = quote(f"{auth.pool.name}:{username}")
            otpauth = f"otpauth://totp/{label}?{urlencode({'secret': secret, 'issuer': auth.pool.name})}"
            values.update(secret=secret, otpauth=otpauth, setup_session=associated["Session"],
                          qr=segno.make(otpauth, error="m").svg_data_uri(scale=4))
            title = "Set up your authenticator app"
        elif name in CODE_FIELDS:
            destination = parameters.get("CODE_DELIVERY_DESTINATION")
            values["prompt"] = (f"We sent a code to {destination}. Enter it below." if destination
                                else "Enter the code from your authenticator app.")
        else:
            return login_page(auth, 400, error=f"The hosted UI cannot answer the {name} challenge.")
        return page(auth, "challenge.html", title, 200 if error is None else 400, **values)

    async def login(request: Request) -> Response:
        ctx, auth, form = await checked(request)
        if not isinstance(auth, authorize_step.Authorization):
            return auth
        if request.method == "GET":
            return login_page(auth)
        username, password = form.get("username", "").strip(), form.get("password", "")
        if not username or not password:
            return login_page(auth, 400, username=username, error="Username and password are required.")
        try:
            outcome = await password_sign_in(ctx, auth.pool, auth.client, username, password)
        except AwsError as error:
            _log_outcome(auth.client.client_id, username, "password", None, error)
            if error.code == "UserNotConfirmedException":
                return page(auth, "confirm.html", "Confirm your account", 400, username=username,
                            error=error.message)
            return login_page(auth, 400, username=username, error=error.message)
        _log_outcome(auth.client.client_id, username, "password", outcome, None)
        return await show_outcome(ctx, request, auth, username, outcome)

    async def challenge(request: Request) -> Response:
        ctx, auth, form = await checked(request)
        if not isinstance(auth, authorize_step.Authorization):
            return auth
        name, session, username = form.get("challenge", ""), form.get("session", ""), form.get("username", "")
        responses = {"USERNAME": username}
        if name == "NEW_PASSWORD_REQUIRED":
            responses["NEW_PASSWORD"] = form.get("new_password", "")
            responses.update({k: v for k, v in form.items() if k.startswith("userAttributes.")})
        elif name == "SELECT_MFA_TYPE":
            responses["ANSWER"] = form.get("mfa_type", "")
        elif name in CODE_FIELDS:
            responses[CODE_FIELDS[name]] = form.get("code", "").strip()
        elif name == "MFA_SETUP":
            try:
                verified = await api.idp(request, "VerifySoftwareToken", {
                    "Session": form.get("setup_session", ""), "UserCode": form.get("code", "").strip()})
            except AwsError as error:
                return login_page(auth, 400, username=username, error=error.message)
            session = verified.get("Session") or ""
        else:
            return login_page(auth, 400, error="Invalid session for the user.")
        try:
            outcome = await answer_challenge(ctx, auth.pool, auth.client, name, responses, session)
        except AwsError as error:
            _log_outcome(auth.client.client_id, username, name, None, error)
            retry = ctx.sessions.peek(session) is not None  # a wrong code reopens the Session
            if retry and name != "MFA_SETUP":
                return await challenge_page(request, auth, name, {}, session, username, error.message)
            return login_page(auth, 400, username=username, error=error.message)
        _log_outcome(auth.client.client_id, username, name, outcome, None)
        return await show_outcome(ctx, request, auth, username, outcome)

    async def signup(request: Request) -> Response:
        ctx, auth, form = await checked(request)
        if not isinstance(auth, authorize_step.Authorization):
            return auth
        names = required_attributes(auth.pool)
        fields = attribute_fields(names)
        if request.method == "GET":
            return page(auth, "signup.html", "Sign up with a new account", attributes=fields, values={})
        username = form.get("username", "").strip()
        attributes = [{"Name": name, "Value": form.get(name, "").strip()} for name in names]
        if auth.pool.username_attributes == ["email"] and username:
            attributes.append({"Name": "email", "Value": username})
        params = {"ClientId": auth.client.client_id, "Username": username, "Password": form.get("password", ""),
                  "UserAttributes": attributes, **secret_hash(auth, username)}
        try:
            result = await api.idp(request, "SignUp", params)
        except AwsError as error:
            return page(auth, "signup.html", "Sign up with a new account", 400, attributes=fields, values=form,
                        error=error.message)
        if result.get("UserConfirmed"):
            return login_page(auth, username=username, notice="Your account is confirmed. Sign in.")
        delivery = result.get("CodeDeliveryDetails") or {}
        notice = f"We have sent a code to {delivery.get('Destination')}." if delivery else None
        return page(auth, "confirm.html", "Confirm your account", username=username, notice=notice)

    async def confirm(request: Request) -> Response:
        ctx, auth, form = await checked(request)
        if not isinstance(auth, authorize_step.Authorization):
            return auth
        username = form.get("username") or request.query_params.get("username") or ""
        if request.method == "GET":
            return page(auth, "confirm.html", "Confirm your account", username=username)
        params = {"ClientId": auth.client.client_id, "Username": username,
                  "ConfirmationCode": form.get("code", "").strip(), **secret_hash(auth, username)}
        try:
            await api.idp(request, "ConfirmSignUp", params)
        except AwsError as error:
            return page(auth, "confirm.html", "Confirm your account", 400, username=username, error=error.message)
        return login_page(auth, username=username, notice="Your account is confirmed. Sign in.")

    async def resend(request: Request) -> Response:
        ctx, auth, form = await checked(request)
        if not isinstance(auth, authorize_step.Authorization):
            return auth
        username = form.get("username", "")
        try:
            result = await api.idp(request, "ResendConfirmationCode", {
                "ClientId": auth.client.client_id, "Username": username, **secret_hash(auth, username)})
        except AwsError as error:
            return page(auth, "confirm.html", "Confirm your account", 400, username=username, error=error.message)
        destination = (result.get("CodeDeliveryDetails") or {}).get("Destination")
        return page(auth, "confirm.html", "Confirm your account", username=username,
                    notice=f"We have sent a new code to {destination}.")

    async def forgot(request: Request) -> Response:
        ctx, auth, form = await checked(request)
        if not isinstance(auth, authorize_step.Authorization):
            return auth
        if request.method == "GET":
            return page(auth, "forgot.html", "Forgot your password?")
        username = form.get("username", "").strip()
        try:
            result = await api.idp(request, "ForgotPassword", {
                "ClientId": auth.client.client_id, "Username": username, **secret_hash(auth, username)})
        except AwsError as error:
            return page(auth, "forgot.html", "Forgot your password?", 400, error=error.message)
        destination = (result.get("CodeDeliveryDetails") or {}).get("Destination")
        return page(auth, "forgot_confirm.html", "Reset your password", username=username,
                    notice=f"We have sent a password reset code to {destination}." if destination else None)

    async def forgot_confirm(request: Request) -> Response:
        ctx, auth, form = await checked(request)
        if not isinstance(auth, authorize_step.Authorization):
            return auth
        username = form.get("username") or request.query_params.get("username") or ""
        if request.method == "GET":
            return page(auth, "forgot_confirm.html", "Reset your password", username=username)
        params = {"ClientId": auth.client.client_id, "Username": username, "Password": form.get("password", ""),
                  "ConfirmationCode": form.get("code", "").strip(), **secret_hash(auth, username)}
        try:
            await api.idp(request, "ConfirmForgotPassword", params)
        except AwsError as error:
            return page(auth, "forgot_confirm.html", "Reset your password", 400, username=username,
                        error=error.message)
        return login_page(auth, username=username, notice="Your password has been changed. Sign in.")

    both = ["GET", "POST"]
    return [
        Route("/login", login, methods=both),
        Route("/challenge", challenge, methods=["POST"]),
        Route("/signup", signup, methods=both),
        Route("/confirm", confirm, methods=both),
        Route("/resendcode", resend, methods=["POST"]),
        Route("/forgotPassword", forgot, methods=both),
        Route("/confirmForgotPassword", forgot_confirm, methods=both),
    ]
