"""Checks for the seed members that are not API input (so botocore's shapes cannot check
them): each raises a SeedError naming the entry and the member."""

from __future__ import annotations

import base64
import binascii
import math
import uuid
from typing import Any

from emulator.seeding.errors import SeedError


def boolean(entry: dict[str, Any], key: str, default: bool, where: str) -> bool:
    value = entry.get(key, default)
    if not isinstance(value, bool):
        raise SeedError(f"{where}: {key} must be true or false")
    return value


def epoch_seconds(entry: dict[str, Any], key: str, where: str) -> float | None:
    """An instant as JSON numbers carry it (seconds since the epoch, like the API's dates)."""
    value = entry.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise SeedError(f"{where}: {key} must be a non-negative number of seconds since the epoch")
    return float(value)


def base64_bytes(entry: dict[str, Any], key: str, where: str, *, size: int | None = None,
                 most: int = 1024) -> bytes:
    """Standard base64 with padding; ``size`` when the length is fixed, else 1..``most`` bytes."""
    value = entry.get(key)
    try:
        if not isinstance(value, str):
            raise ValueError
        decoded = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise SeedError(f"{where}: {key} must be a base64 string (standard alphabet, padded)") from None
    if size is not None and len(decoded) != size:
        raise SeedError(f"{where}: {key} must decode to {size} bytes, not {len(decoded)}")
    if size is None and not 1 <= len(decoded) <= most:
        raise SeedError(f"{where}: {key} must decode to 1 to {most} bytes")
    return decoded


def canonical_uuid(value: Any, key: str, where: str) -> str:
    """A UUID written as AWS writes ``sub`` values: lower-case, hyphenated."""
    try:
        if not isinstance(value, str) or str(uuid.UUID(value)) != value:
            raise ValueError
    except ValueError:
        raise SeedError(f"{where}: {key} must be a lower-case UUID such as "
                        "'0f8fad5b-d9cb-469f-a165-70867728950e'") from None
    return value


def is_canonical_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def unknown_keys(entry: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = set(entry) - allowed
    if unknown:
        raise SeedError(f"{where}: unknown keys {sorted(unknown)}; expected {sorted(allowed)}")
