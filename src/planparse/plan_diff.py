"""Library entry points of `planparse diff` and `planparse compare`: plans (or paths) in, reports out.

    diff(template, local, detail=False) -> DiffReport
    compare(template, locals, progress=None, jobs=1) -> CompareReport

A plan is a Plan object or a path: `.yaml/.yml/.json` is loaded (a file written by `extract`), anything
else is extracted. The work is `align`; this module only loads, assembles the report and counts.
Problems with the input raise InputError/SchemaError (one line each, naming the file).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice

import numpy as np

from .align import (
    FULL_SHARE,
    MeasureUnits,
    PairScores,
    PlanGrams,
    TemplateIndex,
    field_changes,
    measure_body,
    measure_key,
    plan_grams,
    restated_sentences,
    score_plans,
    word_diff,
    wording_changes,
)
from .errors import InputError
from .models import Measure, Plan
from .models.diff import (
    Change,
    CompareReport,
    Counts,
    Coverage,
    DiffReport,
    HeadingLink,
    Link,
    LocalMeasure,
    MeasureRef,
    PairDetail,
    PlanCoverage,
    PlanRef,
    Segment,
    TemplateMeasure,
)

PlanSource = Plan | str | os.PathLike
_PLAN_SUFFIXES = (".yaml", ".yml", ".json")
_STATUS = ("missing", "partial", "full")
# compare with several processes: plans per task, and tasks in flight per process.
_CHUNK = 16
_IN_FLIGHT_PER_JOB = 3


def load_plan(source: PlanSource) -> Plan:
    """A Plan as is; a `.yaml/.yml/.json` path loaded; any other path extracted."""
    if isinstance(source, Plan):
        return source
    from .extract import extract
    from .yamlio import load

    if str(source).lower().endswith(_PLAN_SUFFIXES):
        return load(source)
    return extract(source)


@dataclass
class _Measures:
    """A plan's measures in document order, with unique keys and the heading each sits under."""

    items: list[Measure]
    keys: list
    headings: list[str]  # the section title, or the chapter title for a measure outside sections
    chapters: list[str]  # the chapter title

    @classmethod
    def of(cls, plan: Plan) -> "_Measures":
        items, headings, chapters = [], [], []
        for chapter in plan.chapters:  # the order of Plan.iter_measures()
            items += chapter.measures
            headings += [chapter.title] * len(chapter.measures)
            for section in chapter.sections:
                items += section.measures
                headings += [section.title or chapter.title] * len(section.measures)
            chapters += [chapter.title] * (len(items) - len(chapters))
        return cls(items, _unique_keys(items), headings, chapters)


def _unique_keys(measures: Sequence[Measure]) -> list:
    """Measure numbers (labels when unnumbered); a number that repeats (numbering restarted in a later
    chapter) is told apart as "7#2", "7#3"."""
    keys, seen = [], {}
    for index, measure in enumerate(measures):
        key = measure_key(measure, index)
        seen[key] = seen.get(key, 0) + 1
        keys.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return keys


def _units(measures: _Measures) -> MeasureUnits:
    units = MeasureUnits.of(measures.items)
    units.keys = measures.keys
    return units


def _plan_ref(plan: Plan, measure_count: int) -> PlanRef:
    return PlanRef(file=plan.source.file, title=plan.meta.title, region=plan.meta.region, measures=measure_count)


def _require_measures(plan: Plan, measures: _Measures, role: str) -> None:
    if not measures.items:
        raise InputError(f"the {role} plan has no numbered measures, so there is nothing to align; "
                         "check it with `planparse extract`", path=plan.source.file)


def _coverage(statuses: np.ndarray) -> tuple[Coverage, Counts]:
    total = len(statuses)
    full, partial = int((statuses == 2).sum()), int((statuses == 1).sum())
    missing = total - full - partial
    share = (lambda n: round(n / total, 4)) if total else (lambda n: 0.0)
    return (Coverage(full=share(full), partial=share(partial), missing=share(missing)),
            Counts(full=full, partial=partial, missing=missing, total=total))


