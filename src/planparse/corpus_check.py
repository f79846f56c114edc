"""Corpus validation: every plan text → findings a person can act on (numbering, completeness, units,
deadlines, stale structured YAML). No printing; the CLI renders the report and decides the exit code.

Each rule is a small function `Subject -> findings`, run in order over one plan (the markdown-it habit);
a new kind of mistake is a new rule in RULES. Only `--fix` writes, through `yamlio.write_atomic`.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from .completeness import characters as characters_of
from .completeness import compare
from .errors import InputError, OutputError, PlanparseError, SchemaError, printable_path
from .extract import extract_source, read_source
from .models import Deadline, Measure, Plan
from .models.check import CheckReport, FileReport, Finding, Level, Rule
from .normalize import editor_lines, fold
from .outline.layout import SECOND_DOCUMENT
from .outline.markers import match_marker
from .yamlio import dumps, loads_plan, write_atomic

DEFAULT_PATH = "data/raw"
# What a folder is searched for; a file named explicitly is checked whatever its name.
PLAN_SUFFIXES = (".txt", ".md")
# A plan YAML passed where a plan text belongs: said plainly instead of extracting YAML as prose.
_YAML_SUFFIXES = (".yaml", ".yml", ".json")
# A text repeated many times over (or a corpus gone badly wrong) must not print a million lines.
MAX_FINDINGS_PER_RULE = 25
# Deadlines this many years outside the plan period are doubtful (a typo such as 2205年, or an old plan).
PERIOD_SLACK_YEARS = 1


def check(paths: Sequence[str | os.PathLike] = (DEFAULT_PATH,), *, fix: bool = False, strict: bool = False,
          structured_dir: str | os.PathLike | None = None) -> CheckReport:
    """Check every plan text under `paths` (files or folders). Raises InputError when a path is missing or a
    folder holds no plan texts; a file that cannot be read as a plan is reported in its FileReport.problem."""
    texts = collect_plan_texts(paths)
    structured = Path(structured_dir) if structured_dir is not None else None
    reports = [check_file(path, shown, fix=fix, structured_dir=structured) for path, shown in texts]
    if strict:
        for report in reports:
            report.findings = [f.model_copy(update={"level": "error"}) for f in report.findings]
    return CheckReport(strict=strict, files=reports)


def collect_plan_texts(paths: Sequence[str | os.PathLike]) -> list[tuple[Path, str]]:
    """(path, name as shown) of every plan text named or found in a folder, each once, in a stable order."""
    found: list[tuple[Path, str]] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputError("no such file or folder; check the path", path=str(given))
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.suffix.lower() in PLAN_SUFFIXES and p.is_file()
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not inside:
                raise InputError(f"no plan texts ({', '.join('*' + s for s in PLAN_SUFFIXES)}) in this folder",
                                 path=str(given))
            found += [(p, printable_path(p)) for p in inside]
        else:
            found.append((path, printable_path(given)))
    seen: set[Path] = set()
    unique = []
    for path, shown in found:
        if path.resolve() not in seen:
            seen.add(path.resolve())
            unique.append((path, shown))
    return unique


# --- one plan text ------------------------------------------------------------------------------------


@dataclass
class Subject:
    """One plan text under check: where it is, its decoded text and the plan extracted from it."""

    path: Path
    shown: str
    text: str | None  # the text the plan was extracted from (None for a plan built in memory)
    plan: Plan
    _source_lines: list[str] | None = field(default=None, repr=False)

    @property
    def source_lines(self) -> list[str]:
        if self._source_lines is None:
            self._source_lines = editor_lines(self.text) if self.text else []  # as normalize numbers them
        return self._source_lines

    def finding(self, rule: Rule, line: int | None, message: str, level: Level = "error",
                fix: str | None = None) -> Draft:
        return Draft(rule, line, message, level, fix)


class Draft(NamedTuple):
    """A finding before it becomes a Finding: cheap to make, since a rule may find thousands."""

    rule: Rule
    line: int | None
    message: str
    level: Level = "error"
    fix: str | None = None

    def finding(self, file: str) -> Finding:
        return Finding(file=file, line=self.line, level=self.level, rule=self.rule, message=self.message,
                       fix=self.fix)


def check_file(path: Path, shown: str, *, fix: bool = False, structured_dir: Path | None = None) -> FileReport:
    yaml_path = structured_yaml_path(path, structured_dir)
    report = FileReport(file=shown, structured=_display(yaml_path) if yaml_path else None)
    if path.suffix.lower() in _YAML_SUFFIXES:
        report.problem = (f"{shown}: is a YAML/JSON file; planparse check reads plan texts (.txt/.md) "
                          "and compares their structured YAML itself")
        return report
    try:
        source = read_source(path, name=source_name(path, shown) if yaml_path else shown)
    except PlanparseError as problem:  # named as the user typed it, not as source.file
        report.problem = str(type(problem)(problem.message, path=shown, line=problem.line))
        return report
    # The text the plan was made from (decoded, or rendered from .docx/.pdf), for the rules that compare with it.
    subject = Subject(path, shown, source.text, extract_source(source))
    plan = subject.plan
    report.measures = sum(1 for _ in plan.iter_measures())
    for rule in RULES:
        report.findings += _capped(rule(subject), subject)
    if yaml_path is not None:
        try:
            found, report.fixed = structured_findings(subject, yaml_path, fix=fix, structured_dir=structured_dir)
            report.findings += found
        except OutputError as problem:
            report.problem = str(problem)
    return report


def _capped(drafts: Iterable[Draft], subject: Subject) -> list[Finding]:
    iterator = iter(drafts)
    kept = [draft.finding(subject.shown) for draft in islice(iterator, MAX_FINDINGS_PER_RULE)]
    rest = sum(1 for _ in iterator)
    if rest:
        last = kept[-1]
        kept.append(Finding(file=subject.shown, level=last.level, rule=last.rule,
                            message=f"… and {rest} more {last.rule} findings like these"))
    return kept


# --- numbering -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Numbered:
    kind: str  # chapter / section / measure
    number: int
    line: int
    chapter: int  # index of the chapter it sits in
    container: tuple[int, int | None]  # (chapter, section) it sits in
    inside: int | None = None  # for a marker extract read as part of a measure: that measure's number
    document: int = 0  # which of the documents a notice issues it belongs to


def _numbered(subject: Subject) -> dict[str, list[_Numbered]]:
    """Numbered chapters, sections and measures in document order, grouped by numbering style: one
    sequence per marker style, whatever each node was read as (a plan's `（一）` may be a section in one
    chapter and a measure in the next, numbered on across both). Unnumbered ones (unmarked headings,
    labelled extras such as 加分项 1) take no part in numbering."""
    nodes: dict[str, list[_Numbered]] = {"chapter": []}
    document = 0  # a notice that issues two documents numbers each afresh
    for c, chapter in enumerate(subject.plan.chapters):
        if chapter.recognized_by == SECOND_DOCUMENT:
            document += 1
        if chapter.number is not None:
            nodes["chapter"].append(_Numbered("chapter", chapter.number, chapter.lines[0], c, (c, None),
                                              document=document))
        containers = [((c, None), chapter.measures)]
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
                    style += _absorbed(subject, measure, c, container, document)
    for style in nodes.values():
        style.sort(key=lambda node: node.line)
    return nodes


def _absorbed(subject: Subject, measure: Measure, chapter: int, container, document: int) -> Iterator[_Numbered]:
    """Measure markers extract read as a wrapped line of the measure before them. Extract does so when a
    marker's number is not the next one and the line before it does not end a sentence, so a misnumbered
    measure after a `参加单位：…` line vanishes into the one before: `29.` … `2. 健全规范…` (meant 30).
    Joined text keeps such a line on a line of its own, which is how it is found again."""
    for text_line in measure.text.split("\n")[1:]:
        marker = match_marker(text_line)
        if marker is None or marker.rule != measure.recognized_by or marker.label or marker.number is None:
            continue
        line = _line_starting(subject, measure.lines, text_line[:12])
        yield _Numbered("measure", marker.number, line, chapter, container, inside=measure.number, document=document)


def _line_starting(subject: Subject, span: tuple[int, int], start: str) -> int:
    lines = subject.source_lines
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


def numbering_findings(subject: Subject) -> Iterator[Draft]:
    for kind, nodes in _numbered(subject).items():
        best: list[tuple[str, list[_Numbered], list[_Slip]]] | None = None
        for scope, key in _SCOPES["chapter" if kind == "chapter" else "style"]:
            groups: dict[object, list[_Numbered]] = {}
            for node in nodes:
                groups.setdefault(key(node), []).append(node)
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
                node = group[slip.index]
                yield subject.finding("numbering", node.line, _slip_message(kind, scope, group, slip, lines_of))


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

    def insert(value: int, item: tuple[int, int, int]) -> None:
        position = rank[value]
        while position <= len(values):
            tree[position] = min(tree[position], item)
            position += position & -position

    def best_below(value: int) -> tuple[int, int, int]:
        position, best = rank[value] - 1, never
        while position > 0:
            best = min(best, tree[position])
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
        elif cost[j - 1] is not None:
            insert(numbers[j - 1], (cost[j - 1][0] - (j - 1), cost[j - 1][1] - (j - 1), j - 1))

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


def _slip_message(kind: str, scope: str, group: list[_Numbered], slip: _Slip, lines_of: dict[int, list[int]]) -> str:
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
    if slip.index and group[slip.index - 1].number == node.number:
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


# --- the other rules -----------------------------------------------------------------------------------

# Extract's own warning for the same problem; the no-numbering rule reports it as an error instead.
_NO_STRUCTURE_WARNING = "no numbered structure recognised"


def no_numbering_findings(subject: Subject) -> Iterator[Draft]:
    if not subject.plan.chapters:
        yield subject.finding("no-numbering", None,
                              "no recognisable numbering (一、 / （一） / 1. / 第一条 …): the whole text is kept as "
                              "front matter; is this a plan text?")


def completeness_findings(subject: Subject) -> Iterator[Draft]:
    if subject.text is None:
        return
    lost, doubled = compare(subject.text, subject.plan)
    if lost:
        yield subject.finding("completeness", _first_line_with(subject, lost),
                              f"{sum(lost.values())} characters are in no node and not in dropped "
                              f"({_sample(lost)}): extraction lost text")
    if doubled:
        yield subject.finding("completeness", _first_line_with(subject, doubled),
                              f"{sum(doubled.values())} characters are placed twice ({_sample(doubled)})")


def _sample(counter) -> str:
    return "".join(sorted(counter, key=lambda ch: -counter[ch])[:10])


def _first_line_with(subject: Subject, characters: Counter) -> int | None:
    """Where the text went missing: the first line made only of such characters (a whole lost line), else
    the first line holding the rarest of them."""
    folded = [characters_of(line) for line in subject.source_lines]
    for number, line in enumerate(folded, start=1):
        if line and not line - characters:
            return number
    rarest = min(characters, key=lambda ch: sum(line[ch] for line in folded))
    return next((number for number, line in enumerate(folded, start=1) if line[rarest]), None)


def empty_findings(subject: Subject) -> Iterator[Draft]:
    for chapter in subject.plan.chapters:
        nodes = [("chapter", chapter)] + [("section", section) for section in chapter.sections]
        for kind, node in nodes:
            if node.marker and not node.title.strip():
                yield subject.finding("empty", node.lines[0], f"{kind} {node.marker} has an empty title")
    for measure in subject.plan.iter_measures():
        if not measure.text.strip():
            yield subject.finding("empty", measure.lines[0], f"measure {measure.marker} has no text")


def unit_findings(subject: Subject) -> Iterator[Draft]:
    if subject.plan.meta.kind != "division_of_labor":
        return
    for measure in subject.plan.iter_measures():
        if not measure.lead_units and not measure.responsible_units:
            yield subject.finding("units", measure.lines[0],
                                  f"measure {measure.number if measure.number is not None else measure.marker} "
                                  "names no lead unit (牵头单位) or responsible unit (责任单位)")


def deadline_findings(subject: Subject) -> Iterator[Draft]:
    plan = subject.plan
    low, high = _period_window(plan)
    dated: list[tuple[str, tuple[int, int], Deadline]] = []
    for chapter in plan.chapters:
        for section in chapter.sections:
            dated += [(f"section {section.marker}", section.lines, d) for d in section.deadlines]
    dated += [(f"measure {m.number if m.number is not None else m.marker}", m.lines, d)
              for m in plan.iter_measures() for d in m.deadlines]
    dated.sort(key=lambda item: item[1])
    if plan.default_deadline:
        closing = [b.lines for b in plan.back_matter if b.role == "closing"]
        dated.append(("the closing paragraph", closing[0] if closing else (1, 1), plan.default_deadline))
    spans: dict[tuple[int, int], _FoldedSpan] = {}
    for owner, span, deadline in dated:
        if span not in spans:
            spans[span] = _FoldedSpan(subject.source_lines, span)
        line = spans[span].line_of(deadline.text)
        if deadline.date is None:
            yield subject.finding("deadline", line, f"deadline `{deadline.text}` of {owner} is not a real date")
            continue
        year = int(deadline.date[:4])
        if (low is not None and year < low) or (high is not None and year > high):
            yield subject.finding("deadline", line, f"deadline `{deadline.text}` of {owner} falls outside the plan "
                                  f"period {_period_text(plan)}", level="warning")


def _period_window(plan: Plan) -> tuple[int | None, int | None]:
    """Years a deadline may fall in: the plan period widened by the slack; without a period, not before
    the year the plan was issued."""
    period = plan.meta.period
    start = period.start if period and period.start else None
    end = period.end if period and period.end else None
    if start is None and plan.meta.date:
        start = int(plan.meta.date[:4])
    return (start - PERIOD_SLACK_YEARS if start else None, end + PERIOD_SLACK_YEARS if end else None)


def _period_text(plan: Plan) -> str:
    period = plan.meta.period
    if period and (period.start or period.end):
        return f"{period.start or '…'}–{period.end or '…'}"
    return f"(issued {plan.meta.date})"


class _FoldedSpan:
    """The source lines of one node's span, folded and joined once, where its deadlines are found in turn:
    each from where the one before it was, so a measure of n dated lines is read once, not n times."""

    def __init__(self, source_lines: list[str], span: tuple[int, int]):
        self.first = span[0]
        folded = [fold(line) for line in source_lines[span[0] - 1:span[1]]]
        self.starts = [0]
        for line in folded[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)
        self.text = "\n".join(folded)
        self.cursor = 0

    def line_of(self, needle: str) -> int:
        """The line holding `needle` at or after the last one found, else anywhere in the span, else the
        span's first line."""
        at = self.text.find(needle, self.cursor) if "\n" not in needle else -1
        if at < 0:
            at = self.text.find(needle) if "\n" not in needle else -1
        if at < 0:
            return self.first
        self.cursor = at
        return self.first + bisect_right(self.starts, at) - 1


