"""Compiled dataclass methods, kept beside the emulator's bytecode.

Python's ``dataclasses`` writes each generated method (``__init__``, ``__repr__``, ``__eq__``...)
as source text and ``exec``s it. Compiling that text was ~15 ms of every start (about 40
dataclasses are made before the first answer; two thirds of their cost), paid again by every
process although the text never changes. The code object ``compile`` makes depends on the text
alone, so this keeps text -> code in ``marshal`` form (what ``.pyc`` files use) in the
``__pycache__`` directory of this package, and hands ``dataclasses`` the stored code instead of
compiling.

The hook is the name ``exec`` in the ``dataclasses`` module's globals (which the module looks up
before the builtin): nothing else changes, a text not seen before is compiled as always, and
the file is one per interpreter cache tag. As for bytecode, nothing is written under
``PYTHONDONTWRITEBYTECODE``, and a directory that cannot be written costs only the compiling.
Installed by the command line alone (``emulator.cli``), not by importing the package as a
library; the file is rewritten at exit when the run compiled something new.
"""

from __future__ import annotations

import atexit
import builtins
import contextlib
import dataclasses
import importlib.util
import marshal
import os
import sys
from pathlib import Path
from types import CodeType
from typing import Any

_NAME = "dataclass-methods.{tag}.marshal"
_codes: dict[str, CodeType] = {}  # read from the file
_used: dict[str, CodeType] = {}  # what this run needed: the next file
_compiled_new = False


def install() -> None:
    """Serve ``dataclasses``' method texts from the stored code (idempotent)."""
    if getattr(dataclasses, "exec", None) is _exec:
        return
    path = _path()
    if path is not None:
        with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
            stored = marshal.loads(path.read_bytes())
            if isinstance(stored, dict):
                _codes.update(stored)
        if not sys.dont_write_bytecode:
            atexit.register(_save, path)
    dataclasses.exec = _exec  # type: ignore[attr-defined]


def _exec(source: Any, globals: dict[str, Any] | None = None, locals: dict[str, Any] | None = None) -> None:
    global _compiled_new
    if not isinstance(source, str):
        builtins.exec(source, globals, locals)
        return
    code = _codes.get(source)
    if code is None:
        code = _codes[source] = compile(source, "<string>", "exec")
        _compiled_new = True
    _used[source] = code
    builtins.exec(code, globals, locals)


def _path() -> Path | None:
    try:
        bytecode = importlib.util.cache_from_source(__file__)  # honours sys.pycache_prefix
    except NotImplementedError:  # no cache tag: bytecode caching is off for this interpreter
        return None
    return Path(bytecode).parent / _NAME.format(tag=sys.implementation.cache_tag)


def _save(path: Path) -> None:
    """Atomically (several emulators may stop at once); only what this run used, so texts of
    classes since changed do not pile up."""
    if not _compiled_new:
        return
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(marshal.dumps(_used))
        os.replace(temporary, path)
    except (OSError, ValueError):  # read-only install; ValueError: an unmarshallable constant
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
