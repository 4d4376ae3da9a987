"""Seed users beyond AdminCreateUser's input: Enabled, RESET_REQUIRED, Sub, Created/Modified,
Mfa and a stored PasswordHash in place of a Password, each checked before anything applies."""

from __future__ import annotations

import base64
import copy
from typing import Any

import pytest

from emulator.runtime import Emulator
from emulator.seeding.loader import SeedError, apply_seed
from emulator.seeding.password_hash import password_hash_entry
from emulator.settings import Settings
from emulator.srp.group import N
from emulator.userpools.mfa.totp import new_secret
from emulator.userpools.users.credentials import password_matches
from emulator.userpools.users.identity import find_user
from emulator.userpools.users.model import User

POOL_ID = "us-east-1_seeded"
SUB = "0f8fad5b-d9cb-469f-a165-70867728950e"
PASSWORD = "Passw0rd!"


def emulator() -> Emulator:
    return Emulator(Settings(fixtures=None))


def seeded(*users: dict[str, Any], **pool: Any) -> Emulator:
    loaded = emulator()
    apply_seed(loaded, {"UserPools": [{"Id": "seeded", "PoolName": "p", "Groups": [{"GroupName": "g"}],
                                       "Users": list(users), **pool}]})
    return loaded


def user_of(loaded: Emulator, name: str) -> User:
    user = find_user(loaded.store.user_pools[POOL_ID], name)
    assert user is not None
    return user


def error_of(*users: dict[str, Any], **pool: Any) -> str:
    loaded = emulator()
    with pytest.raises(SeedError) as caught:
        apply_seed(loaded, {"UserPools": [{"Id": "seeded", "PoolName": "p", "Users": list(users), **pool}]})
    assert not loaded.store.user_pools
    return str(caught.value)


def stored_hash(username: str = "alice", password: str = PASSWORD) -> dict[str, Any]:
    """The PasswordHash of a user seeded with ``password`` in pool ``seeded``."""
    stored = user_of(seeded({"Username": username, "Password": password}), username).password
    assert stored is not None
    return password_hash_entry(stored)


def test_disabled_user_and_reset_required_status() -> None:
    loaded = seeded({"Username": "off", "Password": PASSWORD, "Enabled": False},
                    {"Username": "reset", "Password": PASSWORD, "Status": "RESET_REQUIRED"})
    assert not user_of(loaded, "off").enabled and user_of(loaded, "off").status == "CONFIRMED"
    assert user_of(loaded, "reset").enabled and user_of(loaded, "reset").status == "RESET_REQUIRED"


def test_sub_and_dates_are_kept() -> None:
    loaded = seeded({"Username": "alice", "Password": PASSWORD, "Sub": SUB, "Created": 1_600_000_000,
                     "Modified": 1_650_000_000.5})
    alice = user_of(loaded, "alice")
    assert alice.sub == SUB and alice.attributes["sub"] == SUB
    assert loaded.store.user_pools[POOL_ID].users.by_sub(SUB) is alice
    assert (alice.created, alice.modified) == (1_600_000_000.0, 1_650_000_000.5)
    only_created = user_of(seeded({"Username": "bob", "Password": PASSWORD, "Created": 1_600_000_000}), "bob")
    assert only_created.modified == 1_600_000_000.0


def test_password_hash_restores_the_record() -> None:
    entry = stored_hash()
    alice = user_of(seeded({"Username": "alice", "PasswordHash": entry}), "alice")
    assert alice.password is not None and password_matches(alice.password, PASSWORD)
    assert not password_matches(alice.password, "Wr0ng-password")
    assert password_hash_entry(alice.password) == entry
    assert not alice.password.temporary


def test_password_hash_with_other_iterations_verifies() -> None:
    """An export from an emulator with another default round count still signs in."""
    import hashlib

    salt = b"0123456789abcdef"
    entry = stored_hash() | {"Iterations": 1000, "Salt": base64.b64encode(salt).decode(),
                             "Hash": base64.b64encode(hashlib.pbkdf2_hmac("sha256", PASSWORD.encode(), salt,
                                                                          1000)).decode()}
    alice = user_of(seeded({"Username": "alice", "PasswordHash": entry}), "alice")
    assert alice.password is not None and password_matches(alice.password, PASSWORD)


