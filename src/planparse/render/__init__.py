"""Output formats: every way a report (a plan, a diff, a compare matrix, a check) is shown or written.

Each format is one module of this package, named after the format, that declares `RENDERER = Renderer(…)`;
the package finds the modules when first asked, so a new format is a new module and nothing else (modules
named `_…` are shared helpers, not formats). Every command's `--format` choices come from here.

A renderer turns a report into what is shown: a document (`str`; `bytes` for a binary format) or, for a
view made for a terminal, a rich renderable, printed as wide as the terminal or, in a file, as plain text
FILE_WIDTH columns wide. Renderer modules import rich, csv and html inside their functions, and the
models only for annotations, so finding them costs `import planparse.cli` little.
"""

from __future__ import annotations

import importlib
import io
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

# A terminal view written to a file (`-o`) is plain text this many columns wide.
FILE_WIDTH = 120


@dataclass(frozen=True)
class Renderer:
    """One output format: the kinds of report it renders, and how."""

    # kind of report (`plan`, `diff`, `compare`, `check`, `tasks`: see kind_of) → report → what is shown
    renders: Mapping[str, Callable[[Any], Any]]
    # Place in `--format` lists, after the command's default: views, then data (json, yaml), then documents.
    order: int
    notes: Mapping[str, str] = field(default_factory=dict)  # kind → what the format is for it, in --help
    detail: bool = False  # needs the word-level inline diffs of `diff --detail` whatever the option says
    min_width: int | None = None  # a view that is piped or logged is at least this wide (rich assumes 80)
    # How several documents are one (`extract a.txt b.txt` to stdout or -o); None: one per file only.
    join: Callable[[list[Any]], str | bytes] | None = None
    # File name endings that choose this format when `-o FILE` is given without `--format` (`.xlsx`).
    suffixes: tuple[str, ...] = ()


@cache
def _registry() -> dict[str, Renderer]:
    return {module.name: importlib.import_module(f"{__name__}.{module.name}").RENDERER
            for module in pkgutil.iter_modules(__path__) if not module.name.startswith("_")}


def renderer(fmt: str) -> Renderer:
    try:
        return _registry()[fmt]
    except KeyError:
        raise ValueError(f"no output format {fmt!r}; there are {', '.join(sorted(_registry()))}") from None


def formats(kind: str, default: str | None = None) -> list[str]:
    """The formats that render `kind` reports: `default` first, then in their order."""
    found = [(name, renderer) for name, renderer in _registry().items() if kind in renderer.renders]
    return [name for name, renderer in sorted(found, key=lambda item: (item[0] != default, item[1].order, item[0]))]


def format_for(path, kind: str) -> str | None:
    """The format a file's name asks for (`report.xlsx` → xlsx), if one of them renders `kind` reports."""
    name = str(path).lower()
    found = [fmt for fmt in formats(kind) if any(name.endswith(suffix) for suffix in renderer(fmt).suffixes)]
    return found[0] if found else None


def kind_of(report) -> str:
    """`plan`, `diff`, `compare`, `check` or `tasks`: the report's schema name without `planparse/`."""
    return report.schema_name.removeprefix("planparse/")


def show(report, fmt: str, lang: str = "zh"):
    """What format `fmt` makes of `report`, its words in `lang` (zh, en): a document (str or bytes) or a
    rich renderable."""
    from ._lang import language

    kind = kind_of(report)
    renders = renderer(fmt).renders
    if kind not in renders:
        raise ValueError(f"the {fmt} format does not render {kind} reports")
    with language(lang):
        return renders[kind](report)


def render(report, fmt: str, lang: str = "zh") -> str | bytes:
    """`report` as a document in format `fmt`: what `-o FILE` writes (a terminal view as plain text)."""
    shown = show(report, fmt, lang)
    if isinstance(shown, (str, bytes)):
        return shown
    from rich.console import Console

    buffer = io.StringIO()
    # force_terminal=False: a file never gets escape codes, even where FORCE_COLOR is set.
    console = Console(file=buffer, width=max(FILE_WIDTH, renderer(fmt).min_width or 0), no_color=True,
                      force_terminal=False)
    console.print(shown)
    return buffer.getvalue()
