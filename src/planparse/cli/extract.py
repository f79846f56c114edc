"""`planparse extract`: plan texts → YAML/JSON."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import PlanparseError
from .app import EXIT_BAD_INPUT, OutputFormat, error, app


@app.command(epilog="Examples:\n\n  planparse extract data/raw/nanyang-2022.txt > nanyang.yaml\n\n"
                    "  planparse extract data/raw/*.txt --out-dir data/structured\n\n"
                    "  cat plan.txt | planparse extract - --format json")
def extract(
    files: list[str] = typer.Argument(..., metavar="FILE...", help="Plan texts (.txt/.md); `-` reads stdin."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file (one input only)."),
    out_dir: Optional[Path] = typer.Option(None, "--out-dir", help="Write <name>.yaml for each input here."),
    fmt: OutputFormat = typer.Option(OutputFormat.yaml, "--format", help="yaml (default) or json."),
) -> None:
    """Extract each plan into structured YAML (metadata, chapters, sections, measures, units, deadlines)."""
    from ..extract import extract as extract_plan
    from ..yamlio import dumps, write_atomic

    if output and len(files) > 1:
        error("-o takes one input file; use --out-dir for several")
        raise typer.Exit(EXIT_BAD_INPUT)
    if out_dir:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as problem:
            error(f"{out_dir}: cannot create the output folder ({problem.strerror})")
            raise typer.Exit(EXIT_BAD_INPUT)
    failed = False
    rendered: list[str] = []
    for name in files:
        try:
            plan = extract_plan(name)
            text = dumps(plan, fmt.value)
            for warning in plan.warnings:
                error(f"warning: {name}: {warning}")
            if output:
                write_atomic(output, text)
            elif out_dir:
                stem = Path(name).stem if name != "-" else "stdin"
                write_atomic(out_dir / f"{stem}.{fmt.value}", text)
            else:
                rendered.append(text)
        except PlanparseError as problem:
            error(str(problem))
            failed = True
    if rendered:
        if len(rendered) == 1:
            sys.stdout.write(rendered[0])
        elif fmt is OutputFormat.yaml:
            sys.stdout.write("---\n".join(rendered))
        else:
            sys.stdout.write("[\n" + ",\n".join(part.rstrip("\n") for part in rendered) + "\n]\n")
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)


