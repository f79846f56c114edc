"""`planparse extract`: plan texts → YAML/JSON."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .. import exit_codes
from ..errors import OutputError, PlanparseError
from .app import command, error
from .output import LANG_OPTION, Language, chosen_format, emit, format_choices, format_option, write_stdout

if TYPE_CHECKING:
    PlanFormat = Enum  # typer reads the real choices below; to mypy any of them is an Enum of format names
else:
    PlanFormat = format_choices("plan", "yaml")


@command(epilog="Examples:\n\n  planparse extract data/raw/nanyang-2022.txt > nanyang.yaml\n\n"
                "  planparse extract data/raw/*.txt --out-dir data/structured\n\n"
                "  planparse extract data/raw -o measures.parquet     # one table of a whole corpus\n\n"
                "  cat plan.txt | planparse extract - --format json")
def extract(
    files: list[str] = typer.Argument(..., metavar="FILE...",
                                      help="Plan files (.txt, .md, .docx, .pdf) or folders of them; `-` reads stdin."),
    output: Path | None = typer.Option(
        None, "-o", "--output",
        help="Write to this file: one plan, or several in a format that holds many (json, yaml, parquet)."),
    out_dir: Path | None = typer.Option(None, "--out-dir", help="Write <name>.yaml for each input here."),
    fmt: PlanFormat | None = format_option("plan", "yaml", by_output=True),
    lang: Language = LANG_OPTION,
) -> int:
    """Extract each plan into structured YAML (metadata, chapters, sections, measures, units, deadlines)."""
    from ..extract import extract as extract_plan
    from ..render import render, renderer

    files = [shown for name in files for shown in (_plan_texts_in(name) if Path(name).is_dir() else [name])]
    chosen = chosen_format(fmt, "plan", "yaml", output)
    join = renderer(chosen).join
    if len(files) > 1 and not out_dir and join is None:
        raise PlanparseError(f"--format {chosen} holds one plan per file; use --out-dir for several")
    targets = {}
    if out_dir:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as problem:
            raise OutputError(f"cannot create the output folder ({problem.strerror})", path=str(out_dir)) from None
        targets = _out_dir_targets(files, out_dir, chosen)
    problems: list[PlanparseError] = []
    rendered: list[str | bytes] = []
    for name in files:
        try:
            plan = extract_plan(name)
            for warning in plan.warnings:  # `FILE:LINE: message`, as errors name where they are
                where = f"{name}:{warning.line}" if warning.line is not None else name
                error(f"warning: {where}: {warning.message}")
            if out_dir:
                emit(plan, chosen, targets[name], inputs=tuple(files), lang=lang.value)
            else:
                rendered.append(render(plan, chosen, lang.value))
        except PlanparseError as problem:
            error(str(problem))
            problems.append(problem)
    if rendered:
        document = rendered[0]
        if len(rendered) > 1:
            assert join is not None  # several plans are one document only in a format that joins them (above)
            document = join(rendered)
        if output:
            from ..yamlio import write_atomic

            write_atomic(output, document, inputs=tuple(files))
        else:
            write_stdout(document)
    return exit_codes.of_errors(problems)


def _plan_texts_in(folder: str) -> list[str]:
    """The plan texts of a folder, as check finds them (corpus_check, imported only for a folder)."""
    from ..corpus_check import collect_plan_texts

    return [shown for _, shown in collect_plan_texts([folder])]


def _out_dir_targets(files: list[str], out_dir: Path, suffix: str) -> dict[str, Path]:
    """<stem>.<format> in the folder for each input; two inputs with one stem (a/plan.txt, b/plan.md) would
    overwrite each other, so the command stops before writing anything and says which."""
    targets: dict[str, Path] = {}
    claimed: dict[Path, str] = {}
    for name in files:
        target = out_dir / f"{Path(name).stem if name != '-' else 'stdin'}.{suffix}"
        if target in claimed and claimed[target] != name:
            raise PlanparseError(f"{claimed[target]} and {name} would both be written to {target}; "
                                 "extract them into different folders (or rename one)")
        targets[name], claimed[target] = target, name
    return targets
