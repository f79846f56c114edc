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


def _runtime_nodes(tree: ast.AST):
    """Every node of the tree except what sits under `if TYPE_CHECKING:` (imports for annotations only,
    which never run and so cannot make a circle)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            continue
        yield node
        yield from _runtime_nodes(node)


def _imports(path: Path) -> set[str]:
    """The planparse modules `path` imports anywhere in it at run time, resolved to their full names."""
    package = _module_name(path).split(".") if path.name == "__init__.py" else _module_name(path).split(".")[:-1]
    found = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
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


def _module_of(name: str) -> str:
    """The module an imported name lives in (`planparse.models.Plan` → `planparse.models`)."""
    while name not in SOURCES:
        name = name.rpartition(".")[0]
    return name


GRAPH = {module: {_module_of(name) for name in imports} - {module} for module, imports in MODULES.items()}

# The layers of the code, lowest first: a module imports only from its own layer or the ones below it.
# The diff side (align), check and the renderers each build on extract and the models, never on each other;
# only the CLI and the public API (the package itself) see them all.
LAYERS = [
    {"exit_codes", "errors", "numerals", "extras", "version", "jsontext", "collector", "patterns"},
    {"models"},
    {"decode", "formats", "script", "printed_meta", "normalize", "fields", "outline", "meta", "assemble",
     "numbering", "completeness", "yamlio", "config", "baseline"},
    {"extract", "plans"},
    {"align"}, {"corpus_check"}, {"assignments"}, {"render"},
    {"cli", "", "duties"},
]
SIBLINGS = 4  # from this layer on, layers are side by side: none imports another (but the last, which sees all)


def _layer(module: str) -> int:
    top = module.split(".")[1] if "." in module else ""
    found = [index for index, layer in enumerate(LAYERS) if top in layer]
    assert found, f"{module} has no layer: add it to LAYERS in {__name__}"
    return found[0]


def test_imports_go_down_the_layers():
    def sideways(importer: int, imported: int) -> bool:
        return SIBLINGS <= imported < importer < len(LAYERS) - 1

    wrong = sorted((module, imported) for module, imports in GRAPH.items() for imported in imports
                   if _layer(imported) > _layer(module) or sideways(_layer(module), _layer(imported)))
    assert wrong == []


def test_the_import_graph_has_no_circle():
    """Tarjan's strongly connected components: a component of more than one module is a circle."""
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    circles = []

    def visit(module: str) -> None:
        index[module] = lowest[module] = len(index)
        stack.append(module)
        for imported in sorted(GRAPH[module]):
            if imported not in index:
                visit(imported)
                lowest[module] = min(lowest[module], lowest[imported])
            elif imported in stack:
                lowest[module] = min(lowest[module], index[imported])
        if lowest[module] == index[module]:
            component = stack[stack.index(module):]
            del stack[stack.index(module):]
            if len(component) > 1:
                circles.append(sorted(component))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    assert circles == []


def test_the_import_reader_sees_imports_inside_functions():
    assert "planparse.corpus_check" in MODULES["planparse.cli.check"]  # imported in the command's body


def test_only_the_cli_and_the_public_api_import_check():
    importers = {name for name, imports in MODULES.items() if "planparse.corpus_check" in imports}
    assert importers == {"planparse", "planparse.cli.check", "planparse.cli.extract"}  # extract: its folders


def test_numbering_imports_neither_extract_nor_check():
    assert not MODULES["planparse.numbering"] & {"planparse.extract", "planparse.corpus_check"}



def test_the_field_label_vocabulary_imports_nothing_of_planparse():
    assert MODULES["planparse.fields.labels"] == set()


def _calls_of(name: str) -> dict[str, list[ast.Call]]:
    """Calls of `name(...)`, `name.trusted(...)` and `name.model_construct(...)` in every module, by module."""
    found: dict[str, list[ast.Call]] = {}
    for module, path in SOURCES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in ("trusted", "model_construct"):
                func = func.value
            if isinstance(func, ast.Name) and func.id == name:
                found.setdefault(module, []).append(node)
    return found


def test_a_measure_is_made_in_one_place_that_sets_every_field():
    (module, calls), = _calls_of("Measure").items()
    assert module == "planparse.assemble" and len(calls) == 1
    assert sorted(keyword.arg for keyword in calls[0].keywords) == sorted(Measure.model_fields)


# --- start-up: what a command imports is what it runs (issue 13) ----------------------------------------

_STARTUP_PROBE = """\
import sys
from planparse.cli import main
sys.argv = ["planparse", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(sorted(name for name in sys.modules if name in {watched!r}), file=sys.stderr)
"""


def _imported(tmp_path, watched: set[str], *arguments: str) -> list[str]:
    """Which of `watched` a command's process imported (printed on stderr after the command ran)."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", _STARTUP_PROBE.format(watched=watched), *arguments],
                            capture_output=True, text=True, cwd=tmp_path)
    return ast.literal_eval(result.stderr.strip().splitlines()[-1])


def test_help_and_version_load_no_models(tmp_path):
    assert _imported(tmp_path, {"pydantic", "yaml", "planparse.models", "numpy"}, "--version") == []


def test_a_diff_of_two_yaml_files_loads_no_extraction_step(tmp_path):
    from .conftest import STRUCTURED

    extraction = {"planparse.extract", "planparse.assemble", "planparse.normalize", "planparse.outline.builder",
                  "planparse.fields.citations", "planparse.fields.deadlines", "planparse.meta"}
    watched = extraction | {"planparse.align.workers", "concurrent.futures", "numpy.ma", "planparse.corpus_check"}
    template, local = (str(STRUCTURED / f"{name}.yaml") for name in ("nanyang-2022", "baofeng-2022-draft"))
    assert _imported(tmp_path, watched, "diff", template, local, "--format", "json", "-o", "report.json") == []


def test_extracting_a_text_loads_neither_check_nor_the_office_readers(tmp_path):
    from .conftest import RAW

    watched = {"planparse.corpus_check", "planparse.formats.docx", "planparse.formats.pdf", "docx", "pdfminer",
               "statistics", "numpy", "rich"}
    assert _imported(tmp_path, watched, "extract", str(RAW / "nanyang-2022.txt"), "-o", "plan.yaml") == []
