"""Lambda triggers end to end with boto3: every test runs twice, with the functions as Python
callables inside the emulator (seed ``Triggers`` and ``--trigger``) and behind a SAM-like
Lambda Invoke API server (``--lambda-endpoint``)."""

from __future__ import annotations

import base64
import json
import os
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import make_client
from tests.e2e.lambda_server import lambda_server
from tests.e2e.server import RunningEmulator, run_emulator
from tests.e2e.trigger_functions import FUNCTIONS, arn

PASSWORD = "Passw0rd!Passw0rd"


@dataclass
class Triggered:
    mode: str
    idp: Any
    directory: Path
    emulator: RunningEmulator

    def events(self, function: str, pool_id: str) -> list[dict[str, Any]]:
        path = self.directory / "events.jsonl"
        if not path.exists():
            return []
        entries = [json.loads(line) for line in path.read_text().splitlines()]
        return [e["event"] for e in entries if e["function"] == function and e["event"]["userPoolId"] == pool_id]


@contextmanager
def triggered_emulator(mode: str, prefix: str, handlers: dict[str, str], functions: dict[str, Any],
                       timeout: float, extra: tuple[str, ...] = ()) -> Iterator[Triggered]:
    """An emulator whose trigger functions are Python callables (``mode`` "python": the seed's
    Triggers map ARN -> handler) or sit behind the sam-local-like Invoke server ("lambda-api").
    The functions write what they saw into a fresh TRIGGER_DIR."""
    directory = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["TRIGGER_DIR"] = str(directory)  # for the functions behind lambda_server (this process)
    with ExitStack() as stack:
        args = ["--trigger-timeout", str(timeout)]
        if mode == "python":
            seed = directory / "seed.json"
            seed.write_text(json.dumps({"Triggers": handlers}))
            args += ["--fixtures", str(seed), *extra]
        else:
            endpoint = stack.enter_context(lambda_server(functions))
            args += ["--no-fixtures", "--lambda-endpoint", endpoint]
        running = stack.enter_context(run_emulator(*args, env={"TRIGGER_DIR": str(directory)}))
        (directory / "url").write_text(running.url)
        yield Triggered(mode, make_client("cognito-idp", running.url), directory, running)


@pytest.fixture(scope="module", params=["python", "lambda-api"])
def triggered(request: pytest.FixtureRequest) -> Iterator[Triggered]:
    handlers = {arn(name): f"tests.e2e.trigger_functions:{name}" for name in FUNCTIONS if name != "record"}
    record = f"{arn('record')}=tests.e2e.trigger_functions:record"  # one through --trigger, not the seed
    with triggered_emulator(request.param, "triggers-", handlers, FUNCTIONS, 4, ("--trigger", record)) as found:
        yield found


def _pool(idp: Any, lambda_config: dict[str, Any], **extra: Any) -> tuple[str, str]:
    pool = idp.create_user_pool(PoolName=f"t-{uuid.uuid4().hex[:8]}", LambdaConfig=lambda_config,
                                AutoVerifiedAttributes=["email"], **extra)["UserPool"]
    flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    client = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="app", ExplicitAuthFlows=flows)
    return pool["Id"], client["UserPoolClient"]["ClientId"]


def _claims(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))  # type: ignore[no-any-return]


def _error(raised: pytest.ExceptionInfo[Any]) -> tuple[str, str]:
    error = raised.value.response["Error"]
    return error["Code"], error["Message"]