def test_password_hash_defaults_follow_the_status() -> None:
    entry = stored_hash()
    del entry["SetAt"], entry["Temporary"]
    bob = user_of(seeded({"Username": "bob", "PasswordHash": entry, "Status": "FORCE_CHANGE_PASSWORD"}), "bob")
    assert bob.password is not None and bob.password.temporary and bob.password.set_at > 1_700_000_000


def test_username_that_is_a_uuid_is_the_stored_name_in_username_attribute_pools() -> None:
    internal = "5b2b2c4e-2d3c-4f59-9d0a-2a1e0c7e1f00"
    loaded = seeded({"Username": internal, "Password": PASSWORD, "Attributes": {"email": "a@example.com"}},
                    UsernameAttributes=["email"])
    user = user_of(loaded, "a@example.com")
    assert user.username == internal and user_of(loaded, internal) is user


@pytest.mark.parametrize("change, expected", [
    ({"Algorithm": "BCRYPT"}, "PasswordHash: Algorithm must be one of PBKDF2-SHA256"),
    ({"Iterations": 0}, "PasswordHash: Iterations must be an integer"),
    ({"Iterations": True}, "PasswordHash: Iterations must be an integer"),
    ({"Iterations": "100"}, "PasswordHash: Iterations must be an integer"),
    ({"Salt": "not base64!"}, "PasswordHash: Salt must be a base64 string"),
    ({"Salt": ""}, "PasswordHash: Salt must decode to 1 to 1024 bytes"),
    ({"Hash": base64.b64encode(b"short").decode()}, "PasswordHash: Hash must decode to 32 bytes, not 5"),
    ({"SrpSalt": None}, "PasswordHash: SrpSalt must be a base64 string"),
    ({"SrpVerifier": "0"}, "PasswordHash: SrpVerifier must be a hexadecimal integer"),
    ({"SrpVerifier": "0x1f"}, "PasswordHash: SrpVerifier must be a hexadecimal integer"),
    ({"SrpVerifier": format(N, "x")}, "PasswordHash: SrpVerifier must be a hexadecimal integer"),
    ({"SrpVerifier": 12345}, "PasswordHash: SrpVerifier must be a hexadecimal integer"),
    ({"SetAt": -1}, "PasswordHash: SetAt must be a non-negative number"),
    ({"Temporary": "yes"}, "PasswordHash: Temporary must be true or false"),
    ({"Pepper": "x"}, "PasswordHash: unknown keys ['Pepper']"),
])
def test_malformed_password_hash_is_refused(change: dict[str, Any], expected: str) -> None:
    entry = stored_hash() | change
    assert error_of({"Username": "alice", "PasswordHash": entry}).startswith(f"UserPools[0].Users[0].{expected}")


@pytest.mark.parametrize("user, expected", [
    ({"Username": "a", "PasswordHash": "secret"}, "UserPools[0].Users[0].PasswordHash: expected an object"),
    ({"Username": "a", "Password": PASSWORD, "PasswordHash": {}},
     "UserPools[0].Users[0]: exactly one of Password and PasswordHash is required"),
    ({"Username": "a", "Password": PASSWORD, "Enabled": "false"}, "UserPools[0].Users[0]: Enabled must be true or"),
    ({"Username": "a", "Password": PASSWORD, "Sub": SUB.upper()}, "UserPools[0].Users[0]: Sub must be a lower-case"),
    ({"Username": "a", "Password": PASSWORD, "Sub": "alice"}, "UserPools[0].Users[0]: Sub must be a lower-case"),
    ({"Username": "a", "Password": PASSWORD, "Created": "yesterday"}, "UserPools[0].Users[0]: Created must be"),
    ({"Username": "a", "Password": PASSWORD, "Modified": True}, "UserPools[0].Users[0]: Modified must be"),
    ({"Username": "a", "Password": PASSWORD, "Status": "EXTERNAL_PROVIDER"},
     "UserPools[0].Users[0]: Status must be one of CONFIRMED, FORCE_CHANGE_PASSWORD, UNCONFIRMED, RESET_REQUIRED"),
])
def test_bad_user_members_name_the_entry(user: dict[str, Any], expected: str) -> None:
    assert error_of(user).startswith(expected)


