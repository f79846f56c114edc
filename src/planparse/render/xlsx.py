"""The `xlsx` format: an Excel workbook of a plan (measures with every field; units), a diff (coverage per
template measure; local-only measures; changes), a compare matrix (template measure × plan) or tasks.

Every sheet has a frozen header row, an autofilter, wrapped text and columns as wide as their Chinese text
(a CJK character is two columns wide in Excel). Plan text is written as strings, never as formulas or links
(`=HYPERLINK(…)` stays text). The workbook's dates are the report's, not the clock's, so the bytes are the
same on every run. Needs XlsxWriter (the `office` extra)."""

from __future__ import annotations

import datetime
import io
import unicodedata
from typing import TYPE_CHECKING

from ..extras import require
from . import Renderer
from ._lang import t
from ._text import deadline_text, describe, plan_name, units_text

if TYPE_CHECKING:
    from ..models import Measure, Plan
    from ..models.diff import CompareReport, DiffReport
    from ..models.tasks import TasksReport

_MAX_WIDTH = 60  # columns wider than this wrap (Excel's unit: the width of one digit)
_MIN_WIDTH = 6
# A workbook made of no dated plan still needs a creation date: a fixed one, so its bytes never change.
_NO_DATE = datetime.datetime(2000, 1, 1)
_STATUS_FILL = {"full": "#C6E0B4", "partial": "#FFE699", "missing": "#F4B183"}


def _width(value) -> int:
    """Display width of a cell's longest line: two for a wide (CJK) character, one for others."""
    lines = str(value).split("\n") if value is not None else [""]
    return max(sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line) for line in lines)


