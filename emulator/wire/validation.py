"""Validate a parsed JSON body against a botocore input shape, as AWS's Coral framework does.

Two kinds of failure, as AWS answers them:

* a member of the wrong JSON type is a ``SerializationException`` raised at once
  (Coral fails while deserialising, before any constraint is looked at);
* constraint violations (required, length, range, pattern, enum) are collected and
  reported together as one ``InvalidParameterException`` worded like
  ``2 validation errors detected: Value '' at 'confirmationCode' failed to satisfy
  constraint: Member must satisfy regular expression pattern: [\\S]+; ...``.

Paths use the wire name with a lower-case first letter; members of a list of structures
are ``schema.1.member.name`` (1-based), while a list of scalars and a map report their
entries' violations on the list or map itself, as Coral does. Values of
sensitive members are never echoed. Unknown members are ignored, as AWS ignores them.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from collections.abc import Callable, Collection
from functools import cache
from typing import Any, Protocol

from emulator.wire.errors import AwsError, InvalidParameterException, SerializationException, ValidationException
from emulator.wire.models import Shape

Problems = list[str]
_NESTED = frozenset({"structure", "list", "map"})

# Model constraints the real service does not enforce at the wire (the operation checks
# what AWS does check): Cognito takes custom domains like "auth.example.com" although
# DomainType's pattern and 63-character limit only fit a prefix domain.
_NOT_ENFORCED: dict[str, frozenset[str]] = {"DomainType": frozenset({"pattern", "max"})}


# The code each service answers model violations with: cognito-identity says ValidationException
# (seen in AWS's answer quoted in getmoto/moto#1979), cognito-idp InvalidParameterException.
_VIOLATION_CODE: dict[str, type[AwsError]] = {"cognito-identity": ValidationException}


def validate_input(shape: Shape | None, params: dict[str, Any], members: Collection[str] | None = None) -> None:
    """Raise the AWS error for the first type mismatch, or all constraint violations. With
    ``members``, only those members are checked (a seed file's many users of one pool: the pool
    id is the same for each)."""
    if shape is None:
        return
    if members is None:
        if _valid(shape)(params):
            return
    elif all(_member_valid(shape, name, params.get(name)) for name in members):
        return
    problems: Problems = []  # something is wrong: the full walk words it as Coral does
    if members is None:
        _check_structure(shape, params, "", problems, sensitive=False)
    else:
        for name in members:
            member = shape.members[name]
            value = params.get(name)
            if value is None:
                if name in shape.required_members:
                    problems.append(
                        f"Value null at '{_wire_path('', name)}' failed to satisfy constraint: Member must not be null")
                continue
            _check_value(member, value, _wire_path("", name), problems, False)
    if problems:
        count = len(problems)
        noun = "error" if count == 1 else "errors"
        error = _VIOLATION_CODE.get(shape.service_name, InvalidParameterException)
        raise error(f"{count} validation {noun} detected: " + "; ".join(problems))


# ---------------------------------------------------------------- the fast yes
# Nearly every request is valid. One predicate per shape, made once, answers "valid?" with
# plain comparisons; only a "no" walks the shape again with the checks below, which build
# paths and messages. A predicate accepts exactly what the checks accept (a test holds them to
# it), so neither answers nor error texts depend on which ran.

Valid = Callable[[Any], bool]


def _member_valid(shape: Shape, name: str, value: Any) -> bool:
    if value is None:
        return name not in shape.required_members
    return _valid(shape.members[name])(value)


_PREDICATES: dict[Shape, Valid] = {}


def _valid(shape: Shape) -> Valid:
    """The predicate for one shape, made on first use. A container's predicate is registered
    before its members' are made, so a shape that contains itself finds it."""
    found = _PREDICATES.get(shape)
    if found is not None:
        return found
    kind = shape.type_name
    if kind in ("structure", "list", "map"):
        parts: list[Any] = []
        made = _CONTAINERS[kind](shape, parts)
        _PREDICATES[shape] = made
        if kind == "structure":
            required = shape.required_members
            parts.extend((name, name in required, _valid(member)) for name, member in shape.members.items())
        elif kind == "list":
            parts.append(_valid(shape.member))
        else:
            parts.extend((_valid(shape.key), _valid(shape.value)))
        return made
    if kind == "string":
        made = _string_valid(shape)
    elif kind in ("integer", "long", "float", "double"):
        made = _number_valid(shape, integral=kind in ("integer", "long"))
    elif kind == "boolean":
        made = _is_bool
    elif kind == "timestamp":
        made = _is_number
    elif kind == "blob":
        made = _blob_valid(shape)
    else:
        made = _always  # no check for this type: anything JSON goes
    _PREDICATES[shape] = made
    return made


