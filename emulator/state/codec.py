"""Records <-> bytes: how a record (a dataclass of the domain) is written to the store.

Pickle, because restart time matters (a start decodes every row: 1-2 s of a 100k-user restart) and
the records are plain dataclasses; but not the default pickle of a dataclass, which is positional
(adding a field would shift every value). Every dataclass is written as its class and a
``{field: value}`` map (fields holding an empty default left out) and rebuilt through its
``__init__``, so a field added with a default loads from an older file and a field that was
removed is ignored, by older and newer versions alike. Reading is restricted: only
the emulator's own dataclasses (and plain containers) can come out of a row, never an arbitrary
callable, so a state file cannot run code.
"""

from __future__ import annotations

import dataclasses
import importlib
import io
import operator
import pickle
from collections.abc import Callable
from typing import Any

PROTOCOL = 5


class CorruptRecord(ValueError):
    """A row that does not decode into the emulator's records."""


def _rebuild(cls: type, values: dict[str, Any]) -> Any:
    try:
        return cls(**values)  # the usual case: written by this version of the class
    except TypeError:  # a field this version no longer has (or a bad row: raised again below)
        names = {spec.name for spec in dataclasses.fields(cls) if spec.init}
        return cls(**{name: value for name, value in values.items() if name in names})


def _empty_type(spec: dataclasses.Field[Any]) -> type | None:
    """The type of the field's default when that default is empty (None, False, 0, "", an empty
    built-in container): a value of that type that is empty too is left out of the row and comes
    back from ``__init__``. None when the default is not empty (or there is none). Only a
    built-in type is called as a factory here (others may have effects)."""
    if spec.default is not dataclasses.MISSING:
        default = spec.default
    elif spec.default_factory in _EMPTY_TYPES:
        default = spec.default_factory()  # type: ignore[operator]  # a built-in type, not MISSING
    else:
        return None
    return type(default) if not default and type(default) in _EMPTY_TYPES else None


_EMPTY_TYPES = frozenset({type(None), bool, int, float, str, bytes, dict, list, tuple, set, frozenset})


class _Reducers(dict[type, Callable[[Any], Any]]):
    """``dispatch_table`` for the pickler: a by-name reducer made once per dataclass, found by
    the C pickler with one dict lookup per object (no Python call for plain values).

    A field holding its (empty) default is not written: most of a user's fields are empty
    (no MFA, devices, codes, sessions...), and every value left out is one less to encode,
    store and decode (a 100k-user restart decodes every row). Only empty defaults, never one
    like ``iterations = 100``, whose meaning would change with the class's default; and so an
    existing field's empty default must never change."""

    def __missing__(self, cls: type) -> Callable[[Any], Any]:
        if not dataclasses.is_dataclass(cls):
            raise KeyError(cls)
        specs = [spec for spec in dataclasses.fields(cls) if spec.init]
        names = tuple(spec.name for spec in specs)
        values = operator.attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),))
        layout = tuple((spec.name, _empty_type(spec)) for spec in specs)

        def reduce(obj: Any) -> Any:
            written = {name: value for (name, empty), value in zip(layout, values(obj), strict=True)
                       if not (type(value) is empty and not value)}
            return _rebuild, (cls, written)

        self[cls] = reduce
        return reduce


_REDUCERS = _Reducers()


_ALLOWED: dict[tuple[str, str], Any] = {(__name__, "_rebuild"): _rebuild}


def reduction(record: Any) -> Any:
    """How ``record`` (a dataclass) is written: its class and a ``{field: value}`` map."""
    return _REDUCERS[type(record)](record)


def register_reducer(cls: type, reduce: Callable[[Any], Any], *rebuilders: Callable[..., Any]) -> None:
    """A record type that is not written field by field (see users/credentials.py's deferred
    passwords); ``rebuilders`` are the functions its reduction names, which reading may call."""
    _REDUCERS[cls] = reduce
    for rebuilder in rebuilders:
        _ALLOWED[(rebuilder.__module__, rebuilder.__qualname__)] = rebuilder


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        found = _ALLOWED.get((module, name))
        if found is not None:
            return found
        if module.startswith("emulator."):
            found = getattr(importlib.import_module(module), name, None)
            if isinstance(found, type) and (dataclasses.is_dataclass(found) or getattr(found, "__persisted__", False)):
                _ALLOWED[(module, name)] = found
                return found
        raise CorruptRecord(f"a stored record names {module}.{name}, which is not one of the emulator's records")


def dumps(record: Any) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=PROTOCOL)
    pickler.dispatch_table = _REDUCERS  # type: ignore[assignment]
    pickler.dump(record)
    return buffer.getvalue()


def loads(data: bytes) -> Any:
    try:
        return _Unpickler(io.BytesIO(data)).load()
    except CorruptRecord:
        raise
    except Exception as error:  # any decoding failure is one kind of failure for the caller
        raise CorruptRecord(f"a stored record cannot be read: {error}") from None
