"""The in-memory state of one emulator: every collection indexed by id, no scans."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from emulator.userpools.model import Domain, UserPool


@dataclass(slots=True)
class Store:
    user_pools: dict[str, UserPool] = field(default_factory=dict)
    # client id -> pool id, so a ClientId alone (InitiateAuth, SignUp) finds its pool.
    client_pool: dict[str, str] = field(default_factory=dict)
    # resource ARN -> tags, for TagResource and friends on any taggable resource.
    tags: dict[str, dict[str, str]] = field(default_factory=dict)
    # domain name -> domain (prefix and custom domains are unique across the region).
    domains: dict[str, Domain] = field(default_factory=dict)