def _structure_valid(shape: Shape, table: list[tuple[str, bool, Valid]]) -> Valid:
    def valid(value: Any) -> bool:
        if not isinstance(value, dict):
            return False
        get = value.get
        for name, required, member_valid in table:
            member = get(name)
            if member is None:
                if required:
                    return False
            elif not member_valid(member):
                return False
        return True
    return valid


def _list_valid(shape: Shape, item: list[Valid]) -> Valid:
    def entries(value: list[Any]) -> bool:
        item_valid = item[0]
        return all(entry is None or item_valid(entry) for entry in value)
    return _sized(shape, list, entries)


def _map_valid(shape: Shape, parts: list[Valid]) -> Valid:
    def entries(value: dict[Any, Any]) -> bool:
        key_valid, value_valid = parts
        return all(key_valid(key) and (entry is None or value_valid(entry)) for key, entry in value.items())
    return _sized(shape, dict, entries)


def _sized(shape: Shape, kind: type[list[Any]] | type[dict[Any, Any]], entries: Callable[[Any], bool]) -> Valid:
    """A list or map: its JSON type, its length within the shape's limits, then its entries."""
    low, high = _length_limits(shape)

    def valid(value: Any) -> bool:
        return isinstance(value, kind) and _fits(len(value), low, high) and entries(value)
    return valid


def _length_limits(shape: Shape) -> tuple[Any, Any]:
    return _constraint(shape, "min"), _constraint(shape, "max")


def _fits(length: int, low: Any, high: Any) -> bool:
    return (low is None or length >= low) and (high is None or length <= high)


_CONTAINERS: dict[str, Callable[[Shape, list[Any]], Valid]] = {
    "structure": _structure_valid, "list": _list_valid, "map": _map_valid}


def _string_valid(shape: Shape) -> Valid:
    limits = _enforced(shape)
    enum = frozenset(limits["enum"]) if limits.get("enum") else None
    pattern = limits.get("pattern")
    low, high = _length_limits(shape)
    matcher: list[Callable[[str], object]] = []  # compiled on the first value: some need ``regex``

    def valid(value: Any) -> bool:
        if not isinstance(value, str) or not _fits(len(value), low, high):
            return False
        if enum is not None and value not in enum:
            return False
        if pattern is None:
            return True
        if not matcher:
            matcher.append(_compiled(pattern).fullmatch)
        return matcher[0](value) is not None
    return valid


def _number_valid(shape: Shape, *, integral: bool) -> Valid:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    kinds = int if integral else (int, float)

    def valid(value: Any) -> bool:
        if isinstance(value, bool) or not isinstance(value, kinds):
            return False
        return (low is None or value >= low) and (high is None or value <= high)
    return valid


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, (int, float))


def _blob_valid(shape: Shape) -> Valid:
    low, high = _length_limits(shape)

    def valid(value: Any) -> bool:
        if not isinstance(value, str):
            return False
        try:
            length = len(base64.b64decode(value, validate=True))
        except (binascii.Error, ValueError):
            return False
        return _fits(length, low, high)
    return valid


def _always(value: Any) -> bool:
    return True


# ---------------------------------------------------------------- the full checks


def _wire_path(prefix: str, member: str) -> str:
    name = member[:1].lower() + member[1:]
    return f"{prefix}.{name}" if prefix else name


def _check_structure(
    shape: Shape, value: Any, path: str, problems: Problems, sensitive: bool
) -> None:
    if not isinstance(value, dict):
        raise SerializationException(_type_mismatch(value, "structure"))
    required = shape.required_members
    for name, member in shape.members.items():
        member_value = value.get(name)
        if member_value is None:
            if name in required:
                problems.append(
                    f"Value null at '{_wire_path(path, name)}' failed to satisfy constraint: Member must not be null"
                )
            continue
        _check_value(member, member_value, _wire_path(path, name), problems, sensitive)


def _check_value(shape: Shape, value: Any, path: str, problems: Problems, sensitive: bool) -> None:
    sensitive = sensitive or bool(shape.metadata.get("sensitive"))
    check = _TYPE_CHECKS.get(shape.type_name)
    if check is None:  # document: anything JSON goes
        return
    check(shape, value, path, problems, sensitive)


def _check_list(shape: Shape, value: Any, path: str, problems: Problems, sensitive: bool) -> None:
    if not isinstance(value, list):
        raise SerializationException(_type_mismatch(value, "list"))
    if shape.member.type_name in _NESTED:
        for index, item in enumerate(value, start=1):
            if item is not None:
                _check_value(shape.member, item, f"{path}.{index}.member", problems, sensitive)
    else:  # Coral reports scalar members on the list itself: "Member must satisfy constraint: [...]"
        found = [text for item in value if item is not None
                 for text in _entry_constraints(shape.member, item)]
        if found:
            shown = _render(value, sensitive or bool(shape.member.metadata.get("sensitive")))
            problems.append(
                f"{shown} at '{path}' failed to satisfy constraint: "
                f"Member must satisfy constraint: [{', '.join(dict.fromkeys(found))}]"
            )
    _check_length(shape, value, len(value), path, problems, sensitive)


