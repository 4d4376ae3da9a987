"""The change log: how a commit is on disk in one ``write`` before its response is sent.

SQLite needs 25-50 us for even a small transaction (B-tree pages, its own WAL, checkpoints);
appending a frame to a file costs ~2 us, and once ``write`` has returned the bytes survive the
process being killed (they are in the kernel's page cache). So a commit appends its changes here,
and the store applies them to SQLite a moment later, many commits per transaction. SQLite records
the last sequence number it applied; on start, frames after it are applied again (a frame torn by
a crash fails its CRC and was never acknowledged). Once SQLite has everything, a long log is
emptied.

Frame: ``>IQI`` (payload length, sequence number, CRC-32 of the payload), then the payload
(``codec.dumps`` of the commit's ``Changes``).
"""

from __future__ import annotations

import os
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

from emulator.state import codec
from emulator.state.journal import Changes

_HEADER = struct.Struct(">IQI")
TRUNCATE_AT = 8 * 1024 * 1024  # bytes; the log is emptied once applied and at least this long


class ChangeLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        old_umask = os.umask(0o077)
        try:
            self._fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        finally:
            os.umask(old_umask)
        self._size = os.fstat(self._fd).st_size

    def frames(self) -> Iterator[tuple[int, Changes]]:
        return self.read(self.path)

    @staticmethod
    def read(path: Path) -> Iterator[tuple[int, Changes]]:
        """Every whole frame in the file, in order; reading stops at the first torn or bad one."""
        with open(path, "rb") as handle:
            data = handle.read()
        offset = 0
        while offset + _HEADER.size <= len(data):
            length, sequence, crc = _HEADER.unpack_from(data, offset)
            payload = data[offset + _HEADER.size:offset + _HEADER.size + length]
            if len(payload) != length or zlib.crc32(payload) != crc:
                return
            yield sequence, codec.loads(payload)
            offset += _HEADER.size + length

    def append(self, sequence: int, changes: Changes) -> None:
        payload = codec.dumps(changes)
        frame = _HEADER.pack(len(payload), sequence, zlib.crc32(payload)) + payload
        written = os.write(self._fd, frame)
        self._size += written
        if written != len(frame):  # pragma: no cover - a full disk
            raise OSError(f"the change log took {written} of {len(frame)} bytes")

    def truncate_if_long(self) -> None:
        """Called once SQLite holds everything in the log."""
        if self._size >= TRUNCATE_AT:
            self.truncate()

    def truncate(self) -> None:
        os.ftruncate(self._fd, 0)
        self._size = 0

    def close(self) -> None:
        os.close(self._fd)
