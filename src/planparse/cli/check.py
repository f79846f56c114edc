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
                "  planparse check --write-baseline     # accept today's findings; new ones still fail\n\n"
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
    baseline_file: Path | None = typer.Option(
        None, "--baseline", metavar="FILE",
        help="The accepted findings (default: .planparse-baseline.json beside the corpus's .planparse.toml or "
             "pyproject.toml, else here; or its `baseline` setting). Used when it exists."),
    write_baseline_file: bool = typer.Option(
        False, "--write-baseline",
        help="Accept every finding as it is now: write them to the baseline; later runs fail only on new ones."),
) -> int:
    """Check plan texts: numbering, nothing lost, units, deadlines, and that their structured YAML is fresh."""
    from ..baseline import read_baseline, write_baseline
    from ..config import find_config
    from ..corpus_check import DEFAULT_PATH
    from ..corpus_check import check as check_corpus
    from ..errors import display_path

    config = find_config()
    baseline_path = baseline_file or config.baseline
    named = baseline_file is not None and not write_baseline_file  # a baseline asked for must be there
    # Files are named from the corpus root: the config's folder, else the baseline's.
    root = config.root if config.source is not None else baseline_path.parent
    previous = read_baseline(baseline_path, root) if named or baseline_path.is_file() else None
    report = check_corpus(paths or [DEFAULT_PATH], fix=fix, strict=strict, structured_dir=structured,
                          config=config, baseline=None if write_baseline_file else previous)
    if write_baseline_file:
        written = write_baseline(baseline_path, report, root, previous)
        written.apply(report)
        error(f"wrote {display_path(baseline_path)}: {len(written.entries)} accepted findings")
    elif previous is not None and previous.unmatched:
        gone = previous.unmatched
        error(f"{gone} accepted finding{'s' * (gone != 1)} of {display_path(baseline_path)} no longer found in the "
              "files checked; drop them with `planparse check --write-baseline`")
    emit(report, fmt.value)
    for problem in report.problems:
        error(problem)
    return exit_codes.of_check(report)
