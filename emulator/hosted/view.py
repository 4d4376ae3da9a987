"""How a hosted page is rendered: the templates, the pool's labels and password hint, the
branding hook, and the headers (inline styles only, no script, nothing from elsewhere, no
framing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.responses import HTMLResponse, Response

from emulator.hosted import messages
from emulator.hosted.branding import branding_for
from emulator.oauth.authorize import Authorization, provider_link
from emulator.userpools.config.store import PoolConfigStore
from emulator.userpools.model import UserPool
from emulator.userpools.oauth.signin import choice_sign_in_offered

HEADERS = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                                      "frame-ancestors 'none'; base-uri 'none'",
           "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store", "Referrer-Policy": "same-origin"}
LABELS = {"email": "Email", "phone_number": "Phone number", "name": "Name", "given_name": "Given name",
          "family_name": "Family name", "birthdate": "Birthdate", "address": "Address", "gender": "Gender",
          "nickname": "Nickname", "preferred_username": "Preferred username", "picture": "Picture",
          "website": "Website", "zoneinfo": "Zone info", "locale": "Locale", "middle_name": "Middle name",
          "profile": "Profile", "updated_at": "Updated at"}
SIGN_IN_TITLE = "Sign in with your username and password"  # the classic hosted UI's heading


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
    """What sign-up asks for besides the username and password."""
    skip = {"sub", *pool.username_attributes}
    return [name for name, attribute in pool.schema.items() if attribute.required and name not in skip]


class View:
    def __init__(self, config: Callable[[], PoolConfigStore]) -> None:
        self._config = config  # the live state's part (reset replaces it): looked up per page
        self.env = Environment(loader=PackageLoader("emulator.hosted", "templates"),
                               autoescape=select_autoescape(default=True), undefined=StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True)

    def page(self, auth: Authorization, template: str, title: str, status: int = 200, **values: Any) -> Response:
        values.setdefault("error", None)
        values.setdefault("notice", None)
        lang = messages.language(auth.lang)
        t = messages.translator(lang)
        html = self.env.get_template(template).render(
            title=t(title), query=auth.query, branding=branding_for(self._config(), auth.pool, auth.client),
            username_label=t(username_label(auth.pool)), password_hint=password_hint(auth.pool), lang=lang, t=t,
            **values)
        headers = dict(HEADERS)
        if values.get("script_nonce"):  # the passkey pages' one script, and nothing else
            headers["Content-Security-Policy"] = HEADERS["Content-Security-Policy"].replace(
                "default-src 'none';", f"default-src 'none'; script-src 'nonce-{values['script_nonce']}';")
        return HTMLResponse(html, status_code=status, headers=headers)

    def login(self, auth: Authorization, status: int = 200, **values: Any) -> Response:
        """The password form (when the client supports COGNITO) and a button per provider, or
        managed login's username-first page when the user may choose a factor
        (``choice_sign_in_offered``)."""
        values.setdefault("username", auth.login_hint or "")
        values["cognito"] = auth.cognito
        values["providers"] = [(p.name, provider_link(auth, p)) for p in auth.providers()]
        values["routed"] = any(p.idp_identifiers for p in auth.providers())  # email-domain routing
        if choice_sign_in_offered(auth.pool, auth.client):
            return self.page(auth, "login_username.html", "Sign in", status, **values)
        return self.page(auth, "login.html", SIGN_IN_TITLE, status, **values)

    def confirm(self, auth: Authorization, username: str, status: int = 200, **values: Any) -> Response:
        return self.page(auth, "confirm.html", "Confirm your account", status, username=username, **values)
