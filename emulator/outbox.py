"""Every email or SMS Cognito would send, kept for tests to read.

Each message is one readable console line and a record served by
``GET /_emulator/messages`` (filterable by ``userPoolId`` and ``username``). The outbox
is bounded, so a long-running emulator never grows with traffic.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from emulator.state.journal import Tracker

log = logging.getLogger("emulator.outbox")

CAPACITY = 10_000
MESSAGE_KIND = "message"  # rows keyed by a zero-padded sequence number, so they sort as sent


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
    subject: str | None = None  # email only: the pool's or the CustomMessage function's subject
    sender: str | None = None  # CustomEmailSender / CustomSMSSender when handed to the pool's function


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
            "subject": data["subject"],
            "customSender": data["sender"],
            "time": data["time"],
        }


class Outbox:
    kinds: tuple[str, ...] = (MESSAGE_KIND,)

    def __init__(self, capacity: int = CAPACITY, tracker: Tracker | None = None) -> None:
        self._capacity = capacity
        self._messages: deque[tuple[str, Message]] = deque()
        self._sequence = 0
        self._tracker = tracker or Tracker()

    def records(self) -> Iterable[tuple[str, str, Any]]:
        for key, message in self._messages:
            yield MESSAGE_KIND, key, message

    def load(self, kind: str, key: str, record: Any) -> None:
        self._messages.append((key, record))
        self._sequence = max(self._sequence, int(key))

    def loaded(self) -> None:
        self._messages = deque(sorted(self._messages, key=lambda item: item[0]))

    def send(self, message: Message) -> None:
        self._sequence += 1
        key = f"{self._sequence:012d}"
        self._messages.append((key, message))
        self._tracker.written(MESSAGE_KIND, key, message)
        while len(self._messages) > self._capacity:
            self._tracker.deleted(MESSAGE_KIND, self._messages.popleft()[0])
        via = f" via {message.sender}" if message.sender else ""
        subject = f"[{message.subject}] " if message.subject else ""
        log.info("%s to %s (%s, pool %s, user %s%s): %s%s", message.medium, message.destination,
                 message.purpose, message.user_pool_id, message.username, via, subject, message.text,
                 extra={"event": "message_sent", "userPoolId": message.user_pool_id, "username": message.username,
                        "deliveryMedium": message.medium, "purpose": message.purpose, "code": message.code})

    def find(self, user_pool_id: str | None = None, username: str | None = None) -> list[Message]:
        return [
            m for _, m in self._messages
            if (user_pool_id is None or m.user_pool_id == user_pool_id)
            and (username is None or m.username == username)
        ]

