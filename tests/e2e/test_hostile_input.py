"""Hostile input never breaks the wire (issue 12, item 3): deep nesting and very long values
answer AWS-shaped 400s, idle and slow connections are dropped, the control endpoints refuse
what they cannot use. (Lone surrogates, control characters and SignUp without a password are in
test_malformed.py.)"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest

from tests.e2e.server import RunningEmulator, run_emulator

TARGET = "AWSCognitoIdentityProviderService."
JSON_11 = "application/x-amz-json-1.1"


@pytest.fixture(scope="module")
def strict() -> Iterator[RunningEmulator]:
    """An emulator that gives a connection 1 s of idleness and 1 s to deliver a request."""
    with run_emulator("--idle-timeout", "1", "--request-timeout", "1") as running:
        yield running


def _post(url: str, operation: str, body: bytes) -> httpx.Response:
    return httpx.post(url, content=body, timeout=10,
                      headers={"X-Amz-Target": TARGET + operation, "Content-Type": JSON_11})


def _aws_error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["__type"] == code and isinstance(body["message"], str)
    header = response.headers["x-amzn-ErrorMessage"]
    assert header.isascii() and header.isprintable() and len(header) <= 1024
    return str(body["message"])


@pytest.mark.parametrize("depth", [900, 5000, 200_000])
def test_deep_nesting_is_a_serialization_error(strict: RunningEmulator, depth: int) -> None:
    nested = b"[" * depth + b'"\\ud800"' + b"]" * depth  # a lone surrogate at the bottom, too
    response = _post(strict.url, "AdminGetUser", b'{"UserPoolId": "us-east-1_localdemo", "x": ' + nested + b"}")
    _aws_error(response, 400, "SerializationException")


def test_deep_nesting_where_a_string_belongs(strict: RunningEmulator) -> None:
    nested = b'{"a": ' * 500 + b"1" + b"}" * 500
    response = _post(strict.url, "AdminGetUser", b'{"UserPoolId": "us-east-1_localdemo", "Username": ' + nested + b"}")
    _aws_error(response, 400, "SerializationException")


@pytest.mark.parametrize(("operation", "params", "member"), [
    ("AdminGetUser", {"UserPoolId": "us-east-1_localdemo", "Username": "u" * 900_000}, "username"),
    ("SignUp", {"ClientId": "localdemoclient", "Username": "ada", "Password": "Passw0rd!",
                "ClientMetadata": {"k": "v" * 900_000}}, "clientMetadata"),
    ("CreateGroup", {"UserPoolId": "us-east-1_localdemo", "GroupName": "g", "Description": "\u00e9" * 150_000},
     "description"),
])
def test_very_long_values_are_refused_by_the_model(strict: RunningEmulator, operation: str,
                                                   params: dict[str, object], member: str) -> None:
    message = _aws_error(_post(strict.url, operation, json.dumps(params).encode()), 400, "InvalidParameterException")
    assert f"at '{member}' failed to satisfy constraint" in message


def _connect(url: str) -> socket.socket:
    parts = urlsplit(url)
    return socket.create_connection((parts.hostname, parts.port), timeout=5)


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    """The server closed the connection (EOF) within ``seconds``, having answered nothing."""
    sock.settimeout(seconds)
    try:
        return sock.recv(1024) == b""
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


def test_a_connection_that_sends_nothing_is_closed(strict: RunningEmulator) -> None:
    with _connect(strict.url) as sock:
        assert _closed_within(sock, 4)


def test_headers_that_trickle_in_are_dropped(strict: RunningEmulator) -> None:
    with _connect(strict.url) as sock:
        sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\n")
        started = time.monotonic()
        for _ in range(3):  # a byte every 0.4 s: each keeps it "active", the request never ends
            time.sleep(0.4)
            try:
                sock.sendall(b"X")
            except OSError:
                break
        assert _closed_within(sock, 4)
        assert time.monotonic() - started < 5


def test_a_second_request_that_trickles_after_a_good_one_is_dropped(strict: RunningEmulator) -> None:
    """The connection's one timer, armed by the first request, still holds the second to its deadline."""
    body = b'{"MaxResults": 1}'
    with _connect(strict.url) as sock:
        sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: " + TARGET.encode() + b"ListUserPools\r\n"
                     b"Content-Type: " + JSON_11.encode() + b"\r\nContent-Length: " + str(len(body)).encode()
                     + b"\r\n\r\n" + body)
        sock.settimeout(4)
        answer = sock.recv(65536)
        while not answer.rstrip().endswith(b"}"):  # the headers and the body may come apart
            answer += sock.recv(65536)
        assert answer.startswith(b"HTTP/1.1 200")
        time.sleep(0.6)  # past half the first request's deadline
        sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\n")
        started = time.monotonic()
        assert _closed_within(sock, 4)
        assert 0.5 < time.monotonic() - started < 3


def test_a_body_that_never_arrives_is_dropped(strict: RunningEmulator) -> None:
    with _connect(strict.url) as sock:
        sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: " + TARGET.encode() + b"ListUserPools\r\n"
                     b"Content-Type: " + JSON_11.encode() + b"\r\nContent-Length: 100\r\n\r\n{\"MaxRe")
        assert _closed_within(sock, 4)


def test_oversized_headers_are_refused(strict: RunningEmulator) -> None:
    with _connect(strict.url) as sock:
        sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n")
        sock.settimeout(4)
        answer = sock.recv(1024)
    assert answer.startswith(b"HTTP/1.1 431 ")
    with httpx.Client(base_url=strict.url, timeout=5) as client:  # a large but fair header passes
        response = client.post("/", content=b'{"MaxResults": 1}', headers={
            "X-Amz-Target": TARGET + "ListUserPools", "Content-Type": JSON_11, "X-Fair": "b" * 8000})
        assert response.status_code == 200


def test_requests_on_a_kept_alive_connection_still_work(strict: RunningEmulator) -> None:
    with httpx.Client(base_url=strict.url, timeout=5) as client:
        for _ in range(3):
            response = client.post("/", content=b'{"MaxResults": 1}',
                                   headers={"X-Amz-Target": TARGET + "ListUserPools", "Content-Type": JSON_11})
            assert response.status_code == 200
            time.sleep(0.3)


@pytest.mark.parametrize(("path", "body"), [
    ("/_emulator/clock/advance", b'{"seconds": "10"}'),
    ("/_emulator/clock/advance", b'{"seconds": 1e308}'),
    ("/_emulator/clock/advance", b"[" * 5000 + b"]" * 5000),
    ("/_emulator/snapshot", json.dumps({"name": "n" * 100_000}).encode()),
    ("/_emulator/snapshot", b'{"name": "\\ud800"}'),
    ("/_emulator/snapshot", b'{"name": "a\\u0000b"}'),
    ("/_emulator/restore", b"not json"),
])
def test_control_endpoints_refuse_bad_input(strict: RunningEmulator, path: str, body: bytes) -> None:
    response = httpx.post(strict.url + path, content=body, timeout=5)
    assert response.status_code == 400, response.text
    assert isinstance(response.json()["message"], str)
    assert httpx.get(strict.url + "/_emulator/snapshots", timeout=5).json() == {"snapshots": []}
