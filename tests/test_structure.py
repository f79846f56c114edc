"""Rules of the code's shape that keep each concern in one place: import directions (check builds on
extract, never the other way round; the numbering analysis both use imports neither; every import
counts, a function's too), and one place where a Measure is made."""

from __future__ import annotations

import ast
from pathlib import Path

import planparse
from planparse.models import Measure

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


SOURCES = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
MODULES = {name: _imports(path) for name, path in SOURCES.items()}


def test_the_import_reader_sees_imports_inside_functions():
    assert "planparse.corpus_check" in MODULES["planparse.cli.check"]  # imported in the command's body


def test_only_the_cli_and_the_public_api_import_check():
    importers = {name for name, imports in MODULES.items() if "planparse.corpus_check" in imports}
    assert importers == {"planparse", "planparse.cli.check"}


def test_numbering_imports_neither_extract_nor_check():
    assert not MODULES["planparse.numbering"] & {"planparse.extract", "planparse.corpus_check"}



def test_the_field_label_vocabulary_imports_nothing_of_planparse():
    assert MODULES["planparse.fields.labels"] == set()


def _calls_of(name: str) -> dict[str, list[ast.Call]]:
    """Calls of `name(...)` in every module, by module."""
    found: dict[str, list[ast.Call]] = {}
    for module, path in SOURCES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name:
                found.setdefault(module, []).append(node)
    return found


def test_a_measure_is_made_in_one_place_that_sets_every_field():
    (module, calls), = _calls_of("Measure").items()
    assert module == "planparse.assemble" and len(calls) == 1
    assert sorted(keyword.arg for keyword in calls[0].keywords) == sorted(Measure.model_fields)
