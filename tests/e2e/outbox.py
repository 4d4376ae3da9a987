"""Reading what the emulator "sent" (codes, invitations) over its control API."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from typing import Any

from tests.e2e.server import RunningEmulator


def messages(emulator: RunningEmulator, pool_id: str, username: str) -> list[dict[str, Any]]:
    query = urllib.parse.urlencode({"userPoolId": pool_id, "username": username})
    with urllib.request.urlopen(f"{emulator.url}/_emulator/messages?{query}", timeout=5) as response:
        return list(json.load(response)["messages"])


def last_message(emulator: RunningEmulator, pool_id: str, username: str, purpose: str | None = None) -> dict[str, Any]:
    found = [m for m in messages(emulator, pool_id, username) if purpose is None or m["purpose"] == purpose]
    assert found, f"no message{' for ' + purpose if purpose else ''} to {username} in {pool_id}"
    return found[-1]


def last_code(emulator: RunningEmulator, pool_id: str, username: str, purpose: str | None = None) -> str:
    code = last_message(emulator, pool_id, username, purpose)["code"]
    assert isinstance(code, str)
    return code