# ---------------------------------------------------------------------------------------------------
# diff


def diff(template: PlanSource, local: PlanSource, *, detail: bool = False) -> DiffReport:
    """Align the local plan's measures with the template's: coverage, links (splits and merges as several
    links), missing and local-only measures, changed deadlines/targets/units, and with `detail` a
    word-level diff of each fully linked pair (loads jieba)."""
    template_plan, local_plan = load_plan(template), load_plan(local)
    tmpl, loc = _Measures.of(template_plan), _Measures.of(local_plan)
    _require_measures(template_plan, tmpl, "template")
    _require_measures(local_plan, loc, "local")
    t_units, l_units = _units(tmpl), _units(loc)
    scores = next(score_plans(t_units, [l_units], keep_detail=True))
    statuses = scores.statuses()
    coverage, counts = _coverage(statuses)
    pairs = list(zip(scores.template.tolist(), scores.local.tolist()))  # template order, then local order
    score = scores.score.tolist()
    full = [value >= FULL_SHARE for value in score]
    links = [Link(template=tmpl.keys[i], local=loc.keys[j], kind="full" if full[k] else "partial",
                  score=round(score[k], 3)) for k, (i, j) in enumerate(pairs)]
    by_template: dict[int, list[tuple[int, float]]] = {}
    by_local: dict[int, list[tuple[int, float]]] = {}
    for (i, j), value in zip(pairs, score):
        by_template.setdefault(i, []).append((j, value))
        by_local.setdefault(j, []).append((i, value))
    changes, details = _changes(tmpl, loc, t_units, l_units, scores, pairs, full, detail)
    return DiffReport(
        template=_plan_ref(template_plan, len(tmpl.items)),
        local=_plan_ref(local_plan, len(loc.items)),
        coverage=coverage,
        counts=counts,
        chapters=_heading_links(tmpl, loc, pairs),
        measures=[TemplateMeasure(template=tmpl.keys[i], headline=m.headline, heading=tmpl.headings[i],
                                  status=_STATUS[statuses[i]], local=_ranked(loc.keys, by_template.get(i, [])),
                                  text=measure_body(m))
                  for i, m in enumerate(tmpl.items)],
        links=links,
        missing=[tmpl.keys[i] for i in range(len(tmpl.items)) if statuses[i] == 0],
        local_only=[loc.keys[j] for j in range(len(loc.items)) if j not in by_local],
        local_measures=[LocalMeasure(local=loc.keys[j], headline=m.headline, heading=loc.headings[j],
                                     template=_ranked(tmpl.keys, by_local.get(j, [])), text=measure_body(m))
                        for j, m in enumerate(loc.items)],
        changes=changes,
        details=details,
    )


def _ranked(keys: list, linked: list[tuple[int, float]]) -> list:
    """Keys of the linked measures (index, score), best score first (ties in document order)."""
    return [keys[k] for k, _ in sorted(linked, key=lambda pair: (-round(pair[1], 6), pair[0]))]


def _changes(tmpl: _Measures, loc: _Measures, t_units: MeasureUnits, l_units: MeasureUnits, scores: PairScores,
             pairs: list[tuple[int, int]], full: list[bool], detail: bool) -> tuple[list[Change], list[PairDetail]]:
    changes: list[Change] = []
    details: list[PairDetail] = []
    for (i, j), is_full in zip(pairs, full):
        found = field_changes(tmpl.items[i], loc.items[j], t_units.sentences[i], l_units.sentences[j],
                              restated_sentences(scores, i, j))
        if not is_full:
            # A partial link shares one point: its units and wording are about something else.
            found = [change for change in found if change.field in ("deadline", "target")]
        elif detail:
            runs = word_diff(measure_body(tmpl.items[i]), measure_body(loc.items[j]))
            details.append(PairDetail(template=tmpl.keys[i], local=loc.keys[j],
                                      segments=[Segment(op=run.op, template=run.template, local=run.local)
                                                for run in runs]))
            found += wording_changes(runs)
        changes += [Change(template=tmpl.keys[i], local=loc.keys[j], field=change.field, from_=change.before,
                           to=change.after) for change in found]
    return changes, details


