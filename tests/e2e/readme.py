"""The README's fenced code blocks marked ``<!-- readme-test: NAME -->`` (the comment on the line
before the fence), so tests run exactly what a reader copies."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"
DOCUMENTED_ENDPOINT = "http://localhost:9229"
_MARKED = re.compile(r"^<!-- readme-test: (?P<name>[\w-]+) -->\n```(?P<language>\w+)\n(?P<code>.*?)^```$",
                     re.MULTILINE | re.DOTALL)


@dataclass(frozen=True, slots=True)
class Snippet:
    name: str
    language: str
    code: str

    def at(self, endpoint: str) -> str:
        """The code with the documented endpoint replaced by a running emulator's."""
        return self.code.replace(DOCUMENTED_ENDPOINT, endpoint.rstrip("/"))


def snippets(text: str | None = None) -> dict[str, Snippet]:
    found: dict[str, Snippet] = {}
    for match in _MARKED.finditer(README.read_text() if text is None else text):
        name = match["name"]
        assert name not in found, f"README: two snippets are marked {name!r}"
        found[name] = Snippet(name, match["language"], match["code"])
    return found
