"""Run ``python -m emulator`` on a free loopback port and stop it again.

The child gets no ``EMULATOR_*`` variable from the caller's environment, only flags, so a
developer's shell (say ``EMULATOR_STATE_DIR`` from ``make run``) never leaks into a test run:
the emulator is always in memory and configured by what the test asked for."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Sequence
from pathlib import Path

READY = re.compile(r"ready at (http://\S+)")
KEEP_LINES = 200  # the console tail shown when the emulator fails to start


class EmulatorStartError(RuntimeError):
    """The emulator exited or stayed silent instead of printing its ready line."""


class EmulatorProcess:
    """One emulator child process; its console output is drained so the pipe never fills."""

    def __init__(self, process: subprocess.Popen[str], endpoint: str, output: deque[str]) -> None:
        self.process = process
        self.endpoint = endpoint
        self._output = output

    @property
    def output(self) -> str:
        """The last lines the emulator printed (codes, warnings, errors)."""
        return "".join(self._output)

    @classmethod
    def start(cls, *, fixtures: Path | None = None, no_fixtures: bool = False, issuer_mode: str | None = None,
              region: str | None = None, extra_args: Sequence[str] = (), timeout: float = 30.0) -> EmulatorProcess:
        command = [sys.executable, "-m", "emulator", "--host", "127.0.0.1", "--port", "0"]
        if no_fixtures:
            command.append("--no-fixtures")
        elif fixtures is not None:
            command += ["--fixtures", str(fixtures)]
        if issuer_mode is not None:
            command += ["--issuer-mode", issuer_mode]
        if region is not None:
            command += ["--region", region]
        command += list(extra_args)
        env = {name: value for name, value in os.environ.items() if not name.startswith("EMULATOR_")}
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   text=True, env={**env, "PYTHONUNBUFFERED": "1"})
        output: deque[str] = deque(maxlen=KEEP_LINES)
        ready = threading.Event()
        found: list[str] = []

        def drain() -> None:
            assert process.stdout is not None
            for line in process.stdout:
                output.append(line)
                match = READY.search(line)
                if match and not found:
                    found.append(match.group(1))
                    ready.set()
            ready.set()  # exited before (or after) the ready line

        threading.Thread(target=drain, name="cognito-emulator-output", daemon=True).start()
        if not ready.wait(timeout) or not found:
            _stop(process)
            raise EmulatorStartError(f"the emulator did not start ({' '.join(command)}):\n{''.join(output)}")
        return cls(process, found[0], output)

    def stop(self) -> None:
        _stop(self.process)


def _stop(process: subprocess.Popen[str]) -> None:
    """SIGTERM shuts the emulator down gracefully; kill it if it does not go within 10 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
