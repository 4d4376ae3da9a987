"""``/signup``, ``/confirm``, ``/resendcode``, ``/forgotPassword``, ``/confirmForgotPassword``:
the API's SignUp, ConfirmSignUp, ResendConfirmationCode, ForgotPassword and ConfirmForgotPassword
called in-process, so their rules, triggers, codes and errors are the API's."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from emulator.hosted.site import Site, Visit
from emulator.hosted.view import attribute_fields, required_attributes
from emulator.wire.errors import AwsError

SIGN_UP = "Sign up with a new account"
FORGOT = "Forgot your password?"
RESET = "Reset your password"


class AccountPages:
    def __init__(self, site: Site) -> None:
        self.site = site
        self.view = site.view

    async def signup(self, request: Request) -> Response:
        visit = await self.site.visit(request)
        if not isinstance(visit, Visit):
            return visit
        auth = visit.auth
        names = required_attributes(auth.pool)
        fields = attribute_fields(names)
        if request.method == "GET":
            return self.view.page(auth, "signup.html", SIGN_UP, attributes=fields, values={})
        username = visit.field("username")
        attributes = [{"Name": name, "Value": visit.field(name)} for name in names]
        if auth.pool.username_attributes == ["email"] and username:
            attributes.append({"Name": "email", "Value": username})
        params = {"ClientId": auth.client.client_id, "Username": username, "Password": visit.form.get("password", ""),
                  "UserAttributes": attributes, **self.site.secret_hash(auth, username)}
        try:
            result = await self.site.call(visit, "SignUp", params)
        except AwsError as error:
            return self.view.page(auth, "signup.html", SIGN_UP, 400, attributes=fields, values=visit.form,
                                  error=error.message)
        if result.get("UserConfirmed"):
            return self.view.login(auth, username=username, notice="Your account is confirmed. Sign in.")
        destination = (result.get("CodeDeliveryDetails") or {}).get("Destination")
        return self.view.confirm(auth, username, notice=f"We have sent a code to {destination}." if destination
                                 else None)

    async def confirm(self, request: Request) -> Response:
        visit = await self.site.visit(request)
        if not isinstance(visit, Visit):
            return visit
        username = visit.field("username") or request.query_params.get("username") or ""
        if request.method == "GET":
            return self.view.confirm(visit.auth, username)
        params = {"ClientId": visit.auth.client.client_id, "Username": username,
                  "ConfirmationCode": visit.field("code"), **self.site.secret_hash(visit.auth, username)}
        try:
            await self.site.call(visit, "ConfirmSignUp", params)
        except AwsError as error:
            return self.view.confirm(visit.auth, username, 400, error=error.message)
        return self.view.login(visit.auth, username=username, notice="Your account is confirmed. Sign in.")

    async def resend(self, request: Request) -> Response:
        visit = await self.site.visit(request)
        if not isinstance(visit, Visit):
            return visit
        username = visit.field("username")
        params = {"ClientId": visit.auth.client.client_id, "Username": username,
                  **self.site.secret_hash(visit.auth, username)}
        try:
            result = await self.site.call(visit, "ResendConfirmationCode", params)
        except AwsError as error:
            return self.view.confirm(visit.auth, username, 400, error=error.message)
        destination = (result.get("CodeDeliveryDetails") or {}).get("Destination")
        return self.view.confirm(visit.auth, username, notice=f"We have sent a new code to {destination}.")

    async def forgot(self, request: Request) -> Response:
        visit = await self.site.visit(request)
        if not isinstance(visit, Visit):
            return visit
        if request.method == "GET":
            return self.view.page(visit.auth, "forgot.html", FORGOT)
        username = visit.field("username")
        params = {"ClientId": visit.auth.client.client_id, "Username": username,
                  **self.site.secret_hash(visit.auth, username)}
        try:
            result = await self.site.call(visit, "ForgotPassword", params)
        except AwsError as error:
            return self.view.page(visit.auth, "forgot.html", FORGOT, 400, error=error.message)
        destination = (result.get("CodeDeliveryDetails") or {}).get("Destination")
        return self.view.page(visit.auth, "forgot_confirm.html", RESET, username=username,
                              notice=f"We have sent a password reset code to {destination}." if destination else None)

    async def forgot_confirm(self, request: Request) -> Response:
        visit = await self.site.visit(request)
        if not isinstance(visit, Visit):
            return visit
        username = visit.field("username") or request.query_params.get("username") or ""
        if request.method == "GET":
            return self.view.page(visit.auth, "forgot_confirm.html", RESET, username=username)
        params = {"ClientId": visit.auth.client.client_id, "Username": username,
                  "Password": visit.form.get("password", ""), "ConfirmationCode": visit.field("code"),
                  **self.site.secret_hash(visit.auth, username)}
        try:
            await self.site.call(visit, "ConfirmForgotPassword", params)
        except AwsError as error:
            return self.view.page(visit.auth, "forgot_confirm.html", RESET, 400, username=username,
                                  error=error.message)
        return self.view.login(visit.auth, username=username, notice="Your password has been changed. Sign in.")