def test_pre_sign_up_auto_confirms_and_post_confirmation_follows(triggered: Triggered) -> None:
    idp = triggered.idp
    pool_id, client_id = _pool(idp, {"PreSignUp": arn("auto_confirm"), "PostConfirmation": arn("record")})
    answer = idp.sign_up(ClientId=client_id, Username="ann", Password=PASSWORD,
                         UserAttributes=[{"Name": "email", "Value": "ann@example.com"}],
                         ValidationData=[{"Name": "invite", "Value": "X1"}], ClientMetadata={"source": "web"})
    assert answer["UserConfirmed"] is True and "CodeDeliveryDetails" not in answer
    user = idp.admin_get_user(UserPoolId=pool_id, Username="ann")
    assert user["UserStatus"] == "CONFIRMED"
    assert {"Name": "email_verified", "Value": "true"} in user["UserAttributes"]
    [event] = triggered.events("auto_confirm", pool_id)
    assert event["triggerSource"] == "PreSignUp_SignUp" and event["version"] == "1"
    assert event["userName"] == "ann" and event["region"] == "us-east-1"
    assert event["callerContext"] == {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": client_id}
    assert event["request"]["validationData"] == {"invite": "X1"}
    assert event["request"]["clientMetadata"] == {"source": "web"}
    attributes = event["request"]["userAttributes"]
    assert attributes["email"] == "ann@example.com" and attributes["cognito:user_status"] == "UNCONFIRMED"
    assert all(isinstance(v, str) for v in attributes.values()) and "sub" in attributes
    assert event["response"] == {"autoConfirmUser": False, "autoVerifyEmail": False, "autoVerifyPhone": False}
    [confirmed] = triggered.events("record", pool_id)
    assert confirmed["triggerSource"] == "PostConfirmation_ConfirmSignUp"
    assert confirmed["request"]["userAttributes"]["cognito:user_status"] == "CONFIRMED"


def test_refusing_pre_sign_up_creates_nothing(triggered: Triggered) -> None:
    idp = triggered.idp
    pool_id, client_id = _pool(idp, {"PreSignUp": arn("refuse")})
    with pytest.raises(idp.exceptions.UserLambdaValidationException) as raised:
        idp.sign_up(ClientId=client_id, Username="bob", Password=PASSWORD)
    assert _error(raised) == ("UserLambdaValidationException",
                              "PreSignUp failed with error Disposable email domains are not allowed.")
    with pytest.raises(idp.exceptions.UserNotFoundException):
        idp.admin_get_user(UserPoolId=pool_id, Username="bob")
    line = ("PreSignUp (PreSignUp_SignUp) for bob: UserLambdaValidationException: PreSignUp failed with error "
            "Disposable email domains are not allowed.")
    deadline = time.monotonic() + 5  # the console is read by a thread: the line may trail the answer
    while line not in triggered.emulator.log and time.monotonic() < deadline:
        time.sleep(0.02)
    assert line in triggered.emulator.log
    with pytest.raises(idp.exceptions.UserLambdaValidationException):
        idp.admin_create_user(UserPoolId=pool_id, Username="bob", MessageAction="SUPPRESS")
    with pytest.raises(idp.exceptions.UserNotFoundException):
        idp.admin_get_user(UserPoolId=pool_id, Username="bob")


def test_admin_create_user_event_has_no_client_and_omits_absent_members(triggered: Triggered) -> None:
    idp = triggered.idp
    pool_id, _ = _pool(idp, {"PreSignUp": arn("record")})
    idp.admin_create_user(UserPoolId=pool_id, Username="carl", MessageAction="SUPPRESS")
    [event] = triggered.events("record", pool_id)
    assert event["triggerSource"] == "PreSignUp_AdminCreateUser"
    assert event["callerContext"]["clientId"] == "CLIENT_ID_NOT_APPLICABLE"
    assert "clientMetadata" not in event["request"] and "validationData" not in event["request"]
    assert idp.admin_get_user(UserPoolId=pool_id, Username="carl")["UserStatus"] == "FORCE_CHANGE_PASSWORD"


def test_output_that_is_not_the_event(triggered: Triggered) -> None:
    idp = triggered.idp
    _, client_id = _pool(idp, {"PreSignUp": arn("bad_output")})
    with pytest.raises(idp.exceptions.InvalidLambdaResponseException) as raised:
        idp.sign_up(ClientId=client_id, Username="dan", Password=PASSWORD)
    assert _error(raised) == ("InvalidLambdaResponseException", "Unrecognizable lambda output")


def test_trigger_that_times_out(triggered: Triggered) -> None:
    idp = triggered.idp
    pool_id, client_id = _pool(idp, {"PreSignUp": arn("slow")})
    with pytest.raises(idp.exceptions.UnexpectedLambdaException) as raised:
        idp.sign_up(ClientId=client_id, Username="eve", Password=PASSWORD)
    assert _error(raised) == ("UnexpectedLambdaException", "PreSignUp invocation failed due to error "
                              "Socket timeout while invoking Lambda function.")
    with pytest.raises(idp.exceptions.UserNotFoundException):
        idp.admin_get_user(UserPoolId=pool_id, Username="eve")


def test_function_the_endpoint_does_not_know(triggered: Triggered) -> None:
    """Behind an endpoint: AWS's ResourceNotFoundException; with nowhere to send it: skipped."""
    idp = triggered.idp
    pool_id, client_id = _pool(idp, {"PreSignUp": arn("no-such-function")})
    if triggered.mode == "lambda-api":
        with pytest.raises(idp.exceptions.UnexpectedLambdaException) as raised:
            idp.sign_up(ClientId=client_id, Username="fay", Password=PASSWORD)
        assert _error(raised)[1] == "PreSignUp invocation failed due to error ResourceNotFoundException."
    else:
        assert idp.sign_up(ClientId=client_id, Username="fay", Password=PASSWORD)["UserConfirmed"] is False


def test_re_entrant_post_confirmation_adds_the_user_to_a_group(triggered: Triggered) -> None:
    idp = triggered.idp
    pool_id, client_id = _pool(idp, {"PostConfirmation": arn("add_to_group")})
    idp.create_group(UserPoolId=pool_id, GroupName="confirmed")
    idp.sign_up(ClientId=client_id, Username="gil", Password=PASSWORD)
    idp.admin_confirm_sign_up(UserPoolId=pool_id, Username="gil")
    groups = idp.admin_list_groups_for_user(UserPoolId=pool_id, Username="gil")["Groups"]
    assert [g["GroupName"] for g in groups] == ["confirmed"]
    [event] = triggered.events("add_to_group", pool_id)
    assert event["callerContext"]["clientId"] == "CLIENT_ID_NOT_APPLICABLE"


def _confirmed_user(idp: Any, pool_id: str, name: str) -> None:
    idp.admin_create_user(UserPoolId=pool_id, Username=name, MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": "email", "Value": f"{name}@example.com"},
                                          {"Name": "email_verified", "Value": "true"}])
    idp.admin_set_user_password(UserPoolId=pool_id, Username=name, Password=PASSWORD, Permanent=True)


