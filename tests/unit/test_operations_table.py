"""The README's "Implemented operations" table is generated from the registries and must not drift."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "operations_table.py"


def test_readme_operations_table_is_current() -> None:
    result = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 0, (
        f"{result.stderr}\nRegenerate it with `python scripts/operations_table.py --write` (or `make operations`).")


def test_check_fails_on_a_stale_table(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stale = readme.replace("<!-- operations:end -->", "| `emulator/x.py` | `Nothing` |\n<!-- operations:end -->")
    copy = tmp_path / "README.md"
    copy.write_text(stale, encoding="utf-8")
    result = subprocess.run([sys.executable, str(SCRIPT), "--check", "--readme", str(copy)],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 1
    assert "stale" in result.stderr
    written = subprocess.run([sys.executable, str(SCRIPT), "--write", "--readme", str(copy)],
                             capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert written.returncode == 0
    assert copy.read_text(encoding="utf-8") == readme


def test_missing_markers_are_an_error(tmp_path: Path) -> None:
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import operations_table
    finally:
        sys.path.remove(str(SCRIPT.parent))
    with pytest.raises(SystemExit, match="markers"):
        operations_table.replace_block("# no markers here\n", "table\n")