def _heading_links(tmpl: _Measures, loc: _Measures, pairs: list[tuple[int, int]]) -> list[HeadingLink]:
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
        ranked = sorted(row.items(), key=lambda item: (-item[1], local_order[item[0]]))
        result.append(HeadingLink(template=heading, local=[name for name, _ in ranked],
                                  links=[count for _, count in ranked]))
    return result


# ---------------------------------------------------------------------------------------------------
# compare

Progress = Callable[[int, "int | None"], None]


@dataclass
class _Digest:
    """What compare needs of a local plan (small, so a worker process can send it back cheaply)."""

    ref: PlanRef
    grams: PlanGrams | None  # None: the plan has no measures


_WORKER_INDEX: TemplateIndex | None = None


def _start_worker(template: MeasureUnits) -> None:
    global _WORKER_INDEX
    _WORKER_INDEX = TemplateIndex.of(template)


def _digest(source: PlanSource, index: TemplateIndex | None = None) -> _Digest:
    plan = load_plan(source)
    measures = _Measures.of(plan)
    ref = _plan_ref(plan, len(measures.items))
    if not measures.items:
        return _Digest(ref, None)
    return _Digest(ref, plan_grams(index or _WORKER_INDEX, _units(measures)))


def _digest_many(sources: list[PlanSource]) -> list[_Digest]:
    return [_digest(source) for source in sources]


def _digests(sources: Iterable[PlanSource], template: MeasureUnits, index: TemplateIndex,
             jobs: int) -> Iterator[_Digest]:
    if jobs <= 1:
        yield from (_digest(source, index) for source in sources)
        return
    # Reading (extraction) and n-gram counting are most of the work: spread them over processes, each
    # with its own copy of the template index. At most a few chunks per process are in flight, so
    # finished plans never pile up in memory when scoring is slower than reading.
    chunks = _chunks(iter(sources), _CHUNK)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(template,)) as pool:
        pending: deque = deque()
        for chunk in chunks:
            pending.append(pool.submit(_digest_many, chunk))
            if len(pending) >= jobs * _IN_FLIGHT_PER_JOB:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield chunk


def compare(template: PlanSource, locals: Iterable[PlanSource], *, progress: Progress | None = None,
            jobs: int = 1) -> CompareReport:
    """The coverage matrix of many local plans against one template: for each plan, the status of every
    template measure (full/partial/missing), exactly as `diff` would report it. `locals` may be a
    generator: plans are read and scored in batches, so memory does not grow with their number.
    `progress(done, total)` is called after each plan; `jobs` > 1 reads plans in that many processes."""
    template_plan = load_plan(template)
    tmpl = _Measures.of(template_plan)
    _require_measures(template_plan, tmpl, "template")
    total = len(locals) if isinstance(locals, Sequence) else None
    t_units = _units(tmpl)
    index = TemplateIndex.of(t_units)
    refs: list[PlanRef] = []

    def grams() -> Iterator[PlanGrams]:
        for digest in _digests(locals, t_units, index, jobs):
            if digest.grams is None:
                raise InputError("the local plan has no numbered measures, so there is nothing to align; "
                                 "check it with `planparse extract`", path=digest.ref.file)
            refs.append(digest.ref)
            yield digest.grams

    rows: list[PlanCoverage] = []
    for done, scores in enumerate(score_plans(t_units, grams(), index=index), start=1):
        statuses = scores.statuses()
        coverage, _ = _coverage(statuses)
        rows.append(PlanCoverage.model_construct(plan=refs[done - 1], coverage=coverage,
                                                 statuses=[_STATUS[s] for s in statuses.tolist()]))
        if progress is not None:
            progress(done, total)
    return CompareReport(
        template=_plan_ref(template_plan, len(tmpl.items)),
        measures=[MeasureRef(template=tmpl.keys[i], headline=m.headline, heading=tmpl.headings[i])
                  for i, m in enumerate(tmpl.items)],
        plans=rows,
    )
