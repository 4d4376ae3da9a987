"""``create_app(settings)``: the one Starlette app serving both services on one port."""

from __future__ import annotations

from dataclasses import replace

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route

from emulator.control import control_routes
from emulator.hosted.pages import hosted_routes
from emulator.http.branding import branding_routes
from emulator.http.middleware import CommitMiddleware, RequestIdMiddleware, cors
from emulator.http.wellknown import wellknown_routes
from emulator.identitypools.http import credential_routes
from emulator.oauth.endpoints import oauth_routes
from emulator.operations import load_operations
from emulator.runtime import Emulator
from emulator.seeding.loader import load_seed_file, read_access_keys, read_trigger_config
from emulator.settings import Settings
from emulator.triggers.config import TriggerConfig
from emulator.ui.routes import ui_routes
from emulator.userpools import activity
from emulator.userpools.imports.http import import_routes
from emulator.wire.dispatch import Dispatcher


def create_app(settings: Settings | None = None, emulator: Emulator | None = None) -> Starlette:
    settings = settings or (emulator.settings if emulator is not None else Settings())
    if settings.fixtures is not None:  # the seed's AccessKeys join --access-key's (configuration, not state)
        settings = replace(settings, access_keys=settings.access_keys + read_access_keys(settings.fixtures))
    emulator = emulator or Emulator.open(settings)
    emulator.settings = settings
    emulator.configure_triggers(read_trigger_config(settings.fixtures) if settings.fixtures else TriggerConfig())
    if emulator.is_new:
        if settings.fixtures is not None and not emulator.store.user_pools:
            load_seed_file(emulator, settings.fixtures)
        emulator.mark_start()
    dispatcher = Dispatcher(emulator, load_operations(), observers=[activity.observe])
    routes = [
        *control_routes(emulator),
        *wellknown_routes(emulator),  # GET routes before the catch-all POST
        *branding_routes(emulator),  # classic UI customization logos (ImageUrl)
        *credential_routes(emulator),  # /_emulator/credentials/{key}, identity-service JWKS
        *import_routes(emulator),  # PUT /_emulator/import/...: import jobs' pre-signed upload URLs
        *ui_routes(emulator),  # /_emulator/ui: the dashboard; its form POSTs must come before the catch-all
        *oauth_routes(emulator),  # a pool domain's endpoints (/oauth2/*, /logout), at the root
        *hosted_routes(emulator),  # the hosted UI's pages (/login, /signup, ...)
        # Clients POST to "/", "/base", "/base/"...: route on X-Amz-Target, never on the path.
        Route("/{path:path}", dispatcher.handle, methods=["POST"]),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(RequestIdMiddleware), Middleware(cors),  # type: ignore[arg-type]
                    Middleware(CommitMiddleware, emulator=emulator)],
    )
    app.state.emulator = emulator
    return app
