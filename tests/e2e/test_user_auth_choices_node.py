"""The same refusals through Amplify v6 in Node: a wrong SMS MFA code counts towards the lockout
(the right code and then the password get "Password attempts exceeded"), and USER_AUTH for a user who does not
exist, on a client with PreventUserExistenceErrors ENABLED, leads Amplify to a first-factor step
(never UserNotFoundException) whose password answer fails as a wrong password does."""

from __future__ import annotations

from typing import Any

from tests.e2e.auth_helpers import PASSWORD, SignInSetup, make_client, make_user
from tests.e2e.control import advance_clock
from tests.e2e.expect import aws_error
from tests.e2e.mfa_helpers import set_mfa
from tests.e2e.server import RunningEmulator
from tests.e2e.test_node_clients import node as node  # noqa: F401  (fixture)
from tests.e2e.test_node_clients import run_node
from tests.e2e.user_auth_helpers import choice_pool as choice_pool  # noqa: F401  (fixture)
from tests.e2e.user_helpers import clock_emulator as clock_emulator  # noqa: F401  (fixture)

EXCEEDED = {"name": "NotAuthorizedException", "message": "Password attempts exceeded"}


def _error(observed: dict[str, Any]) -> dict[str, Any]:
    assert observed["succeeded"] is False, observed
    return {"name": observed["name"], "message": observed["message"]}


def test_amplify_wrong_sms_codes_count_towards_the_lockout(
        node: str, clock_emulator: tuple[RunningEmulator, Any]) -> None:  # noqa: F811
    """Eight wrong passwords first, each after the previous lockout passed (on this emulator's own
    clock), so that the next failure locks for 2^(9-5) = 16 seconds: long enough for Amplify to see
    the lockout in real time. Amplify's wrong SMS code is that failure."""
    emulator, idp = clock_emulator
    pool_id = idp.create_user_pool(PoolName="amplify-mfa-lockout")["UserPool"]["Id"]
    set_mfa(idp, pool_id, "ON", sms=True)
    setup = SignInSetup(pool_id, make_client(idp, pool_id),
                        make_user(idp, pool_id, attributes={"phone_number": "+15555550123",
                                                            "phone_number_verified": "true"}))
    for failures in range(1, 9):
        with aws_error("NotAuthorizedException", "Incorrect username or password."):
            idp.initiate_auth(ClientId=setup.client_id, AuthFlow="USER_PASSWORD_AUTH",
                              AuthParameters={"USERNAME": setup.username, "PASSWORD": "Wr0ng-password!"})
        if failures >= 5:
            advance_clock(emulator.url, 2 ** (failures - 5) + 0.1)
    out = run_node(node, "amplify_choices.mjs", scenario="mfaLockout", url=emulator.url, userPoolId=pool_id,
                   clientId=setup.client_id, username=setup.username, password=PASSWORD, wrongCodes=1)
    assert out["challenged"] == "CONFIRM_SIGN_IN_WITH_SMS_CODE"  # the right password: not locked yet
    assert [_error(w) for w in out["wrongs"]] == [
        {"name": "CodeMismatchException", "message": "Invalid code or auth state for the user."}]
    assert _error(out["rightCode"]) == EXCEEDED
    assert _error(out["password"]) == EXCEEDED


def test_amplify_user_auth_for_an_unknown_user_gets_a_decoy(node: str, emulator: Any, idp: Any,
                                                           choice_pool: Any) -> None:  # noqa: F811
    choice = choice_pool(["PASSWORD", "EMAIL_OTP"])
    client = idp.create_user_pool_client(UserPoolId=choice.pool_id, ClientName="hiding",
                                         ExplicitAuthFlows=["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                                         PreventUserExistenceErrors="ENABLED")["UserPoolClient"]
    out = run_node(node, "amplify_choices.mjs", scenario="decoy", url=emulator.url, userPoolId=choice.pool_id,
                   clientId=client["ClientId"], username="nobody-here", password=PASSWORD)
    assert "CONFIRM_SIGN_IN_WITH_PASSWORD" in out["steps"]
    assert set(out["steps"]) <= {"CONFIRM_SIGN_IN_WITH_PASSWORD", "CONFIRM_SIGN_IN_WITH_EMAIL_CODE"}
    assert _error(out["answer"]) == {"name": "NotAuthorizedException", "message": "Incorrect username or password."}
