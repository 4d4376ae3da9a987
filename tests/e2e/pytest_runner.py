"""Run a pytest session in another directory, as a project that installed the package runs it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

TIMEOUT = 120.0


def clean_environment() -> dict[str, str]:
    """No AWS settings (so the plugin's dummies and endpoints are what the session sees), no
    ~/.aws files, and none of the outer session's pytest or xdist variables."""
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("AWS_", "PYTEST_", "EMULATOR_"))}
    return env | {"AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
                  "PYTHONDONTWRITEBYTECODE": "1"}


def run_pytest(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args], cwd=project,
                          env=clean_environment(), capture_output=True, text=True, timeout=TIMEOUT, check=False)


def passed(result: subprocess.CompletedProcess[str]) -> int:
    """How many tests passed; fails with the whole output unless every test did."""
    report = f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    assert result.returncode == 0, report
    found = re.search(r"(\d+) passed", result.stdout)
    assert found and not re.search(r"\d+ (failed|error|skipped)", result.stdout), report
    return int(found.group(1))
