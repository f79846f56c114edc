"""A plan as the diff side reads it: loaded from its source, its measures in document order with the keys
reports name them by (the one place measure keys are made) and the headings they sit under."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import InputError
from ..models import Measure, Plan
from ..models.diff import MeasureKey, PlanRef

PlanSource = Plan | str | os.PathLike
_PLAN_SUFFIXES = (".yaml", ".yml", ".json")


def load_plan(source: PlanSource, *, lean: bool = False) -> Plan:
    """A Plan as is; a `.yaml/.yml/.json` path loaded; any other path extracted (`lean`: only what
    alignment reads, see planparse.extract.extract)."""
    if isinstance(source, Plan):
        return source
    # Each imported only when needed: a diff of two YAML files never loads the extraction steps.
    if str(source).lower().endswith(_PLAN_SUFFIXES):
        from ..yamlio import load

        return load(source)
    from ..extract import extract

    return extract(source, lean=lean)


def load_pair(template: PlanSource, local: PlanSource) -> tuple[Plan, Plan]:
    """The two plans of a diff; a file named twice (`diff X X`) is read once and aligned with itself."""
    template_plan = load_plan(template)
    if not isinstance(local, Plan) and not isinstance(template, Plan) and os.fspath(local) == os.fspath(template):
        return template_plan, template_plan
    return template_plan, load_plan(local)


@dataclass
class PlanMeasures:
    """A plan's measures in document order, with unique keys and the heading each sits under."""

    items: list[Measure]
    keys: list[MeasureKey]
    headings: list[str]  # the section title, or the chapter title for a measure outside sections
    chapters: list[str]  # the chapter title

    @classmethod
    def of(cls, plan: Plan) -> "PlanMeasures":
        items, headings, chapters = [], [], []
        for chapter in plan.chapters:  # the order of Plan.iter_measures()
            items += chapter.measures
            headings += [chapter.title] * len(chapter.measures)
            for section in chapter.sections:
                items += section.measures
                headings += [section.title or chapter.title] * len(section.measures)
            chapters += [chapter.title] * (len(items) - len(chapters))
        return cls(items, _unique_keys(items), headings, chapters)


def _unique_keys(measures: Sequence[Measure]) -> list[MeasureKey]:
    """Measure numbers (labels when unnumbered); a number that repeats (numbering restarted in a later
    chapter) is told apart as "7#2", "7#3"."""
    keys, seen = [], {}
    for index, measure in enumerate(measures):
        key = _measure_key(measure, index)
        seen[key] = seen.get(key, 0) + 1
        keys.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return keys


def _measure_key(measure: Measure, index: int) -> MeasureKey:
    if measure.number is not None:
        return measure.number
    return measure.label or measure.marker.strip() or f"#{index + 1}"


def plan_ref(plan: Plan, measures: PlanMeasures) -> PlanRef:
    return PlanRef(file=plan.source.file, title=plan.meta.title, region=plan.meta.region,
                   measures=len(measures.items))


def require_measures(plan: PlanRef, role: str) -> None:
    """Refuse a plan with no numbered measures: there is nothing to align."""
    if not plan.measures:
        raise InputError(f"the {role} plan has no numbered measures, so there is nothing to align; "
                         "check it with `planparse extract`", path=plan.file)
