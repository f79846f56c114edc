"""Pair scores read as links: which local measures carry which template measures, how fully, and how much
of the template a plan covers."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..models.diff import Counts, Coverage, HeadingLink, Link, MeasureKey, Status
from .measures import PlanMeasures
from .scoring import FULL_SHARE, PairScores

# Status names by the numbers PairScores.statuses() gives.
STATUS: tuple[Status, ...] = ("missing", "partial", "full")


def coverage(statuses: np.ndarray) -> tuple[Coverage, Counts]:
    """Shares and counts of template measures covered fully, partially or not at all."""
    total = len(statuses)
    full, partial = int((statuses == 2).sum()), int((statuses == 1).sum())
    missing = total - full - partial
    share = (lambda n: round(n / total, 4)) if total else (lambda n: 0.0)
    return (Coverage(full=share(full), partial=share(partial), missing=share(missing)),
            Counts(full=full, partial=partial, missing=missing, total=total))


@dataclass
class Links:
    """The linked pairs (template measure, local measure) of one diff, in template order then local order,
    with their scores and whether each is full."""

    pairs: list[tuple[int, int]]
    scores: list[float]
    full: list[bool]

    @classmethod
    def of(cls, scores: PairScores) -> "Links":
        values = scores.score.tolist()
        return cls(list(zip(scores.template.tolist(), scores.local.tolist())), values,
                   [value >= FULL_SHARE for value in values])

    def models(self, template_keys: list[MeasureKey], local_keys: list[MeasureKey]) -> list[Link]:
        return [Link(template=template_keys[i], local=local_keys[j], kind="full" if self.full[k] else "partial",
                     score=round(self.scores[k], 3)) for k, (i, j) in enumerate(self.pairs)]

    def by_template(self) -> dict[int, list[tuple[int, float]]]:
        """Per linked template measure: (local measure, score) of its links."""
        linked: dict[int, list[tuple[int, float]]] = {}
        for (i, j), value in zip(self.pairs, self.scores):
            linked.setdefault(i, []).append((j, value))
        return linked

    def by_local(self) -> dict[int, list[tuple[int, float]]]:
        """Per linked local measure: (template measure, score) of its links."""
        linked: dict[int, list[tuple[int, float]]] = {}
        for (i, j), value in zip(self.pairs, self.scores):
            linked.setdefault(j, []).append((i, value))
        return linked


def ranked(keys: list[MeasureKey], linked: list[tuple[int, float]]) -> list[MeasureKey]:
    """Keys of the linked measures (index, score), best score first (ties in document order)."""
    return [keys[k] for k, _ in sorted(linked, key=lambda pair: (-round(pair[1], 6), pair[0]))]


def heading_links(tmpl: PlanMeasures, loc: PlanMeasures, pairs: list[tuple[int, int]]) -> list[HeadingLink]:
    """Each template heading (the section or chapter its measures sit in) with the local chapters that
    carry its measures' links, most links first. Local plans often promote a template section to a chapter
    and add sections of their own, so the local side is counted at chapter level."""
    counts: dict[str, dict[str, int]] = {}
    for heading in tmpl.headings:
        counts.setdefault(heading, {})
    local_order = {chapter: position for position, chapter in reversed(list(enumerate(loc.chapters)))}
    for i, j in pairs:
        row = counts[tmpl.headings[i]]
        row[loc.chapters[j]] = row.get(loc.chapters[j], 0) + 1
    result = []
    for heading, row in counts.items():
        ranked_chapters = sorted(row.items(), key=lambda item: (-item[1], local_order[item[0]]))
        result.append(HeadingLink(template=heading, local=[name for name, _ in ranked_chapters],
                                  links=[count for _, count in ranked_chapters]))
    return result
