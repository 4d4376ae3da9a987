"""A non-editable install serves the demo pool: the wheel carries the seed file and the pytest plugin.

The wheel is built from a copy of what the sdist holds (pyproject.toml, README.md, emulator/), without
build isolation (setuptools comes with the test extras), so it needs no network and leaves the checkout
untouched."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from emulator.settings import DEFAULT_FIXTURES

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "emulator", source / "emulator", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "--wheel-dir", str(out), str(source)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (built,) = out.glob("cognito_emulator-*.whl")
    return zipfile.ZipFile(built)


def test_the_default_seed_is_package_data() -> None:
    assert DEFAULT_FIXTURES.is_file()
    assert DEFAULT_FIXTURES.parent.parent == ROOT / "emulator"


def test_the_wheel_carries_the_demo_seed(wheel: zipfile.ZipFile) -> None:
    names = wheel.namelist()
    assert "emulator/fixtures/default.json" in names
    assert wheel.read("emulator/fixtures/default.json") == DEFAULT_FIXTURES.read_bytes()
    assert not [name for name in names if name.startswith(("tests/", "benchmarks/", "scripts/"))]


def test_the_wheel_carries_the_dashboard(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    templates = {f"emulator/ui/templates/{p.name}" for p in (ROOT / "emulator" / "ui" / "templates").glob("*.html")}
    assert templates and templates <= names
    assert any(name.startswith("emulator/ui/static/") for name in names)



def test_the_wheel_registers_the_console_script_and_the_pytest_plugin(wheel: zipfile.ZipFile) -> None:
    (entry_points,) = [name for name in wheel.namelist() if name.endswith(".dist-info/entry_points.txt")]
    parsed = configparser.ConfigParser()
    parsed.read_string(wheel.read(entry_points).decode())
    assert parsed["console_scripts"]["cognito-emulator"] == "emulator.cli:main"
    assert parsed["pytest11"]["cognito_emulator"] == "emulator.pytest_plugin"
    assert "emulator/pytest_plugin.py" in wheel.namelist()
