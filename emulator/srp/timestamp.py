"""The TIMESTAMP of PASSWORD_VERIFIER answers: ``EEE MMM d HH:mm:ss UTC yyyy`` in English.

AWS parses it with Java's ``EEE MMM d HH:mm:ss z yyyy`` and signs its own canonical re-formatting. So a
string Java cannot parse is an InvalidParameterException, while one it parses but would print
differently (``Sep 05``, a weekday that does not match the date, ``GMT``) simply fails the signature:
``Incorrect username or password.``. Both are reproduced here with distinct exceptions.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

TIMESTAMP_FORMAT_MESSAGE = "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english."
DEFAULT_MAX_SKEW = timedelta(minutes=5)

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_UTC_NAMES = frozenset({"utc", "gmt", "ut", "z"})

# Java's parser takes short or long English names case-insensitively and 1+ digits per number field;
# what it would print is decided afterwards by re-formatting.
_PATTERN = re.compile(
    r"(?P<wd>[A-Za-z]{3,9}) (?P<mon>[A-Za-z]{3,9}) (?P<day>\d{1,2}) "
    r"(?P<h>\d{1,2}):(?P<m>\d{1,2}):(?P<s>\d{1,2}) (?P<zone>[A-Za-z]{1,3}(?:[+-]\d{1,2}(?::?\d{2})?)?"
    r"|[+-]\d{4}) (?P<year>\d{4})",
    re.ASCII,
)
_OFFSET = re.compile(r"(?:[A-Za-z]{1,3})?(?P<sign>[+-])(?P<h>\d{1,2}):?(?P<m>\d{2})?", re.ASCII)


class TimestampError(ValueError):
    """Base class for TIMESTAMP refusals."""


class TimestampFormatError(TimestampError):
    """Unparseable: AWS answers InvalidParameterException with TIMESTAMP_FORMAT_MESSAGE."""

    def __init__(self, text: str) -> None:
        super().__init__(f"{TIMESTAMP_FORMAT_MESSAGE} (got {text!r})")


class TimestampRejectedError(TimestampError):
    """Parseable but refused: AWS answers NotAuthorizedException 'Incorrect username or password.'."""


class TimestampNotCanonicalError(TimestampRejectedError):
    """Parsed, but the canonical re-formatting differs (padded day, wrong weekday, non-UTC zone...)."""


class TimestampSkewError(TimestampRejectedError):
    """Too far from the server clock."""


def _name_index(token: str, short: tuple[str, ...], full: tuple[str, ...]) -> int:
    low = token.lower()
    for i, (s, f) in enumerate(zip(short, full, strict=True)):
        if low == s.lower() or low == f:
            return i
    raise ValueError(token)


def _zone(token: str) -> timezone:
    if token.lower() in _UTC_NAMES:
        return UTC
    match = _OFFSET.fullmatch(token)
    if match is None or (token[0].isalpha() and not token.lower().startswith(("gmt", "utc"))):
        raise ValueError(token)
    minutes = int(match["h"]) * 60 + int(match["m"] or 0)
    if minutes >= 24 * 60:
        raise ValueError(token)
    return timezone(timedelta(minutes=-minutes if match["sign"] == "-" else minutes))


def parse_timestamp(text: str) -> datetime:
    """Parse like Java's ``EEE MMM d HH:mm:ss z yyyy`` (English); returns an aware UTC datetime.

    Out-of-range fields (``Feb 30``, ``24:00:00``) are treated as unparseable rather than rolled over.
    The weekday must be a weekday name but is not checked against the date here (see canonical form).
    """
    match = _PATTERN.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise TimestampFormatError(str(text))
    try:
        _name_index(match["wd"], _WEEKDAYS, _WEEKDAY_NAMES)
        month = _name_index(match["mon"], _MONTHS, _MONTH_NAMES) + 1
        zone = _zone(match["zone"])
        parsed = datetime(
            int(match["year"]), month, int(match["day"]),
            int(match["h"]), int(match["m"]), int(match["s"]), tzinfo=zone,
        )  # fmt: skip
    except ValueError as exc:
        raise TimestampFormatError(text) from exc
    return parsed.astimezone(UTC)


def format_timestamp(when: datetime) -> str:
    """The canonical form the clients produce: ``Tue Feb 3 04:05:06 UTC 2026`` (day not zero-padded)."""
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    return (
        f"{_WEEKDAYS[when.weekday()]} {_MONTHS[when.month - 1]} {when.day} "
        f"{when.hour:02d}:{when.minute:02d}:{when.second:02d} UTC {when.year:04d}"
    )


def canonical_timestamp(text: str) -> str:
    """What AWS signs for a given TIMESTAMP: its parse, re-formatted. Raises TimestampFormatError."""
    return format_timestamp(parse_timestamp(text))


def check_skew(when: datetime, now: float | datetime, max_skew: timedelta = DEFAULT_MAX_SKEW) -> None:
    """Refuse a TIMESTAMP more than ``max_skew`` from ``now`` (epoch seconds from the injected clock, or
    an aware datetime), in either direction."""
    now_dt = datetime.fromtimestamp(now, UTC) if isinstance(now, int | float) else now
    if abs(when - now_dt) > max_skew:
        raise TimestampSkewError(f"TIMESTAMP {format_timestamp(when)} is outside the allowed clock skew")


def check_timestamp(text: str, now: float | datetime, max_skew: timedelta = DEFAULT_MAX_SKEW) -> str:
    """Full PASSWORD_VERIFIER TIMESTAMP check; returns the canonical string (equal to ``text``).

    Raises TimestampFormatError (-> InvalidParameterException) or a TimestampRejectedError
    (-> NotAuthorizedException 'Incorrect username or password.').
    """
    when = parse_timestamp(text)
    canonical = format_timestamp(when)
    if canonical != text:
        raise TimestampNotCanonicalError(f"TIMESTAMP {text!r} is not canonical ({canonical!r})")
    check_skew(when, now, max_skew)
    return canonical
