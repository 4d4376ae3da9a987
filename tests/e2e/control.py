"""The emulator's control API, as tests use it: move its clock forward."""

from __future__ import annotations

import json
import urllib.request


def advance_clock(url: str, seconds: float) -> float:
    request = urllib.request.Request(f"{url}/_emulator/clock/advance", data=json.dumps({"seconds": seconds}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request) as response:
        return float(json.load(response)["now"])
