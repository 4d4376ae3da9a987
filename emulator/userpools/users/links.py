"""Link-style sign-up verification (VerificationMessageTemplate ``DefaultEmailOption:
CONFIRM_WITH_LINK``): the email carries a link instead of a bare code. The text marks the link
as ``{##link text##}`` (``{##Verify Email##}`` in AWS's default, ``{##Click Here##}`` is what
CustomMessage gets as ``linkParameter``) and Cognito turns it into an anchor to the pool
domain's ``/confirmUser`` page with the client, username and code [doc: template docs, the
``confirmUser`` query names as AWS's emails show them]."""

from __future__ import annotations

import html
import re
from urllib.parse import urlencode

from emulator.userpools.model import UserPool

PLACEHOLDER = re.compile(r"\{##(?!##\})(.+?)##\}", re.DOTALL)  # not the code placeholder {####}
DEFAULT_MESSAGE = "Please click the link below to verify your email address. {##Verify Email##} "
DEFAULT_SUBJECT = "Your verification link"


def by_link(pool: UserPool, attribute: str, signing_up: bool) -> bool:
    """Whether this message is a verification link: sign-up codes by email in a link pool."""
    return signing_up and attribute == "email" and \
        pool.verification_message_template.default_email_option == "CONFIRM_WITH_LINK"


def confirmation_url(pool: UserPool, region: str, base_url: str, client_id: str | None, username: str,
                     code: str) -> str:
    """AWS's link goes to the pool's prefix domain; a pool without one links to the emulator."""
    origin = f"https://{pool.domain}.auth.{region}.amazoncognito.com" if pool.domain else base_url
    query = urlencode({"client_id": client_id or "", "user_name": username, "confirmation_code": code})
    return f"{origin}/confirmUser?{query}"


def fill(text: str, url: str) -> str:
    return PLACEHOLDER.sub(lambda m: f'<a href="{html.escape(url)}">{m.group(1)}</a>', text)
