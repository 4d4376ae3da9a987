"""The compiled copies of botocore's models (``emulator.wire.model_cache``): the same model as
the JSON minus its documentation, rewritten when the source changes, and never a reason to fail."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from emulator.wire import model_cache

MODEL = {"metadata": {"targetPrefix": "X"}, "documentation": "<p>prose</p>",
         "operations": {"Op": {"input": {"shape": "In"}, "documentation": "more"}},
         "shapes": {"In": {"type": "structure", "members": {"A": {"shape": "S", "documentation": "a"}},
                           "documentation": "shape"}, "S": {"type": "string", "pattern": "[a-z]+"}}}


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The copies go to tmp_path (through sys.pycache_prefix, as bytecode would)."""
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path / "pycache"))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return tmp_path


def _source(directory: Path, model: dict[str, Any]) -> Path:
    source = directory / "service-2.json"
    source.write_text(json.dumps(model))
    return source


def _copies(directory: Path) -> list[Path]:
    return sorted((directory / "pycache").rglob(f"{model_cache._PREFIX}*.marshal"))


def test_documentation_is_left_out_and_the_rest_kept() -> None:
    stripped = model_cache.without_documentation(MODEL)
    assert "documentation" not in json.dumps(stripped)
    assert stripped["shapes"]["S"] == MODEL["shapes"]["S"]
    assert stripped["shapes"]["In"]["members"] == {"A": {"shape": "S"}}


def test_the_second_load_reads_the_copy(cache_dir: Path) -> None:
    source = _source(cache_dir, MODEL)
    first = model_cache.load("svc", source, lambda: json.loads(source.read_text()))
    assert len(_copies(cache_dir)) == 1

    def refuse() -> dict[str, Any]:
        raise AssertionError("the JSON was parsed again")

    assert model_cache.load("svc", source, refuse) == first == model_cache.without_documentation(MODEL)


def test_a_changed_source_is_parsed_again_and_replaces_the_copy(cache_dir: Path) -> None:
    source = _source(cache_dir, MODEL)
    model_cache.load("svc", source, lambda: json.loads(source.read_text()))
    changed = {**MODEL, "metadata": {"targetPrefix": "Y"}}
    _source(cache_dir, changed)
    stat = source.stat()
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    again = model_cache.load("svc", source, lambda: json.loads(source.read_text()))
    assert again["metadata"] == {"targetPrefix": "Y"}
    assert len(_copies(cache_dir)) == 1  # the copy of the older source is gone


def test_a_damaged_copy_is_parsed_around(cache_dir: Path) -> None:
    source = _source(cache_dir, MODEL)
    model_cache.load("svc", source, lambda: json.loads(source.read_text()))
    _copies(cache_dir)[0].write_bytes(b"\x00not marshal")
    assert model_cache.load("svc", source, lambda: json.loads(source.read_text()))["metadata"] == MODEL["metadata"]


def test_nothing_is_written_without_bytecode_writing(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    source = _source(cache_dir, MODEL)
    assert model_cache.load("svc", source, lambda: json.loads(source.read_text()))["operations"]
    assert _copies(cache_dir) == []


def test_an_unwritable_directory_is_no_error(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = cache_dir / "blocked"
    blocked.write_text("a file where the directory would go")
    monkeypatch.setattr(sys, "pycache_prefix", str(blocked))
    source = _source(cache_dir, MODEL)
    assert model_cache.load("svc", source, lambda: json.loads(source.read_text()))["shapes"]