def test_a_sub_belongs_to_one_user() -> None:
    first = {"Username": "a", "Password": PASSWORD, "Sub": SUB}
    assert error_of(first, first | {"Username": "b"}).startswith(
        f"UserPools[0].Users[1]: Sub {SUB} belongs to another user")


def test_password_hash_needs_the_stored_username_in_username_attribute_pools() -> None:
    user = {"Username": "a@example.com", "PasswordHash": stored_hash()}
    assert "a PasswordHash needs the user's stored username" in error_of(user, UsernameAttributes=["email"])


def test_mfa_is_restored() -> None:
    secret = new_secret()
    mfa = {"TotpSecret": secret, "TotpDeviceName": "phone", "TotpEnabled": True, "SmsEnabled": True,
           "EmailEnabled": False, "Preferred": "SOFTWARE_TOKEN_MFA"}
    alice = user_of(seeded({"Username": "alice", "Password": PASSWORD, "Mfa": mfa,
                            "Attributes": {"phone_number": "+15555550100"}}), "alice")
    assert alice.mfa.totp_secret == secret and alice.mfa.totp_device_name == "phone"
    assert alice.mfa.enabled() == ["SMS_MFA", "SOFTWARE_TOKEN_MFA"] and alice.mfa.preferred == "SOFTWARE_TOKEN_MFA"
    assert alice.mfa.pending_totp_secret is None


@pytest.mark.parametrize("mfa, expected", [
    ("on", "Mfa: expected an object"),
    ({"TotpSecret": "not base32!!!!!!!!"}, "Mfa: TotpSecret must be a base32 string"),
    ({"TotpSecret": "ABCDEFGH"}, "Mfa: TotpSecret must be a base32 string"),  # shorter than AWS's 16
    ({"TotpSecret": "A" * 17}, "Mfa: TotpSecret must be a base32 string"),  # no base32 text is 17 long
    ({"TotpSecret": 42}, "Mfa: TotpSecret must be a base32 string"),
    ({"TotpEnabled": True}, "Mfa: TotpEnabled needs a TotpSecret"),
    ({"TotpDeviceName": "phone"}, "Mfa: TotpDeviceName needs a TotpSecret"),
    ({"SmsEnabled": 1}, "Mfa: SmsEnabled must be true or false"),
    ({"Preferred": "EMAIL_OTP"}, "Mfa: Preferred EMAIL_OTP is not enabled"),
    ({"Preferred": "PUSH", "EmailEnabled": True}, "Mfa: Preferred must be one of SMS_MFA"),
    ({"BackupCodes": []}, "Mfa: unknown keys ['BackupCodes']"),
])
def test_malformed_mfa_is_refused(mfa: Any, expected: str) -> None:
    message = error_of({"Username": "alice", "Password": PASSWORD, "Mfa": mfa})
    assert message.startswith(f"UserPools[0].Users[0].{expected}")


def test_bad_user_leaves_nothing_applied() -> None:
    good = {"Username": "alice", "PasswordHash": stored_hash()}
    bad = copy.deepcopy(good) | {"Username": "bob", "Mfa": {"TotpEnabled": True}}
    assert error_of(good, bad).startswith("UserPools[0].Users[1].Mfa:")


@pytest.mark.parametrize(("bad", "expected"), [
    ({"Username": "x" * 129}, "Users[2]: InvalidParameterException: 1 validation error detected: Value at "
     "'username' failed to satisfy constraint: Member must have length less than or equal to 128"),
    ({"Username": "late", "Attributes": {"n" * 33: "v"}}, "Users[2]: InvalidParameterException: 1 validation error "
     "detected: Value '" + "n" * 33 + "' at 'userAttributes.1.member.name' failed to satisfy constraint: Member must "
     "have length less than or equal to 32"),
    ({"Username": "late", "Password": " pad "},
     "Users[2]: InvalidParameterException: 1 validation error detected: Value at 'password'"),
])
def test_later_users_of_a_pool_are_checked_like_its_first(bad: dict[str, Any], expected: str) -> None:
    """The pool id is checked once per pool; everything else about each user, every time."""
    users = [{"Username": f"u{i}", "Password": PASSWORD, "Status": "CONFIRMED"} for i in range(2)]
    with pytest.raises(SeedError) as raised:
        seeded(*users, {"Password": PASSWORD, "Status": "CONFIRMED", **bad})
    assert expected in str(raised.value)
