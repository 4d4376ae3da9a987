"""What the emulator writes to the terminal: readable lines by default, JSON lines for machines
(``--log-format json``), the same for uvicorn's own messages."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

TEXT_FORMAT = "%(levelname)s %(name)s: %(message)s"
FORMATS = ("text", "json")
# Attributes every LogRecord has; anything else on a record came in through ``extra=``.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName",
                                                                        "color_message"}  # uvicorn's ANSI copy


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, and the record's ``extra`` facts."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name, value in vars(record).items():
            if name not in _STANDARD and value is not None:
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def ready_record(line: str) -> str:
    """The ready line as a JSON log line (printed whatever the level: scripts wait for it)."""
    record = logging.makeLogRecord({"name": "emulator", "levelno": logging.INFO, "levelname": "INFO",
                                    "msg": line, "event": "ready", "url": line.split("ready at ", 1)[1].split()[0]})
    return JsonFormatter().format(record)


def configure(level: str, log_format: str = "text") -> None:
    """Root logging for the emulator and uvicorn (which is started with ``log_config=None``)."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
