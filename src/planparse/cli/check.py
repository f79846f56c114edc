"""`planparse check`: a plan corpus → a table (or JSON) of findings, and the exit code CI acts on."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ..errors import PlanparseError
from .app import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, app, error, stdout_console, write_stdout

# Width of the table when stdout is not a terminal (rich would otherwise assume 80 columns).
_LOG_WIDTH = 160


class CheckFormat(str, Enum):
    table = "table"
    json = "json"


@app.command(epilog="Examples:\n\n  planparse check                      # every plan text in data/raw/\n\n"
                    "  planparse check data/raw/nanyang-2022.txt --format json\n\n"
                    "  planparse check --fix                # rewrite stale data/structured/*.yaml\n\n"
                    "Exit codes: 0 clean, 1 findings at error level, 2 unusable input or arguments.")
def check(
    paths: Optional[list[str]] = typer.Argument(None, metavar="PATH",
                                                help="Plan texts or folders of them (default data/raw/)."),
    fmt: CheckFormat = typer.Option(CheckFormat.table, "--format", help="table (default) or json."),
    strict: bool = typer.Option(False, "--strict", help="Treat warnings as errors."),
    fix: bool = typer.Option(False, "--fix", help="Rewrite stale or missing structured YAML (atomically)."),
    structured: Optional[Path] = typer.Option(
        None, "--structured", metavar="DIR",
        help="Folder of the structured <name>.yaml files (default: ../structured beside a raw/ folder)."),
) -> None:
    """Check plan texts: numbering, nothing lost, units, deadlines, and that their structured YAML is fresh."""
    from ..corpus_check import DEFAULT_PATH
    from ..corpus_check import check as check_corpus

    try:
        report = check_corpus(paths or [DEFAULT_PATH], fix=fix, strict=strict, structured_dir=structured)
    except PlanparseError as problem:
        error(str(problem))
        raise typer.Exit(EXIT_BAD_INPUT)
    if fmt is CheckFormat.json:
        write_stdout(report.model_dump_json(indent=2) + "\n")
    else:
        _print_table(report)
    for unusable in report.unusable:
        error(unusable.problem)
    if report.unusable:
        raise typer.Exit(EXIT_BAD_INPUT)
    raise typer.Exit(EXIT_FINDINGS if report.findings("error") else EXIT_OK)


def _print_table(report) -> None:
    from rich.table import Table
    from rich.text import Text

    usable = [file for file in report.files if file.problem is None]
    if not usable:
        return
    errors, warnings = len(report.findings("error")), len(report.findings("warning"))
    table = Table(title=None, show_lines=False, caption=(
        f"{len(usable)} plan texts: {errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)}" + (" (--strict)" if report.strict else "")))
    table.add_column("file", overflow="fold")
    table.add_column("line", justify="right")
    table.add_column("level")
    table.add_column("finding", overflow="fold")
    styles = {"error": "bold red", "warning": "yellow", "ok": "green", "fixed": "cyan"}
    for file in usable:
        rows = [(str(f.line or ""), f.level, f.message) for f in file.findings]
        if file.fixed:
            rows.append(("", "fixed", f"rewrote {file.structured}"))
        if not file.findings:
            rows.append(("", "ok", f"{file.measures} measures, no findings"))
        for index, (line, level, message) in enumerate(rows):
            # Text(), not markup: messages quote the plan, whose brackets rich would read as styles.
            table.add_row(Text(file.file if index == 0 else ""), line, Text(level, style=styles[level]),
                          Text(message))
    console, send = stdout_console()
    if not console.is_terminal:  # CI logs and pipes: wide enough that paths and messages stay on one line
        console, send = stdout_console(width=max(console.width, _LOG_WIDTH))
    console.print(table)
    send()
