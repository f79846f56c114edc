"""Plans and diff reports as tables for research: one record per measure with its plan's metadata on every
row (the parquet format and Plan.to_frame()), one record per link, missing or local-only measure of a diff
(DiffReport.to_frame()). pandas is imported only by the to_frame methods (the `research` extra)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .diff import DiffReport
    from .plan import Plan

# The columns of a plan's measure table, in order: the plan's metadata, where the measure sits, the measure.
MEASURE_COLUMNS = (
    "file", "title", "doc_number", "plan_date", "region", "region_code", "level", "kind", "draft",
    "period_start", "period_end", "chapter_number", "chapter", "chapter_part", "section_number", "section",
    "position", "number", "label", "marker", "headline", "text", "first_line", "last_line", "lead_units",
    "participating_units", "responsible_units", "deadlines", "due", "recurring", "targets", "citations",
)
DIFF_COLUMNS = ("template", "local", "status", "kind", "score", "template_headline", "local_headline",
                "template_heading", "local_heading", "changes", "weakened")


def measure_records(plan: Plan) -> list[dict[str, Any]]:
    """One record per measure in document order (`position` from 1), the plan's metadata on each."""
    meta = plan.meta
    common = {"file": plan.source.file, "title": meta.title, "doc_number": meta.doc_number, "plan_date": _day(meta.date),
              "region": meta.region, "region_code": meta.region_code, "level": meta.level, "kind": meta.kind,
              "draft": meta.draft, "period_start": meta.period.start if meta.period else None,
              "period_end": meta.period.end if meta.period else None}
    placed = []
    for chapter in plan.chapters:
        where = {"chapter_number": chapter.number, "chapter": chapter.title, "chapter_part": chapter.part}
        placed += [(measure, {**where, "section_number": None, "section": None}) for measure in chapter.measures]
        placed += [(measure, {**where, "section_number": section.number, "section": section.title})
                   for section in chapter.sections for measure in section.measures]
    placed.sort(key=lambda item: item[0].lines[0])
    records = []
    for position, (measure, where) in enumerate(placed, start=1):
        dates = sorted(deadline.date for deadline in measure.deadlines if deadline.date)
        records.append({**common, **where, "position": position, "number": measure.number, "label": measure.label,
                        "marker": measure.marker, "headline": measure.headline, "text": measure.text,
                        "first_line": measure.lines[0], "last_line": measure.lines[1],
                        "lead_units": list(measure.lead_units),
                        "participating_units": list(measure.participating_units),
                        "responsible_units": list(measure.responsible_units),
                        "deadlines": [deadline.text for deadline in measure.deadlines],
                        "due": _day(dates[0]) if dates else None, "recurring": list(measure.recurring),
                        "targets": [target.text for target in measure.targets],
                        "citations": [citation.title or citation.doc_number or "" for citation in measure.citations]})
    return records


def diff_records(report: DiffReport) -> list[dict[str, Any]]:
    """One record per link (template × local measure), per missing template measure (local None) and per
    local-only measure (template None); `changes` counts the changes found in a linked pair, `weakened` those
    of them that weaken the template."""
    template = {measure.template: measure for measure in report.measures}
    local = {measure.local: measure for measure in report.local_measures}
    changes: dict = {}
    for change in report.changes:
        changes[(change.template, change.local)] = changes.get((change.template, change.local), 0) + 1
    weakened = report.weakened_per_pair()
    records = [{"template": str(link.template), "local": str(link.local), "status": template[link.template].status,
                "kind": link.kind, "score": link.score, "template_headline": template[link.template].headline,
                "local_headline": local[link.local].headline, "template_heading": template[link.template].heading,
                "local_heading": local[link.local].heading, "changes": changes.get((link.template, link.local), 0),
                "weakened": weakened.get((link.template, link.local), 0)}
               for link in report.links]
    records += [{"template": str(key), "local": None, "status": "missing", "kind": None, "score": None,
                 "template_headline": template[key].headline, "local_headline": None,
                 "template_heading": template[key].heading, "local_heading": None, "changes": 0, "weakened": 0}
                for key in report.missing]
    records += [{"template": None, "local": str(key), "status": "local_only", "kind": None, "score": None,
                 "template_headline": None, "local_headline": local[key].headline, "template_heading": None,
                 "local_heading": local[key].heading, "changes": 0, "weakened": 0}
                for key in report.local_only]
    return records


def frame(records: list[dict[str, Any]], columns: tuple[str, ...]):
    """A pandas DataFrame of `records` (columns in order, dates as datetime64)."""
    from ..extras import require

    pandas = require("pandas", "research", "a table of measures (to_frame)")
    table = pandas.DataFrame.from_records(records, columns=list(columns))
    for column in ("plan_date", "due"):
        if column in table:
            table[column] = pandas.to_datetime(table[column])
    return table


def _day(iso: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(iso) if iso else None
