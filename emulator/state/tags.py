"""Tags of every taggable resource of both services, by ARN (user pools and identity pools alike),
as TagResource / UntagResource / ListTagsForResource and the Create/Describe operations see them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from emulator.state.journal import TrackedDict, Tracker

TAGS_KIND = "tags"


class TagStore(TrackedDict[dict[str, str]]):
    kinds: tuple[str, ...] = (TAGS_KIND,)

    def __init__(self, tracker: Tracker) -> None:
        super().__init__(TAGS_KIND, tracker)

    def of(self, arn: str) -> dict[str, str]:
        """A copy of the resource's tags (empty when it has none)."""
        return dict(super().get(arn) or {})

    def replace(self, arn: str, tags: dict[str, str]) -> None:
        if tags:
            self[arn] = dict(tags)
        else:
            self.pop(arn, None)

    def records(self) -> Iterable[tuple[str, str, Any]]:
        for arn, tags in self.items():
            yield TAGS_KIND, arn, tags

    def loaded(self) -> None:
        pass

    def load(self, kind: str, key: str, record: Any) -> None:
        self.put_loaded(key, record)
