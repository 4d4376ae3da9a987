"""Every pattern in both botocore models gives the same verdict through the start-up-friendly
matchers (``re``, Unicode categories) as through the ``regex`` module they stand in for."""

from __future__ import annotations

import random
import string

import regex

from emulator.wire import validation
from emulator.wire.models import IDENTITY_POOLS, USER_POOLS, load_service

SAMPLES = ["abc", "a b", "user@example.com", "+15555550123", "ä", "日本", "", "us-east-1_abc", "{####}", "a\nb",
           "\t", "é#", "\u200b", "\u0301a", "😀", "\x00", "a\u2028", "a\rb", "a\x0bb", "a\u00a0b",
           "us-east-1:0b0e1e4c-1d2d-4f0e-9e7d-0b0e1e4c1d2d", "arn:aws:iam::123456789012:role/x"]


def _patterns() -> set[str]:
    return {shape["pattern"] for name in (USER_POOLS, IDENTITY_POOLS)
            for shape in load_service(name).model.data["shapes"].values() if "pattern" in shape}


def test_same_verdicts_as_regex() -> None:
    rnd = random.Random(14)
    alphabet = string.printable + "äß日€\u0301\u200b😀\u00a0\u2028\x7f\x85\u3000"
    samples = SAMPLES + ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 12))) for _ in range(1500)]
    for pattern in _patterns():
        reference = regex.compile(validation._java_to_python(pattern))
        matcher = validation._compiled(pattern)
        for sample in samples:
            assert bool(reference.fullmatch(sample)) == bool(matcher.fullmatch(sample)), (pattern, sample)


def test_the_username_pattern_needs_no_regex_module() -> None:
    matcher = validation._compiled("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+")
    assert isinstance(matcher, validation._Categories)
    assert matcher.fullmatch("ädä@x.io") and not matcher.fullmatch("a b") and not matcher.fullmatch("")