def _check_map(shape: Shape, value: Any, path: str, problems: Problems, sensitive: bool) -> None:
    if not isinstance(value, dict):
        raise SerializationException(_type_mismatch(value, "map"))
    key_problems: list[str] = []
    value_problems: list[str] = []
    for key, item in value.items():
        key_problems += _entry_constraints(shape.key, key)
        if item is not None:
            value_problems += _entry_constraints(shape.value, item)
    shown = _render(value, sensitive or bool(shape.value.metadata.get("sensitive")))
    for label, found in (("Map keys", key_problems), ("Map value", value_problems)):
        if found:
            unique = list(dict.fromkeys(found))
            problems.append(
                f"{shown} at '{path}' failed to satisfy constraint: "
                f"{label} must satisfy constraint: [{', '.join(unique)}]"
            )
    _check_length(shape, value, len(value), path, problems, sensitive)


def _entry_constraints(shape: Shape, value: Any) -> list[str]:
    """Constraint texts ("Member must ...") one map key or value breaks, for Coral's map wording."""
    nested: Problems = []
    _check_value(shape, value, "", nested, sensitive=True)
    return [problem.split("failed to satisfy constraint: ", 1)[1] for problem in nested]


def _check_string(shape: Shape, value: Any, path: str, problems: Problems, sensitive: bool) -> None:
    if not isinstance(value, str):
        raise SerializationException(_type_mismatch(value, "String"))
    limits = _enforced(shape)
    enum = limits.get("enum")
    if enum and value not in enum:
        problems.append(
            f"{_render(value, sensitive)} at '{path}' failed to satisfy constraint: "
            f"Member must satisfy enum value set: [{', '.join(enum)}]"
        )
    pattern = limits.get("pattern")
    if pattern is not None and _compiled(pattern).fullmatch(value) is None:
        problems.append(
            f"{_render(value, sensitive)} at '{path}' failed to satisfy constraint: "
            f"Member must satisfy regular expression pattern: {pattern}"
        )
    if "min" in limits or "max" in limits:
        _check_length(shape, value, len(value), path, problems, sensitive)


def _check_blob(shape: Shape, value: Any, path: str, problems: Problems, sensitive: bool) -> None:
    if not isinstance(value, str):
        raise SerializationException(_type_mismatch(value, "ByteBuffer"))
    try:
        decoded = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise SerializationException("Base64 encoded value expected but not found.") from None
    _check_length(shape, value, len(decoded), path, problems, sensitive)


def _check_integer(shape: Shape, value: Any, path: str, problems: Problems, sensitive: bool) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SerializationException(_type_mismatch(value, "Integer"))
    _check_range(shape, value, path, problems, sensitive)


def _check_double(shape: Shape, value: Any, path: str, problems: Problems, sensitive: bool) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SerializationException(_type_mismatch(value, "Double"))
    _check_range(shape, value, path, problems, sensitive)


def _check_boolean(shape: Shape, value: Any, path: str, problems: Problems, sensitive: bool) -> None:
    if not isinstance(value, bool):
        raise SerializationException(_type_mismatch(value, "Boolean"))


def _check_timestamp(shape: Shape, value: Any, path: str, problems: Problems, sensitive: bool) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SerializationException(_type_mismatch(value, "Date"))


def _check_length(
    shape: Shape, value: Any, length: int, path: str, problems: Problems, sensitive: bool
) -> None:
    low, high = _length_limits(shape)
    if high is not None and length > high:
        problems.append(
            f"{_render(value, sensitive)} at '{path}' failed to satisfy constraint: "
            f"Member must have length less than or equal to {high}"
        )
    if low is not None and length < low:
        problems.append(
            f"{_render(value, sensitive)} at '{path}' failed to satisfy constraint: "
            f"Member must have length greater than or equal to {low}"
        )


def _check_range(shape: Shape, value: float, path: str, problems: Problems, sensitive: bool) -> None:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    if high is not None and value > high:
        problems.append(
            f"{_render(value, sensitive)} at '{path}' failed to satisfy constraint: "
            f"Member must have value less than or equal to {high}"
        )
    if low is not None and value < low:
        problems.append(
            f"{_render(value, sensitive)} at '{path}' failed to satisfy constraint: "
            f"Member must have value greater than or equal to {low}"
        )


def _constraint(shape: Shape, name: str) -> Any:
    return _enforced(shape).get(name)


