"""TIMESTAMP rules: canonical strings pass, parseable-but-different ones are refused like a wrong password,
unparseable ones are an InvalidParameterException."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from pycognito.aws_srp import AWSSRP

from emulator import srp
from tests.unit.test_srp_vectors import VECTORS

VECTOR_TIMESTAMPS = [v["timestamp"] for v in VECTORS["user_srp"]] + [VECTORS["device_srp_auth"]["timestamp"]]


@pytest.mark.parametrize("text", VECTOR_TIMESTAMPS)
def test_vector_timestamps_are_canonical(text: str) -> None:
    when = srp.parse_timestamp(text)
    assert srp.canonical_timestamp(text) == text
    assert srp.check_timestamp(text, when) == text
    assert srp.check_timestamp(text, when.timestamp()) == text


def test_single_digit_day_unpadded() -> None:
    when = srp.parse_timestamp("Tue Feb 3 04:05:06 UTC 2026")
    assert when == datetime(2026, 2, 3, 4, 5, 6, tzinfo=UTC)
    assert srp.format_timestamp(when) == "Tue Feb 3 04:05:06 UTC 2026"


def test_format_converts_to_utc() -> None:
    plus_two = datetime(2026, 11, 21, 12, 39, tzinfo=timezone(timedelta(hours=2)))
    assert srp.format_timestamp(plus_two) == "Sat Nov 21 10:39:00 UTC 2026"


def test_every_day_of_a_year_round_trips_with_pycognito() -> None:
    day = datetime(2026, 1, 1, 0, 0, 9)
    for _ in range(366):
        text = AWSSRP.get_cognito_formatted_timestamp(day)
        assert srp.format_timestamp(day.replace(tzinfo=UTC)) == text
        assert srp.canonical_timestamp(text) == text
        day += timedelta(days=1, hours=1, minutes=7)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Tue Feb 03 04:05:06 UTC 2026", "Tue Feb 3 04:05:06 UTC 2026"),  # zero-padded day
        ("Wed Feb 3 04:05:06 UTC 2026", "Tue Feb 3 04:05:06 UTC 2026"),  # wrong weekday
        ("Tue Nov 21 10:39:00 UTC 2026", "Sat Nov 21 10:39:00 UTC 2026"),  # the reference's example
        ("Tue Feb 3 4:05:06 UTC 2026", "Tue Feb 3 04:05:06 UTC 2026"),  # unpadded hour
        ("tue feb 3 04:05:06 UTC 2026", "Tue Feb 3 04:05:06 UTC 2026"),  # case
        ("Tuesday February 3 04:05:06 UTC 2026", "Tue Feb 3 04:05:06 UTC 2026"),  # long names
        ("Tue Feb 3 04:05:06 GMT 2026", "Tue Feb 3 04:05:06 UTC 2026"),  # other zone name
        ("Tue Feb 3 05:05:06 GMT+01:00 2026", "Tue Feb 3 04:05:06 UTC 2026"),  # offset
        ("Tue Feb 3 00:05:06 -0400 2026", "Tue Feb 3 04:05:06 UTC 2026"),  # RFC 822 offset
    ],
)
def test_parseable_but_not_canonical(text: str, canonical: str) -> None:
    assert srp.canonical_timestamp(text) == canonical
    with pytest.raises(srp.TimestampNotCanonicalError) as info:
        srp.check_timestamp(text, srp.parse_timestamp(canonical))
    assert isinstance(info.value, srp.TimestampRejectedError)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "garbage",
        "2026-02-03T04:05:06Z",
        "Tue Feb 3 04:05:06 UTC",
        "Tue Feb 3 04:05:06 2026",
        "Tue Feb  3 04:05:06 UTC 2026",  # C asctime-style double space
        " Tue Feb 3 04:05:06 UTC 2026",
        "Tue Feb 3 04:05:06 UTC 2026 ",
        "Xyz Feb 3 04:05:06 UTC 2026",
        "Tue Fev 3 04:05:06 UTC 2026",
        "Mar Feb 3 04:05:06 UTC 2026",
        "Tue Feb 30 04:05:06 UTC 2026",
        "Tue Feb 3 24:05:06 UTC 2026",
        "Tue Feb 3 04:60:06 UTC 2026",
        "Tue Feb 3 04:05:06 PST 2026",
        "Tue Feb 3 04:05:06 UTC 26",
        "Tue Feb 3 04:05 UTC 2026",
        "Di. Feb. 3 04:05:06 UTC 2026",
        "Tue Feb \u0663 04:05:06 UTC 2026",  # Arabic-Indic digit
    ],
)
def test_unparseable(text: str) -> None:
    with pytest.raises(srp.TimestampFormatError) as info:
        srp.check_timestamp(text, 0.0)
    assert srp.TIMESTAMP_FORMAT_MESSAGE in str(info.value)
    assert not isinstance(info.value, srp.TimestampRejectedError)
    with pytest.raises(srp.TimestampFormatError):
        srp.canonical_timestamp(text)


def test_non_string_is_unparseable() -> None:
    with pytest.raises(srp.TimestampFormatError):
        srp.parse_timestamp(None)  # type: ignore[arg-type]


def test_message_is_aws_wording() -> None:
    assert srp.TIMESTAMP_FORMAT_MESSAGE == "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english."


def test_skew_window() -> None:
    text = "Sat Nov 21 10:39:00 UTC 2026"
    when = srp.parse_timestamp(text)
    now = when.timestamp()
    for delta in (-300, -1, 0, 1, 300):
        assert srp.check_timestamp(text, now + delta) == text
    for delta in (-301, 301, 86400):
        with pytest.raises(srp.TimestampSkewError) as info:
            srp.check_timestamp(text, now + delta)
        assert isinstance(info.value, srp.TimestampRejectedError)
    srp.check_skew(when, now + 3600, max_skew=timedelta(hours=1))
    with pytest.raises(srp.TimestampSkewError):
        srp.check_skew(when, when + timedelta(seconds=11), max_skew=timedelta(seconds=10))
