"""Uploaded import files, a state part of their own: a CSV may be large (up to 100 MB), and the
pool record is written again at every batch of a running job, so the file is not in it. One
record per job, dropped when the job has read it, expired, or its pool is deleted."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from emulator.state.journal import TrackedDict, Tracker

FILES_KIND = "import_file"


class ImportFiles(TrackedDict[bytes]):
    kinds: tuple[str, ...] = (FILES_KIND,)

    def __init__(self, tracker: Tracker) -> None:
        super().__init__(FILES_KIND, tracker)

    @staticmethod
    def key(pool_id: str, job_id: str) -> str:
        return f"{pool_id}/{job_id}"

    def drop_pool(self, pool_id: str) -> None:
        for key in [key for key in self if key.startswith(pool_id + "/")]:
            del self[key]

    def records(self) -> Iterable[tuple[str, str, Any]]:
        for key, data in self.items():
            yield FILES_KIND, key, data

    def loaded(self) -> None:
        pass

    def load(self, kind: str, key: str, record: Any) -> None:
        self.put_loaded(key, record)
