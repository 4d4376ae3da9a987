"""SDK calls the connection answers itself (emulator/http/fast_calls.py) look on the wire exactly
like the ones uvicorn's request cycle answers, and keep HTTP/1.1's order and close semantics:
raw sockets, so every byte of the status line and headers is seen."""

from __future__ import annotations

import json
import re
import socket
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.e2e.lambda_server import lambda_server
from tests.e2e.server import RunningEmulator, run_emulator

TARGET = "AWSCognitoIdentityProviderService."


@pytest.fixture(scope="module")
def slow_trigger() -> Iterator[str]:
    def slow_pre_sign_up(event: dict[str, Any], _context: Any) -> dict[str, Any]:
        time.sleep(0.4)  # the emulator's answer waits on this: its call is suspended meanwhile
        return event

    with lambda_server({"slow": slow_pre_sign_up}) as endpoint:
        yield endpoint


@pytest.fixture(scope="module")
def emulator(slow_trigger: str) -> Iterator[RunningEmulator]:
    with run_emulator("--no-fixtures", "--lambda-endpoint", slow_trigger) as running:
        yield running


def call(operation: str, body: dict[str, Any], *extra: bytes, version: bytes = b"1.1") -> bytes:
    data = json.dumps(body).encode()
    return (b"POST / HTTP/" + version + b"\r\nHost: localhost\r\nX-Amz-Target: " + TARGET.encode()
            + operation.encode() + b"\r\nContent-Type: application/x-amz-json-1.1\r\n"
            + b"".join(header + b"\r\n" for header in extra)
            + b"Content-Length: " + str(len(data)).encode() + b"\r\n\r\n" + data)


class Reader:
    """Responses off one connection, one at a time, by their Content-Length."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=10)
        self.buffer = b""

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def _more(self) -> bool:
        chunk = self.sock.recv(65536)
        self.buffer += chunk
        return bool(chunk)

    def response(self) -> tuple[str, list[tuple[str, str]], bytes]:
        while b"\r\n\r\n" not in self.buffer:
            assert self._more(), "the connection closed before a response"
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        status, *lines = head.decode("latin-1").split("\r\n")
        headers = [(name.lower(), value) for name, _, value in (line.partition(": ") for line in lines)]
        length = int(dict(headers)["content-length"])
        while len(self.buffer) < length:
            assert self._more(), "the connection closed inside a body"
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return status, headers, body

    def closed(self) -> bool:
        self.sock.settimeout(5)
        try:
            return not self.buffer and self.sock.recv(1) == b""
        except ConnectionResetError:
            return True

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def reader(emulator: RunningEmulator) -> Iterator[Reader]:
    opened = Reader(emulator.url)
    yield opened
    opened.close()


def _pool(reader: Reader, **extra: Any) -> str:
    reader.send(call("CreateUserPool", {"PoolName": "fast", **extra}))
    status, _, body = reader.response()
    assert status == "HTTP/1.1 200 OK", body
    return str(json.loads(body)["UserPool"]["Id"])


def test_an_sdk_call_is_answered_with_the_same_head_as_through_uvicorns_cycle(reader: Reader) -> None:
    """X-Forwarded-For sends the same call through uvicorn's proxy middleware and request cycle."""
    pool_id = _pool(reader)
    answers = []
    for extra in ((), (b"X-Forwarded-For: 127.0.0.1",), (b"Origin: http://app.test",),
                  (b"Origin: http://app.test", b"X-Forwarded-For: 127.0.0.1")):
        reader.send(call("DescribeUserPool", {"UserPoolId": pool_id}, *extra))
        answers.append(reader.response())
        reader.send(call("DescribeUserPool", {"UserPoolId": pool_id + "x"}, *extra))
        answers.append(reader.response())
    for direct, proxied in ((answers[0], answers[2]), (answers[1], answers[3]),
                            (answers[4], answers[6]), (answers[5], answers[7])):
        assert direct[0] == proxied[0]
        assert [name for name, _ in direct[1]] == [name for name, _ in proxied[1]]
        same = {"date", "x-amzn-requestid"}  # a date can tick over between the two; ids differ
        assert [h for h in direct[1] if h[0] not in same] == [h for h in proxied[1] if h[0] not in same]
        assert json.loads(direct[2]) == json.loads(proxied[2])
    status, headers, body = answers[0]
    assert status == "HTTP/1.1 200 OK" and json.loads(body)["UserPool"]["Id"] == pool_id
    names = [name for name, _ in headers]
    assert names == ["date", "content-length", "content-type", "x-amzn-requestid", "vary"]
    assert re.fullmatch(r"\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT", dict(headers)["date"])
    status, headers, body = answers[1]
    assert status == "HTTP/1.1 400 Bad Request" and json.loads(body)["__type"] == "ResourceNotFoundException"
    assert dict(headers)["x-amzn-errortype"] == "ResourceNotFoundException:"
    status, headers, _ = answers[4]
    assert dict(headers)["access-control-allow-origin"] == "http://app.test"


