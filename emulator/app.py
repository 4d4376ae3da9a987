"""``create_app(settings)``: the one Starlette app serving both services on one port."""

from __future__ import annotations

from dataclasses import replace

from starlette.middleware import Middleware
from starlette.routing import BaseRoute, Route

from emulator.http.api_path import ApiCalls, EmulatorApp
from emulator.http.lazy import LazyRoutes
from emulator.http.middleware import CommitMiddleware, RequestIdMiddleware, cors
from emulator.operations import lazy_operations
from emulator.runtime import Emulator
from emulator.seeding.loader import load_seed_file, read_access_keys, read_trigger_config
from emulator.settings import Settings
from emulator.triggers.config import TriggerConfig
from emulator.userpools import activity
from emulator.wire.dispatch import Dispatcher

MANY_USERS = 1000
UI_PREFIX = "/_emulator/ui"  # = emulator.ui.web.PREFIX, without importing the dashboard


def _ui_routes(emulator: Emulator) -> list[BaseRoute]:
    from emulator.ui.routes import ui_routes

    return ui_routes(emulator)


def _domain_routes(emulator: Emulator, dispatcher: Dispatcher) -> list[BaseRoute]:
    """A pool domain's OAuth endpoints and hosted pages (Jinja2, segno, httpx: heavy imports),
    then the catch-all POST; built on the first request no earlier route took."""
    from emulator.hosted.pages import hosted_routes
    from emulator.oauth.endpoints import oauth_routes

    return [
        *oauth_routes(emulator),  # a pool domain's endpoints (/oauth2/*, /logout), at the root
        *hosted_routes(emulator),  # the hosted UI's pages (/login, /signup, ...)
        # Clients POST to "/", "/base", "/base/"...: route on X-Amz-Target, never on the path.
        Route("/{path:path}", dispatcher.handle, methods=["POST"]),
    ]


def _routes(emulator: Emulator, dispatcher: Dispatcher) -> list[BaseRoute]:
    from emulator.control import control_routes
    from emulator.http.branding import branding_routes
    from emulator.http.wellknown import wellknown_routes
    from emulator.identitypools.http import credential_routes
    from emulator.userpools.imports.http import import_routes

    return [
        *control_routes(emulator),
        *wellknown_routes(emulator),  # GET routes before the catch-all POST
        *branding_routes(emulator),  # classic UI customization logos (ImageUrl)
        *credential_routes(emulator),  # /_emulator/credentials/{key}, identity-service JWKS
        *import_routes(emulator),  # PUT /_emulator/import/...: import jobs' pre-signed upload URLs
        # /_emulator/ui: the dashboard, imported on its first page; its form POSTs come before the catch-all.
        LazyRoutes(UI_PREFIX, lambda: _ui_routes(emulator)),
        # Everything else: the OAuth endpoints, the hosted pages and the catch-all POST, imported
        # on the first request that reaches them (they are a third of the start-up imports).
        LazyRoutes("", lambda: _domain_routes(emulator, dispatcher)),
    ]


def _return_freed_memory() -> None:
    """Loading a large seed file or state dir frees most of what it read (the parsed file, the
    rows); hand those pages back to the system, so resident memory is what the users take. The
    loaded records then leave the garbage collector's view (``gc.freeze``): they live until a
    reset, and a full collection walking 100k users' objects would stall a request.

    No collection first: loading leaves almost no cyclic garbage (~790 objects after a 100k-user
    state dir or seed, measured) and a collection walking every user's objects cost ~0.55 s of
    such a start; those few objects are frozen with the rest."""
    import ctypes
    import gc

    gc.freeze()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def create_app(settings: Settings | None = None, emulator: Emulator | None = None) -> EmulatorApp:
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
    if sum(len(pool.users) for pool in emulator.store.user_pools.values()) >= MANY_USERS:
        _return_freed_memory()
    dispatcher = Dispatcher(emulator, lazy_operations(), observers=[activity.observe])  # modules load on first call
    # SDK calls never reach the routes (http/api_path.py), so they are built, and their modules
    # imported, on the first request that is not one: ~20 compiled path patterns and a dozen
    # modules a test run that only calls the API never needs.
    routes: list[BaseRoute] = [LazyRoutes("", lambda: _routes(emulator, dispatcher))]
    app = EmulatorApp(
        routes=routes,
        middleware=[Middleware(RequestIdMiddleware), Middleware(cors),  # type: ignore[arg-type]
                    Middleware(CommitMiddleware, emulator=emulator)],
    )
    app.state.emulator = emulator
    app.api = ApiCalls(dispatcher, emulator)  # SDK calls: before the middleware, see http/api_path.py
    return app