class _Book:
    """An XlsxWriter workbook in memory, written one sheet at a time."""

    def __init__(self, created: str | None, title: str):
        # The office extra, imported here so that finding the renderers stays cheap.
        xlsxwriter = require("xlsxwriter", "office", "Excel output (--format xlsx)")

        self.buffer = io.BytesIO()
        # Strings stay strings: no formulas (`=…`), no links (`http://…`) made of plan text.
        self.book = xlsxwriter.Workbook(self.buffer, {"in_memory": True, "strings_to_formulas": False,
                                                      "strings_to_urls": False, "strings_to_numbers": False})
        day = datetime.datetime.fromisoformat(created) if created else _NO_DATE
        self.book.set_properties({"title": title, "created": day})
        self.header = self.book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True,
                                            "valign": "top"})
        self.text = self.book.add_format({"text_wrap": True, "valign": "top"})
        self.date = self.book.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
        self.status = {status: self.book.add_format({"bg_color": fill, "valign": "top", "align": "center",
                                                     "text_wrap": True})
                       for status, fill in _STATUS_FILL.items()}
        self.percent = self.book.add_format({"num_format": "0.0%", "valign": "top"})

    def sheet(self, name: str, columns: list[str], rows: list[list], formats: dict | None = None) -> None:
        """A sheet of `rows` under `columns`: str cells as text, int/float as numbers, date as dates; `formats`
        maps (row, column) to a format name of this book (status colours)."""
        sheet = self.book.add_worksheet(name)
        for column, title in enumerate(columns):
            sheet.write_string(0, column, title, self.header)
        for index, row in enumerate(rows, start=1):
            for column, value in enumerate(row):
                chosen = (formats or {}).get((index - 1, column))
                self._write(sheet, index, column, value, chosen)
        for column, title in enumerate(columns):
            widest = max([_width(title)] + [_width(row[column]) for row in rows if row[column] is not None])
            sheet.set_column(column, column, min(max(widest + 2, _MIN_WIDTH), _MAX_WIDTH))
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)

    def _write(self, sheet, row: int, column: int, value, chosen) -> None:
        if value is None or value == "":
            return
        if isinstance(value, datetime.date):
            sheet.write_datetime(row, column, datetime.datetime(value.year, value.month, value.day), self.date)
        elif isinstance(value, float):
            sheet.write_number(row, column, value, self.percent)
        elif isinstance(value, int):
            sheet.write_number(row, column, value, self.text)
        else:
            sheet.write_string(row, column, str(value), self.status[chosen] if chosen else self.text)

    def close(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


def _day(iso: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(iso) if iso else None


def _key(value) -> int | str:
    return value if isinstance(value, int) else str(value)


def _lines(lines) -> str:
    return f"{lines[0]}–{lines[1]}" if lines[0] != lines[1] else str(lines[0])


# --- plan ---------------------------------------------------------------------------------------------------

def _placed(plan: Plan):
    """(chapter title, section title, measure) in document order."""
    for chapter in plan.chapters:
        found = [(chapter.title, "", measure) for measure in chapter.measures]
        found += [(chapter.title, section.title, measure) for section in chapter.sections
                  for measure in section.measures]
        yield from sorted(found, key=lambda item: item[2].lines[0])


def _measure_row(chapter: str, section: str, measure: Measure) -> list:
    dates = sorted(deadline.date for deadline in measure.deadlines if deadline.date)
    return [chapter, section, measure.number, measure.marker, measure.label, measure.headline, measure.text,
            "、".join(measure.lead_units), "、".join(measure.participating_units), "、".join(measure.responsible_units),
            "；".join(deadline.text for deadline in measure.deadlines), _day(dates[0]) if dates else None,
            "；".join(measure.recurring), "；".join(target.text for target in measure.targets),
            "\n".join(f"《{c.title}》{c.doc_number or ''}" if c.title else c.doc_number or "" for c in measure.citations),
            "\n".join(f"{task.type}：{task.text}" for task in measure.tasks),
            "\n".join(f"{item.marker}{item.text}" for item in measure.items),
            _lines(measure.lines), measure.recognized_by]


def plan_xlsx(plan: Plan) -> bytes:
    """Sheet 措施: one row per measure with its chapter, section and every field; sheet 单位: each unit (its
    spellings in the plan counted as one) with the measures it leads, takes part in and answers for."""
    from ..fields.unit_spellings import PlanUnits

    book = _Book(plan.meta.date, plan.meta.title or "")
    columns = ["col.chapter", "col.section", "col.number", "col.marker", "col.label", "col.headline", "col.text",
               "col.lead", "col.participating", "col.responsible", "col.deadline", "col.due", "col.recurring",
               "col.targets", "col.citations", "col.tasks", "col.items", "col.lines", "col.recognized_by"]
    rows = [_measure_row(*placed) for placed in _placed(plan)]
    book.sheet(t("sheet.measures"), [t(column) for column in columns], rows)
    units = PlanUnits(plan)
    roles = ("lead", "participating", "responsible")
    held: dict[str, dict[str, list[str]]] = {key: {role: [] for role in roles} for key in units.all_keys()}
    for _, _, measure in _placed(plan):
        name = str(measure.number) if measure.number is not None else measure.label or measure.marker
        for role in roles:
            for key in dict.fromkeys(units.key(unit) for unit in getattr(measure, f"{role}_units")):
                held[key][role].append(name)
    unit_rows = [[units.name(key), "、".join(units.spellings(key))]
                 + ["、".join(held[key][role]) for role in roles]
                 + [len({number for role in roles for number in held[key][role]})]
                 for key in sorted(held, key=units.name)]
    book.sheet(t("sheet.units"), [t(key) for key in ("col.unit", "col.spellings", "col.leads", "col.takes_part",
                                                     "col.answers_for", "col.measures")], unit_rows)
    return book.close()


# --- diff ---------------------------------------------------------------------------------------------------

def diff_xlsx(report: DiffReport) -> bytes:
    """Sheet 覆盖情况: one row per template measure (status, the local measures that carry it, their text and
    the changes); sheet 本地新增措施; sheet 变化: one row per change (its direction and words in context)."""
    book = _Book(report.local.date, plan_name(report.local))
    local = {measure.local: measure for measure in report.local_measures}
    changes: dict = {}
    for change in report.changes:
        changes.setdefault(change.template, []).append(f"{change.local}：{describe(change)}")
    rows, formats = [], {}
    for index, measure in enumerate(report.measures):
        carried = [local[key] for key in measure.local]
        rows.append([_key(measure.template), measure.heading, measure.headline, t(f"status.{measure.status}"),
                     "、".join(str(item.local) for item in carried), "\n".join(item.headline for item in carried),
                     "\n".join(f"{item.local}：{units_text(item.duties)}" for item in carried if item.duties),
                     "\n".join(f"{item.local}：{'；'.join(d.text for d in item.duties.deadlines)}"
                               for item in carried if item.duties and item.duties.deadlines),
                     "\n".join(changes.get(measure.template, [])), "\n\n".join(item.text for item in carried),
                     measure.text])
        formats[(index, 3)] = measure.status
    book.sheet(t("sheet.coverage"), [t(key) for key in (
        "col.number", "col.heading", "col.headline", "col.status", "col.local", "col.local_headline",
        "col.local_units", "col.local_deadlines", "col.changes", "col.local_text", "col.text")], rows, formats)
    only = [[_key(measure.local), measure.heading, measure.headline, units_text(measure.duties),
             "；".join(d.text for d in measure.duties.deadlines) if measure.duties else "", measure.text]
            for measure in report.local_measures if not measure.template]
    book.sheet(t("sheet.local_only"), [t(key) for key in ("col.number", "col.heading", "col.headline", "col.units",
                                                          "col.deadline", "col.text")], only)
    change_rows = [[_key(change.template), _key(change.local), t(f"field.{change.field}"), change.from_, change.to,
                    t(f"direction.{change.direction}"), change.template_context, change.local_context]
                   for change in report.changes]
    book.sheet(t("sheet.changes"), [t(key) for key in ("col.template", "col.local", "col.field", "col.from",
                                                       "col.to", "col.direction", "col.template_context",
                                                       "col.local_context")], change_rows)
    return book.close()


# --- compare ------------------------------------------------------------------------------------------------

def compare_xlsx(report: CompareReport) -> bytes:
    """Sheet 覆盖矩阵: template measures × plans (named by title and region), statuses in words and colours, a
    last row of each plan's covered share; sheet 方案: one row per plan."""
    book = _Book(report.template.date, plan_name(report.template))
    columns = [t("col.number"), t("col.headline")] + [plan_name(row.plan) for row in report.plans]
    rows: list[list] = []
    formats = {}
    for position, measure in enumerate(report.measures):
        statuses = [row.statuses[position] for row in report.plans]
        rows.append([_key(measure.template), measure.headline, *(t(f"status.{status}") for status in statuses)])
        formats.update({(position, 2 + column): status for column, status in enumerate(statuses)})
    rows.append(["", t("row.covered"), *(row.coverage.covered for row in report.plans)])
    book.sheet(t("sheet.matrix"), columns, rows, formats)
    plans = [[index, plan_name(row.plan), row.plan.region, row.plan.file, row.coverage.covered, row.coverage.full,
              row.coverage.partial, row.coverage.missing] for index, row in enumerate(report.plans, start=1)]
    book.sheet(t("sheet.plans"), [t(key) for key in ("col.number", "col.plan", "col.region", "col.file",
                                                     "col.covered", "col.full", "col.partial", "col.missing")], plans)
    return book.close()


# --- tasks --------------------------------------------------------------------------------------------------

def tasks_xlsx(report: TasksReport) -> bytes:
    """Sheet 任务: one row per unit × measure × role, sorted by unit, then deadline; the due date a real
    date, so that Excel sorts and filters by it."""
    dates = [plan.date for plan in report.plans if plan.date]
    book = _Book(max(dates) if dates else None, "；".join(plan_name(plan) for plan in report.plans))
    columns = ["col.unit", "col.spellings", "col.role", "col.number", "col.headline", "col.deadline", "col.due",
               "col.recurring", "col.plan", "col.chapter", "col.section", "col.lines", "col.text"]
    rows = [[row.unit, "、".join(row.spellings), t(f"role.{row.role}"),
             row.number if row.number is not None else row.label, row.headline, deadline_text(row), _day(row.due),
             "；".join(term.text for term in row.recurring), plan_name(report.plans[row.plan]), row.chapter,
             row.section, _lines(row.lines), row.text] for row in report.assignments]
    book.sheet(t("sheet.tasks"), [t(column) for column in columns], rows)
    return book.close()


RENDERER = Renderer(renders={"plan": plan_xlsx, "diff": diff_xlsx, "compare": compare_xlsx, "tasks": tasks_xlsx},
                    order=6, notes={"plan": "Excel", "diff": "Excel", "compare": "Excel", "tasks": "Excel"},
                    suffixes=(".xlsx",))