_WARNING_LINE = re.compile(r"^lines? (\d+)")


# Extract's own numbering warnings carry this mark; check reports the same slips as errors instead.
NUMBERING_WARNING = "numbering: "


def extraction_findings(subject: Subject) -> Iterator[Draft]:
    """Extract's warnings about doubtful structure, as warnings a person should look at."""
    for warning in subject.plan.warnings:
        if not subject.plan.chapters and warning.startswith(_NO_STRUCTURE_WARNING):
            continue
        if NUMBERING_WARNING in warning:
            continue
        match = _WARNING_LINE.match(warning)
        yield subject.finding("extraction", int(match.group(1)) if match else None, warning, level="warning")


RULES: list[Callable[[Subject], Iterable[Draft]]] = [
    no_numbering_findings,
    numbering_findings,
    completeness_findings,
    empty_findings,
    unit_findings,
    deadline_findings,
    extraction_findings,
]


# --- structured YAML -----------------------------------------------------------------------------------


def structured_yaml_path(path: Path, structured_dir: Path | None) -> Path | None:
    """Where the structured YAML of a plan text lives: `<structured_dir>/<name>.yaml`, or by the corpus
    convention `…/raw/<name>.txt` → `…/structured/<name>.yaml` when that folder exists; else None (a
    corpus that keeps no structured YAML)."""
    if structured_dir is not None:
        return structured_dir / f"{path.stem}.yaml"
    folder = path.resolve().parent
    if folder.name == "raw" and (folder.parent / "structured").is_dir():
        return folder.parent / "structured" / f"{path.stem}.yaml"
    return None


