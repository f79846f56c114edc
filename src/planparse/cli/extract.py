"""`planparse extract`: plan texts → YAML/JSON."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .. import exit_codes
from ..errors import OutputError, PlanparseError
from .app import command, error
from .output import emit, format_choices, format_option, write_stdout

if TYPE_CHECKING:
    PlanFormat = Enum  # typer reads the real choices below; to mypy any of them is an Enum of format names
else:
    PlanFormat = format_choices("plan", "yaml")


@command(epilog="Examples:\n\n  planparse extract data/raw/nanyang-2022.txt > nanyang.yaml\n\n"
                "  planparse extract data/raw/*.txt --out-dir data/structured\n\n"
                "  cat plan.txt | planparse extract - --format json")
def extract(
    files: list[str] = typer.Argument(..., metavar="FILE...",
                                      help="Plan files (.txt, .md, .docx, .pdf); `-` reads stdin."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write to this file (one input only)."),
    out_dir: Path | None = typer.Option(None, "--out-dir", help="Write <name>.yaml for each input here."),
    fmt: PlanFormat = format_option("plan", "yaml"),
) -> int:
    """Extract each plan into structured YAML (metadata, chapters, sections, measures, units, deadlines)."""
    from ..extract import extract as extract_plan
    from ..render import render, renderer

    if output and len(files) > 1:
        raise PlanparseError("-o takes one input file; use --out-dir for several")
    join = renderer(fmt.value).join
    if len(files) > 1 and not out_dir and join is None:
        raise PlanparseError(f"--format {fmt.value} holds one plan per file; use --out-dir for several")
    targets = {}
    if out_dir:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as problem:
            raise OutputError(f"cannot create the output folder ({problem.strerror})", path=str(out_dir)) from None
        targets = _out_dir_targets(files, out_dir, fmt.value)
    problems: list[PlanparseError] = []
    rendered: list[str | bytes] = []
    for name in files:
        try:
            plan = extract_plan(name)
            for warning in plan.warnings:  # `FILE:LINE: message`, as errors name where they are
                where = f"{name}:{warning.line}" if warning.line is not None else name
                error(f"warning: {where}: {warning.message}")
            if output or out_dir:
                emit(plan, fmt.value, output or targets[name], inputs=tuple(files))
            else:
                rendered.append(render(plan, fmt.value))
        except PlanparseError as problem:
            error(str(problem))
            problems.append(problem)
    if len(rendered) == 1:
        write_stdout(rendered[0])
    elif rendered:
        # several plans reach stdout only in a format that joins them (any other was refused above), a text one
        texts = [document for document in rendered if isinstance(document, str)]
        assert join is not None and len(texts) == len(rendered)
        write_stdout(join(texts))
    return exit_codes.of_errors(problems)


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
