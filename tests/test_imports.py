"""Import directions that keep the extract side free of circles: check builds on extract, never the other
way round, and the numbering analysis both use imports neither. Every import counts, a function's too."""

from __future__ import annotations

import ast
from pathlib import Path

import planparse

PACKAGE = Path(planparse.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The planparse modules `path` imports anywhere in it, resolved to their full names."""
    package = _module_name(path).split(".") if path.name == "__init__.py" else _module_name(path).split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[:len(package) - node.level + 1]) if node.level else ""
            module = ".".join(part for part in (base, node.module) if part)
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)  # `from . import numbering`
    return {name for name in found if name == "planparse" or name.startswith("planparse.")}


MODULES = {_module_name(path): _imports(path) for path in PACKAGE.rglob("*.py")}


def test_the_import_reader_sees_imports_inside_functions():
    assert "planparse.corpus_check" in MODULES["planparse.cli.check"]  # imported in the command's body


def test_only_the_cli_and_the_public_api_import_check():
    importers = {name for name, imports in MODULES.items() if "planparse.corpus_check" in imports}
    assert importers == {"planparse", "planparse.cli.check"}


def test_numbering_imports_neither_extract_nor_check():
    assert not MODULES["planparse.numbering"] & {"planparse.extract", "planparse.corpus_check"}

