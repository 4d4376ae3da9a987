"""CUSTOM_AUTH end to end with boto3 (and pycognito's SRP for SRP first): passwordless email
codes through DefineAuthChallenge / CreateAuthChallenge / VerifyAuthChallengeResponse, with the
functions as Python callables in the emulator and behind a SAM-like Lambda Invoke server."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from pycognito.aws_srp import AWSSRP

from tests.e2e import custom_auth_functions as custom
from tests.e2e import trigger_functions
from tests.e2e.control import advance_clock
from tests.e2e.mfa_helpers import set_mfa
from tests.e2e.outbox import last_code
from tests.e2e.test_triggers import Triggered, triggered_emulator

PASSWORD = "Passw0rd!Passw0rd"
INCORRECT = ("NotAuthorizedException", "Incorrect username or password.")
EXTRA = {"record": trigger_functions.record, "claims_v1": trigger_functions.claims_v1,
         "refuse": trigger_functions.refuse}


class Custom(Triggered):
    """The trigger tests' emulator, plus the codes the CreateAuthChallenge function wrote down."""

    def code(self, pool_id: str, username: str) -> str:
        return custom.code_path(self.directory, pool_id, username).read_text()


def handlers() -> dict[str, str]:
    """ARN -> handler spec, for the seed's Triggers (Python callables)."""
    specs = {custom.arn(name): f"tests.e2e.custom_auth_functions:{name}" for name in custom.FUNCTIONS}
    specs.update({trigger_functions.arn(name): f"tests.e2e.trigger_functions:{name}" for name in EXTRA})
    return specs


def invoke_functions() -> dict[str, Any]:
    """Function name -> callable, for the Invoke API server (the bare name is what is sent)."""
    return {**{f"custom-{name}": f for name, f in custom.FUNCTIONS.items()}, **EXTRA}


@pytest.fixture(scope="module", params=["python", "lambda-api"])
def env(request: pytest.FixtureRequest) -> Iterator[Custom]:
    with triggered_emulator(request.param, "custom-auth-", handlers(), invoke_functions(), 2) as found:
        yield Custom(found.mode, found.idp, found.directory, found.emulator)


def lambda_config(define: str = "define", **extra: str) -> dict[str, str]:
    return {"DefineAuthChallenge": custom.arn(define), "CreateAuthChallenge": custom.arn("create"),
            "VerifyAuthChallengeResponse": custom.arn("verify"), **extra}


def _pool(idp: Any, config: dict[str, str], flows: list[str] | None = None, aliases: bool = False,
          **client: Any) -> tuple[str, str]:
    extra = {"AliasAttributes": ["email"]} if aliases else {}
    pool = idp.create_user_pool(PoolName=f"c-{uuid.uuid4().hex[:8]}", LambdaConfig=config, **extra)["UserPool"]
    made = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="app",
        ExplicitAuthFlows=flows or ["ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        **client)
    return pool["Id"], made["UserPoolClient"]["ClientId"]


def _user(idp: Any, pool_id: str, name: str) -> None:
    idp.admin_create_user(UserPoolId=pool_id, Username=name, MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": "email", "Value": f"{name}@example.com"},
                                          {"Name": "email_verified", "Value": "true"}])
    idp.admin_set_user_password(UserPoolId=pool_id, Username=name, Password=PASSWORD, Permanent=True)


def _claims(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))  # type: ignore[no-any-return]


def _error(raised: pytest.ExceptionInfo[Any]) -> tuple[str, str]:
    error = raised.value.response["Error"]
    return error["Code"], error["Message"]


def _answer(idp: Any, client_id: str, challenge: dict[str, Any], answer: str, **extra: Any) -> dict[str, Any]:
    return dict(idp.respond_to_auth_challenge(
        ClientId=client_id, ChallengeName="CUSTOM_CHALLENGE", Session=challenge["Session"],
        ChallengeResponses={"USERNAME": challenge["ChallengeParameters"]["USERNAME"], "ANSWER": answer}, **extra))


