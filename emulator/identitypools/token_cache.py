"""A bounded memory of verified login tokens, so a client that presents the same ID token on
GetId and every GetCredentialsForIdentity pays for one RSA verification, not one per call."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

CACHE_SIZE = 4096


class VerifiedTokens:
    """Signature checks are the costly part; a token's signature never changes, so remember the
    claims of the last few thousand verified tokens (expiry and revocation are still checked on
    every use)."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._claims: OrderedDict[str, tuple[str, dict[str, Any]]] = OrderedDict()

    def get(self, token: str) -> tuple[str, dict[str, Any]] | None:
        """(kid, claims) of a token verified before: the caller checks the kid is still live."""
        return self._claims.get(token)

    def put(self, token: str, kid: str, claims: dict[str, Any]) -> None:
        self._claims[token] = (kid, claims)
        if len(self._claims) > self.size:
            self._claims.popitem(last=False)
