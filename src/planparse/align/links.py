"""Pair scores and plan structure read as links: which local measures carry which template measures, how
fully, and how much of the template a plan covers.

A link needs evidence, counted in rare grams: Σ idf of shared 2–3-grams over the idf of a gram found in one
template and one local measure (so that evidence does not depend on the plans' sizes; a distinctive term of
four characters is five grams). Either the local measure restates the template measure's wording — the
units that went from it to the template measure share MIN_EVIDENCE (scoring.py): a generic phrase or two is
no link — or the plans' structure says the two correspond and they share STRUCTURE_EVIDENCE anywhere in
their text. The structure says so when:
- the two have the same title, or similar titles (TITLE_MATCH, each the other's most similar) with the local
  measure in a chapter where the template heading's restated measures went (not a namesake elsewhere);
- a template measure is titled like a local heading (the local plan kept it as a section whose items are
  its parts), or a template heading like a local measure (one local measure carries that section's
  measures): alignment across levels, whether tasks are `（一）` items, `1.` items or annexed table rows;
- plans keep their template's order: a local measure sits between two measures of the same part (body, or
  one annexed task table) that carry the same template measure, or a template measure between two that one
  local measure carries; a local measure linked to nothing sits where the alignment skips template
  measures (between local measures whose template measures come before and after them).

A local measure titled like a template section is linked outside that section only where it restates a
measure (a `full` link) or the structure says so: a clause it shares with a measure of another chapter is a
stock phrase.

A link is `full` when the template measure is the local measure's main source (a title like its own or a
heading over it, then most restated wording, then most shared wording; not a source only because it sits
between two parts of it), when the local measure restates FULL_SHARE of the template measure's clauses,
when the two have the same title, or when the local measure takes the place of skipped template measures;
else `partial`: the local measure takes up a clause or a related idea of the template measure beside its
main source.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..models.diff import Counts, Coverage, HeadingLink, Link, MeasureKey, Status
from .measures import PlanMeasures
from .scoring import PairScores
from .structure import Outline

# Constants chosen on the gold alignments (benchmarks/bench_linkers.py: five corpus pairs and the two seed
# pairs, with leave-one-pair-out figures; c07 → c09 and c16 → c17 were aligned later and held out). Evidence in
# rare grams (above).
MIN_EVIDENCE = 10.0
STRUCTURE_EVIDENCE = 7.5
TITLE_MATCH = 0.35
FULL_SHARE = 0.2
# A title this long (comparable characters) names a measure well enough to find its copy in an annex;
# shorter ones are words like 目标 or 要求.
TWIN_TITLE = 4

# Status names by the numbers Links.statuses() gives.
STATUS: tuple[Status, ...] = ("missing", "partial", "full")

Pair = tuple[int, int]  # (template measure, local measure)
# Σ idf the given (template measures, local measures) pairs share anywhere in their text
Overlap = Callable[[np.ndarray, np.ndarray], np.ndarray]


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

    pairs: list[Pair]
    scores: list[float]
    full: list[bool]

    @classmethod
    def of(cls, scores: PairScores, template: Outline, local: Outline, titles: Iterable[tuple[int, np.ndarray]],
           overlap: Overlap, rare: float) -> Links:
        """`titles`: title similarities, template units then headings × local units then headings, as (first
        row, rows) blocks in row order (grams.Titles.similarity_rows); `rare`: the idf of a gram found in one
        template and one local measure."""
        return _Linker(scores, template, local, titles, overlap, rare).links()

    def models(self, template_keys: list[MeasureKey], local_keys: list[MeasureKey]) -> list[Link]:
        # (the keys are the plans' own and the scores Python floats: not validated again, see Model.trusted)
        return [Link.trusted(template=template_keys[i], local=local_keys[j], kind="full" if self.full[k] else "partial",
                             score=round(self.scores[k], 3)) for k, (i, j) in enumerate(self.pairs)]

    def statuses(self, template_measures: int) -> np.ndarray:
        """Per template measure: 2 full, 1 partial, 0 missing."""
        status = np.zeros(template_measures, dtype=np.int64)
        for (i, _), is_full in zip(self.pairs, self.full):
            status[i] = max(status[i], 2 if is_full else 1)
        return status

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


class _Linker:
    """The rules of the module docstring, for one template and one local plan."""

    def __init__(self, scores: PairScores, template: Outline, local: Outline,
                 titles: Iterable[tuple[int, np.ndarray]], overlap: Overlap, rare: float):
        self.template, self.local = template, local
        # the outlines' numbers as Python lists: the rules below read them one at a time, and a numpy scalar is
        # slow to make, compare and hash (thousands of reads at thousands of measures)
        self.nearest, self.part, self.chapter = template.nearest.tolist(), local.part.tolist(), local.chapter.tolist()
        self.overlap = lambda t, lo: overlap(t, lo) / rare
        pairs = list(zip(scores.template.tolist(), scores.local.tolist()))
        self.score = dict(zip(pairs, scores.score.tolist()))
        self.restated = dict(zip(pairs, scores.restated.tolist()))
        self.template_share = dict(zip(pairs, scores.template_share.tolist()))
        self.linked = {pair for pair, evidence in zip(pairs, (scores.evidence / rare).tolist())
                       if evidence >= MIN_EVIDENCE}
        # where each template heading's restated measures went, in each part of the local plan: its chapters
        self.destinations = {(self.nearest[i], self.part[j], self.chapter[j]) for i, j in self.linked}
        self.mapped = {(heading, part) for heading, part, _ in self.destinations}
        self.same_title: set[Pair] = set()
        self.titled: set[Pair] = set()  # same or similar titles, linked
        self.by_level: set[Pair] = set()  # a title like a heading over the other
        self.carried: dict[int, set[int]] = {}  # local measure → the template sections it carries by its title
        self.by_order: set[Pair] = set()
        self.in_gap: set[Pair] = set()
        # the best title similarity of each measure on the other side, and those of same titles (_titles and
        # _levels read them)
        self.same_titles = _same_titles(template.titles, local.titles)
        self.titles = TitleBest.of(titles, template.units, local.part, self.same_titles)

    def links(self) -> Links:
        self._titles()
        self._levels()
        self._order()
        twins = self._twins()
        pairs = sorted(self.linked)
        own = [pair for pair in pairs if pair not in twins]
        shared = dict(zip(own, self._shared(own).tolist()))
        main: dict[int, int] = {}  # per local measure: its main source
        for i, j in own:
            if j not in main or self._source_weight((i, j), shared) > self._source_weight((main[j], j), shared):
                main[j] = i
        full = {(i, j): (main[j] == i and (i, j) not in self.by_order)
                or self.template_share.get((i, j), 0.0) >= FULL_SHARE or (i, j) in self.same_title
                or (i, j) in self.in_gap for i, j in own}
        for pair, copies in twins.items():
            full[pair] = any(full[copy] for copy in copies)
        pairs = [pair for pair in pairs if full[pair] or not self._stray(pair)]
        return Links(pairs, [self.score.get(pair, 0.0) for pair in pairs], [full[pair] for pair in pairs])

    def _stray(self, pair: Pair) -> bool:
        """A local measure titled like a template section is that section's counterpart: a clause it shares
        with a measure outside the section, linked by wording alone and restated too little to be full, is a
        stock phrase both reuse (集中攻坚阶段 ← 第一阶段's 立行立改…落实管控措施, also in a pipeline measure of
        another chapter)."""
        i, j = pair
        return (j in self.carried and i not in self.carried[j]
                and not (pair in self.titled or pair in self.by_level or pair in self.by_order))

    def _source_weight(self, pair: Pair, shared: dict[Pair, float]) -> tuple:
        """How much of a source of the local measure the template measure is: a title like its own (or like a
        heading over it), then restated wording, then shared wording."""
        return pair in self.titled or pair in self.by_level, self.restated.get(pair, 0.0), shared[pair]

    def _consistent(self, i: int, j: int) -> bool:
        """The local measure sits in a chapter where the template heading's restated measures went in that
        part of the plan (or none of them went to that part to say where it goes)."""
        heading, part = self.nearest[i], self.part[j]
        return (heading, part) not in self.mapped or (heading, part, self.chapter[j]) in self.destinations

    def _titles(self) -> None:
        """Same titles; similar titles that are each other's most similar (in that part of the local plan:
        a template measure may be restated in the body and in an annexed table; ties kept), not namesakes."""
        same = {(i, j) for i, j in self.same_titles[self.titles.asked >= TITLE_MATCH].tolist()}
        similar = []
        for i, j in sorted(same | {(i, j) for i, j in self.titles.pairs.tolist()}):
            if not self._consistent(i, j):
                continue
            if (i, j) in same:
                self.same_title.add((i, j))
            else:
                similar.append((i, j))
        self.linked |= self.same_title
        self._add_if_shared(similar)
        self.titled = self.same_title | (set(similar) & self.linked)

    def _levels(self) -> None:
        """A template measure titled like a local heading has the heading's measures as its parts (those
        that restate another template measure are that one's); a template heading titled like a local
        measure is carried by it."""
        titles = self.titles
        # a measure's title is matched to the heading it is most like on the other side (ties kept), not to
        # a heading it merely resembles while another measure has its very title
        row_best = np.maximum(titles.row.max(axis=0, initial=0.0), titles.unit_heading.max(axis=1, initial=0.0))
        column_best = np.maximum(titles.column, titles.heading_unit.max(axis=0, initial=0.0))
        restating = {j for _, j in self.linked}
        candidates = []
        for i, heading in zip(*np.nonzero(titles.unit_heading >= TITLE_MATCH)):
            if titles.unit_heading[i, heading] >= row_best[i]:
                candidates += [(int(i), int(j)) for j in self.local.heading_members[heading] if j not in restating]
        for heading, j in zip(*np.nonzero(titles.heading_unit >= TITLE_MATCH)):
            if titles.heading_unit[heading, j] >= column_best[j]:
                candidates += [(int(i), int(j)) for i in self.template.heading_members[heading]]
                self.carried.setdefault(int(j), set()).update(self.template.heading_members[heading].tolist())
        # linked here or already by wording: either way the heading says where the measure comes from
        self.by_level = (self._add_if_shared(candidates) | self.linked) & set(candidates)

    def _order(self) -> None:
        """A local measure between two of its part that carry the same template measure carries it too; a
        template measure between two of its chapter that one local measure carries is carried by it too."""
        candidates = [(i, j) for j, i in _between({(j, i) for i, j in self.linked}, self.local.units,
                                                   self.part, unlinked_only=True)]
        candidates += _between(self.linked, self.template.units, self.template.chapter.tolist(), unlinked_only=False)
        self.by_order = self._add_if_shared(candidates)
        self.in_gap = self._add_if_shared(self._gaps())

    def _twins(self) -> dict[Pair, list[Pair]]:
        """Links of a body measure's copies in annexes and of the body measure (rule above), each with the
        copy's links it repeats. A title found twice in one part names no single measure there, and is left
        alone; copies are paired with the body measure, not with each other, so the work stays linear in
        the number of annexes."""
        copies: dict[str, dict[int, list[int]]] = {}
        for j, title in enumerate(self.local.titles):
            if len(title) >= TWIN_TITLE:
                copies.setdefault(title, {}).setdefault(self.part[j], []).append(j)
        sources: dict[int, list[int]] = {}
        for i, j in sorted(self.linked):
            sources.setdefault(j, []).append(i)
        twins: dict[Pair, list[Pair]] = {}
        for by_part in copies.values():
            if 0 not in by_part or len(by_part) < 2 or any(len(members) > 1 for members in by_part.values()):
                continue
            body = by_part[0][0]
            for part, (copy,) in sorted(by_part.items()):
                for j, other in ((copy, body), (body, copy)) if part else ():
                    for i in sources.get(other, []):
                        if (i, j) not in self.linked:
                            twins.setdefault((i, j), []).append((i, other))
        self.linked |= twins.keys()
        return twins

    def _gaps(self) -> list[Pair]:
        """A local measure linked to nothing, between two of its part whose template measures are in order
        (all of the one before ahead of all of the one after), is the place of the template measures skipped
        between them."""
        sources: dict[int, list[int]] = {}
        for i, j in self.linked:
            sources.setdefault(j, []).append(i)
        ordered = sorted(sources)
        part, candidates = self.part, []
        for j in range(self.local.units):
            position = bisect.bisect_left(ordered, j)
            if j in sources or position == 0 or position == len(ordered):
                continue
            before, after = ordered[position - 1], ordered[position]
            if part[before] == part[j] == part[after] and max(sources[before]) < min(sources[after]):
                candidates += [(i, j) for i in range(max(sources[before]) + 1, min(sources[after]))]
        return candidates

    def _add_if_shared(self, candidates: list[Pair]) -> set[Pair]:
        candidates = sorted(set(candidates) - self.linked)
        added = {pair for pair, shared in zip(candidates, self._shared(candidates).tolist())
                 if shared >= STRUCTURE_EVIDENCE}
        self.linked |= added
        return added

    def _shared(self, pairs: list[Pair]) -> np.ndarray:
        if not pairs:
            return np.zeros(0)
        template, local = (np.array(side, dtype=np.int64) for side in zip(*pairs))
        return self.overlap(template, local)


def _same_titles(template_titles: list[str], local_titles: list[str]) -> np.ndarray:
    """(template unit, local unit) rows of the pairs with the same non-empty title, found by title rather
    than by comparing every pair (16 million at 4,000 measures)."""
    by_title: dict[str, list[int]] = {}
    for j, title in enumerate(local_titles):
        by_title.setdefault(title, []).append(j)
    pairs = [(i, j) for i, title in enumerate(template_titles) if title for j in by_title.get(title, ())]
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


@dataclass
class TitleBest:
    """What the linker reads of the title similarities (template units then headings × local units then
    headings), read a block of rows at a time (at thousands of titles the matrix is never whole): the best
    similarity of each local unit (column) among template units, and of each template unit (row) among the
    local units of each part of the local plan (few: the body and its annexes); the pairs best in both (pairs);
    the similarities of the given unit pairs (`asked`), and the headings' rows and columns whole."""

    column: np.ndarray
    row: np.ndarray  # parts × template units
    pairs: np.ndarray  # see of()
    asked: np.ndarray  # per pair asked for: its similarity
    unit_heading: np.ndarray  # template units × local headings
    heading_unit: np.ndarray  # template headings × local units

    @classmethod
    def of(cls, blocks: Iterable[tuple[int, np.ndarray]], template_units: int, part: np.ndarray,
           asked: np.ndarray) -> TitleBest:
        """From (first row, rows) blocks of the similarities, rows in order; `part`: each local unit's part;
        `asked`: (template unit, local unit) rows, sorted by template unit. `pairs` are the (template unit, local
        unit) rows of the pairs at least TITLE_MATCH similar that are the best in their column and in their row
        within the local unit's part (ties kept), in row order. A block lists the cells that reach its columns'
        best so far (few: no boolean matrix per condition), and only they are checked against the best of their
        column and row at the end."""
        local_units = len(part)
        parts = np.array(sorted(set(part.tolist())), dtype=np.int64)  # (np.unique would import numpy.ma)
        part_columns = [np.flatnonzero(part == p) for p in parts.tolist()] if len(parts) > 1 else None
        column, row = np.zeros(local_units), np.zeros((len(parts), template_units))
        asked_value, asked_start = np.zeros(len(asked)), np.searchsorted(asked[:, 0], np.arange(template_units + 1))
        unit_heading: np.ndarray | None = None
        heading_rows: list[np.ndarray] = []
        found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # (rows, columns, values) of cells, in row order
        found_cells = 0
        for first, block in blocks:
            units = block[:max(template_units - first, 0), :local_units]
            last = first + len(units)
            if unit_heading is None:
                unit_heading = np.zeros((template_units, block.shape[1] - local_units))
            unit_heading[first:last] = block[:len(units), local_units:]
            heading_rows.append(block[len(units):, :local_units].copy())
            if not len(units):
                continue
            np.maximum(column, units.max(axis=0, initial=0.0), out=column)
            if part_columns is None:
                row[0, first:last] = units.max(axis=1, initial=0.0)
            else:
                for p, columns in enumerate(part_columns):
                    row[p, first:last] = units[:, columns].max(axis=1, initial=0.0)
            # (flat positions: np.nonzero of a large matrix took ten times as long as np.flatnonzero)
            rows, columns = np.divmod(np.flatnonzero(units >= np.maximum(column, TITLE_MATCH)), max(local_units, 1))
            found.append((rows + first, columns, units[rows, columns]))
            found_cells += len(rows)
            if found_cells > 4 * local_units:  # cells since passed in their column: dropped (memory stays linear)
                found = [_at_least(column, *_joined(found))]
                found_cells = len(found[0][0])
            mine = asked[asked_start[first]:asked_start[last]]
            asked_value[asked_start[first]:asked_start[last]] = units[mine[:, 0] - first, mine[:, 1]]
        rows, columns, values = _at_least(column, *_joined(found))
        keep = values >= row[np.searchsorted(parts, part[columns]), rows]
        return cls(column, row, np.stack([rows[keep], columns[keep]], axis=1).astype(np.int64), asked_value,
                   unit_heading if unit_heading is not None else np.zeros((template_units, 0)),
                   np.concatenate(heading_rows) if heading_rows else np.zeros((0, local_units)))


