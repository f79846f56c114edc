"""The `csv` format: a diff as one row per link, missing and local-only measure; a compare report as its
matrix. UTF-8 with a byte-order mark, which Excel needs to read it as UTF-8. Every cell is escaped against
formula injection: plan text in a spreadsheet is data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import Renderer
from ._text import describe

if TYPE_CHECKING:
    from ..models.diff import CompareReport, DiffReport

# A cell starting with one of these is a formula to Excel and LibreOffice (`=HYPERLINK(…)`, `+1+1`, `@SUM`),
# also after a tab or carriage return: OWASP's CSV-injection advice is to prefix such a cell with `'`.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Excel reads a CSV without a byte-order mark in the ANSI code page (GBK on a Chinese Windows), which turns
# UTF-8 Chinese into mojibake; with the BOM it reads UTF-8. Python reads it back with encoding="utf-8-sig".
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

        self.buffer = io.StringIO(_BOM)
        self.buffer.seek(0, io.SEEK_END)
        self._writer = csv.writer(self.buffer, lineterminator="\n")

    def writerow(self, row) -> None:
        self._writer.writerow([csv_cell(cell) for cell in row])


def diff_csv(report: DiffReport) -> str:
    """One row per link, per missing template measure and per local-only measure."""
    writer = _SafeCsvWriter()
    writer.writerow(["template", "local", "status", "kind", "score", "template_headline", "local_headline", "changes"])
    template_headline = {measure.template: measure.headline for measure in report.measures}
    local_headline = {measure.local: measure.headline for measure in report.local_measures}
    status = {measure.template: measure.status for measure in report.measures}
    changes: dict = {}
    for change in report.changes:
        changes.setdefault((change.template, change.local), []).append(describe(change))
    for link in report.links:
        writer.writerow([link.template, link.local, status[link.template], link.kind, f"{link.score:.3f}",
                         template_headline[link.template], local_headline[link.local],
                         "; ".join(changes.get((link.template, link.local), []))])
    for key in report.missing:
        writer.writerow([key, "", "missing", "", "", template_headline[key], "", ""])
    for key in report.local_only:
        writer.writerow(["", key, "local_only", "", "", "", local_headline[key], ""])
    return writer.buffer.getvalue()


def compare_csv(report: CompareReport) -> str:
    """The matrix: one row per template measure, one column per plan (its file), cells full/partial/missing;
    a last row `covered` with each plan's full+partial share."""
    writer = _SafeCsvWriter()
    writer.writerow(["template", "headline"] + [row.plan.file for row in report.plans])
    for position, measure in enumerate(report.measures):
        writer.writerow([measure.template, measure.headline] + [row.statuses[position] for row in report.plans])
    writer.writerow(["covered", ""] + [f"{row.coverage.covered:.4f}" for row in report.plans])
    return writer.buffer.getvalue()


RENDERER = Renderer(renders={"diff": diff_csv, "compare": compare_csv}, order=4, notes={"compare": "the matrix"})
