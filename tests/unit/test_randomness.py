"""All randomness comes from emulator/state/ids.py, so there is one place to audit it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from emulator.state import ids

PACKAGE = Path(__file__).resolve().parents[2] / "emulator"
SOURCE = "state/ids.py"
_RANDOM_MODULES = frozenset({"secrets", "random"})
_RANDOM_CALLS = frozenset({("uuid", "uuid1"), ("uuid", "uuid4"), ("os", "urandom")})


def randomness_used(source: str) -> list[str]:
    """``line: what`` for every import of a random module and use of a random function."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [f"{node.lineno}: import {a.name}" for a in node.names if a.name in _RANDOM_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            if node.module in _RANDOM_MODULES or any((node.module, a.name) in _RANDOM_CALLS for a in node.names):
                found.append(f"{node.lineno}: from {node.module} import ...")
        elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
              and (node.value.id, node.attr) in _RANDOM_CALLS):
            found.append(f"{node.lineno}: {node.value.id}.{node.attr}")
    return found


def test_randomness_comes_from_ids_only() -> None:
    bad = [
        f"emulator/{relative}:{use}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if (relative := path.relative_to(PACKAGE).as_posix()) != SOURCE
        for use in randomness_used(path.read_text(encoding="utf-8"))
    ]
    assert not bad, "use the helpers in emulator/state/ids.py:\n" + "\n".join(bad)


@pytest.mark.parametrize("source", ["import secrets", "from random import choice", "import uuid\nuuid.uuid4()",
                                    "from uuid import uuid4", "import os\nos.urandom(4)"])
def test_each_form_is_found(source: str) -> None:
    assert randomness_used(source)


def test_uuid_parsing_is_not_randomness() -> None:
    assert not randomness_used("import uuid\nuuid.UUID(int=1)")


def test_helpers() -> None:
    assert len(ids.token_bytes(7)) == 7
    assert 0 <= ids.randbelow(10) < 10
    assert ids.randbits(8) < 256
    assert ids.choice("ab") in "ab"
    items = list(range(20))
    ids.shuffle(items)
    assert sorted(items) == list(range(20))
    assert "=" not in ids.urlsafe_token(10)
    region, _, key = ids.device_key("eu-west-1").partition("_")
    assert region == "eu-west-1" and len(key) == 36