def _joined(cells: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if not cells:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    rows, columns, values = zip(*cells)
    return np.concatenate(rows), np.concatenate(columns), np.concatenate(values)


def _at_least(best: np.ndarray, rows: np.ndarray, columns: np.ndarray,
              values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The cells (rows, columns, values) that reach the best of their column."""
    keep = values >= best[columns]
    return rows[keep], columns[keep], values[keep]


def _between(pairs: set[Pair], units: int, part: Sequence[int], unlinked_only: bool) -> list[Pair]:
    """(a, b) for each unit a not linked to b (with `unlinked_only`: linked to nothing) between the nearest
    linked units of its part before and after it, when both are linked to b."""
    linked: dict[int, set[int]] = {}
    for a, b in pairs:
        linked.setdefault(a, set()).add(b)
    ordered = sorted(linked)
    found = []
    for a in range(units):
        if unlinked_only and a in linked:
            continue
        position = bisect.bisect_left(ordered, a)
        following = position + (position < len(ordered) and ordered[position] == a)
        if position == 0 or following == len(ordered):
            continue
        previous, following = ordered[position - 1], ordered[following]
        if part[previous] == part[a] == part[following]:
            shared = linked[previous] & linked[following]  # (mostly none: the rest is not made)
            if shared:
                found += [(a, b) for b in sorted(shared - linked.get(a, set()))]
    return found


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
