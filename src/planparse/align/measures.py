"""A plan as the diff side reads it: loaded from its source, its measures in document order with the keys
reports name them by (the one place measure keys are made) and the headings they sit under."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import InputError
from ..models import Chapter, Measure, Plan, Section
from ..models.diff import MeasureKey, PlanRef
from ..outline.chapter_kinds import frames_or_supports
from ..plans import PlanSource, read_plan


def load_pair(template: PlanSource, local: PlanSource) -> tuple[Plan, Plan]:
    """The two plans of a diff; a file named twice (`diff X X`) is read once and aligned with itself. A plan
    text is extracted without warnings: a diff reports none."""
    template_plan = read_plan(template, warnings=False)
    if not isinstance(local, Plan) and not isinstance(template, Plan) and os.fspath(local) == os.fspath(template):
        return template_plan, template_plan
    return template_plan, read_plan(local, warnings=False)


@dataclass
class PlanMeasures:
    """A plan's alignable units in document order, with unique keys and the heading each sits under.

    The units are its measures, and the tasks it writes without a measure number: a section that holds
    text and no measures (a task kept as a heading over its text) in a chapter that assigns work. A plan
    with no measures at all (an opinion written in prose) is aligned by the paragraphs of those chapters,
    each keyed `二¶3` (chapter 二, third paragraph)."""

    items: list[Measure]
    keys: list[MeasureKey]
    headings: list[str]  # the section title, or the chapter title for a measure outside sections
    chapters: list[str]  # the chapter title
    places: list[tuple[int, int]]  # (chapter, section) positions in the plan; section -1 outside sections

    @classmethod
    def of(cls, plan: Plan) -> PlanMeasures:
        items, headings, places = [], [], []
        prose = not any(True for _ in plan.iter_measures())
        for position, chapter in enumerate(plan.chapters):  # the order of Plan.iter_measures()
            assigns_work = not frames_or_supports(chapter.title)
            name = _chapter_name(chapter, position + 1)
            units = _paragraphs(chapter, name) if prose and assigns_work and chapter.part == "body" else []
            units += chapter.measures
            items += units
            headings += [chapter.title] * len(units)
            places += [(position, -1)] * len(units)
            for number, section in enumerate(chapter.sections):
                if assigns_work and not section.measures and section.text:
                    items.append(_section_unit(section, name))
                    headings.append(section.title)
                    places.append((position, number))
                items += section.measures
                headings += [section.title or chapter.title] * len(section.measures)
                places += [(position, number)] * len(section.measures)
        chapters = [plan.chapters[chapter].title for chapter, _ in places]
        return cls(items, _unique_keys(items), headings, chapters, places)


def _chapter_name(chapter: Chapter, position: int) -> str:
    """How a unit's key names its chapter: its numeral (二 of `二、`), else its position in the plan."""
    marker = (chapter.marker or "").strip().rstrip("、.．,，")
    return marker or str(chapter.number or position)


def _derived_unit(label: str, headline: str, text: str, lines: tuple[int, int]) -> Measure:
    """A unit that the plan does not number as a measure, with the fields the diff compares."""
    # Imported here: a diff of two YAML files whose measures are all numbered never reads fields from text.
    from ..assemble import measure_of_text

    return measure_of_text(text, label=label, headline=headline, lines=lines, recognized_by="align unit")


def _section_unit(section: Section, chapter: str) -> Measure:
    """A section with text and no measures: its heading and text are one task."""
    text = section.text if section.text.startswith(section.title) else f"{section.title}\n{section.text}"
    marker = (section.marker or "").strip().strip("（）()、.．")
    return _derived_unit(f"{chapter}({marker})" if marker else f"{chapter}·{section.title[:12]}",
                         section.title, text, section.lines)


def _paragraphs(chapter: Chapter, name: str) -> list[Measure]:
    """The paragraphs of a chapter's own text, each a unit `二¶3`."""
    paragraphs = [paragraph for paragraph in chapter.text.split("\n") if paragraph.strip()]
    return [_derived_unit(f"{name}¶{n}", _first_sentence(paragraph), paragraph, chapter.lines)
            for n, paragraph in enumerate(paragraphs, start=1)]


def _first_sentence(text: str) -> str:
    end = text.find("。")
    return text[:end] if end > 0 else text


def _unique_keys(measures: Sequence[Measure]) -> list[MeasureKey]:
    """Measure numbers (labels when unnumbered); a number that repeats (numbering restarted in a later
    chapter) is told apart as "7#2", "7#3"."""
    keys: list[MeasureKey] = []
    seen: dict[MeasureKey, int] = {}
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
    """Refuse a plan with nothing to align: no measures, nor task paragraphs."""
    if not plan.measures:
        raise InputError(f"the {role} plan has no numbered measures nor task paragraphs, so there is nothing "
                         "to align; check it with `planparse extract`", path=plan.file)