def test_passwordless_email_code_signs_in(env: Custom) -> None:
    idp = env.idp
    config = lambda_config(PreAuthentication=trigger_functions.arn("record"),
                           PostAuthentication=trigger_functions.arn("record"),
                           PreTokenGeneration=trigger_functions.arn("claims_v1"))
    pool_id, client_id = _pool(idp, config)
    _user(idp, pool_id, "ann")
    challenge = idp.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "ann"},
                                  ClientMetadata={"from": "initiate"})
    assert challenge["ChallengeName"] == "CUSTOM_CHALLENGE"
    assert challenge["ChallengeParameters"] == {"delivery": "EMAIL", "email": "ann@example.com", "USERNAME": "ann"}
    assert "code" not in json.dumps(challenge["ChallengeParameters"]), "private parameters never leave"
    done = _answer(idp, client_id, challenge, env.code(pool_id, "ann"), ClientMetadata={"from": "respond"})
    tokens = done["AuthenticationResult"]
    assert _claims(tokens["IdToken"])["tenant"] == "acme" and tokens["RefreshToken"]
    first, second = env.events("define", pool_id)
    assert first["triggerSource"] == "DefineAuthChallenge_Authentication"
    assert first["request"]["session"] == [] and "clientMetadata" not in first["request"]
    assert "userNotFound" not in first["request"]
    assert first["request"]["userAttributes"]["email"] == "ann@example.com"
    assert first["callerContext"]["clientId"] == client_id and first["userName"] == "ann"
    assert second["request"]["session"] == [
        {"challengeName": "CUSTOM_CHALLENGE", "challengeResult": True, "challengeMetadata": "CODE-1"}]
    assert second["request"]["clientMetadata"] == {"from": "respond"}
    [created] = env.events("create", pool_id)
    assert created["request"]["challengeName"] == "CUSTOM_CHALLENGE" and created["request"]["session"] == []
    assert created["triggerSource"] == "CreateAuthChallenge_Authentication"
    [verified] = env.events("verify", pool_id)
    assert verified["triggerSource"] == "VerifyAuthChallengeResponse_Authentication"
    assert verified["request"]["challengeAnswer"] == env.code(pool_id, "ann")
    assert verified["request"]["privateChallengeParameters"] == {"code": env.code(pool_id, "ann")}
    assert verified["request"]["clientMetadata"] == {"from": "respond"}
    pre, post = env.events("record", pool_id)
    assert pre["triggerSource"] == "PreAuthentication_Authentication"
    assert pre["request"]["validationData"] == {"from": "initiate"}
    assert post["triggerSource"] == "PostAuthentication_Authentication"
    [token_event] = env.events("claims_v1", pool_id)
    assert token_event["triggerSource"] == "TokenGeneration_Authentication"
    assert token_event["request"]["clientMetadata"] == {"from": "respond"}


def test_wrong_answer_then_right_answer(env: Custom) -> None:
    idp = env.idp
    pool_id, client_id = _pool(idp, lambda_config(), aliases=True)
    _user(idp, pool_id, "bob")
    challenge = idp.admin_initiate_auth(UserPoolId=pool_id, ClientId=client_id, AuthFlow="CUSTOM_AUTH",
                                        AuthParameters={"USERNAME": "bob@example.com"})
    assert challenge["ChallengeParameters"]["USERNAME"] == "bob"
    retry = _answer(idp, client_id, challenge, "000000-wrong")
    assert retry["ChallengeName"] == "CUSTOM_CHALLENGE" and retry["Session"] != challenge["Session"]
    done = idp.admin_respond_to_auth_challenge(
        UserPoolId=pool_id, ClientId=client_id, ChallengeName="CUSTOM_CHALLENGE", Session=retry["Session"],
        ChallengeResponses={"USERNAME": "bob", "ANSWER": env.code(pool_id, "bob")})
    assert "AccessToken" in done["AuthenticationResult"]
    last = env.events("define", pool_id)[-1]
    assert last["request"]["session"] == [
        {"challengeName": "CUSTOM_CHALLENGE", "challengeResult": False, "challengeMetadata": "CODE-1"},
        {"challengeName": "CUSTOM_CHALLENGE", "challengeResult": True, "challengeMetadata": "CODE-2"}]


def test_three_wrong_answers_fail_authentication(env: Custom) -> None:
    idp = env.idp
    pool_id, client_id = _pool(idp, lambda_config())
    _user(idp, pool_id, "cy")
    challenge = idp.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "cy"})
    challenge = _answer(idp, client_id, challenge, "wrong-1")
    challenge = _answer(idp, client_id, challenge, "wrong-2")
    with pytest.raises(idp.exceptions.NotAuthorizedException) as raised:
        _answer(idp, client_id, challenge, "wrong-3")
    assert _error(raised) == INCORRECT


