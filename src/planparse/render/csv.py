"""The `csv` format: a diff as one row per link, missing and local-only measure, with the units and deadlines
of the measures on each side; a compare report as its matrix; tasks as one row per unit × measure × role. Every cell is escaped against formula injection: plan
text in a spreadsheet is data. Each document starts with a UTF-8 BOM, without which Excel reads UTF-8 as
the system's code page (GBK on a Chinese Windows) and shows mojibake; csv and pandas read it with
encoding="utf-8-sig"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import Renderer
from ._text import describe_in_context, plan_name

if TYPE_CHECKING:
    from ..models.diff import CompareReport, DiffReport
    from ..models.tasks import TasksReport

# A cell starting with one of these is a formula to Excel and LibreOffice (`=HYPERLINK(…)`, `+1+1`, `@SUM`),
# also after a tab or carriage return: OWASP's CSV-injection advice is to prefix such a cell with `'`.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BOM = "\ufeff"


def csv_cell(value) -> str:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class _SafeCsvWriter:
    """csv.writer whose every cell goes through csv_cell."""

    def __init__(self):
        import csv
        import io

        self.buffer = io.StringIO()
        self.buffer.write(_BOM)
        self._writer = csv.writer(self.buffer, lineterminator="\n")

    def writerow(self, row) -> None:
        self._writer.writerow([csv_cell(cell) for cell in row])


def diff_csv(report: DiffReport) -> str:
    """One row per link, per missing template measure and per local-only measure; `changes` lists a linked
    pair's changes, each with its direction and words in context, `weakened` counts those that weaken the
    template; after them, the units and deadlines of its template measure and of its local measure
    (`template_lead_units` … `local_deadlines`)."""
    writer = _SafeCsvWriter()
    writer.writerow(["template", "local", "status", "kind", "score", "template_headline", "local_headline", "changes",
                     "weakened", *(f"{side}_{field}" for side in ("template", "local") for field in _DUTIES)])
    template_duties = {measure.template: _duties_cells(measure.duties) for measure in report.measures}
    local_duties = {measure.local: _duties_cells(measure.duties) for measure in report.local_measures}
    template_headline = {measure.template: measure.headline for measure in report.measures}
    local_headline = {measure.local: measure.headline for measure in report.local_measures}
    status = {measure.template: measure.status for measure in report.measures}
    changes: dict = {}
    for change in report.changes:
        changes.setdefault((change.template, change.local), []).append(describe_in_context(change))
    weakened = report.weakened_per_pair()
    for link in report.links:
        writer.writerow([link.template, link.local, status[link.template], link.kind, f"{link.score:.3f}",
                         template_headline[link.template], local_headline[link.local],
                         "; ".join(changes.get((link.template, link.local), [])),
                         weakened.get((link.template, link.local), 0),
                         *template_duties[link.template], *local_duties[link.local]])
    for key in report.missing:
        writer.writerow([key, "", "missing", "", "", template_headline[key], "", "", "", *template_duties[key],
                         *_duties_cells(None)])
    for key in report.local_only:
        writer.writerow(["", key, "local_only", "", "", "", local_headline[key], "", "", *_duties_cells(None),
                         *local_duties[key]])
    return writer.buffer.getvalue()


# A measure's units and deadlines, a column each, for the template measure and for the local one of a row.
_DUTIES = ("lead_units", "participating_units", "responsible_units", "deadlines")


def _duties_cells(duties) -> list[str]:
    """Units joined with 、 and deadlines with ；, as a plan writes them; empty cells for a measure without any."""
    if duties is None:
        return [""] * len(_DUTIES)
    return ["、".join(duties.lead_units), "、".join(duties.participating_units), "、".join(duties.responsible_units),
            "；".join(deadline.text for deadline in duties.deadlines)]


def compare_csv(report: CompareReport) -> str:
    """The matrix: one row per template measure, one column per plan (its file), cells full/partial/missing;
    a last row `covered` with each plan's full+partial share."""
    writer = _SafeCsvWriter()
    writer.writerow(["template", "headline"] + [row.plan.file for row in report.plans])
    for position, measure in enumerate(report.measures):
        writer.writerow([measure.template, measure.headline] + [row.statuses[position] for row in report.plans])
    writer.writerow(["covered", ""] + [f"{row.coverage.covered:.4f}" for row in report.plans])
    return writer.buffer.getvalue()


def tasks_csv(report: TasksReport) -> str:
    """One row per unit × measure × role, in the report's order (unit, then deadline)."""
    writer = _SafeCsvWriter()
    writer.writerow(["unit", "spellings", "role", "plan", "measure", "headline", "deadlines", "due",
                     "deadlines_from", "recurring", "chapter", "section", "first_line", "last_line"])
    for row in report.assignments:
        writer.writerow([row.unit, "、".join(row.spellings), row.role, plan_name(report.plans[row.plan]),
                         row.measure, row.headline, "；".join(deadline.text for deadline in row.deadlines),
                         row.due, row.deadlines_from, "；".join(term.text for term in row.recurring), row.chapter,
                         row.section, *row.lines])
    return writer.buffer.getvalue()


RENDERER = Renderer(renders={"diff": diff_csv, "compare": compare_csv, "tasks": tasks_csv}, order=4,
                    notes={"compare": "the matrix"}, suffixes=(".csv",))
