"""``/oauth2/idpresponse``: where an OIDC identity provider sends the user back with a code.

The ``state`` it echoes finds the app's authorize request (``authorize.to_provider`` stored it);
then the code is exchanged, the ID token verified, userInfo read, the pool's user found or made
(``userpools.federation.users``), and the app gets its code or tokens as after a password
sign-in. A failure goes to the app's redirect_uri as ``error=invalid_request&error_description=``
[doc: "Managed login and federation error responses"]; without a valid state there is no app to
go back to, so AWS's /error page answers."""

from __future__ import annotations

import logging
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import Response

from emulator.oauth import authorize as authorize_step
from emulator.oauth.responses import error_page, error_redirect
from emulator.runtime import Context
from emulator.ui.forms import FormError, read_form
from emulator.userpools.federation import oidc
from emulator.userpools.federation.users import ProviderAnswer, signed_in_user
from emulator.wire.errors import AwsError

log = logging.getLogger("emulator.activity")
TRIGGER_ERRORS = ("UserLambdaValidationException", "InvalidLambdaResponseException", "UnexpectedLambdaException")


async def idp_response(ctx: Context, request: Request) -> Response:
    params: dict[str, str] = dict(request.query_params)
    if request.method == "POST":  # response_mode=form_post
        try:
            params.update(await read_form(request))
        except FormError:
            pass
    pending = ctx.oauth.take_federation(params.get("state") or "", ctx.now())
    if pending is None:
        return error_page("Error: invalid_state")  # an unknown, spent or expired state [guess: wording]
    auth = authorize_step.check(ctx, dict(parse_qsl(pending.query)))
    if not isinstance(auth, authorize_step.Authorization):
        return auth
    provider = auth.pool.identity_providers.get(pending.provider_name)
    if provider is None:
        return error_redirect(auth.redirect_uri, "invalid_request", auth.state, "identity provider is not supported")
    if params.get("error"):
        words = " ".join(filter(None, (params.get("error"), params.get("error_description"))))
        return error_redirect(auth.redirect_uri, "invalid_request", auth.state, f"{provider.name} Error - {words}")
    if not params.get("code"):
        return error_redirect(auth.redirect_uri, "invalid_request", auth.state, f"{provider.name} Error - no code")
    redirect_uri = f"{ctx.base_url}/oauth2/idpresponse"
    try:
        tokens = await oidc.exchange_code(provider, params["code"], redirect_uri)
        claims = await oidc.verified_id_token(provider, tokens["id_token"], pending.nonce)
        info = await oidc.user_info(provider, tokens.get("access_token"))
    except oidc.ProviderError as error:
        log.info("federated sign-in through %s refused: %s", provider.name, error.description,
                 extra={"event": "sign_in", "error": "provider"})
        return error_redirect(auth.redirect_uri, error.error, auth.state, error.description)
    answer = ProviderAnswer({**claims, **info}, oidc.as_strings(claims), oidc.as_strings(info),
                            oidc.as_strings({k: v for k, v in tokens.items()}))
    try:
        username, sub = await signed_in_user(ctx, auth.pool, auth.client, provider, answer)
    except AwsError as error:
        log.info("federated sign-in through %s refused: %s: %s", provider.name, error.code, error.message,
                 extra={"event": "sign_in", "error": error.code})
        # A trigger's words get AWS's extra ". " (triggers.md §5: "...already exists..+").
        text = f"{error.message}. " if error.code in TRIGGER_ERRORS else error.message
        return error_redirect(auth.redirect_uri, "invalid_request", auth.state, text)
    log.info("signed in %s via %s through %s (hosted UI)", username, auth.client.client_id, provider.name,
             extra={"event": "sign_in"})
    fresh = authorize_step.check(ctx, dict(parse_qsl(pending.query)))  # a trigger may have changed the client
    if not isinstance(fresh, authorize_step.Authorization):
        return fresh
    return await authorize_step.finish(ctx, request, fresh, username, sub, ctx.now(), True)
