"""The same refusals through Amplify v6 in Node: wrong SMS MFA codes lock the user out (the right
code and then the password get "Password attempts exceeded"), and USER_AUTH for a user who does not
exist, on a client with PreventUserExistenceErrors ENABLED, leads Amplify to a first-factor step
(never UserNotFoundException) whose password answer fails as a wrong password does."""

from __future__ import annotations

from typing import Any

from tests.e2e.auth_helpers import PASSWORD, make_client, make_user
from tests.e2e.mfa_helpers import set_mfa
from tests.e2e.test_node_clients import node as node  # noqa: F401  (fixture)
from tests.e2e.test_node_clients import run_node
from tests.e2e.user_auth_helpers import choice_pool as choice_pool  # noqa: F401  (fixture)

EXCEEDED = {"name": "NotAuthorizedException", "message": "Password attempts exceeded"}


def _error(observed: dict[str, Any]) -> dict[str, Any]:
    assert observed["succeeded"] is False, observed
    return {"name": observed["name"], "message": observed["message"]}


def test_amplify_wrong_sms_codes_lock_the_user_out(node: str, emulator: Any, idp: Any) -> None:  # noqa: F811
    pool_id = idp.create_user_pool(PoolName="amplify-mfa-lockout")["UserPool"]["Id"]
    try:
        set_mfa(idp, pool_id, "ON", sms=True)
        client_id = make_client(idp, pool_id)
        username = make_user(idp, pool_id, attributes={"phone_number": "+15555550123",
                                                       "phone_number_verified": "true"})
        out = run_node(node, "amplify_choices.mjs", scenario="mfaLockout", url=emulator.url, userPoolId=pool_id,
                       clientId=client_id, username=username, password=PASSWORD)
    finally:
        idp.delete_user_pool(UserPoolId=pool_id)
    assert out["challenged"] == "CONFIRM_SIGN_IN_WITH_SMS_CODE"
    assert [_error(w) for w in out["wrongs"]] == [
        {"name": "CodeMismatchException", "message": "Invalid code or auth state for the user."}] * 5
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