def test_three_rounds(env: Custom) -> None:
    idp = env.idp
    pool_id, client_id = _pool(idp, lambda_config("define_three"))
    _user(idp, pool_id, "dee")
    challenge = idp.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "dee"})
    for _ in range(2):
        challenge = _answer(idp, client_id, challenge, env.code(pool_id, "dee"))
        assert challenge["ChallengeName"] == "CUSTOM_CHALLENGE"
    done = _answer(idp, client_id, challenge, env.code(pool_id, "dee"))
    assert "IdToken" in done["AuthenticationResult"]
    sessions = [event["request"]["session"] for event in env.events("define_three", pool_id)]
    assert [len(session) for session in sessions] == [0, 1, 2, 3]
    assert [entry["challengeMetadata"] for entry in sessions[-1]] == ["CODE-1", "CODE-2", "CODE-3"]


def test_a_define_that_never_decides_is_cut_off(env: Custom) -> None:
    idp = env.idp
    pool_id, client_id = _pool(idp, lambda_config("define_forever"))
    _user(idp, pool_id, "eli")
    challenge = idp.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "eli"})
    with pytest.raises(idp.exceptions.NotAuthorizedException) as raised:
        for _ in range(100):
            challenge = _answer(idp, client_id, challenge, "anything")
    assert _error(raised) == INCORRECT


def test_srp_first_then_the_custom_challenge(env: Custom) -> None:
    idp = env.idp
    pool_id, client_id = _pool(idp, lambda_config())
    _user(idp, pool_id, "fay")
    srp = AWSSRP(username="fay", password=PASSWORD, pool_id=pool_id, client_id=client_id, client=idp)
    parameters = {**srp.get_auth_params(), "CHALLENGE_NAME": "SRP_A"}
    verifier = idp.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters=parameters)
    assert verifier["ChallengeName"] == "PASSWORD_VERIFIER"
    responses = srp.process_challenge(verifier["ChallengeParameters"], parameters)
    challenge = idp.respond_to_auth_challenge(ClientId=client_id, ChallengeName="PASSWORD_VERIFIER",
                                              ChallengeResponses=responses)
    assert challenge["ChallengeName"] == "CUSTOM_CHALLENGE"
    done = _answer(idp, client_id, challenge, env.code(pool_id, "fay"))
    assert "AccessToken" in done["AuthenticationResult"]
    sessions = [event["request"]["session"] for event in env.events("define", pool_id)]
    srp_a = {"challengeName": "SRP_A", "challengeResult": True, "challengeMetadata": None}
    verified = {"challengeName": "PASSWORD_VERIFIER", "challengeResult": True, "challengeMetadata": None}
    assert sessions[:2] == [[srp_a], [srp_a, verified]]
    assert sessions[2][2] == {"challengeName": "CUSTOM_CHALLENGE", "challengeResult": True,
                              "challengeMetadata": "CODE-3"}


def test_srp_first_with_a_wrong_password_fails_at_the_verifier(env: Custom) -> None:
    idp = env.idp
    pool_id, client_id = _pool(idp, lambda_config())
    _user(idp, pool_id, "gus")
    srp = AWSSRP(username="gus", password="Not-the-passw0rd!", pool_id=pool_id, client_id=client_id, client=idp)
    parameters = {**srp.get_auth_params(), "CHALLENGE_NAME": "SRP_A"}
    verifier = idp.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters=parameters)
    responses = srp.process_challenge(verifier["ChallengeParameters"], parameters)
    with pytest.raises(idp.exceptions.NotAuthorizedException) as raised:
        idp.respond_to_auth_challenge(ClientId=client_id, ChallengeName="PASSWORD_VERIFIER",
                                      ChallengeResponses=responses)
    assert _error(raised) == INCORRECT
    assert len(env.events("define", pool_id)) == 1


def test_a_session_is_used_once(env: Custom) -> None:
    idp = env.idp
    pool_id, client_id = _pool(idp, lambda_config())
    _user(idp, pool_id, "hal")
    challenge = idp.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "hal"})
    _answer(idp, client_id, challenge, "wrong")
    with pytest.raises(idp.exceptions.NotAuthorizedException) as raised:
        _answer(idp, client_id, challenge, env.code(pool_id, "hal"))
    assert _error(raised) == ("NotAuthorizedException", "Invalid session for the user, session can only be used once.")
    with pytest.raises(idp.exceptions.NotAuthorizedException) as raised:
        _answer(idp, client_id, {**challenge, "Session": "AYABe" + "x" * 200}, "whatever")
    assert _error(raised) == ("NotAuthorizedException", "Invalid session for the user.")
    challenge = idp.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "hal"})
    advance_clock(env.emulator.url, 3 * 60 + 1)  # AuthSessionValidity defaults to 3 minutes
    with pytest.raises(idp.exceptions.NotAuthorizedException) as raised:
        _answer(idp, client_id, challenge, env.code(pool_id, "hal"))
    assert _error(raised) == ("NotAuthorizedException", "Invalid session for the user, session is expired.")


