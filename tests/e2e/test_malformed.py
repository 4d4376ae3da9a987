"""Raw HTTP that no SDK would send: every answer is an AWS-shaped 4xx, never a 5xx.

Each response is checked the same way: status, JSON body ``{"__type", "message"}``, header
``x-amzn-ErrorType: <Code>:``, ``x-amzn-ErrorMessage`` and ``x-amzn-RequestId``. Sensitive
values are never echoed, and after the battery the seeded pool is intact.
"""

from __future__ import annotations

import itertools
import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from http.client import HTTPConnection
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from emulator.operations import load_operations
from emulator.wire.errors import AwsError
from emulator.wire.validation import validate_input
from tests.e2e.server import RunningEmulator

IDP = "AWSCognitoIdentityProviderService"
IDENTITY = "AWSCognitoIdentityService"
JSON_11 = "application/x-amz-json-1.1"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
SECRET = "Sup3r-Secret-Passw0rd"
IDENTITY_POOL = "us-east-1:0f5e7c3a-1111-2222-3333-444455556666"


@pytest.fixture(scope="module")
def http(emulator: RunningEmulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emulator.url, timeout=10) as client:
        yield client


def post(http: httpx.Client, target: str | None, body: Any, *, content_type: str | None = JSON_11,
         path: str = "/", headers: dict[str, str] | None = None) -> httpx.Response:
    sent = {**({"Content-Type": content_type} if content_type else {}),
            **({"X-Amz-Target": target} if target else {}), **(headers or {})}
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return http.post(path, content=raw, headers=sent)


