"""What start-up leaves for later: the dashboard's pages and ``regex`` are not imported until
something needs them (start-up time, issue #14), and the lazily built dashboard routes still
answer under their prefix only. (httpx, cryptography and Jinja2 are lazy in their own modules
too, but the hosted UI's and OAuth's modules import them at start.)"""

from __future__ import annotations

import subprocess
import sys

from emulator import app
from emulator.ui import web

PROBE = """
import sys
from emulator.cli import parse_settings
from emulator.app import create_app
create_app(parse_settings(["--port", "0"]))
print(" ".join(m for m in ("regex", "emulator.ui.routes", "emulator.ui.web") if m in sys.modules))
"""


def test_the_prefix_is_the_dashboards() -> None:
    assert app.UI_PREFIX == web.PREFIX


def test_start_up_with_the_demo_seed_imports_neither() -> None:
    loaded = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == ""


def test_lazy_routes_take_the_prefix_and_below_only() -> None:
    from starlette.routing import Match

    from emulator.http.lazy import LazyRoutes

    route = LazyRoutes("/_emulator/ui", list)
    for path, expected in (("/_emulator/ui", Match.FULL), ("/_emulator/ui/pools", Match.FULL),
                           ("/_emulator/uix", Match.NONE), ("/", Match.NONE)):
        assert route.matches({"type": "http", "path": path, "root_path": ""})[0] == expected, path
