"""Password policy checks: AWS's reasons, first failing check, and the two wordings."""

from __future__ import annotations

import pytest

from emulator.userpools.model import PasswordPolicy
from emulator.userpools.users.passwords import check_policy, policy_violation, temporary_password
from emulator.wire.errors import InvalidPasswordException

STRICT = PasswordPolicy()


@pytest.mark.parametrize(("password", "reason"), [
    ("Aa1!", "Password not long enough"),
    ("aaaaaaa1!", "Password must have uppercase characters"),
    ("AAAAAAA1!", "Password must have lowercase characters"),
    ("Aaaaaaaa!", "Password must have numeric characters"),
    ("Aaaaaaaa1", "Password must have symbol characters"),
    ("short", "Password not long enough"),  # length is reported first
    ("Ünïcödé1!", "Password must have uppercase characters"),  # only Basic Latin letters count
])
def test_first_failing_reason(password: str, reason: str) -> None:
    assert policy_violation(password, STRICT) == reason


@pytest.mark.parametrize("password", ["Passw0rd!", "Pass w0rd", "Aa1^$*.[]{}", "Aa1aaaa`", "Aa1aaaa="])
def test_symbols_and_inner_space_count(password: str) -> None:
    assert policy_violation(password, STRICT) is None


def test_relaxed_policy() -> None:
    relaxed = PasswordPolicy(minimum_length=6, require_uppercase=False, require_lowercase=False,
                             require_numbers=False, require_symbols=False)
    assert policy_violation("simple", relaxed) is None
    assert policy_violation("short", relaxed) == "Password not long enough"


def test_wordings() -> None:
    with pytest.raises(InvalidPasswordException) as sign_up:
        check_policy("short", STRICT, sign_up=True)
    assert sign_up.value.message == "Password did not conform with policy: Password not long enough"
    with pytest.raises(InvalidPasswordException) as change:
        check_policy("aaaaaaaa1!", STRICT, sign_up=False)
    assert change.value.message == "Password does not conform to policy: Password must have uppercase characters"
    check_policy("Passw0rd!", STRICT, sign_up=True)


@pytest.mark.parametrize("length", [6, 8, 20, 99])
def test_temporary_passwords_meet_the_policy(length: int) -> None:
    policy = PasswordPolicy(minimum_length=length)
    for _ in range(50):
        assert policy_violation(temporary_password(policy), policy) is None
