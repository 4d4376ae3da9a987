"""The Dockerfile, checked by reading: the image cannot be built where the tests run (no base
image can be pulled), so what can go wrong by editing it is caught here."""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def instructions() -> list[tuple[str, str]]:
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def ignored(path: str) -> bool:
    patterns = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    return any(fnmatch.fnmatch(path, pattern.removeprefix("**/")) for pattern in patterns)


def test_the_package_is_installed_non_editably_from_what_the_context_holds() -> None:
    steps = instructions()
    copied = [word for kind, args in steps if kind == "COPY" for word in args.split()[:-1]]
    assert copied == ["pyproject.toml", "README.md", "emulator"]
    assert all((ROOT / path).exists() and not ignored(path) for path in copied)
    assert ignored("tests") and ignored(".venv") and ignored(".emulator-state")
    installs = [args for kind, args in steps if kind == "RUN" and "pip install" in args]
    assert installs == ["pip install /src && rm -rf /src"]
    assert not any(re.search(r"\s(-e|--editable)\s", args) for args in installs)


def test_the_packaged_seed_is_the_default() -> None:
    assert not any("EMULATOR_FIXTURES" in args or "fixtures" in args.split() for _, args in instructions())
    assert (ROOT / "emulator" / "fixtures" / "default.json").is_file()


def test_it_runs_as_a_non_root_user_after_every_install_step() -> None:
    steps = instructions()
    users = [index for index, (kind, _) in enumerate(steps) if kind == "USER"]
    assert len(users) == 1 and steps[users[0]][1].split(":")[0] not in ("root", "0")
    assert all(kind != "RUN" for kind, _ in steps[users[0] + 1:])
    assert steps[-1] == ("CMD", '["cognito-emulator", "--host", "0.0.0.0"]')
