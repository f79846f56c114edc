"""The `terminal` format: the rich views of a diff (summary, chapters, measures, changes) and of a compare
matrix. Plan text goes into Text() objects, never into markup: a plan's `[…]` would be read as styles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import Renderer
from ._lang import t
from ._text import (
    carried_duties,
    context_text,
    deadline_text,
    describe,
    directions_text,
    duties_text,
    heading_links,
    lines_text,
    percent,
    plan_name,
    short,
)

if TYPE_CHECKING:
    from ..models.diff import CompareReport, DiffReport, PairDetail
    from ..models.tasks import TasksReport

_STATUS_STYLE = {"full": "green", "partial": "yellow", "missing": "red"}
_DIRECTION_STYLE = {"weakened": "bold red", "strengthened": "green", "changed": ""}
_LETTER = {"full": "F", "partial": "P", "missing": "·"}  # a matrix cell, readable without colour
_MATRIX_COLUMNS_MAX = 16  # above this many plans the matrix shows shares instead of a column per plan
_PLAN_ROWS_MAX = 40


def diff_view(report: DiffReport):
    """A summary panel, the chapter mapping, a table of template measures with their status, the local
    measures that carry them and those measures' units and deadlines, local-only measures, changes, and inline
    diffs when the report has them."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    parts: list = []
    summary = Text()
    summary.append(t("diff.template", name=plan_name(report.template)) + "\n", style="bold")
    summary.append(t("diff.local", name=plan_name(report.local)) + "\n\n", style="bold")
    summary.append(t("diff.covered", share=percent(report.coverage.covered)), style="bold")
    summary.append(t("diff.of_total", total=report.counts.total))
    for status in ("full", "partial", "missing"):
        summary.append(t("diff.status_count", status=t(f"status.{status}"), count=getattr(report.counts, status),
                         share=percent(getattr(report.coverage, status))) + "  ", style=_STATUS_STYLE[status])
    summary.append("\n" + t("diff.counts", links=len(report.links), local_only=len(report.local_only),
                            changes=len(report.changes)) + directions_text(report))
    parts.append(Panel(summary, title=t("diff.title"), expand=False))

    chapters = Table(title=t("diff.chapters"), show_lines=False, title_justify="left")
    chapters.add_column(t("col.from"))
    chapters.add_column(t("col.local_links"))
    for heading in report.chapters:
        local_headings = heading_links(heading)
        chapters.add_row(Text(heading.template), Text(local_headings) if local_headings else Text("—", style="red"))
    parts.append(chapters)

    changes_of: dict = {}
    for change in report.changes:
        changes_of[change.template] = changes_of.get(change.template, 0) + 1
    kinds = {(link.template, link.local): link.kind for link in report.links}
    local_measures = {local_measure.local: local_measure for local_measure in report.local_measures}
    measures = Table(title=t("diff.measures"), title_justify="left", caption=t("diff.carried_caption"))
    measures.add_column("#", justify="right")
    measures.add_column(t("col.template_measure"), overflow="fold", ratio=3)
    measures.add_column(t("col.status"))
    measures.add_column(t("col.carried_by"), overflow="fold", ratio=2)
    measures.add_column(t("col.local_duties"), overflow="fold", ratio=3)
    measures.add_column(t("col.changes"), justify="right")
    for measure in report.measures:
        carried = Text()
        for position, key in enumerate(measure.local):
            if position:
                carried.append(" ")
            carried.append(str(key), style=_STATUS_STYLE[kinds[(measure.template, key)]])
        measures.add_row(Text(str(measure.template)), Text(measure.headline),
                         Text(t(f"status.{measure.status}"), style=_STATUS_STYLE[measure.status]), carried,
                         Text("\n".join(carried_duties(measure, local_measures))),
                         str(changes_of.get(measure.template, "")))
    parts.append(measures)

    if report.changes:
        changes = Table(title=t("diff.changes"), title_justify="left")
        changes.add_column(t("col.from"), justify="right")
        changes.add_column(t("col.to"), justify="right")
        changes.add_column(t("col.direction"))
        changes.add_column(t("col.change"), overflow="fold", ratio=2)
        changes.add_column(t("col.context"), overflow="fold", ratio=3)
        for change in report.changes:
            changes.add_row(Text(str(change.template)), Text(str(change.local)),
                            Text(t(f"direction.{change.direction}"), style=_DIRECTION_STYLE[change.direction]),
                            Text(describe(change, directed=False)), Text(context_text(change, lines=True)))
        parts.append(changes)

    if report.local_only:
        only = Table(title=t("diff.local_only"), title_justify="left")
        only.add_column("#")
        only.add_column(t("col.local_measure"))
        only.add_column(t("col.local_duties"), overflow="fold")
        for local_measure in report.local_measures:
            if not local_measure.template:
                only.add_row(Text(str(local_measure.local)), Text(short(local_measure.headline, 60)),
                             Text(duties_text(local_measure.duties)))
        parts.append(only)

    for detail in report.details:
        if any(segment.op != "equal" for segment in detail.segments):
            parts.append(Text(f"\n{detail.template} → {detail.local}", style="bold"))
            parts.append(_inline(detail))
    return Group(*parts)


