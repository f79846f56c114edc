"""What a plan's structure says about its measures: their titles, the headings they sit under, the part
of the plan (body or annexed task table) and their order — what the linker reads beside the wording.

A local plan is written from its template: it keeps the template's chapters and sections, often the titles
of its measures, and their order; it may keep a template measure as a section whose items are its parts
(or a template section as one measure), and repeat its measures as rows of an annexed task table.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..models import Plan
from .measures import PlanMeasures
from .units import comparable


@dataclass
class Outline:
    """A plan's units as the linker places them (small: a worker process sends it back with the grams)."""

    titles: list[str]  # per unit: its headline, comparable
    heading_titles: list[str]  # per heading (a chapter or section holding units): its title, comparable
    heading_members: list[np.ndarray]  # per heading: its units
    nearest: np.ndarray  # per unit: its nearest heading (its section, else its chapter)
    chapter: np.ndarray  # per unit: its chapter's heading
    part: np.ndarray  # per unit: 0 in the body, 1, 2 … in the first, second … annex

    @classmethod
    def of(cls, plan: Plan, measures: PlanMeasures) -> Outline:
        index: dict[tuple[int, int], int] = {}
        titles: list[str] = []
        members: list[list[int]] = []
        nearest: list[int] = []
        chapter: list[int] = []
        for unit, (chapter_position, section_position) in enumerate(measures.places):
            for place in dict.fromkeys([(chapter_position, -1), (chapter_position, section_position)]):
                if place not in index:
                    index[place] = len(titles)
                    node = plan.chapters[place[0]]
                    titles.append(comparable((node.sections[place[1]] if place[1] >= 0 else node).title))
                    members.append([])
                members[index[place]].append(unit)
            nearest.append(index[(chapter_position, section_position)])
            chapter.append(index[(chapter_position, -1)])
        annexes = [position for position, node in enumerate(plan.chapters) if node.part == "annex"]
        part = [annexes.index(place[0]) + 1 if place[0] in annexes else 0 for place in measures.places]
        return cls([comparable(item.headline) for item in measures.items], titles,
                   [np.array(units, dtype=np.int64) for units in members], np.array(nearest, dtype=np.int64),
                   np.array(chapter, dtype=np.int64), np.array(part, dtype=np.int64))

    @property
    def units(self) -> int:
        return len(self.titles)

    def all_titles(self) -> list[str]:
        """Units' titles, then headings' titles: the rows or columns of a title similarity matrix."""
        return self.titles + self.heading_titles
