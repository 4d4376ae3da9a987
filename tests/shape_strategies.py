"""Hypothesis strategies for an operation's input, built from botocore's input shape: mostly
values the model accepts (so requests get past validation into the operations), mixed with
broken constraints, wrong JSON types and hostile strings. Known names (``Known``) are drawn
often for ids and names, so operations meet a real pool, client and user."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from emulator.wire.models import Shape, load_service

HOSTILE = [
    "", " ", "\x00", "a\x00b", "\n\r\t", "\x7f", "\ud800", "\udfff", "\u202e", "\ufeff", "😀", "é" * 3,
    "../../etc/passwd", "%s%n%x", "${jndi:ldap://x}", "<script>alert(1)</script>", "' OR 1=1 --",
    "{{7*7}}", "a" * 5000, "\u0000" * 10, "null", "undefined", "NaN", "-1", "9" * 40,
]

# Deferred, so that one_of(..., WRONG_TYPES) counts it as one branch rather than seven.
WRONG_TYPES: st.SearchStrategy[Any] = st.deferred(lambda: st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=5),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
))


@dataclass
class Known:
    """Names that exist in the emulator under test, by the member names that carry them."""

    by_member: dict[str, list[str]] = field(default_factory=dict)

    def for_member(self, name: str) -> list[str]:
        return self.by_member.get(name, [])


def _length(shape: Shape) -> tuple[int, int]:
    low = int(shape.metadata.get("min", 0))
    high = int(shape.metadata.get("max", max(low, 40)))
    return low, min(high, max(low, 64))


def _valid_string(shape: Shape) -> st.SearchStrategy[str]:
    if shape.enum:
        return st.sampled_from(shape.enum)
    low, high = _length(shape)
    return st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7e), min_size=low, max_size=high)


def _string(shape: Shape, member: str, known: Known, broken: bool) -> st.SearchStrategy[Any]:
    low, high = _length(shape)
    names = known.for_member(member)
    if names and not broken:
        return st.one_of(st.sampled_from(names), st.sampled_from(names), st.sampled_from(names),
                         _valid_string(shape), _hostile_within(shape))
    options: list[st.SearchStrategy[Any]] = [_valid_string(shape), _valid_string(shape), _hostile_within(shape)]
    if names:
        options += [st.sampled_from(names)] * 2
    if broken:
        options.append(st.sampled_from(HOSTILE))
        if "max" in shape.metadata:  # one past the limit
            options.append(st.just("x" * (int(shape.metadata["max"]) + 1)))
        if low > 0:
            options.append(st.just("x" * (low - 1)))
        options.append(WRONG_TYPES)
    return st.one_of(options)


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= char <= "\udfff" for char in text)


def _hostile_within(shape: Shape) -> st.SearchStrategy[str]:
    """Hostile strings the model's lengths let through to the operation."""
    low, high = int(shape.metadata.get("min", 0)), int(shape.metadata.get("max", 10**6))
    fitting = [text for text in HOSTILE if low <= len(text) <= high and not _has_surrogate(text)] or ["x" * low]
    return st.sampled_from(fitting)


def _number(shape: Shape, integral: bool, broken: bool) -> st.SearchStrategy[Any]:
    low = shape.metadata.get("min")
    high = shape.metadata.get("max")
    valid = (st.integers(min_value=int(low) if low is not None else 0,
                         max_value=int(high) if high is not None else 10_000) if integral
             else st.floats(min_value=float(low) if low is not None else 0.0,
                            max_value=float(high) if high is not None else 1e6))
    if not broken:
        return valid
    wrong = st.sampled_from([-1, 0, 2**31, 2**63, -(2**63) - 1, 10**30, 1.5, 1e300])
    return st.one_of(valid, valid, wrong, WRONG_TYPES)


def value_for(shape: Shape, member: str, known: Known, depth: int = 0,
              broken: bool = False) -> st.SearchStrategy[Any]:
    """``broken``: also values the model refuses (wrong types, out of range, over length)."""
    kind = shape.type_name
    if depth > 4:
        return st.none()
    if kind == "string":
        return _string(shape, member, known, broken)
    if kind in ("integer", "long"):
        return _number(shape, True, broken)
    if kind in ("double", "float"):
        return _number(shape, False, broken)
    wrong = [WRONG_TYPES] if broken else []
    if kind == "boolean":
        return st.one_of(st.booleans(), *wrong)
    if kind == "timestamp":
        return st.one_of(st.integers(min_value=0, max_value=2**33), *wrong)
    if kind == "blob":
        return st.one_of(st.just("aGVsbG8="), *([st.sampled_from(["not base64!", ""])] if broken else []), *wrong)
    if kind == "list":
        item = value_for(shape.member, member, known, depth + 1, broken)
        low = int(shape.metadata.get("min", 0))
        high = max(min(int(shape.metadata.get("max", 3)), 3), low)
        return st.one_of(st.lists(item, min_size=0 if broken else low, max_size=high), *wrong)
    if kind == "map":
        keys = value_for(shape.key, "", known, depth + 1, broken).filter(lambda k: isinstance(k, str))
        values = value_for(shape.value, "", known, depth + 1, broken)
        return st.one_of(st.dictionaries(keys, values, max_size=3), *wrong)
    if kind == "structure":
        return structure(shape, known, depth + 1, broken)
    return WRONG_TYPES


def structure(shape: Shape, known: Known, depth: int = 0, broken: bool = False) -> st.SearchStrategy[Any]:
    """Required members present (mostly, when ``broken``), optional ones sometimes, now and
    then an unknown one."""
    if shape.metadata.get("document"):
        return st.dictionaries(st.text(max_size=5), st.integers(), max_size=2)
    required = set(shape.required_members)
    parts: dict[str, st.SearchStrategy[Any]] = {}
    for name, member_shape in shape.members.items():
        parts[name] = value_for(member_shape, name, known, depth, broken)

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        document: dict[str, Any] = {}
        for name, strategy in parts.items():
            wanted = draw(st.integers(0, 9)) < ((9 if broken else 10) if name in required else 3)
            if wanted:
                document[name] = draw(strategy)
        if draw(st.integers(0, 19)) == 0:
            document[draw(st.sampled_from(["Unknown", "__proto__", "constructor"]))] = 1
        return document

    return build()


def operation_input(service_name: str, operation: str, known: Known) -> st.SearchStrategy[Any]:
    """A request body for ``operation``: the input structure, or rarely not an object at all."""
    shape = load_service(service_name).input_shape(operation)
    if shape is None:
        return st.one_of(st.just({}), WRONG_TYPES)
    valid, broken = structure(shape, known), structure(shape, known, broken=True)

    @st.composite
    def body(draw: st.DrawFn) -> Any:
        """Six in ten valid by the model, three broken, one not an object at all."""
        mode = draw(st.integers(0, 9))
        return draw(WRONG_TYPES if mode == 0 else broken if mode <= 3 else valid)

    return body()