def test_missing_triggers_and_a_client_without_custom_auth(env: Custom) -> None:
    idp = env.idp
    config = lambda_config()
    del config["VerifyAuthChallengeResponse"]
    pool_id, client_id = _pool(idp, config)
    _user(idp, pool_id, "ida")
    with pytest.raises(idp.exceptions.InvalidParameterException) as raised:
        idp.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "ida"})
    assert _error(raised) == ("InvalidParameterException",
                              "Custom auth lambda trigger is not configured for the user pool.")
    pool_id, client_id = _pool(idp, lambda_config(), flows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    _user(idp, pool_id, "ida")
    with pytest.raises(idp.exceptions.InvalidParameterException) as raised:
        idp.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "ida"})
    assert _error(raised) == ("InvalidParameterException", "Auth flow not enabled for this client")
    assert env.events("define", pool_id) == []


def test_unknown_users(env: Custom) -> None:
    """Without PreventUserExistenceErrors: UserNotFoundException. With it: the triggers run with
    ``userNotFound`` and the sign-in can only fail."""
    idp = env.idp
    pool_id, client_id = _pool(idp, lambda_config())
    with pytest.raises(idp.exceptions.UserNotFoundException):
        idp.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "nobody"})
    pool_id, client_id = _pool(idp, lambda_config(), PreventUserExistenceErrors="ENABLED")
    _user(idp, pool_id, "jo")
    challenge = idp.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "nobody"})
    assert challenge["ChallengeParameters"]["USERNAME"] == "nobody"
    with pytest.raises(idp.exceptions.NotAuthorizedException) as raised:
        _answer(idp, client_id, challenge, env.code(pool_id, "nobody"))
    assert _error(raised) == INCORRECT
    [first, second] = env.events("define", pool_id)
    assert first["request"]["userNotFound"] is True and first["request"]["userAttributes"] == {}
    assert env.events("verify", pool_id)[0]["request"]["userNotFound"] is True
    idp.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "jo"})
    assert env.events("define", pool_id)[-1]["request"]["userNotFound"] is False


def test_a_failing_challenge_function(env: Custom) -> None:
    idp = env.idp
    pool_id, client_id = _pool(idp, lambda_config(CreateAuthChallenge=trigger_functions.arn("refuse")))
    _user(idp, pool_id, "kai")
    with pytest.raises(idp.exceptions.UserLambdaValidationException) as raised:
        idp.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "kai"})
    assert _error(raised) == ("UserLambdaValidationException",
                              "CreateAuthChallenge failed with error Disposable email domains are not allowed.")


def test_mfa_follows_the_password_step_of_a_custom_flow_and_ends_it(env: Custom) -> None:
    """Cognito asks for MFA itself after PASSWORD_VERIFIER and then issues tokens, without asking
    Define again (amplify-js #3876); a custom flow without the password step asks for no MFA."""
    idp = env.idp
    pool_id, client_id = _pool(idp, lambda_config())
    set_mfa(idp, pool_id, "ON", sms=True)
    _user(idp, pool_id, "hal")
    idp.admin_update_user_attributes(UserPoolId=pool_id, Username="hal", UserAttributes=[
        {"Name": "phone_number", "Value": "+15555550199"}, {"Name": "phone_number_verified", "Value": "true"}])
    srp = AWSSRP(username="hal", password=PASSWORD, pool_id=pool_id, client_id=client_id, client=idp)
    parameters = {**srp.get_auth_params(), "CHALLENGE_NAME": "SRP_A"}
    verifier = idp.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters=parameters)
    responses = srp.process_challenge(verifier["ChallengeParameters"], parameters)
    mfa = idp.respond_to_auth_challenge(ClientId=client_id, ChallengeName="PASSWORD_VERIFIER",
                                        ChallengeResponses=responses)
    assert mfa["ChallengeName"] == "SMS_MFA"
    assert mfa["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"] == "SMS"
    code = last_code(env.emulator, pool_id, "hal", "MFA")
    done = idp.respond_to_auth_challenge(ClientId=client_id, ChallengeName="SMS_MFA", Session=mfa["Session"],
                                         ChallengeResponses={"USERNAME": "hal", "SMS_MFA_CODE": code})
    assert done["AuthenticationResult"]["AccessToken"]
    assert len(env.events("define", pool_id)) == 1  # only the SRP_A round: MFA ended the flow
    passwordless = idp.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "hal"})
    answered = _answer(idp, client_id, passwordless, env.code(pool_id, "hal"))
    assert answered["AuthenticationResult"]["AccessToken"]  # no MFA without the password step