def check_error(response: httpx.Response, status: int, code: str) -> str:
    """The AWS error contract; returns the message."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(JSON_11)
    body = response.json()
    assert set(body) == {"__type", "message"}, body
    assert body["__type"] == code, body
    assert isinstance(body["message"], str) and body["message"]
    assert response.headers["x-amzn-ErrorType"] == f"{code}:"
    header_message = response.headers["x-amzn-ErrorMessage"]
    if body["message"].isascii() and body["message"].isprintable() and len(body["message"]) < 1000:
        assert header_message == body["message"]
    assert UUID.fullmatch(response.headers["x-amzn-RequestId"])
    return str(body["message"])


@dataclass(frozen=True)
class Case:
    name: str
    target: str | None
    body: Any
    status: int
    code: str
    message: str | None = None  # exact, when known
    contains: str | None = None
    content_type: str | None = JSON_11


def _validation(*items: str) -> str:
    noun = "error" if len(items) == 1 else "errors"
    return f"{len(items)} validation {noun} detected: " + "; ".join(items)


CASES = [
    # --- framing --------------------------------------------------------------------------
    Case("unknown target", f"{IDP}.DoSomethingOdd", {}, 400, "UnknownOperationException"),
    Case("unknown service prefix", "AWSNotAService.ListUserPools", {}, 400, "UnknownOperationException"),
    Case("target without operation", f"{IDP}.", {}, 400, "UnknownOperationException"),
    Case("wrong case target", f"{IDP}.listuserpools", {}, 400, "UnknownOperationException"),
    Case("missing target", None, {}, 400, "UnknownOperationException"),
    Case("malformed json", f"{IDP}.ListUserPools", b'{"MaxResults": 5', 400, "SerializationException"),
    Case("json array body", f"{IDP}.ListUserPools", b"[1, 2]", 400, "SerializationException"),
    Case("json string body", f"{IDP}.ListUserPools", b'"hello"', 400, "SerializationException"),
    Case("json number body", f"{IDP}.ListUserPools", b"42", 400, "SerializationException"),
    Case("json null body", f"{IDP}.ListUserPools", b"null", 400, "SerializationException"),
    Case("NaN literal", f"{IDP}.ListUserPools", b'{"MaxResults": NaN}', 400, "SerializationException"),
    Case("empty body", f"{IDP}.ListUserPools", b"", 400, "SerializationException"),
    Case("whitespace body", f"{IDP}.ListUserPools", b"  \n ", 400, "SerializationException"),
    Case("invalid utf-8", f"{IDP}.ListUserPools", b'{"NextToken": "\xff\xfe"}', 400, "SerializationException"),
    Case("deep nesting", f"{IDP}.ListUserPools", b"[" * 100_000 + b"]" * 100_000, 400,
         "SerializationException"),
    Case("wrong content type", f"{IDP}.ListUserPools", {"MaxResults": 5}, 400, "SerializationException",
         content_type="application/json"),
    Case("form content type", f"{IDP}.ListUserPools", {"MaxResults": 5}, 400, "SerializationException",
         content_type="application/x-www-form-urlencoded"),
    Case("missing content type", f"{IDP}.ListUserPools", {"MaxResults": 5}, 400, "SerializationException",
         content_type=None),
    # --- wrong JSON types (SerializationException, before any constraint) -------------------
    Case("string for int", f"{IDP}.ListUserPools", {"MaxResults": "5"}, 400, "SerializationException"),
    Case("float for int", f"{IDP}.ListUserPools", {"MaxResults": 5.5}, 400, "SerializationException"),
    Case("bool for int", f"{IDP}.ListUserPools", {"MaxResults": True}, 400, "SerializationException"),
    Case("huge float for int", f"{IDP}.ListUserPools", b'{"MaxResults": 1e400}', 400, "SerializationException"),
    Case("object for string", f"{IDP}.DescribeUserPool", {"UserPoolId": {"a": 1}}, 400,
         "SerializationException"),
    Case("bool for string", f"{IDP}.CreateUserPoolClient",
         {"UserPoolId": "us-east-1_localdemo", "ClientName": True}, 400, "SerializationException"),
    Case("list for map", f"{IDP}.CreateUserPool", {"PoolName": "p", "UserPoolTags": ["a", "b"]}, 400,
         "SerializationException"),
    Case("object for list", f"{IDP}.CreateUserPool", {"PoolName": "p", "Schema": {"Name": "x"}}, 400,
         "SerializationException"),
    Case("string for structure", f"{IDP}.CreateUserPool", {"PoolName": "p", "Policies": "strict"}, 400,
         "SerializationException"),
    Case("nested wrong type", f"{IDP}.CreateUserPool",
         {"PoolName": "p", "Policies": {"PasswordPolicy": {"MinimumLength": "8"}}}, 400, "SerializationException"),
    Case("wrong type in list member", f"{IDP}.CreateUserPool", {"PoolName": "p", "Schema": [{"Name": 7}]}, 400,
         "SerializationException"),
    Case("number in string list", f"{IDP}.CreateUserPoolClient",
         {"UserPoolId": "us-east-1_localdemo", "ClientName": "c", "ExplicitAuthFlows": [1]}, 400,
         "SerializationException"),
    Case("map value wrong type", f"{IDP}.CreateUserPool", {"PoolName": "p", "UserPoolTags": {"k": 1}}, 400,
         "SerializationException"),
    Case("identity bool as string", f"{IDENTITY}.CreateIdentityPool",
         {"IdentityPoolName": "p", "AllowUnauthenticatedIdentities": "yes"}, 400, "SerializationException"),
    Case("identity list for map", f"{IDENTITY}.GetId", {"IdentityPoolId": IDENTITY_POOL, "Logins": ["x"]}, 400,
         "SerializationException"),
    Case("identity object for string", f"{IDENTITY}.DescribeIdentityPool", {"IdentityPoolId": {}}, 400,
         "SerializationException"),
    # --- constraints (InvalidParameterException, AWS wording) -------------------------------
    Case("missing required", f"{IDP}.ListUserPools", {}, 400, "InvalidParameterException",
         _validation("Value null at 'maxResults' failed to satisfy constraint: Member must not be null")),
    Case("explicit null for required", f"{IDP}.DescribeUserPool", {"UserPoolId": None}, 400,
         "InvalidParameterException",
         _validation("Value null at 'userPoolId' failed to satisfy constraint: Member must not be null")),
    Case("max results 0", f"{IDP}.ListUserPools", {"MaxResults": 0}, 400, "InvalidParameterException",
         _validation("Value '0' at 'maxResults' failed to satisfy constraint: "
                     "Member must have value greater than or equal to 1")),
    Case("max results 61", f"{IDP}.ListUserPools", {"MaxResults": 61}, 400, "InvalidParameterException",
         _validation("Value '61' at 'maxResults' failed to satisfy constraint: "
                     "Member must have value less than or equal to 60")),
    Case("over-long pool id", f"{IDP}.DescribeUserPool", {"UserPoolId": "us-east-1_" + "a" * 60}, 400,
         "InvalidParameterException", contains="Member must have length less than or equal to 55"),
    Case("pool id pattern", f"{IDP}.DescribeUserPool", {"UserPoolId": "no-underscore"}, 400,
         "InvalidParameterException",
         _validation("Value 'no-underscore' at 'userPoolId' failed to satisfy constraint: "
                     "Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+")),
    Case("enum violation", f"{IDP}.CreateUserPool", {"PoolName": "p", "MfaConfiguration": "MAYBE"}, 400,
         "InvalidParameterException",
         _validation("Value 'MAYBE' at 'mfaConfiguration' failed to satisfy constraint: "
                     "Member must satisfy enum value set: [OFF, ON, OPTIONAL]")),
    Case("nested range", f"{IDP}.CreateUserPool",
         {"PoolName": "p", "Policies": {"PasswordPolicy": {"MinimumLength": 5}}}, 400, "InvalidParameterException",
         _validation("Value '5' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: "
                     "Member must have value greater than or equal to 6")),
    Case("list too long", f"{IDP}.CreateUserPool",
         {"PoolName": "p", "Schema": [{"Name": f"a{i}"} for i in range(51)]}, 400, "InvalidParameterException",
         contains="at 'schema' failed to satisfy constraint: Member must have length less than or equal to 50"),
    Case("list member field", f"{IDP}.CreateUserPool", {"PoolName": "p", "Schema": [{"Name": "x" * 21}]}, 400,
         "InvalidParameterException",
         contains="at 'schema.1.member.name' failed to satisfy constraint: "
                  "Member must have length less than or equal to 20"),
    Case("empty pool name", f"{IDP}.CreateUserPool", {"PoolName": ""}, 400, "InvalidParameterException",
         _validation("Value '' at 'poolName' failed to satisfy constraint: "
                     "Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+",
                     "Value '' at 'poolName' failed to satisfy constraint: "
                     "Member must have length greater than or equal to 1")),
    Case("over-long string", f"{IDP}.CreateGroup",
         {"UserPoolId": "us-east-1_localdemo", "GroupName": "g", "Description": "d" * 2049}, 400,
         "InvalidParameterException", contains="Member must have length less than or equal to 2048"),
    Case("two errors", f"{IDP}.ConfirmSignUp", {"ClientId": "abc", "Username": "u", "ConfirmationCode": ""}, 400,
         "InvalidParameterException",
         _validation("Value '' at 'confirmationCode' failed to satisfy constraint: "
                     "Member must satisfy regular expression pattern: [\\S]+",
                     "Value '' at 'confirmationCode' failed to satisfy constraint: "
                     "Member must have length greater than or equal to 1")),
    Case("identity missing required", f"{IDENTITY}.GetId", {}, 400, "ValidationException",
         _validation("Value null at 'identityPoolId' failed to satisfy constraint: Member must not be null")),
    Case("identity pattern", f"{IDENTITY}.GetId", {"IdentityPoolId": "not-an-id"}, 400,
         "ValidationException", contains="Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+"),
    Case("identity map too long", f"{IDENTITY}.GetId",
         {"IdentityPoolId": IDENTITY_POOL, "Logins": {f"p{i}.example.com": "t" for i in range(11)}}, 400,
         "ValidationException", contains="Member must have length less than or equal to 10"),
    Case("identity range 0", f"{IDENTITY}.ListIdentityPools", {"MaxResults": 0}, 400,
         "ValidationException", contains="Member must have value greater than or equal to 1"),
    Case("identity range 61", f"{IDENTITY}.ListIdentityPools", {"MaxResults": 61}, 400,
         "ValidationException", contains="Member must have value less than or equal to 60"),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_malformed_request_gets_an_aws_error(http: httpx.Client, case: Case) -> None:
    response = post(http, case.target, case.body, content_type=case.content_type)
    message = check_error(response, case.status, case.code)
    if case.message is not None:
        assert message == case.message
    if case.contains is not None:
        assert case.contains in message


def test_body_over_one_mebibyte_is_413(http: httpx.Client) -> None:
    big = json.dumps({"MaxResults": 5, "NextToken": "x" * (1024 * 1024)}).encode()
    check_error(post(http, f"{IDP}.ListUserPools", big), 413, "RequestEntityTooLargeException")
    # the connection and the server are fine afterwards
    assert post(http, f"{IDP}.ListUserPools", {"MaxResults": 1}).status_code == 200


@pytest.mark.parametrize("body", [
    {"ClientId": "abc", "Username": "u", "Password": SECRET + " with spaces"},
    {"ClientId": "abc", "Username": "u", "Password": SECRET * 20},
    {"ClientId": "abc", "Username": "u", "Password": [SECRET]},
    {"ClientId": "abc", "Username": "u", "Password": {"p": SECRET}},
])
def test_password_is_never_echoed(http: httpx.Client, body: dict[str, Any]) -> None:
    response = post(http, f"{IDP}.SignUp", body)
    assert 400 <= response.status_code < 500
    assert SECRET not in response.text
    assert all(SECRET not in value for value in response.headers.values())


def test_sensitive_member_message_omits_the_value(http: httpx.Client) -> None:
    response = post(http, f"{IDP}.SignUp", {"ClientId": "abc", "Username": "u", "Password": " " + SECRET})
    message = check_error(response, 400, "InvalidParameterException")
    assert SECRET not in message
    assert message == _validation("Value at 'password' failed to satisfy constraint: "
                                  "Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$")


# Values tried for a required string member until the input passes the model's checks.
_CANDIDATES = ("us-east-1_localdemo", "localdemoclient", "demo", "us-east-1:00000000-0000-4000-8000-000000000000",
               "a" * 24, "a")


def _minimal_input(shape: Any) -> dict[str, Any] | None:
    """Required members only, each a value the model accepts (None: no such input found)."""
    members = list(shape.required_members)
    if len(members) > 3 or any(shape.members[m].type_name != "string" for m in members):
        return None
    choices = [shape.members[m].enum or _CANDIDATES for m in members]
    for values in itertools.product(*choices):
        params = dict(zip(members, values, strict=True))
        try:
            validate_input(shape, params)
        except AwsError:
            continue
        return params
    return None


def _unimplemented_operation() -> tuple[str, str, dict[str, Any]] | None:
    """An operation in the model the emulator does not implement yet, with input it accepts."""
    for registry in load_operations():
        for name in registry.unimplemented():
            shape = registry.service.input_shape(name)
            params = {} if shape is None else _minimal_input(shape)
            if params is not None:
                return registry.service.target_prefix, name, params
    return None


def test_unimplemented_operation_says_so(http: httpx.Client) -> None:
    found = _unimplemented_operation()
    if found is None:
        pytest.skip("every operation is implemented")
    prefix, name, params = found
    message = check_error(post(http, f"{prefix}.{name}", params), 400, "UnsupportedOperationException")
    assert message == f"The emulator does not implement {name} yet."


def test_unknown_members_are_ignored(http: httpx.Client) -> None:
    response = post(http, f"{IDP}.DescribeUserPool",
                    {"UserPoolId": "us-east-1_localdemo", "SomethingNew": {"x": [1]}})
    assert response.status_code == 200
    assert response.json()["UserPool"]["Id"] == "us-east-1_localdemo"


@pytest.mark.parametrize("path", ["/", "/base", "/base/", "/identity/"])
def test_any_path_works(http: httpx.Client, path: str) -> None:
    response = post(http, f"{IDP}.DescribeUserPool", {"UserPoolId": "us-east-1_localdemo"}, path=path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(JSON_11)
    assert UUID.fullmatch(response.headers["x-amzn-RequestId"])
    assert response.json()["UserPool"]["Name"] == "local-demo"


def test_content_type_with_charset_is_accepted(http: httpx.Client) -> None:
    response = post(http, f"{IDP}.ListUserPools", {"MaxResults": 1},
                    content_type="application/x-amz-json-1.1; charset=utf-8")
    assert response.status_code == 200


def test_request_ids_are_unique(http: httpx.Client) -> None:
    ids = {post(http, f"{IDP}.ListUserPools", {"MaxResults": 1}).headers["x-amzn-RequestId"] for _ in range(5)}
    assert len(ids) == 5


def test_keep_alive_serves_many_requests_on_one_connection(emulator: RunningEmulator) -> None:
    address = urlsplit(emulator.url)
    connection = HTTPConnection(address.hostname or "127.0.0.1", address.port, timeout=10)
    connection.connect()
    sock = connection.sock
    requests = [
        (f"{IDP}.DescribeUserPool", b'{"UserPoolId": "us-east-1_localdemo"}', 200),
        (f"{IDP}.ListUserPools", b"{not json", 400),
        (f"{IDP}.NoSuchOperation", b"{}", 400),
        (f"{IDP}.ListUserPools", b'{"MaxResults": 61}', 400),
        (f"{IDP}.ListUserPools", b'{"MaxResults": 2}', 200),
    ]
    try:
        for target, body, status in requests:
            connection.request("POST", "/", body=body, headers={"Content-Type": JSON_11, "X-Amz-Target": target})
            response = connection.getresponse()
            response.read()
            assert response.status == status
            assert connection.sock is sock, "the server closed a keep-alive connection"
    finally:
        connection.close()


def test_httpx_client_reuses_its_connection(http: httpx.Client) -> None:
    for _ in range(5):
        assert post(http, f"{IDP}.ListUserPools", {"MaxResults": 1}).status_code == 200
        check_error(post(http, f"{IDP}.ListUserPools", b"{"), 400, "SerializationException")


# --- CORS (browsers: acij, Amplify, SDK v3) ------------------------------------------------
ORIGIN = "http://localhost:3000"
REQUESTED = "amz-sdk-invocation-id,amz-sdk-request,cache-control,content-type,x-amz-target,x-amz-user-agent"


@pytest.mark.parametrize("path", ["/", "/base/"])
def test_preflight_echoes_origin_and_headers(http: httpx.Client, path: str) -> None:
    response = http.options(path, headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST",
                                           "Access-Control-Request-Headers": REQUESTED})
    assert response.status_code in (200, 204)
    assert response.headers["access-control-allow-origin"] == ORIGIN
    assert "POST" in response.headers["access-control-allow-methods"]
    allowed = {h.strip().lower() for h in response.headers["access-control-allow-headers"].split(",")}
    assert set(REQUESTED.split(",")) <= allowed
    assert response.headers.get("access-control-allow-credentials") == "true"


def test_error_responses_carry_cors_headers(http: httpx.Client) -> None:
    response = post(http, f"{IDP}.DescribeUserPool", {"UserPoolId": "us-east-1_nosuchpool"},
                    headers={"Origin": ORIGIN})
    check_error(response, 400, "ResourceNotFoundException")
    assert response.headers["access-control-allow-origin"] == ORIGIN
    exposed = {h.strip().lower() for h in response.headers["access-control-expose-headers"].split(",")}
    assert {"x-amzn-errortype", "x-amzn-errormessage", "x-amzn-requestid"} <= exposed


def test_success_responses_carry_cors_headers(http: httpx.Client) -> None:
    response = post(http, f"{IDP}.ListUserPools", {"MaxResults": 1}, headers={"Origin": ORIGIN})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ORIGIN


# --- state after the battery ----------------------------------------------------------------
def test_state_is_intact_after_the_battery(http: httpx.Client) -> None:
    for case in CASES:  # run the whole battery once more, in one go
        assert post(http, case.target, case.body, content_type=case.content_type).status_code < 500
    pool = post(http, f"{IDP}.DescribeUserPool", {"UserPoolId": "us-east-1_localdemo"})
    assert pool.status_code == 200 and pool.json()["UserPool"]["Name"] == "local-demo"
    clients = post(http, f"{IDP}.ListUserPoolClients", {"UserPoolId": "us-east-1_localdemo"}).json()
    assert {c["ClientId"] for c in clients["UserPoolClients"]} == {"localdemoclient", "localdemoserver"}
    names = post(http, f"{IDP}.ListUserPools", {"MaxResults": 60}).json()["UserPools"]
    assert not any(p["Name"] == "p" for p in names), "a refused CreateUserPool left a pool behind"


def test_fresh_request_after_garbage_still_creates(http: httpx.Client) -> None:
    name = f"after-{uuid.uuid4().hex[:6]}"
    created = post(http, f"{IDP}.CreateUserPool", {"PoolName": name})
    assert created.status_code == 200
    pool_id = created.json()["UserPool"]["Id"]
    assert post(http, f"{IDP}.DeleteUserPool", {"UserPoolId": pool_id}).status_code == 200


HOSTILE_MEMBERS = [
    (f"{IDP}.AdminGetUser", {"UserPoolId": "us-east-1_localdemo", "Username": "x"}, "Username"),
    (f"{IDP}.SignUp", {"ClientId": "localdemoclient", "Username": "x", "Password": SECRET}, "Username"),
    (f"{IDP}.ListUsers", {"UserPoolId": "us-east-1_localdemo", "Filter": 'email = "x"'}, "Filter"),
    (f"{IDP}.CreateGroup", {"UserPoolId": "us-east-1_localdemo", "GroupName": "g"}, "Description"),
    (f"{IDENTITY}.CreateIdentityPool", {"IdentityPoolName": "p", "AllowUnauthenticatedIdentities": True},
     "IdentityPoolName"),
]


@pytest.mark.parametrize(("target", "body", "member"), HOSTILE_MEMBERS,
                         ids=[member[0].split(".")[1] for member in HOSTILE_MEMBERS])
@pytest.mark.parametrize("value", ["\ud800", "a\udfffb", "\x00", "line\r\nbreak", "\x1b[31mred", "x" * 100_000],
                         ids=["lone-high", "lone-low", "nul", "crlf", "escape", "huge"])
def test_hostile_strings_get_an_aws_error_never_a_500(http: httpx.Client, target: str, body: dict[str, Any],
                                                      member: str, value: str) -> None:
    """A lone surrogate, a NUL or control character, or a huge value in any member: a 4xx in AWS's
    shape on a connection that stays usable (a NUL echoed into a header used to drop it)."""
    raw = json.dumps({**body, member: value}).encode()  # json.dumps escapes lone surrogates as \udxxx
    response = http.post("/", content=raw, headers={"Content-Type": JSON_11, "X-Amz-Target": target})
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        check_error(response, response.status_code, response.json()["__type"])
        assert all(0x20 <= ord(c) < 0x7f for c in response.headers["x-amzn-ErrorMessage"])
    assert post(http, f"{IDP}.DescribeUserPool", {"UserPoolId": "us-east-1_localdemo"}).status_code == 200


def test_a_lone_surrogate_is_refused_before_anything_is_stored(http: httpx.Client) -> None:
    response = post(http, f"{IDP}.CreateGroup", {"UserPoolId": "us-east-1_localdemo", "GroupName": "g\ud800"})
    assert check_error(response, 400, "SerializationException").startswith("Request body contains a lone")
    listed = post(http, f"{IDP}.ListGroups", {"UserPoolId": "us-east-1_localdemo"}).json()["Groups"]
    assert all("\ud800" not in group["GroupName"] for group in listed)
    emoji = post(http, f"{IDP}.AdminGetUser", {"UserPoolId": "us-east-1_localdemo", "Username": "\U0001f600"})
    check_error(emoji, 400, "UserNotFoundException")  # a surrogate *pair* is ordinary text


def test_sign_up_without_a_password_is_refused(http: httpx.Client) -> None:
    response = post(http, f"{IDP}.SignUp", {"ClientId": "localdemoclient", "Username": "nopassword"})
    assert check_error(response, 400, "InvalidParameterException") == _validation(
        "Value null at 'password' failed to satisfy constraint: Member must not be null")
    empty = post(http, f"{IDP}.SignUp", {"ClientId": "localdemoclient", "Username": "nopassword", "Password": ""})
    assert "'password' failed to satisfy constraint" in check_error(empty, 400, "InvalidParameterException")
    assert post(http, f"{IDP}.AdminGetUser", {"UserPoolId": "us-east-1_localdemo", "Username": "nopassword"}
                ).json()["__type"] == "UserNotFoundException"


@pytest.mark.parametrize("seconds", [1e308, -1, "10", None, float("inf")])
def test_the_clock_refuses_what_would_break_it(http: httpx.Client, seconds: Any) -> None:
    raw = json.dumps({"seconds": seconds}).encode() if seconds != float("inf") else b'{"seconds": 1e999}'
    response = http.post("/_emulator/clock/advance", content=raw)
    assert response.status_code == 400 and "seconds" in response.json()["message"]
    signed_in = post(http, f"{IDP}.InitiateAuth", {"ClientId": "localdemoclient", "AuthFlow": "USER_PASSWORD_AUTH",
                                                   "AuthParameters": {"USERNAME": "demo", "PASSWORD": "Passw0rd!"}})
    assert signed_in.status_code == 200
