"""Each test starts from the seed's state: what one test creates, the next never sees."""

from __future__ import annotations

from typing import Any

import pytest

POOL = "us-east-1_localdemo"


def _create(cognito: Any, username: str) -> None:
    cognito.idp.admin_create_user(UserPoolId=POOL, Username=username, MessageAction="SUPPRESS",
                                  UserAttributes=[{"Name": "email", "Value": f"{username}@example.com"}])


def _usernames(cognito: Any) -> set[str]:
    return {user["Username"] for user in cognito.idp.list_users(UserPoolId=POOL)["Users"]}


@pytest.mark.parametrize("run", ["first", "second"])
def test_every_test_starts_with_only_the_seeded_user(cognito: Any, run: str) -> None:
    assert _usernames(cognito) == {"demo"}
    _create(cognito, f"left-behind-{run}")


def test_snapshot_and_restore(cognito: Any) -> None:
    _create(cognito, "carol")
    cognito.snapshot("with-carol")
    _create(cognito, "dave")
    cognito.restore("with-carol")
    assert _usernames(cognito) == {"demo", "carol"}
    with pytest.raises(KeyError):
        cognito.restore("never-taken")


def test_advance_clock_expires_codes(cognito: Any) -> None:
    client = "localdemoclient"
    cognito.idp.sign_up(ClientId=client, Username="erin", Password="Passw0rd!",
                        UserAttributes=[{"Name": "email", "Value": "erin@example.com"}])
    code = cognito.last_code(POOL, "erin")
    before = cognito.now()
    assert cognito.advance_clock(25 * 3600) >= before + 25 * 3600
    with pytest.raises(cognito.idp.exceptions.ExpiredCodeException):
        cognito.idp.confirm_sign_up(ClientId=client, Username="erin", ConfirmationCode=code)


def test_last_code_without_a_code(cognito: Any) -> None:
    with pytest.raises(LookupError, match="no code"):
        cognito.last_code(POOL, "demo")
