"""Records <-> bytes: how a record (a dataclass of the domain) is written to the store.

Pickle, because restart time matters (100k users must load in well under two seconds) and the
records are plain dataclasses; but not the default pickle of a dataclass, which is positional
(adding a field would shift every value). Every dataclass is written as its class and a
``{field: value}`` map and rebuilt through its ``__init__``, so a field added with a default
loads from an older file and a field that was removed is ignored. Reading is restricted: only
the emulator's own dataclasses (and plain containers) can come out of a row, never an arbitrary
callable, so a state file cannot run code.
"""

from __future__ import annotations

import dataclasses
import importlib
import io
import pickle
from typing import Any

PROTOCOL = 5


class CorruptRecord(ValueError):
    """A row that does not decode into the emulator's records."""


def _rebuild(cls: type, values: dict[str, Any]) -> Any:
    names = _init_fields(cls)
    return cls(**{name: value for name, value in values.items() if name in names})


_INIT_FIELDS: dict[type, frozenset[str]] = {}


def _init_fields(cls: type) -> frozenset[str]:
    names = _INIT_FIELDS.get(cls)
    if names is None:
        names = frozenset(f.name for f in dataclasses.fields(cls) if f.init)
        _INIT_FIELDS[cls] = names
    return names


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        if dataclasses.is_dataclass(cls):
            return _rebuild, (cls, {name: getattr(obj, name) for name in _init_fields(cls)})
        return NotImplemented


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == "_rebuild":
            return _rebuild
        if module.startswith("emulator."):
            found = getattr(importlib.import_module(module), name, None)
            if isinstance(found, type) and (dataclasses.is_dataclass(found) or getattr(found, "__persisted__", False)):
                return found
        raise CorruptRecord(f"a stored record names {module}.{name}, which is not one of the emulator's records")


def dumps(record: Any) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=PROTOCOL).dump(record)
    return buffer.getvalue()


def loads(data: bytes) -> Any:
    try:
        return _Unpickler(io.BytesIO(data)).load()
    except CorruptRecord:
        raise
    except Exception as error:  # any decoding failure is one kind of failure for the caller
        raise CorruptRecord(f"a stored record cannot be read: {error}") from None
