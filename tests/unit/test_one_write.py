"""http/guard.py's _OneWrite: a response's head leaves with its body in one write, and a head
without a body in the same turn of the loop is not held back."""

from __future__ import annotations

import asyncio

from emulator.http.guard import _OneWrite

HEAD = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n"


class FakeTransport:
    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closed = self.aborted = False

    def write(self, data: bytes) -> None:
        self.writes.append(data)

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def abort(self) -> None:
        self.aborted = True

    def get_extra_info(self, name: str) -> str:
        return f"info:{name}"


def test_head_and_body_go_out_in_one_write() -> None:
    async def run() -> list[bytes]:
        raw = FakeTransport()
        transport = _OneWrite(raw, asyncio.get_running_loop())
        transport.write(HEAD)
        assert raw.writes == []
        transport.write(b"{}")
        await asyncio.sleep(0)
        return raw.writes

    assert asyncio.run(run()) == [HEAD + b"{}"]


def test_a_lone_head_is_sent_at_the_end_of_the_turn() -> None:
    async def run() -> list[bytes]:
        raw = FakeTransport()
        _OneWrite(raw, asyncio.get_running_loop()).write(b"HTTP/1.1 100 Continue\r\n\r\n")
        await asyncio.sleep(0)
        return raw.writes

    assert asyncio.run(run()) == [b"HTTP/1.1 100 Continue\r\n\r\n"]


def test_other_writes_pass_straight_through_and_close_flushes() -> None:
    async def run() -> FakeTransport:
        raw = FakeTransport()
        transport = _OneWrite(raw, asyncio.get_running_loop())
        transport.write(b"5\r\nhello\r\n")  # a chunk of a streamed body
        assert raw.writes == [b"5\r\nhello\r\n"]
        transport.write(HEAD)
        transport.close()
        assert transport.get_extra_info("peername") == "info:peername"
        return raw

    raw = asyncio.run(run())
    assert raw.writes == [b"5\r\nhello\r\n", HEAD] and raw.closed


def test_abort_drops_what_is_held() -> None:
    async def run() -> FakeTransport:
        raw = FakeTransport()
        transport = _OneWrite(raw, asyncio.get_running_loop())
        transport.write(HEAD)
        transport.abort()
        await asyncio.sleep(0)
        return raw

    raw = asyncio.run(run())
    assert raw.writes == [] and raw.aborted
