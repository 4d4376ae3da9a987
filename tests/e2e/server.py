"""Start the real emulator (``python -m emulator``) on a free loopback port, as a user would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
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

    @property
    def https_url(self) -> str:
        """The TLS URL of the ready line (``--https-port``)."""
        match = re.search(r"ready at http://\S+ and (https://\S+)", self.log)
        assert match, "the emulator was not started with --https-port"
        return match.group(1)


@contextmanager
def run_emulator(*args: str, env: dict[str, str] | None = None, timeout: float = 20.0) -> Iterator[RunningEmulator]:
    """Yield a running emulator; its console output is collected in ``.output``.

    With ``E2E_DURABLE=1`` in the environment every emulator keeps its state in a fresh state dir
    and checks after each commit that the dir holds exactly what is in memory, so the whole suite
    also proves that no operation changes a record without it being written."""
    command = [sys.executable, "-m", "emulator", "--port", "0", *args]
    extra_env = {"EMULATOR_VERIFY_ERROR_CODES": "1", **(env or {})}  # a code the model does not list is a 500
    state_dir = None
    if os.environ.get("E2E_DURABLE") == "1" and "--state-dir" not in args and "EMULATOR_STATE_DIR" not in extra_env:
        state_dir = tempfile.mkdtemp(prefix="e2e-state-")
        command += ["--state-dir", state_dir]
        extra_env["EMULATOR_VERIFY_DURABILITY"] = "1"
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, **extra_env}, cwd=Path(__file__).resolve().parents[2],
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
        if state_dir is not None:
            shutil.rmtree(state_dir, ignore_errors=True)
