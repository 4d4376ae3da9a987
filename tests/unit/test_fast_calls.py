"""The connection's own answering of SDK calls (http/fast_calls.py) steps aside, never breaks, when
uvicorn's internals are not the ones it was written against: every request then takes uvicorn's
request cycle (the wire behaviour is in tests/e2e/test_fast_calls.py)."""

from __future__ import annotations

from typing import Any

import pytest
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from emulator.http import fast_calls


def test_without_uvicorns_status_lines_uvicorns_protocol_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fast_calls, "STATUS_LINE", {})
    assert fast_calls.fast_calls_protocol(object(), 1024) is HttpToolsProtocol  # type: ignore[arg-type]


def test_a_protocol_missing_a_method_it_uses_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(HttpToolsProtocol, "_unset_keepalive_if_required")
    assert fast_calls.fast_calls_protocol(object(), 1024) is HttpToolsProtocol  # type: ignore[arg-type]


def test_per_connection_state_renamed_hands_every_request_to_uvicorn(monkeypatch: pytest.MonkeyPatch) -> None:
    handed: list[Any] = []
    monkeypatch.setattr(HttpToolsProtocol, "on_headers_complete", lambda self: handed.append(self))
    protocol_class = fast_calls.fast_calls_protocol(object(), 1024)  # type: ignore[arg-type]
    assert protocol_class is not HttpToolsProtocol
    connection = protocol_class.__new__(protocol_class)  # no parser, url, cycle...: as if renamed
    connection.on_headers_complete()
    connection.on_headers_complete()
    assert handed == [connection, connection] and connection._call_body is None
    assert protocol_class.usable is False  # type: ignore[attr-defined]