def test_sign_in_runs_pre_and_post_authentication_and_pre_token_v1(triggered: Triggered) -> None:
    idp = triggered.idp
    pool_id, client_id = _pool(idp, {"PreAuthentication": arn("record"), "PostAuthentication": arn("record"),
                                     "PreTokenGeneration": arn("claims_v1")})
    _confirmed_user(idp, pool_id, "hal")
    result = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", ClientMetadata={"app": "1"},
                               AuthParameters={"USERNAME": "hal", "PASSWORD": PASSWORD})["AuthenticationResult"]
    id_claims, access = _claims(result["IdToken"]), _claims(result["AccessToken"])
    assert id_claims["tenant"] == "acme" and "email" not in id_claims
    assert id_claims["cognito:groups"] == ["from-trigger"] and access["cognito:groups"] == ["from-trigger"]
    assert "tenant" not in access, "V1 edits the ID token only"
    pre, post = triggered.events("record", pool_id)
    assert pre["triggerSource"] == "PreAuthentication_Authentication"
    assert pre["request"]["validationData"] == {"app": "1"}
    assert post["triggerSource"] == "PostAuthentication_Authentication"
    assert post["request"]["newDeviceUsed"] is False and "clientMetadata" not in post["request"]
    [token_event] = triggered.events("claims_v1", pool_id)
    assert token_event["triggerSource"] == "TokenGeneration_Authentication"
    assert token_event["request"]["groupConfiguration"] == {"groupsToOverride": [], "iamRolesToOverride": [],
                                                            "preferredRole": None}


def test_refusing_pre_authentication_stops_the_sign_in(triggered: Triggered) -> None:
    idp = triggered.idp
    pool_id, client_id = _pool(idp, {"PreAuthentication": arn("refuse")})
    _confirmed_user(idp, pool_id, "ida")
    with pytest.raises(idp.exceptions.UserLambdaValidationException) as raised:
        idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                          AuthParameters={"USERNAME": "ida", "PASSWORD": PASSWORD})
    assert _error(raised)[1] == "PreAuthentication failed with error Disposable email domains are not allowed."


def test_refusing_post_authentication_issues_no_tokens(triggered: Triggered) -> None:
    idp = triggered.idp
    pool_id, client_id = _pool(idp, {"PostAuthentication": arn("refuse")})
    _confirmed_user(idp, pool_id, "jo")
    with pytest.raises(idp.exceptions.UserLambdaValidationException) as raised:
        idp.admin_initiate_auth(UserPoolId=pool_id, ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                AuthParameters={"USERNAME": "jo", "PASSWORD": PASSWORD})
    assert _error(raised)[1].startswith("PostAuthentication failed with error ")


def test_pre_token_v2_edits_both_tokens_and_scopes_and_runs_on_refresh(triggered: Triggered) -> None:
    idp = triggered.idp
    config = {"PreTokenGenerationConfig": {"LambdaVersion": "V2_0", "LambdaArn": arn("claims_v2")}}
    pool_id, client_id = _pool(idp, config, UserPoolTier="ESSENTIALS")
    _confirmed_user(idp, pool_id, "kim")
    result = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                               AuthParameters={"USERNAME": "kim", "PASSWORD": PASSWORD})["AuthenticationResult"]
    access, id_claims = _claims(result["AccessToken"]), _claims(result["IdToken"])
    assert access["tenant"] == "acme" and access["scope"] == "orders/read"
    assert access["sub"] == id_claims["sub"] != "forged", "sub cannot be overridden"
    assert id_claims["roles"] == ["a", "b"]
    refreshed = idp.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                                  AuthParameters={"REFRESH_TOKEN": result["RefreshToken"]})["AuthenticationResult"]
    assert _claims(refreshed["AccessToken"])["tenant"] == "acme"
    sign_in, refresh = triggered.events("claims_v2", pool_id)
    assert sign_in["version"] == "2" and sign_in["request"]["scopes"] == ["aws.cognito.signin.user.admin"]
    assert refresh["triggerSource"] == "TokenGeneration_RefreshTokens"
