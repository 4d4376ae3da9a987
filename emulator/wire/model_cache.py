"""A compiled copy of each botocore service model, kept beside the emulator's bytecode.

Parsing cognito-idp's ``service-2.json`` (~1 MB of JSON, 70% of it documentation) is ~25 ms of
every start, and its documentation strings ~1 MB of resident memory nothing reads. So the model
is stored once without its ``documentation`` members, in ``marshal`` form (what ``.pyc`` files
use; a load is ~5 ms), in the ``__pycache__`` directory Python writes this package's bytecode to.

The file name carries the source file's path, size and modification time and the interpreter's
cache tag, so a botocore upgrade or another Python reads the JSON again (and replaces the copy);
the rules are those of bytecode: nothing is written under ``PYTHONDONTWRITEBYTECODE``, and a
directory that cannot be written means reading the JSON each time, nothing worse.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import marshal
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

_PREFIX = "botocore-model-"


def load(service_name: str, source: Path, parse: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The model in ``source`` without documentation: from the compiled copy when it is current,
    else ``parse()`` stripped (and the copy written for the next start)."""
    path = _cache_path(service_name, source)
    if path is not None:
        try:
            data = marshal.loads(path.read_bytes())
            if isinstance(data, dict):
                return data
        except (OSError, EOFError, ValueError, TypeError):
            pass  # missing, stale or damaged: parse the JSON again
    data = without_documentation(parse())
    if path is not None and not sys.dont_write_bytecode:
        _write(path, data)
    return data


def without_documentation(value: Any) -> Any:
    """The model minus every ``documentation`` member (HTML prose for humans; never read here)."""
    if isinstance(value, dict):
        return {key: without_documentation(item) for key, item in value.items() if key != "documentation"}
    if isinstance(value, list):
        return [without_documentation(item) for item in value]
    return value


def _cache_path(service_name: str, source: Path) -> Path | None:
    try:
        stat = source.stat()
        bytecode = importlib.util.cache_from_source(__file__)  # honours sys.pycache_prefix
    except (OSError, NotImplementedError):  # no cache tag: bytecode caching is off for this interpreter
        return None
    identity = hashlib.sha256(f"{source.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    tag = sys.implementation.cache_tag
    return Path(bytecode).parent / f"{_PREFIX}{service_name}.{identity}.{tag}.marshal"


def _write(path: Path, data: dict[str, Any]) -> None:
    """Atomically (several emulators may start at once); copies for older sources are removed."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(marshal.dumps(data))
        os.replace(temporary, path)
        service = path.name.split(".", 1)[0]
        for stale in path.parent.glob(f"{service}.*.marshal"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:  # read-only install, no such directory: the next start parses the JSON again
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