def _inline(detail: PairDetail):
    """The word diff of a pair, readable without colour: `[-deleted-]{+inserted+}` as `git diff
    --word-diff=plain` writes it, struck through and underlined where there is colour."""
    from rich.text import Text

    text = Text()
    for segment in detail.segments:
        if segment.op == "equal":
            text.append(segment.local)
            continue
        if segment.template:
            text.append(f"[-{segment.template}-]", style="red strike")
        if segment.local:
            text.append(f"{{+{segment.local}+}}", style="green underline")
    return text


def compare_view(report: CompareReport):
    """Coverage per plan, then the matrix of template measures × plans (shares of plans when there are many)."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    title = Text(t("compare.title", count=len(report.plans), template=plan_name(report.template)), style="bold")
    plans = Table(title=t("compare.per_plan"), title_justify="left")
    for key in ("col.plan", "col.covered", "status.full", "status.partial", "status.missing"):
        plans.add_column(t(key), justify="left" if key == "col.plan" else "right")
    for row in report.plans[:_PLAN_ROWS_MAX]:
        c = row.coverage
        plans.add_row(Text(plan_name(row.plan)), percent(c.covered), percent(c.full), percent(c.partial),
                      percent(c.missing))
    if len(report.plans) > _PLAN_ROWS_MAX:
        plans.caption = t("compare.more_plans", count=len(report.plans) - _PLAN_ROWS_MAX)
    matrix = Table(title=t("diff.measures"), title_justify="left")
    matrix.add_column("#")
    matrix.add_column(t("col.measure"), overflow="fold")
    small = len(report.plans) <= _MATRIX_COLUMNS_MAX
    if small:
        for index in range(len(report.plans)):
            matrix.add_column(str(index + 1), justify="center")
    else:
        for status in ("full", "partial", "missing"):
            matrix.add_column(t("compare.status_plans", status=t(f"status.{status}")), justify="right")
    for position, measure in enumerate(report.measures):
        statuses = [row.statuses[position] for row in report.plans]
        if small:
            cells = [Text(_LETTER[status], style=_STATUS_STYLE[status]) for status in statuses]
        else:
            cells = [Text(percent(statuses.count(status) / max(len(statuses), 1)), style=_STATUS_STYLE[status])
                     for status in ("full", "partial", "missing")]
        matrix.add_row(Text(str(measure.template)), Text(short(measure.headline)), *cells)
    if small:
        matrix.caption = t("compare.columns")
    return Group(title, plans, matrix)


def tasks_view(report: TasksReport):
    """Who does what by when: one table, rows grouped by unit (its other spellings under its name), then by
    deadline; the plan of each row when there are several."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    title = Text(t("tasks.title", plans="；".join(plan_name(plan) for plan in report.plans)), style="bold")
    rows = report.assignments
    if not rows:
        return Group(title, Text(t("tasks.none")))
    table = Table(caption=t("tasks.count", units=len({row.unit for row in rows}), rows=len(rows)),
                  caption_justify="left")
    for key in ("col.unit", "col.role", "col.measure", "col.deadline", "col.recurring"):
        table.add_column(t(key), overflow="fold", ratio=3 if key == "col.measure" else None)
    several = len(report.plans) > 1
    if several:
        table.add_column(t("col.plan"), overflow="fold")
    table.add_column(t("col.lines"), no_wrap=True)
    for position, row in enumerate(rows):
        unit = Text()
        if position == 0 or rows[position - 1].unit != row.unit:
            unit.append(row.unit, style="bold")
            others = [spelling for spelling in row.spellings if spelling != row.unit]
            if others:
                unit.append("\n" + t("also.written", spellings="、".join(others)), style="dim")
        cells = [unit, Text(t(f"role.{row.role}")), Text(f"{row.measure}. {row.headline}"),
                 Text(deadline_text(row)), Text("；".join(term.text for term in row.recurring))]
        if several:
            cells.append(Text(plan_name(report.plans[row.plan])))
        table.add_row(*cells, Text(lines_text(row.lines)), end_section=position + 1 < len(rows)
                      and rows[position + 1].unit != row.unit)
    return Group(title, table)


RENDERER = Renderer(renders={"diff": diff_view, "compare": compare_view, "tasks": tasks_view}, order=0,
                    suffixes=(".txt",))
