"""`planparse extract`: plan texts → YAML/JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import PlanparseError
from .app import EXIT_BAD_INPUT, app, error
from .output import emit, format_choices, format_option, write_stdout

PlanFormat = format_choices("plan", "yaml")


@app.command(epilog="Examples:\n\n  planparse extract data/raw/nanyang-2022.txt > nanyang.yaml\n\n"
                    "  planparse extract data/raw/*.txt --out-dir data/structured\n\n"
                    "  cat plan.txt | planparse extract - --format json")
def extract(
    files: list[str] = typer.Argument(..., metavar="FILE...", help="Plan texts (.txt/.md); `-` reads stdin."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file (one input only)."),
    out_dir: Optional[Path] = typer.Option(None, "--out-dir", help="Write <name>.yaml for each input here."),
    fmt: PlanFormat = format_option("plan", "yaml"),
) -> None:
    """Extract each plan into structured YAML (metadata, chapters, sections, measures, units, deadlines)."""
    from ..extract import extract as extract_plan
    from ..render import render, renderer

    if output and len(files) > 1:
        error("-o takes one input file; use --out-dir for several")
        raise typer.Exit(EXIT_BAD_INPUT)
    join = renderer(fmt.value).join
    if len(files) > 1 and not out_dir and join is None:
        error(f"--format {fmt.value} holds one plan per file; use --out-dir for several")
        raise typer.Exit(EXIT_BAD_INPUT)
    targets = {}
    if out_dir:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as problem:
            error(f"{out_dir}: cannot create the output folder ({problem.strerror})")
            raise typer.Exit(EXIT_BAD_INPUT)
        targets = _out_dir_targets(files, out_dir, fmt.value)
    failed = False
    rendered: list[str] = []
    for name in files:
        try:
            plan = extract_plan(name)
            for warning in plan.warnings:
                error(f"warning: {name}: {warning}")
            if output or out_dir:
                emit(plan, fmt.value, output or targets[name], inputs=files)
            else:
                rendered.append(render(plan, fmt.value))
        except PlanparseError as problem:
            error(str(problem))
            failed = True
    if rendered:
        write_stdout(rendered[0] if len(rendered) == 1 else join(rendered))
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)


def _out_dir_targets(files: list[str], out_dir: Path, suffix: str) -> dict[str, Path]:
    """<stem>.<format> in the folder for each input; two inputs with one stem (a/plan.txt, b/plan.md) would
    overwrite each other, so the command stops before writing anything and says which."""
    targets: dict[str, Path] = {}
    claimed: dict[Path, str] = {}
    for name in files:
        target = out_dir / f"{Path(name).stem if name != '-' else 'stdin'}.{suffix}"
        if target in claimed and claimed[target] != name:
            error(f"{claimed[target]} and {name} would both be written to {target}; "
                  "extract them into different folders (or rename one)")
            raise typer.Exit(EXIT_BAD_INPUT)
        targets[name], claimed[target] = target, name
    return targets


