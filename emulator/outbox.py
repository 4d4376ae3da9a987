"""Every email or SMS Cognito would send, kept for tests to read.

Each message is one readable console line and a record served by
``GET /_emulator/messages`` (filterable by ``userPoolId`` and ``username``). The outbox
is bounded, so a long-running emulator never grows with traffic.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import asdict, dataclass
from typing import Any

log = logging.getLogger("emulator.outbox")

CAPACITY = 10_000


@dataclass(frozen=True, slots=True)
class Message:
    user_pool_id: str
    username: str
    destination: str
    medium: str  # EMAIL | SMS
    purpose: str  # SIGN_UP, FORGOT_PASSWORD, VERIFY_ATTRIBUTE, ADMIN_CREATE_USER, MFA...
    code: str | None
    text: str
    time: float

    def record(self) -> dict[str, Any]:
        data = asdict(self)
        return {
            "userPoolId": data["user_pool_id"],
            "username": data["username"],
            "destination": data["destination"],
            "deliveryMedium": data["medium"],
            "purpose": data["purpose"],
            "code": data["code"],
            "message": data["text"],
            "time": data["time"],
        }


class Outbox:
    def __init__(self, capacity: int = CAPACITY) -> None:
        self._messages: deque[Message] = deque(maxlen=capacity)

    def send(self, message: Message) -> None:
        self._messages.append(message)
        log.info("%s to %s (%s, pool %s, user %s): %s", message.medium, message.destination,
                 message.purpose, message.user_pool_id, message.username, message.text)

    def find(self, user_pool_id: str | None = None, username: str | None = None) -> list[Message]:
        return [
            m for m in self._messages
            if (user_pool_id is None or m.user_pool_id == user_pool_id)
            and (username is None or m.username == username)
        ]

    def clear(self) -> None:
        self._messages.clear()
