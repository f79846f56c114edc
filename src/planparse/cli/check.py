"""`planparse check`: a plan corpus → a table (or JSON) of findings, and the exit code CI acts on."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .. import exit_codes
from .app import command, error
from .output import emit, format_choices, format_option

if TYPE_CHECKING:
    CheckFormat = Enum  # typer reads the real choices below; to mypy any of them is an Enum of format names
else:
    CheckFormat = format_choices("check", "table")


@command(epilog="Examples:\n\n  planparse check                      # every plan text in data/raw/\n\n"
                "  planparse check data/raw/nanyang-2022.txt --format json\n\n"
                "  planparse check --fix                # rewrite stale data/structured/*.yaml\n\n"
                "Exit codes: 0 clean, 1 findings at error level, 2 unusable input or arguments.")
def check(
    paths: list[str] | None = typer.Argument(None, metavar="PATH",
                                             help="Plan texts or folders of them (default data/raw/)."),
    fmt: CheckFormat = format_option("check", "table"),
    strict: bool = typer.Option(False, "--strict", help="Treat warnings as errors."),
    fix: bool = typer.Option(False, "--fix", help="Rewrite stale or missing structured YAML (atomically)."),
    structured: Path | None = typer.Option(
        None, "--structured", metavar="DIR",
        help="Folder of the structured <name>.yaml files (default: ../structured beside a raw/ folder)."),
) -> int:
    """Check plan texts: numbering, nothing lost, units, deadlines, and that their structured YAML is fresh."""
    from ..corpus_check import DEFAULT_PATH
    from ..corpus_check import check as check_corpus

    report = check_corpus(paths or [DEFAULT_PATH], fix=fix, strict=strict, structured_dir=structured)
    emit(report, fmt.value)
    for problem in report.problems:
        error(problem)
    return exit_codes.of_check(report)
