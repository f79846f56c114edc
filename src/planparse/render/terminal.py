"""The `terminal` format: the rich views of a diff (summary, chapters, measures, changes) and of a compare
matrix. Plan text goes into Text() objects, never into markup: a plan's `[…]` would be read as styles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import Renderer
from ._text import describe, percent, plan_name, short

if TYPE_CHECKING:
    from ..models.diff import CompareReport, DiffReport, PairDetail

_STATUS_STYLE = {"full": "green", "partial": "yellow", "missing": "red"}
_MATRIX_COLUMNS_MAX = 16  # above this many plans the matrix shows shares instead of a column per plan
_PLAN_ROWS_MAX = 40


def diff_view(report: DiffReport):
    """A summary panel, the chapter mapping, a table of template measures with their status and local
    measures, local-only measures, changes, and inline diffs when the report has them."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    parts: list = []
    summary = Text()
    summary.append(f"template  {plan_name(report.template)}\n", style="bold")
    summary.append(f"local     {plan_name(report.local)}\n\n", style="bold")
    summary.append(f"covered {percent(report.coverage.covered)}", style="bold")
    summary.append(f"  of {report.counts.total} template measures   ")
    for status in ("full", "partial", "missing"):
        summary.append(f"{status} {getattr(report.counts, status)} ({percent(getattr(report.coverage, status))})  ",
                       style=_STATUS_STYLE[status])
    summary.append(f"\n{len(report.links)} links, {len(report.local_only)} local-only measures, "
                   f"{len(report.changes)} changes")
    parts.append(Panel(summary, title="planparse diff", expand=False))

    chapters = Table(title="Chapters: template → local", show_lines=False, title_justify="left")
    chapters.add_column("template")
    chapters.add_column("local (links)")
    for heading in report.chapters:
        local = "; ".join(f"{name} ({count})" for name, count in zip(heading.local, heading.links))
        chapters.add_row(Text(heading.template), Text(local) if local else Text("—", style="red"))
    parts.append(chapters)

    changes_of: dict = {}
    for change in report.changes:
        changes_of[change.template] = changes_of.get(change.template, 0) + 1
    kinds = {(link.template, link.local): link.kind for link in report.links}
    measures = Table(title="Template measures", title_justify="left",
                     caption="carried by: local measures, best first (green full, yellow partial)")
    measures.add_column("#", justify="right")
    measures.add_column("template measure", overflow="fold", ratio=3)
    measures.add_column("status")
    measures.add_column("carried by", overflow="fold", ratio=2)
    measures.add_column("changes", justify="right")
    for measure in report.measures:
        carried = Text()
        for position, key in enumerate(measure.local):
            if position:
                carried.append(" ")
            carried.append(str(key), style=_STATUS_STYLE[kinds[(measure.template, key)]])
        measures.add_row(Text(str(measure.template)), Text(measure.headline),
                         Text(measure.status, style=_STATUS_STYLE[measure.status]), carried,
                         str(changes_of.get(measure.template, "")))
    parts.append(measures)

    if report.changes:
        changes = Table(title="Changes in linked measures", title_justify="left")
        changes.add_column("template", justify="right")
        changes.add_column("local", justify="right")
        changes.add_column("change", overflow="fold")
        for change in report.changes:
            changes.add_row(Text(str(change.template)), Text(str(change.local)), Text(describe(change)))
        parts.append(changes)

    if report.local_only:
        only = Table(title="Local-only measures", title_justify="left")
        only.add_column("#")
        only.add_column("local measure")
        for local_measure in report.local_measures:
            if not local_measure.template:
                only.add_row(Text(str(local_measure.local)), Text(short(local_measure.headline, 60)))
        parts.append(only)

    for detail in report.details:
        if any(segment.op != "equal" for segment in detail.segments):
            parts.append(Text(f"\n{detail.template} → {detail.local}", style="bold"))
            parts.append(_inline(detail))
    return Group(*parts)


def _inline(detail: PairDetail):
    from rich.text import Text

    text = Text()
    for segment in detail.segments:
        if segment.op == "equal":
            text.append(segment.local)
            continue
        if segment.template:
            text.append(segment.template, style="red strike")
        if segment.local:
            text.append(segment.local, style="green underline")
    return text


def compare_view(report: CompareReport):
    """Coverage per plan, then the matrix of template measures × plans (shares of plans when there are many)."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    title = Text(f"planparse compare: {len(report.plans)} plans against {plan_name(report.template)}", style="bold")
    plans = Table(title="Coverage per plan (covered = full + partial)", title_justify="left")
    for column in ("plan", "covered", "full", "partial", "missing"):
        plans.add_column(column, justify="left" if column == "plan" else "right")
    for row in report.plans[:_PLAN_ROWS_MAX]:
        c = row.coverage
        plans.add_row(Text(plan_name(row.plan)), percent(c.covered), percent(c.full), percent(c.partial),
                      percent(c.missing))
    if len(report.plans) > _PLAN_ROWS_MAX:
        plans.caption = f"… and {len(report.plans) - _PLAN_ROWS_MAX} more plans (see --format csv or html)"
    matrix = Table(title="Template measures", title_justify="left")
    matrix.add_column("#")
    matrix.add_column("measure", overflow="fold")
    small = len(report.plans) <= _MATRIX_COLUMNS_MAX
    if small:
        for index in range(len(report.plans)):
            matrix.add_column(str(index + 1), justify="center")
    else:
        for status in ("full", "partial", "missing"):
            matrix.add_column(f"{status} plans", justify="right")
    for position, measure in enumerate(report.measures):
        statuses = [row.statuses[position] for row in report.plans]
        if small:
            cells = [Text(status[0].upper() if status != "missing" else "·", style=_STATUS_STYLE[status])
                     for status in statuses]
        else:
            cells = [Text(percent(statuses.count(status) / max(len(statuses), 1)), style=_STATUS_STYLE[status])
                     for status in ("full", "partial", "missing")]
        matrix.add_row(Text(str(measure.template)), Text(short(measure.headline)), *cells)
    if small:
        matrix.caption = "columns: plans in the order above; F full, P partial, · missing"
    return Group(title, plans, matrix)


RENDERER = Renderer(renders={"diff": diff_view, "compare": compare_view}, order=0)