@cache
def _enforced(shape: Shape) -> dict[str, Any]:
    """The shape's constraints minus those AWS does not enforce, once per shape (checked per value)."""
    skipped = _NOT_ENFORCED.get(shape.name, frozenset())
    return {name: value for name, value in shape.metadata.items() if name not in skipped}


Check = Callable[[Shape, Any, str, Problems, bool], None]

_TYPE_CHECKS: dict[str, Check] = {
    "structure": lambda s, v, p, pr, se: _check_structure(s, v, p, pr, se),  # type: ignore[arg-type]
    "list": _check_list,
    "map": _check_map,
    "string": _check_string,
    "blob": _check_blob,
    "integer": _check_integer,
    "long": _check_integer,
    "float": _check_double,
    "double": _check_double,
    "boolean": _check_boolean,
    "timestamp": _check_timestamp,
}


def _render(value: Any, sensitive: bool) -> str:
    """Coral's "Value '<v>'" prefix, or just "Value" when the member is sensitive."""
    if sensitive:
        return "Value"
    return f"Value '{_java_text(value)}'"


def _java_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_java_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={_java_text(v)}" for k, v in value.items()) + "}"
    return str(value)


_JSON_KIND: dict[type, str] = {
    dict: "Start of structure or map found where not expected.",
    list: "Start of list found where not expected.",
}
_CORAL_CLASS: dict[type, str] = {
    bool: "java.lang.Boolean",
    int: "com.amazon.coral.value.json.numbers.TruncatingBigNumber",
    float: "com.amazon.coral.value.json.numbers.TruncatingBigNumber",
    str: "java.lang.String",
}


def _type_mismatch(value: Any, expected: str) -> str:
    """Coral's deserialiser messages, as seen from real Cognito."""
    if type(value) in _JSON_KIND and expected not in ("structure", "map", "list"):
        return _JSON_KIND[type(value)]
    if expected in ("structure", "map"):
        return f"Expected a JSON object for a {expected}, found {_json_type(value)}."
    if expected == "list":
        return f"Expected a JSON array for a list, found {_json_type(value)}."
    return f"class {_CORAL_CLASS.get(type(value), 'java.lang.Object')} can not be converted to an {expected}"


def _json_type(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean"}.get(type(value), "number")


@cache
def _compiled(pattern: str) -> _Matcher:
    """Patterns with Unicode properties (``\\p{L}``) need the ``regex`` module; the rest compile
    with ``re``, so ``regex`` (~20 ms to import) loads only when such a pattern is first checked."""
    categories = _CATEGORY_CLASS.fullmatch(pattern)
    if categories is not None:  # e.g. the usernames' [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+
        return _Categories(categories.group(1), categories.group(2) == "+")
    translated = _java_to_python(pattern)
    if "\\p" not in translated and "\\P" not in translated:
        try:
            return re.compile(translated)
        except re.error:
            pass
    import regex

    return regex.compile(translated)  # type: ignore[no-any-return]


class _Matcher(Protocol):
    def fullmatch(self, value: str) -> object: ...


_CATEGORY_CLASS = re.compile(r"\[((?:\\p\{[LMSNPZC]\}|\\[tnr]| )+)\]([+*])")
_ESCAPES = {"\\t": "\t", "\\n": "\n", "\\r": "\r", " ": " "}


class _Categories:
    """``[\\p{L}\\p{N}...]+`` without the ``regex`` module: every character's Unicode general
    category is one of the listed major classes."""

    def __init__(self, body: str, non_empty: bool) -> None:
        self.majors = frozenset(re.findall(r"\\p\{(\w)\}", body))
        self.extra = frozenset(_ESCAPES[e] for e in re.findall(r"\\[tnr]| ", body))
        self.non_empty = non_empty
        # ASCII text (nearly every value) is checked by one C-level match: the class spelled out.
        ascii_chars = [chr(code) for code in range(128)
                       if chr(code) in self.extra or unicodedata.category(chr(code))[0] in self.majors]
        self._ascii = re.compile(f"[{re.escape(''.join(ascii_chars))}]{'+' if non_empty else '*'}")

    def fullmatch(self, value: str) -> bool | None:
        if self.non_empty and not value:
            return None
        if value.isascii():
            return self._ascii.fullmatch(value) is not None or None
        return all(c in self.extra or unicodedata.category(c)[0] in self.majors for c in value) or None


_ASCII_CLASSES = {"w": "A-Za-z0-9_", "d": "0-9"}


def _java_to_python(pattern: str) -> str:
    """Java's \\w and \\d are ASCII-only while \\p{L} is Unicode; spell the former out."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            escaped = pattern[i + 1]
            if escaped in _ASCII_CLASSES:
                body = _ASCII_CLASSES[escaped]
                out.append(body if in_class else f"[{body}]")
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        out.append(char)
        i += 1
    return "".join(out)
