"""Headless Chromium and an Amplify v6 browser app, for the tests of browser flows.

Playwright's own browser download is not used: the tests drive the system's Chromium (Debian's
``chromium``, which ``.ci/run`` installs) and skip when there is none.

``serve_amplify_app`` serves a static page on ``http://localhost:<free port>/`` that loads
aws-amplify 6 bundled by esbuild from ``tests/e2e/node`` (built on first use, again when the
entry or the lock file changes). The page exposes ``window.Amplify``, ``window.auth`` (every
export of ``aws-amplify/auth``), ``window.Hub``, ``window.authEvents`` (each Hub auth event) and
``window.configureAmplify(config)``, which keeps the config in localStorage; the page configures
Amplify again from it on every load, as a real app does at start-up, so a redirect back from the
hosted UI is handled. Every path answers the page, so any callback path works.

``localhost`` (not 127.0.0.1) is the origin because browsers treat it as a secure context, which
WebAuthn and Amplify's PKCE (``crypto.subtle``) need.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
requires_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary on PATH (apt-get install chromium)")

NODE_DIR = Path(__file__).with_name("node")
APP_DIR = NODE_DIR / "browser"
BUNDLE = APP_DIR / "dist" / "amplify.js"
_BUNDLE_INPUTS = (APP_DIR / "amplify-entry.js", NODE_DIR / "package-lock.json")


@contextmanager
def launch_browser() -> Iterator[Any]:
    """One headless Chromium (Playwright's sync API); skips the test when either is missing."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    if CHROMIUM is None:
        pytest.skip("no chromium binary on PATH (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium per test module (import this fixture into the module)."""
    with launch_browser() as launched:
        yield launched


def amplify_bundle() -> Path:
    """The esbuild bundle of the app's entry, rebuilt when stale. Written to a temporary name and
    renamed, so parallel test workers never read a half-written bundle."""
    if BUNDLE.exists() and all(BUNDLE.stat().st_mtime >= source.stat().st_mtime for source in _BUNDLE_INPUTS):
        return BUNDLE
    esbuild = NODE_DIR / "node_modules" / ".bin" / "esbuild"
    if not esbuild.exists():
        if os.environ.get("CI"):
            raise RuntimeError(f"{esbuild} is missing: run scripts/bootstrap (npm ci in {NODE_DIR})")
        pytest.skip("esbuild is not installed (npm ci in tests/e2e/node)")
    BUNDLE.parent.mkdir(exist_ok=True)
    partial = BUNDLE.with_name(f"amplify.{os.getpid()}.js")
    subprocess.run(
        [str(esbuild), str(APP_DIR / "amplify-entry.js"), "--bundle", "--format=iife", "--platform=browser",
         "--target=es2020", "--log-level=warning", f"--outfile={partial}"],
        cwd=NODE_DIR, check=True, timeout=120,
    )
    os.replace(partial, BUNDLE)
    return BUNDLE


@dataclass(frozen=True)
class AmplifyApp:
    origin: str  # http://localhost:<port>, with no trailing slash

    @property
    def url(self) -> str:
        return self.origin + "/"


class _AppHandler(BaseHTTPRequestHandler):
    bundle: bytes = b""
    page: bytes = b""

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path.split("?", 1)[0] == "/amplify.js":
            self._answer(self.bundle, "text/javascript; charset=utf-8")
        else:
            self._answer(self.page, "text/html; charset=utf-8")

    def _answer(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # quiet, like the emulator under test
        pass


@contextmanager
def serve_amplify_app() -> Iterator[AmplifyApp]:
    """The test app on a free loopback port, for as long as the block runs."""
    handler = type("AppHandler", (_AppHandler,), {
        "bundle": amplify_bundle().read_bytes(),
        "page": (APP_DIR / "index.html").read_bytes(),
    })
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="amplify-app", daemon=True)
    thread.start()
    try:
        yield AmplifyApp(origin=f"http://localhost:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def app() -> Iterator[AmplifyApp]:
    """The Amplify test app, served for the whole module (import this fixture into the module)."""
    with serve_amplify_app() as serving:
        yield serving


def open_app(browser: Any, app: AmplifyApp, **context_options: Any) -> tuple[Any, Any, list[str]]:
    """A new context and page at the app, loaded, plus the list that collects its script errors
    (a test asserts it stays empty). Context options (e.g. ``ignore_https_errors=True``) pass on."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.goto(app.url)
    page.wait_for_function("window.amplifyReady === true")
    return context, page, problems
