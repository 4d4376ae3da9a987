"""The pool-configuration part of the state: one tracked dict per kind of record, keyed
``<pool id>/<record id>`` (limits, which belong to the account, ``<limit key>``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from emulator.state.journal import TrackedDict, Tracker

UI_KIND = "ui_customization"
BRANDING_KIND = "branding"
TERMS_KIND = "terms"
CIMD_KIND = "cimd_policy"
RISK_KIND = "risk_configuration"
LOG_KIND = "log_delivery"
REPLICA_KIND = "replica"
RECOVERY_KIND = "recovery"
LIMIT_KIND = "provisioned_limit"
_POOL_KINDS = (UI_KIND, BRANDING_KIND, TERMS_KIND, CIMD_KIND, RISK_KIND, LOG_KIND, REPLICA_KIND, RECOVERY_KIND)


def key(pool_id: str, record_id: str) -> str:
    return f"{pool_id}/{record_id}"


class PoolConfigStore:
    kinds: tuple[str, ...] = (*_POOL_KINDS, LIMIT_KIND)

    def __init__(self, tracker: Tracker) -> None:
        self._tracker = tracker
        self.dicts: dict[str, TrackedDict[Any]] = {kind: TrackedDict(kind, tracker) for kind in self.kinds}

    @property
    def ui(self) -> TrackedDict[Any]:
        return self.dicts[UI_KIND]

    @property
    def branding(self) -> TrackedDict[Any]:
        return self.dicts[BRANDING_KIND]

    @property
    def terms(self) -> TrackedDict[Any]:
        return self.dicts[TERMS_KIND]

    @property
    def cimd(self) -> TrackedDict[Any]:
        return self.dicts[CIMD_KIND]

    @property
    def risk(self) -> TrackedDict[Any]:
        return self.dicts[RISK_KIND]

    @property
    def log_delivery(self) -> TrackedDict[Any]:
        return self.dicts[LOG_KIND]

    @property
    def replicas(self) -> TrackedDict[Any]:
        return self.dicts[REPLICA_KIND]

    @property
    def recoveries(self) -> TrackedDict[Any]:
        return self.dicts[RECOVERY_KIND]

    @property
    def limits(self) -> TrackedDict[Any]:
        return self.dicts[LIMIT_KIND]

    @staticmethod
    def in_pool(records: TrackedDict[Any], pool_id: str) -> Iterator[tuple[str, Any]]:
        """(record id, record) of one pool, in id order; for reading (listing) only."""
        prefix = f"{pool_id}/"
        for name in sorted(k for k in records if k.startswith(prefix)):
            yield name[len(prefix):], dict.__getitem__(records, name)

    def forget_pool(self, pool_id: str) -> None:
        """A deleted pool's configuration goes with it."""
        prefix = f"{pool_id}/"
        for kind in _POOL_KINDS:
            records = self.dicts[kind]
            for name in [k for k in records if k.startswith(prefix)]:
                dict.__delitem__(records, name)
            self._tracker.deleted_prefix(kind, prefix)

    def forget_client(self, pool_id: str, client_id: str) -> None:
        """A deleted app client's customization, branding, terms, policies and risk settings."""
        for kind in (UI_KIND, BRANDING_KIND, TERMS_KIND, CIMD_KIND, RISK_KIND):
            records = self.dicts[kind]
            for name, record in list(self.in_pool(records, pool_id)):
                if getattr(record, "client_id", None) == client_id:
                    del records[key(pool_id, name)]

    def records(self) -> Iterable[tuple[str, str, Any]]:
        for kind, records in self.dicts.items():
            for name, record in records.items():
                yield kind, name, record

    def load(self, kind: str, name: str, record: Any) -> None:
        self.dicts[kind].put_loaded(name, record)

    def loaded(self) -> None:
        pass