def source_name(path: Path, shown: str) -> str:
    """`source.file` of the structured YAML, as the golden files are made: a text in a corpus's `raw`
    folder is named from the corpus root (`data/raw/nanyang-2022.txt`, wherever check runs from); any other
    as it was typed, as `planparse extract <path>` would name it."""
    resolved = path.resolve()
    if resolved.parent.name == "raw":
        return resolved.relative_to(resolved.parent.parent.parent).as_posix()
    return shown


def structured_findings(subject: Subject, yaml_path: Path, *, fix: bool,
                        structured_dir: Path | None) -> tuple[list[Finding], bool]:
    """The finding about the structured YAML (none when it equals a fresh extraction), and whether --fix
    rewrote it. Raises OutputError when --fix cannot write."""
    fresh = dumps(subject.plan)
    unreadable = None
    try:
        current: str | None = yaml_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        current = None
    except (OSError, UnicodeDecodeError) as error:
        current, unreadable = "", f"cannot be read ({error})"
    if current == fresh:
        return [], False
    if fix:
        write_atomic(yaml_path, fresh)
        return [], True
    command = "planparse check --fix " + (f"--structured {_quote(_display(structured_dir))} " if structured_dir
                                          else "") + _quote(subject.shown)
    shown_yaml = _display(yaml_path)
    if current is None:
        message = f"{shown_yaml} is missing; make it with `{command}`"
    else:
        problem = unreadable or _staleness(current, fresh, shown_yaml)
        message = f"{shown_yaml} {problem}; rewrite it with `{command}`"
    return [subject.finding("structured", None, message, fix=command).finding(subject.shown)], False


def _staleness(current: str, fresh: str, shown_yaml: str) -> str:
    try:
        loads_plan(current, shown_yaml)  # safe_load: tags such as !!python/object are refused, never run
    except SchemaError as problem:
        return f"cannot be used ({problem.message})"
    current_lines, fresh_lines = current.splitlines(), fresh.splitlines()
    for number, (old, new) in enumerate(zip(current_lines, fresh_lines), start=1):
        if old != new:
            return f"is stale: line {number} differs from a fresh extraction"
    return f"is stale: it has {len(current_lines)} lines, a fresh extraction {len(fresh_lines)}"


def _display(path: Path | None) -> str:
    """A path relative to the working folder when it is inside it (how a person would type it)."""
    if path is None:
        return ""
    try:
        return printable_path(path.resolve().relative_to(Path.cwd().resolve()).as_posix())
    except ValueError:
        return printable_path(path)


def _quote(text: str) -> str:
    return text if re.fullmatch(r"[\w./@%+=:,-]+", text) else "'" + text.replace("'", "'\\''") + "'"
