"""Who does what by when (`planparse tasks`): plans → a TasksReport of one row per unit × measure × role,
units unified within each plan (`区司法局` and `平桥区司法局` are one unit), sorted by unit, then deadline."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .errors import InputError
from .fields.recurrence import recurrence_rule
from .fields.unit_spellings import PlanUnits
from .models import Deadline, Measure, Plan
from .models.diff import PlanRef
from .models.tasks import ROLES, Assignment, DeadlineSource, Recurrence, Role, TasksReport
from .plans import read_plan

PlanSource = Plan | str | os.PathLike


@dataclass
class _Placed:
    """A measure with the headings it sits under and the deadlines it inherits when it sets none."""

    measure: Measure
    chapter: str
    section: str
    section_deadlines: list[Deadline]


def tasks(plans: Iterable[PlanSource], *, units: Sequence[str] = (), roles: Sequence[Role] = (),
          before: str | None = None) -> TasksReport:
    """Every unit's part in every measure of `plans` (Plans, plan texts or YAML/JSON `extract` wrote).

    `units` keeps the rows of units written (in any of the plan's spellings) as one of them, or containing
    one of them; `roles` keeps those roles; `before` (ISO yyyy-mm-dd) keeps rows due on or before that day."""
    if before is not None:
        _check_date(before)
    read = [read_plan(plan) for plan in plans]
    refs = [PlanRef(file=plan.source.file, title=plan.meta.title, region=plan.meta.region,
                    doc_number=plan.meta.doc_number, date=plan.meta.date,
                    measures=sum(1 for _ in plan.iter_measures())) for plan in read]
    rows = [row for index, plan in enumerate(read) for row in _assignments(plan, index, units)]
    rows = [row for row in rows
            if (not roles or row.role in roles) and (before is None or (row.due is not None and row.due <= before))]
    return TasksReport(plans=refs, assignments=sorted(rows, key=_order))


def _check_date(text: str) -> None:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--before {text!r} is not a date; write it as yyyy-mm-dd, e.g. 2024-06-30") from None


def _order(row: Assignment):
    # Undated rows after dated ones; within a unit and a day, plans and measures in document order.
    return row.unit, row.due is None, row.due or "", row.plan, row.lines[0], ROLES.index(row.role)


def _placed(plan: Plan) -> list[_Placed]:
    placed = []
    for chapter in plan.chapters:
        placed += [_Placed(measure, chapter.title, "", []) for measure in chapter.measures]
        for section in chapter.sections:
            placed += [_Placed(measure, chapter.title, section.title, section.deadlines)
                       for measure in section.measures]
    return sorted(placed, key=lambda item: item.measure.lines[0])


def _assignments(plan: Plan, index: int, wanted: Sequence[str]) -> list[Assignment]:
    """The rows of one plan: every unit of every measure, each unit named as the plan most often writes it."""
    units = PlanUnits(plan)
    wanted_keys = {units.key(unit) for unit in wanted}
    rows = []
    for item in _placed(plan):
        deadlines, source = _deadlines(item, plan)
        recurring = [Recurrence(text=term, rule=recurrence_rule(term)) for term in item.measure.recurring]
        seen = set()
        for role in ROLES:
            for unit in _units(item.measure, role):
                key = units.key(unit)
                if (key, role) in seen or (wanted and not _matches(key, units.spellings(key), wanted, wanted_keys)):
                    continue
                seen.add((key, role))
                rows.append(Assignment(
                    unit=units.name(key), spellings=units.spellings(key), role=role, plan=index,
                    number=item.measure.number, label=item.measure.label, chapter=item.chapter,
                    section=item.section, headline=item.measure.headline, text=item.measure.text,
                    deadlines=deadlines, deadlines_from=source, recurring=recurring, lines=item.measure.lines))
    return rows


def _units(measure: Measure, role: Role) -> list[str]:
    return getattr(measure, f"{role}_units")


def _matches(key: str, spellings: list[str], wanted: Sequence[str], wanted_keys: set[str]) -> bool:
    return key in wanted_keys or any(text in spelling for text in wanted for spelling in spellings)


def _deadlines(item: _Placed, plan: Plan) -> tuple[list[Deadline], DeadlineSource | None]:
    """The measure's deadlines; for a measure that sets no time limit at all (no date, no recurring term),
    its section's, else the plan's for every task."""
    if item.measure.deadlines:
        return item.measure.deadlines, "measure"
    if item.measure.recurring:
        return [], None
    if item.section_deadlines:
        return item.section_deadlines, "section"
    if plan.default_deadline is not None:
        return [plan.default_deadline], "plan"
    return [], None
