"""``GET /{userPoolId}/.well-known/jwks.json`` and ``.../openid-configuration`` (reference §6.7).

Served on the emulator's own port so OIDC libraries can discover and fetch the keys. In aws
issuer mode ``issuer`` is AWS's URL (tokens carry it), but ``jwks_uri`` still points here:
cognito-idp.amazonaws.com would serve AWS's keys, not ours.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from emulator.runtime import Emulator
from emulator.tokens.issuer import issuer_for, local_issuer
from emulator.userpools.model import UserPool


def request_base_url(request: Request) -> str:
    """Scheme and host the client used (Host header kept as sent), no trailing slash."""
    host = request.headers.get("host") or f"{request.url.hostname}:{request.url.port}"
    return f"{request.url.scheme}://{host}"


def _not_found(pool_id: str) -> JSONResponse:
    return JSONResponse({"message": f"User pool {pool_id} does not exist."}, status_code=404)


def _oauth_base(pool: UserPool, base_url: str, issuer: str) -> tuple[str, str]:
    """Where the OAuth endpoints live: with a domain the emulator serves them at its root
    (``/oauth2/...``); without one AWS lists non-functional ``{issuer}/...`` URLs."""
    if pool.domain or pool.custom_domain:
        return base_url, "/oauth2"
    return issuer, ""


def openid_configuration(pool: UserPool, base_url: str, issuer: str) -> dict[str, Any]:
    root, prefix = _oauth_base(pool, base_url, issuer)
    return {
        "authorization_endpoint": f"{root}{prefix}/authorize",
        "id_token_signing_alg_values_supported": ["RS256"],
        "issuer": issuer,
        "jwks_uri": f"{local_issuer(base_url, pool.id)}/.well-known/jwks.json",
        "response_types_supported": ["code", "token"],
        "revocation_endpoint": f"{root}{prefix}/revoke",
        "scopes_supported": ["openid", "email", "phone", "profile"],
        "subject_types_supported": ["public"],
        "token_endpoint": f"{root}{prefix}/token",
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "userinfo_endpoint": f"{root}{prefix}/userInfo",
    }


def wellknown_routes(emulator: Emulator) -> list[Route]:
    async def jwks(request: Request) -> JSONResponse:
        pool_id: str = request.path_params["pool_id"]
        if pool_id not in emulator.store.user_pools:
            return _not_found(pool_id)
        return JSONResponse(emulator.keys.jwks(pool_id))

    async def discovery(request: Request) -> JSONResponse:
        pool_id: str = request.path_params["pool_id"]
        pool = emulator.store.user_pools.get(pool_id)
        if pool is None:
            return _not_found(pool_id)
        base_url = request_base_url(request)
        settings = emulator.settings
        issuer = issuer_for(base_url, pool.region, pool_id, settings.issuer_mode)
        return JSONResponse(openid_configuration(pool, base_url, issuer))

    return [
        Route("/{pool_id}/.well-known/jwks.json", jwks, methods=["GET"]),
        Route("/{pool_id}/.well-known/openid-configuration", discovery, methods=["GET"]),
    ]
