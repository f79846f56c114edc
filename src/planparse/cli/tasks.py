"""`planparse tasks`: plans → who does what by when (one row per unit × measure × role)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .. import exit_codes
from .app import command
from .output import LANG_OPTION, Language, chosen_format, emit, format_choices, format_option

if TYPE_CHECKING:
    TasksFormat = Enum  # typer reads the real choices below; to mypy any of them is an Enum of format names
else:
    TasksFormat = format_choices("tasks", "terminal")
Role = Enum("Role", [(role, role) for role in ("lead", "participating", "responsible")], type=str)  # type: ignore[misc]


@command(epilog="Examples:\n\n  planparse tasks data/raw/pingqiao-2023-fengong.txt --unit 区司法局\n\n"
                "  planparse tasks plans/*.yaml --before 2024-06-30 -o tasks.xlsx\n\n"
                "  planparse tasks data/raw/pingqiao-2023-fengong.txt --role lead -o deadlines.ics")
def tasks(
    plans: list[str] = typer.Argument(..., metavar="PLAN...", help="Plans: YAML/JSON made by `extract`, or plan texts."),
    units: list[str] | None = typer.Option(
        None, "--unit", metavar="TEXT",
        help="Only this unit, in any of the plan's spellings (区司法局 finds 平桥区司法局 too), or units whose "
             "name contains TEXT. May be given several times."),
    roles: list[Role] | None = typer.Option(None, "--role", help="Only this role. May be given several times."),
    before: str | None = typer.Option(None, "--before", metavar="DATE",
                                         help="Only tasks due on or before DATE (yyyy-mm-dd)."),
    fmt: TasksFormat | None = format_option("tasks", "terminal", "-f", by_output=True),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write the report to this file."),
    lang: Language = LANG_OPTION,
) -> int:
    """Who does what by when: every unit's measures, with role, deadlines and recurring terms, sorted by unit
    and deadline. A unit written two ways in one plan (区司法局 / 平桥区司法局) is one unit."""
    from ..assignments import tasks as plan_tasks

    report = plan_tasks(plans, units=units or (), roles=[role.value for role in roles or ()], before=before)
    emit(report, chosen_format(fmt, "tasks", "terminal", output), output, inputs=tuple(plans), lang=lang.value)
    return exit_codes.OK
