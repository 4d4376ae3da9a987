"""Imports point down the layers only: wire -> operations -> domain -> state.

Every module under ``emulator/`` is parsed (not imported) with ``ast``, so a violation is
found even in a module no test happens to load, and the failure names the file and line.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "emulator"

# Packages that wire everything together; nothing below them may import them.
_ASSEMBLY = ("emulator.seeding", "emulator.app", "emulator.control", "emulator.cli", "emulator.ui",
             "emulator.oauth", "emulator.hosted")
_SERVICES = ("emulator.userpools", "emulator.identitypools")
_OPERATIONS = ("emulator.userpools.ops", "emulator.identitypools.ops")


@dataclass(frozen=True, slots=True)
class Import:
    module: str  # the importing module, e.g. "emulator.wire.dispatch"
    target: str  # the imported module (for ``from a import b``: "a")
    line: int
    type_checking_only: bool  # inside ``if TYPE_CHECKING:``: never executed, hints only

    def where(self) -> str:
        return f"{self.module.replace('.', '/')}.py:{self.line} imports {self.target}"


@dataclass(frozen=True, slots=True)
class Rule:
    """Modules under ``layer`` may not import ``forbidden`` (a package and its submodules)."""

    layer: str
    forbidden: tuple[str, ...]
    runtime_only: bool = False  # True: ``if TYPE_CHECKING:`` imports are allowed
    exempt: tuple[str, ...] = ()  # importing modules the rule does not apply to
    why: str = ""


RULES = (
    Rule("emulator.wire", (*_SERVICES, *_ASSEMBLY),
         why="the protocol layer must not know the services it dispatches to"),
    Rule("emulator.wire", ("emulator.runtime",), runtime_only=True,
         why="the runtime pulls in both services; wire may name its types for hints only"),
    Rule("emulator.state",
         ("emulator.wire", *_SERVICES, "emulator.tokens", "emulator.srp", "emulator.runtime", *_ASSEMBLY),
         runtime_only=True, why="state stores records; it may name their model types for hints only"),
    Rule("emulator.identitypools", ("emulator.userpools",),
         why="identity pools reach user pools only through the UserPoolSignIns protocol "
             "(emulator/identitypools/user_pool_logins.py), handed to them by the runtime"),
    *(Rule(domain, _OPERATIONS, exempt=_OPERATIONS, why="domain code must not call up into operations")
      for domain in _SERVICES),
    *(Rule(domain, ("emulator.wire.registry", "emulator.wire.dispatch"), exempt=_OPERATIONS,
           why="only operations register with, or know of, the dispatcher")
      for domain in _SERVICES),
    Rule("emulator.triggers", (*_SERVICES, "emulator.runtime", *_ASSEMBLY),
         exempt=("emulator.triggers.events", "emulator.triggers.fire"),
         why="invoking functions knows no user pool; only the event builders and fire() do"),
    *(Rule(shared, (*_SERVICES, "emulator.wire", "emulator.runtime", *_ASSEMBLY),
           why="tokens and SRP are shared domain code below both services")
      for shared in ("emulator.tokens", "emulator.srp")),
)


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _imports_of(path: Path, root: Path = PACKAGE.parent) -> list[Import]:
    module = _module_name(path, root)
    is_package = path.name == "__init__.py"
    found: list[Import] = []

    def visit(node: ast.AST, type_checking: bool) -> None:
        if isinstance(node, ast.Import):
            found.extend(Import(module, alias.name, node.lineno, type_checking) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, is_package, node)
            found.append(Import(module, target, node.lineno, type_checking))
            # ``from emulator.userpools import ops`` imports the submodule emulator.userpools.ops
            found.extend(Import(module, f"{target}.{alias.name}", node.lineno, type_checking)
                         for alias in node.names if alias.name != "*")
        for child in ast.iter_child_nodes(node):
            inner = type_checking or (isinstance(node, ast.If) and _is_type_checking(node.test)
                                      and child in node.body)
            visit(child, inner)

    visit(ast.parse(path.read_text(encoding="utf-8"), str(path)), False)
    return [found_import for found_import in found if _within(found_import.target, "emulator")]


ALL_IMPORTS = [found for path in sorted(PACKAGE.rglob("*.py")) for found in _imports_of(path)]


def violations(rule: Rule, imports: list[Import]) -> list[str]:
    """One line per offending import statement (``from a import b`` is seen as a and a.b)."""
    bad: dict[tuple[str, int], str] = {}
    for found in imports:
        if (_within(found.module, rule.layer)
                and not any(_within(found.module, exempt) for exempt in rule.exempt)
                and any(_within(found.target, forbidden) for forbidden in rule.forbidden)
                and not (rule.runtime_only and found.type_checking_only)):
            bad.setdefault((found.module, found.line), found.where())
    return list(bad.values())


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: f"{rule.layer}-not-{'+'.join(rule.forbidden)}")
def test_no_import_points_up(rule: Rule) -> None:
    bad = violations(rule, ALL_IMPORTS)
    assert not bad, f"{rule.layer}: {rule.why}:\n" + "\n".join(bad)


def test_the_parser_sees_every_module() -> None:
    modules = {found.module for found in ALL_IMPORTS}
    assert {"emulator.wire.dispatch", "emulator.state.journal", "emulator.identitypools.logins",
            "emulator.userpools.ops.auth"} <= modules


def test_a_type_checking_import_is_told_apart(tmp_path: Path) -> None:
    source = tmp_path / "emulator" / "state" / "example.py"
    source.parent.mkdir(parents=True)
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from emulator.userpools.model import UserPool\n"
        "else:\n"
        "    import emulator.tokens\n"
        "from . import ids\n",
        encoding="utf-8",
    )
    found = _imports_of(source, tmp_path)
    by_target = {item.target: item.type_checking_only for item in found}
    assert by_target == {"emulator.userpools.model": True, "emulator.userpools.model.UserPool": True,
                         "emulator.tokens": False, "emulator.state": False, "emulator.state.ids": False}
    state_rule = next(rule for rule in RULES if rule.layer == "emulator.state")
    assert violations(state_rule, found) == ["emulator/state/example.py:5 imports emulator.tokens"]