def test_a_client_that_asks_to_close_gets_its_answer_then_the_close(reader: Reader) -> None:
    reader.send(call("ListUserPools", {"MaxResults": 1}, b"Connection: close"))
    status, headers, _ = reader.response()
    assert status == "HTTP/1.1 200 OK" and ("connection", "close") in headers
    assert reader.closed()


def test_http_1_0_and_chunked_bodies_are_still_answered(reader: Reader, emulator: RunningEmulator) -> None:
    head = call("ListUserPools", {}).split(b"Content-Length")[0]
    reader.send(head + b"Transfer-Encoding: chunked\r\n\r\n11\r\n" + b'{"MaxResults": 1}' + b"\r\n0\r\n\r\n")
    status, _, body = reader.response()
    assert status == "HTTP/1.1 200 OK" and "UserPools" in json.loads(body)
    old = Reader(emulator.url)
    try:
        old.send(call("ListUserPools", {"MaxResults": 1}, version=b"1.0"))
        status, headers, body = old.response()
        assert status == "HTTP/1.1 200 OK" and "UserPools" in json.loads(body)
        assert ("connection", "close") in headers and old.closed()
    finally:
        old.close()


def test_pipelined_calls_are_answered_in_order_even_behind_a_call_that_waits(reader: Reader) -> None:
    """SignUp waits 0.4 s on its PreSignUp Lambda; the calls sent behind it in the same packet (one
    answered by the connection, one page through Starlette, one more call) must not overtake it."""
    pool_id = _pool(reader, LambdaConfig={"PreSignUp": "arn:aws:lambda:us-east-1:123456789012:function:slow"})
    reader.send(call("CreateUserPoolClient", {"UserPoolId": pool_id, "ClientName": "app"}))
    client_id = json.loads(reader.response()[2])["UserPoolClient"]["ClientId"]
    reader.send(call("SignUp", {"ClientId": client_id, "Username": "ann", "Password": "Passw0rd!Passw0rd"})
                + call("ListUsers", {"UserPoolId": pool_id})
                + b"GET /" + pool_id.encode() + b"/.well-known/jwks.json HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + call("AdminGetUser", {"UserPoolId": pool_id, "Username": "ann"}))
    signed_up, listed, jwks, got = (reader.response() for _ in range(4))
    assert signed_up[0] == "HTTP/1.1 200 OK" and json.loads(signed_up[2])["UserConfirmed"] is False
    assert [user["Username"] for user in json.loads(listed[2])["Users"]] == ["ann"]
    assert jwks[0] == "HTTP/1.1 200 OK" and json.loads(jwks[2])["keys"][0]["alg"] == "RS256"
    assert got[0] == "HTTP/1.1 200 OK" and json.loads(got[2])["UserStatus"] == "UNCONFIRMED"


def test_an_oversized_body_is_still_refused_as_aws_refuses_it(reader: Reader) -> None:
    big = {"MaxResults": 1, "NextToken": "a" * (1024 * 1024)}
    reader.send(call("ListUserPools", big))
    status, _, body = reader.response()
    assert status == "HTTP/1.1 413 Request Entity Too Large"
    assert json.loads(body)["__type"] == "RequestEntityTooLargeException"
