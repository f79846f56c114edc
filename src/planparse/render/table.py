"""The `table` format: a check report as a rich table of files × findings (`ok` for a clean file)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import Renderer

if TYPE_CHECKING:
    from ..models.check import CheckReport

_LEVEL_STYLE = {"error": "bold red", "warning": "yellow", "ok": "green", "fixed": "cyan"}
# In CI logs and pipes, wide enough that paths and messages stay on one line.
_LOG_WIDTH = 160


def check_table(report: CheckReport):
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    usable = [file for file in report.files if file.problem is None]
    if not usable:  # every file is unusable: the command says why on stderr, one line each
        return Group()
    errors, warnings = len(report.findings("error")), len(report.findings("warning"))
    table = Table(title=None, show_lines=False, caption=(
        f"{len(usable)} plan texts: {errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)}" + (" (--strict)" if report.strict else "")))
    table.add_column("file", overflow="fold")
    table.add_column("line", justify="right")
    table.add_column("level")
    table.add_column("finding", overflow="fold")
    for file in usable:
        rows: list[tuple[str, str, str]] = [(str(f.line or ""), f.level, f.message) for f in file.findings]
        if file.fixed:
            rows.append(("", "fixed", f"rewrote {file.structured}"))
        if not file.findings:
            rows.append(("", "ok", f"{file.measures} measures, no findings"))
        for index, (line, level, message) in enumerate(rows):
            # Text(), not markup: messages quote the plan, whose brackets rich would read as styles.
            table.add_row(Text(file.file if index == 0 else ""), line, Text(level, style=_LEVEL_STYLE[level]),
                          Text(message))
    return table


RENDERER = Renderer(renders={"check": check_table}, order=0, min_width=_LOG_WIDTH)
