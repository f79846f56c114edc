"""Numbering analysis: chapters, sections and measures whose numbers skip, repeat or run out of order,
found over an extracted plan and told as structured warnings (`numbering-gap`, `numbering-duplicate`,
`numbering-misnumbered`). Extract runs it once per plan; `planparse check` reads its warnings."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from .models import ExtractionWarning, Measure, Plan, WarningCode
from .normalize import fold
from .outline.layout import SECOND_DOCUMENT
from .outline.markers import match_marker


@dataclass(frozen=True)
class _Numbered:
    kind: str  # chapter / section / measure
    number: int
    line: int
    chapter: int  # index of the chapter it sits in
    container: tuple[int, int | None]  # (chapter, section) it sits in
    inside: int | None = None  # for a marker extract read as part of a measure: that measure's number
    document: int = 0  # which of the documents a notice issues it belongs to


def _numbered(plan: Plan, source_lines: Sequence[str]) -> dict[str, list[_Numbered]]:
    """Numbered chapters, sections and measures in document order, grouped by numbering style: one
    sequence per marker style, whatever each node was read as (a plan's `（一）` may be a section in one
    chapter and a measure in the next, numbered on across both). Unnumbered ones (unmarked headings,
    labelled extras such as 加分项 1) take no part in numbering."""
    nodes: dict[str, list[_Numbered]] = {"chapter": []}
    document = 0  # a notice that issues two documents numbers each afresh
    for c, chapter in enumerate(plan.chapters):
        if chapter.recognized_by == SECOND_DOCUMENT:
            document += 1
        if chapter.number is not None:
            nodes["chapter"].append(_Numbered("chapter", chapter.number, chapter.lines[0], c, (c, None),
                                              document=document))
        containers: list[tuple[tuple[int, int | None], list[Measure]]] = [((c, None), chapter.measures)]
        for s, section in enumerate(chapter.sections):
            if section.number is not None and section.marker:
                nodes.setdefault(section.recognized_by, []).append(
                    _Numbered("section", section.number, section.lines[0], c, (c, None), document=document))
            containers.append(((c, s), section.measures))
        for container, measures in containers:
            for measure in measures:
                if measure.number is not None:
                    style = nodes.setdefault(measure.recognized_by, [])
                    style.append(_Numbered("measure", measure.number, measure.lines[0], c, container,
                                           document=document))
                    style += _absorbed(source_lines, measure, c, container, document)
    for style in nodes.values():
        style.sort(key=lambda node: node.line)
    return nodes


def _absorbed(source_lines: Sequence[str], measure: Measure, chapter: int, container,
              document: int) -> Iterator[_Numbered]:
    """Measure markers extract read as a wrapped line of the measure before them. Extract does so when a
    marker's number is not the next one and the line before it does not end a sentence, so a misnumbered
    measure after a `参加单位：…` line vanishes into the one before: `29.` … `2. 健全规范…` (meant 30).
    Joined text keeps such a line on a line of its own, which is how it is found again."""
    for text_line in measure.text.split("\n")[1:]:
        marker = match_marker(text_line)
        if marker is None or marker.rule != measure.recognized_by or marker.label or marker.number is None:
            continue
        line = _line_starting(source_lines, measure.lines, text_line[:12])
        yield _Numbered("measure", marker.number, line, chapter, container, inside=measure.number, document=document)


def _line_starting(lines: Sequence[str], span: tuple[int, int], start: str) -> int:
    for number in range(span[0] + 1, min(span[1], len(lines)) + 1):
        if fold(lines[number - 1]).startswith(start):
            return number
    return span[0]


# Where numbering may start again at 1: chapters run across the plan; sections across it or per chapter;
# measures across it, per chapter or per section. Each plan uses one style, found as the one that
# explains its numbers with the fewest findings (ties go to the first, the plan-wide count).
_SCOPES: dict[str, list[tuple[str, Callable[[_Numbered], object]]]] = {
    "chapter": [("plan", lambda node: node.document)],
    "style": [("plan", lambda node: node.document), ("chapter", lambda node: node.chapter),
              ("section", lambda node: node.container)],
}


def numbering_warnings(plan: Plan, source_lines: Sequence[str]) -> Iterator[ExtractionWarning]:
    """Every slip in the numbering of the plan's chapters, sections and measures. `source_lines` are the
    text the plan was extracted from, numbered as normalize numbers them: where a marker that extract
    read as part of a measure is found again."""
    for kind, nodes in _numbered(plan, source_lines).items():
        best: list[tuple[str, list[_Numbered], list[_Slip]]] | None = None
        split_in = 0  # groups of the scope tried last
        for scope, key in _SCOPES["chapter" if kind == "chapter" else "style"]:
            groups: dict[object, list[_Numbered]] = {}
            for node in nodes:
                groups.setdefault(key(node), []).append(node)
            # Each scope splits the groups of the one before it, so as many groups is the same split: its
            # findings would tie, and a tie goes to the earlier scope (a plan of one chapter was analysed
            # three times over, which was most of the time of extracting 4,000 restarting measures).
            if len(groups) == split_in:
                continue
            split_in = len(groups)
            slips = [(scope, group, _slips([n.number for n in group])) for group in groups.values()]
            if best is None or _count(slips) < _count(best):
                best = slips
            if not _count(best):
                break
        for scope, group, found in best or []:
            lines_of: dict[int, list[int]] = {}
            for node in group:
                lines_of.setdefault(node.number, []).append(node.line)
            for slip in found:
                yield ExtractionWarning(code=_code(group, slip), line=group[slip.index].line,
                                        message=_slip_message(scope, group, slip, lines_of))


def _count(slips: list[tuple[str, list[_Numbered], list[_Slip]]]) -> int:
    return sum(len(found) for _, _, found in slips)


@dataclass(frozen=True)
class _Slip:
    index: int  # position in the numbered sequence
    # numbers that should come before it and occur nowhere (a gap), as inclusive (first, last) runs: a gap
    # is described by the few numbers around it, never enumerated (row 99999991 is a 13-byte file)
    missing: tuple[tuple[int, int], ...] = ()
    expected: int | None = None  # for a misnumbered node: the number its place calls for


def _slips(numbers: list[int]) -> list[_Slip]:
    """The fewest findings that explain how `numbers` differ from 1, 2, 3, …

    The numbers that are right form an increasing chain; every number off the chain is a finding (moved,
    duplicated, out of order), and so is each chain number that directly follows a gap, numbers that occur
    nowhere in the sequence. A misnumbered node sitting in a gap fills it: `3, 9, 5` is one finding (9,
    which should be 4), `3, 5` is one (4 is missing), and a swap `2, 6, 4, 5, 3, 7` is two (6 and 3).
    Between explanations with as many findings, the longer chain wins (`3, 5, 6`: 4 is missing, rather
    than 5 should be 4), then the earlier predecessor (of two equal numbers the second is the duplicate).
    Dynamic programming over the chain's last node, O(n log n) with a Fenwick tree of prefix minima.
    """
    count = len(numbers)
    if not count:
        return []
    present = sorted(set(numbers))

    def gap(low: int, high: int) -> bool:  # a number between low and high occurs nowhere
        return bisect_left(present, high) - bisect_right(present, low) < high - low - 1

    # A cost is (findings, nodes off the chain, predecessor index), compared as a tuple.
    never = (count * 4, count * 4, count)
    values = sorted(set(numbers) | {0})
    rank = {value: index + 1 for index, value in enumerate(values)}
    tree = [never] * (len(values) + 1)

    size = len(values)

    # (a comparison where min() was called: min keeps its first argument unless the second is smaller, and
    # so do these; the call was most of the time of the analysis of thousands of measures)
    def insert(value: int, item: tuple[int, int, int]) -> None:
        position = rank[value]
        while position <= size:
            if item < tree[position]:
                tree[position] = item
            position += position & -position

    def best_below(value: int) -> tuple[int, int, int]:
        position, best = rank[value] - 1, never
        while position > 0:
            if tree[position] < best:
                best = tree[position]
            position -= position & -position
        return best

    # cost[j]: the best explanation of nodes 0..j with j on the chain, which starts at a virtual 0 at
    # position -1. A predecessor i further back leaves the j-i-1 nodes between them off the chain (they
    # fill any gap); the adjacent one may leave a gap. The tree holds, keyed by number, cost[i] shifted by
    # -i of the nodes i ≤ j-2, so no lookup skips the gap check of the adjacent node.
    cost: list[tuple[int, int] | None] = [None] * count
    previous, after_gap = [-1] * count, [False] * count
    for j, number in enumerate(numbers):
        options = []
        before, before_cost = (numbers[j - 1], cost[j - 1]) if j else (0, (0, 0))
        if before < number and before_cost is not None:
            options.append((before_cost[0] + gap(before, number), before_cost[1], j - 1))
        findings, off, far = best_below(number)
        if far < count:
            options.append((findings + j - 1, off + j - 1, far))
        if options:
            findings, off, previous[j] = min(options)
            cost[j] = (findings, off)
            after_gap[j] = previous[j] == j - 1 and gap(before, number)
        if j == 0:
            insert(0, (1, 1, -1))  # the virtual start: no cost at position -1
        elif before_cost is not None:
            insert(numbers[j - 1], (before_cost[0] - (j - 1), before_cost[1] - (j - 1), j - 1))

    ends = [(count, count, -1)] + [(c[0] + count - 1 - i, c[1] + count - 1 - i, i)
                                   for i, c in enumerate(cost) if c is not None]
    last = min(ends)[2]
    chain: set[int] = set()
    while last >= 0:
        chain.add(last)
        last = previous[last]
    return _describe(numbers, chain, after_gap, present)


def _describe(numbers: list[int], chain: set[int], after_gap: list[bool], present: list[int]) -> list[_Slip]:
    slips = []
    chained_before, filled = 0, 0  # last chain number so far; off-chain nodes since it
    following = _next_chained(numbers, chain)
    for index, number in enumerate(numbers):
        if index in chain:
            if after_gap[index]:
                slips.append(_Slip(index, missing=_missing_runs(present, chained_before, number)))
            chained_before, filled = number, 0
        else:
            filled += 1
            expected = chained_before + filled
            ceiling = following[index]  # after the last chain node nothing says what a number should be
            slips.append(_Slip(index, expected=expected if ceiling is not None and expected < ceiling else None))
    return slips


def _next_chained(numbers: list[int], chain: set[int]) -> list[int | None]:
    following: list[int | None] = [None] * len(numbers)
    upcoming = None
    for index in range(len(numbers) - 1, -1, -1):
        following[index] = upcoming
        if index in chain:
            upcoming = numbers[index]
    return following


def _missing_runs(present: list[int], low: int, high: int) -> tuple[tuple[int, int], ...]:
    """The numbers strictly between low and high absent from `present` (sorted), as inclusive runs: work in
    the count of present numbers between them, not in high - low."""
    runs, start = [], low + 1
    for number in present[bisect_right(present, low):bisect_left(present, high)]:
        if number > start:
            runs.append((start, number - 1))
        start = number + 1
    if start < high:
        runs.append((start, high - 1))
    return tuple(runs)


def _code(group: list[_Numbered], slip: _Slip) -> WarningCode:
    if slip.missing:
        return "numbering-gap"
    if _repeats_the_one_before(group, slip):
        return "numbering-duplicate"
    return "numbering-misnumbered"


def _repeats_the_one_before(group: list[_Numbered], slip: _Slip) -> bool:
    return slip.index > 0 and group[slip.index - 1].number == group[slip.index].number


def _slip_message(scope: str, group: list[_Numbered], slip: _Slip, lines_of: dict[int, list[int]]) -> str:
    node = group[slip.index]
    kind = node.kind  # a numbering style's nodes may be sections and measures
    where = {"plan": "", "chapter": " of its chapter", "section": " of its section"}[scope]
    if slip.index == 0:
        opening = f"{kind} {node.number} is the first{where}"
    else:
        opening = f"{kind} {node.number} follows {group[slip.index - 1].number}"
    if node.inside is not None:
        opening += f" (extract read it as part of measure {node.inside})"
    if slip.missing:
        single = len(slip.missing) == 1 and slip.missing[0][0] == slip.missing[0][1]
        return f"{opening}; {_numbers(slip.missing)} {'is' if single else 'are'} missing"
    if _repeats_the_one_before(group, slip):
        return f"{opening}: a duplicate number"
    parts = [opening]
    if slip.expected is not None:
        parts.append(f"expected {slip.expected}")
    twin = next((line for line in lines_of[node.number] if line != node.line), None)
    if twin is not None:
        parts.append(f"{node.number} is also at line {twin}")
    elif slip.expected is None and slip.index and node.number < group[slip.index - 1].number:
        parts.append("out of order")
    return "; ".join(parts)


def _numbers(runs: tuple[tuple[int, int], ...]) -> str:
    """Runs of missing numbers: ((45, 45),) → 45, ((45, 47),) → 45–47, ((3, 3), (7, 7)) → 3, 7; a few
    scattered numbers are listed one by one (3, 4, 5, 9), longer runs among several are spans."""
    if len(runs) == 1 and runs[0][1] - runs[0][0] >= 2:
        return f"{runs[0][0]}–{runs[0][1]}"
    if sum(last - first + 1 for first, last in runs) <= _LISTED_MISSING:
        return ", ".join(str(n) for first, last in runs for n in range(first, last + 1))
    return ", ".join(str(first) if first == last else f"{first}–{last}" for first, last in runs)


_LISTED_MISSING = 12  # up to this many scattered missing numbers are named one by one
