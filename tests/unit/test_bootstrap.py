"""scripts/bootstrap does only what is stale: it runs in a scratch tree whose venv python and npm
are fakes that log their calls, so what it would install is seen without installing anything."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FAKE = '#!/bin/sh\necho "$(basename "$0") $*" >> "{log}"\n'


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "bootstrap", tmp_path / "scripts" / "bootstrap")
    (tmp_path / "pyproject.toml").write_text("[project]\n")
    (tmp_path / "tests" / "e2e" / "node").mkdir(parents=True)
    (tmp_path / "tests" / "e2e" / "node" / "package-lock.json").write_text("{}")
    for fake in (tmp_path / ".venv" / "bin" / "python", tmp_path / "bin" / "npm"):
        fake.parent.mkdir(parents=True, exist_ok=True)
        fake.write_text(FAKE.format(log=tmp_path / "calls.log"))
        fake.chmod(0o755)
    return tmp_path


def bootstrap(tree: Path, *args: str, npm: str = "npm") -> tuple[str, list[str]]:
    env = {**os.environ, "PATH": f"{tree / 'bin'}:{os.environ['PATH']}", "NPM": npm}
    done = subprocess.run([str(tree / "scripts" / "bootstrap"), *args], cwd=tree, env=env, capture_output=True,
                          text=True, timeout=30, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    log = tree / "calls.log"
    calls = log.read_text().splitlines() if log.exists() else []
    log.unlink(missing_ok=True)
    return done.stdout, [call for call in calls if call != "python -c "]  # the venv health check


def age(path: Path, seconds: float) -> None:
    """Make ``path`` look older than everything just written."""
    stat = path.stat()
    os.utime(path, (stat.st_atime - seconds, stat.st_mtime - seconds))


def test_a_fresh_tree_installs_both_then_nothing_is_stale(tree: Path) -> None:
    (tree / "tests" / "e2e" / "node" / "node_modules").mkdir()  # the fake npm creates nothing
    out, calls = bootstrap(tree)
    assert calls == ["python -m pip install --quiet -e .[test]", "npm ci --no-audit --no-fund --loglevel=error"]
    assert "installing the package" in out and "npm ci in tests/e2e/node" in out
    assert bootstrap(tree) == ("", [])


def test_a_newer_pyproject_reinstalls_the_package_only(tree: Path) -> None:
    (tree / "tests" / "e2e" / "node" / "node_modules").mkdir()
    bootstrap(tree)
    age(tree / ".venv" / ".bootstrap-stamp", 60)
    assert bootstrap(tree)[1] == ["python -m pip install --quiet -e .[test]"]


def test_a_newer_lock_file_or_missing_node_modules_reruns_npm_ci(tree: Path) -> None:
    modules = tree / "tests" / "e2e" / "node" / "node_modules"
    modules.mkdir()
    bootstrap(tree)
    age(modules / ".bootstrap-stamp", 60)
    assert bootstrap(tree)[1] == ["npm ci --no-audit --no-fund --loglevel=error"]
    shutil.rmtree(modules)
    modules.mkdir()
    assert bootstrap(tree)[1] == ["npm ci --no-audit --no-fund --loglevel=error"]


def test_without_npm_a_one_line_notice(tree: Path) -> None:
    out, calls = bootstrap(tree, npm="no-such-npm")
    assert calls == ["python -m pip install --quiet -e .[test]"]
    assert out.splitlines()[-1] == "bootstrap: npm not found, skipping tests/e2e/node (the Node client tests will skip)"


def test_no_node_is_the_venv_only(tree: Path) -> None:
    assert bootstrap(tree, "--no-node")[1] == ["python -m pip install --quiet -e .[test]"]
