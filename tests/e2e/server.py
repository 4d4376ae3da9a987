"""Start the real emulator (``python -m emulator``) on a free loopback port, as a user would."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

_READY = re.compile(r"ready at (http://\S+)")


@dataclass
class RunningEmulator:
    url: str
    process: subprocess.Popen[str]
    output: list[str] = field(default_factory=list)

    @property
    def log(self) -> str:
        return "".join(self.output)


@contextmanager
def run_emulator(*args: str, env: dict[str, str] | None = None, timeout: float = 20.0) -> Iterator[RunningEmulator]:
    """Yield a running emulator; its console output is collected in ``.output``."""
    command = [sys.executable, "-m", "emulator", "--port", "0", *args]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, **(env or {})}, cwd=Path(__file__).resolve().parents[2],
    )
    output: list[str] = []
    ready = threading.Event()
    url: list[str] = []

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line)
            match = _READY.search(line)
            if match and not ready.is_set():
                url.append(match.group(1))
                ready.set()
        ready.set()

    threading.Thread(target=pump, daemon=True).start()
    try:
        if not ready.wait(timeout) or not url:
            raise RuntimeError("emulator did not start:\n" + "".join(output))
        yield RunningEmulator(url[0], process, output)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
