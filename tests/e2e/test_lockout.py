"""Brute force is stopped as AWS stops it: five wrong passwords lock the user for 2^(n-5) seconds
(even the right password is refused meanwhile), a quiet quarter of an hour forgets it; a code
stops working after ten wrong answers. Driven with boto3 and pycognito's SRP, moving an emulator's
own clock (the shared emulator's clock must not move)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.auth_helpers import PASSWORD, SignInSetup, make_client, make_user, password_sign_in, srp_sign_in
from tests.e2e.control import advance_clock
from tests.e2e.outbox import last_code
from tests.e2e.server import RunningEmulator
from tests.e2e.user_helpers import clock_emulator  # noqa: F401 - fixture

EXCEEDED = "Password attempts exceeded"


def _setup(idp: Any) -> SignInSetup:
    pool_id = idp.create_user_pool(PoolName="lockout")["UserPool"]["Id"]
    return SignInSetup(pool_id, make_client(idp, pool_id), make_user(idp, pool_id))


def _fail(idp: Any, setup: SignInSetup, message: str) -> None:
    with pytest.raises(idp.exceptions.NotAuthorizedException) as refused:
        password_sign_in(idp, setup, "Wr0ng-password!")
    assert refused.value.response["Error"]["Message"] == message


def test_five_wrong_passwords_lock_the_user_with_growing_windows(
        clock_emulator: tuple[RunningEmulator, Any]) -> None:  # noqa: F811
    emulator, idp = clock_emulator
    setup = _setup(idp)
    for _ in range(4):
        _fail(idp, setup, "Incorrect username or password.")
    assert password_sign_in(idp, setup)["AccessToken"]  # four failures, then success: count forgotten
    for _ in range(5):
        _fail(idp, setup, "Incorrect username or password.")
    with pytest.raises(idp.exceptions.NotAuthorizedException, match=EXCEEDED):
        password_sign_in(idp, setup)  # locked: even the right password
    with pytest.raises(idp.exceptions.NotAuthorizedException, match=EXCEEDED):
        srp_sign_in(idp, setup)  # every path that checks a password
    advance_clock(emulator.url, 1.1)  # 2^(5-5) = 1 s
    _fail(idp, setup, "Incorrect username or password.")  # the 6th failure: 2 s
    advance_clock(emulator.url, 1.5)
    _fail(idp, setup, EXCEEDED)  # still inside the 2 s, and not counted
    advance_clock(emulator.url, 0.6)
    assert srp_sign_in(idp, setup)["AccessToken"]
    for _ in range(5):  # the success reset the count: five more to lock again
        _fail(idp, setup, "Incorrect username or password.")
    _fail(idp, setup, EXCEEDED)


def test_the_lock_window_stops_at_fifteen_minutes_and_a_quiet_spell_forgets_it(
        clock_emulator: tuple[RunningEmulator, Any]) -> None:  # noqa: F811
    emulator, idp = clock_emulator
    setup = _setup(idp)
    for _ in range(5):
        _fail(idp, setup, "Incorrect username or password.")
    for failures in range(6, 16):  # each failure waits out the previous window: 1, 2, ... 512 s
        advance_clock(emulator.url, 2 ** (failures - 6) + 0.1)
        _fail(idp, setup, "Incorrect username or password.")
    advance_clock(emulator.url, 899)
    _fail(idp, setup, EXCEEDED)  # the 15th failure's window is capped at 15 minutes, not 2^10 s
    advance_clock(emulator.url, 900.5)  # 15 quiet minutes after the last attempt
    for _ in range(4):
        _fail(idp, setup, "Incorrect username or password.")  # forgotten: four free failures again
    assert password_sign_in(idp, setup)["IdToken"]


def test_admin_flows_count_and_respect_the_lock(clock_emulator: tuple[RunningEmulator, Any]) -> None:  # noqa: F811
    emulator, idp = clock_emulator
    setup = _setup(idp)
    for _ in range(5):
        with pytest.raises(idp.exceptions.NotAuthorizedException):
            idp.admin_initiate_auth(UserPoolId=setup.pool_id, ClientId=setup.client_id,
                                    AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                    AuthParameters={"USERNAME": setup.username, "PASSWORD": "Wr0ng-password!"})
    with pytest.raises(idp.exceptions.NotAuthorizedException, match=EXCEEDED):
        idp.admin_initiate_auth(UserPoolId=setup.pool_id, ClientId=setup.client_id,
                                AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                AuthParameters={"USERNAME": setup.username, "PASSWORD": PASSWORD})


def test_a_code_stops_working_after_ten_wrong_answers(clock_emulator: tuple[RunningEmulator, Any]) -> None:  # noqa: F811
    emulator, idp = clock_emulator
    pool_id = idp.create_user_pool(PoolName="codes", AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
    client_id = make_client(idp, pool_id)
    idp.sign_up(ClientId=client_id, Username="guesser", Password=PASSWORD,
                UserAttributes=[{"Name": "email", "Value": "guesser@example.com"}])
    code = last_code(emulator, pool_id, "guesser")
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(10):
        with pytest.raises(idp.exceptions.CodeMismatchException):
            idp.confirm_sign_up(ClientId=client_id, Username="guesser", ConfirmationCode=wrong)
    with pytest.raises(idp.exceptions.LimitExceededException,
                       match="Attempt limit exceeded, please try after some time."):
        idp.confirm_sign_up(ClientId=client_id, Username="guesser", ConfirmationCode=code)
    idp.resend_confirmation_code(ClientId=client_id, Username="guesser")  # a new code starts afresh
    idp.confirm_sign_up(ClientId=client_id, Username="guesser",
                        ConfirmationCode=last_code(emulator, pool_id, "guesser"))
    assert idp.admin_get_user(UserPoolId=pool_id, Username="guesser")["UserStatus"] == "CONFIRMED"
