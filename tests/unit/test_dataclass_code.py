"""The command line's stored dataclass methods (emulator/dataclass_code.py): a second process
gets the first one's compiled code, and the classes behave exactly as compiled ones."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import dataclasses
from emulator import dataclass_code
dataclass_code.install()

@dataclasses.dataclass(slots=True, frozen=True)
class Probe:
    name: str
    count: int = 0
    tags: tuple[str, ...] = dataclasses.field(default_factory=tuple)

probe = Probe("a", 2)
assert probe == Probe("a", 2) and probe != Probe("b")
assert repr(probe) == "Probe(name='a', count=2, tags=())", repr(probe)
assert hash(probe) == hash(Probe("a", 2))
try:
    probe.count = 3
except dataclasses.FrozenInstanceError:
    pass
else:
    raise AssertionError("frozen")
print("compiled" if dataclass_code._compiled_new else "stored")
"""


def _run(prefix: Path, *, no_writes: bool = False) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(prefix)  # the cache lands here, not in the source tree
    if no_writes:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=True)
    return done.stdout.strip()


def test_a_second_process_uses_the_first_ones_code(tmp_path: Path) -> None:
    assert _run(tmp_path) == "compiled"
    assert list(tmp_path.rglob("dataclass-methods.*.marshal"))
    assert _run(tmp_path) == "stored"


def test_nothing_is_written_without_bytecode_writes(tmp_path: Path) -> None:
    assert _run(tmp_path, no_writes=True) == "compiled"
    assert not list(tmp_path.rglob("dataclass-methods.*.marshal"))
    assert _run(tmp_path, no_writes=True) == "compiled"


def test_a_damaged_file_is_compiled_over(tmp_path: Path) -> None:
    _run(tmp_path)
    (stored,) = tmp_path.rglob("dataclass-methods.*.marshal")
    stored.write_bytes(b"\x00garbage")
    assert _run(tmp_path) == "compiled"
    assert _run(tmp_path) == "stored"
