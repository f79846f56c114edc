"""Plan × Plan → alignment: the library side of `planparse diff` and `planparse compare`.

    diff(template, local, detail=False) -> DiffReport
    compare(template, locals, progress=None, jobs=1) -> CompareReport

A plan is a Plan object or a path: `.yaml/.yml/.json` is loaded (a file written by `extract`), anything
else is extracted. Data flows one way, each step one module: measures (keys, headings) → units (comparable
sentences and clauses) and structure (titles, headings, parts) → grams (the idf-weighted gram index) →
scoring (pair scores) → links (links from wording and structure, statuses, coverage) → changes (deadlines,
targets, units, wording); workers reads compare's plans. This
module only runs the steps in order and assembles the report. Pure apart from reading the plans: no
printing, no randomness. Problems with the input raise InputError/SchemaError (one line each, naming
the file).
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

import numpy as np

from ..models import Measure
from ..models.diff import CompareReport, DiffReport, Duties, LocalMeasure, MeasureRef, PlanCoverage, TemplateMeasure
from ..plans import PlanSource, read_plan
from .changes import linked_changes
from .grams import MeasureOverlap, PlanGrams, TemplateIndex, Titles, plan_grams
from .links import STATUS, Links, coverage, heading_links, ranked
from .measures import PlanMeasures, load_pair, plan_ref, require_measures
from .scoring import PairScores, score_batch, score_plans
from .structure import Outline
from .units import MeasureUnits, measure_body

if TYPE_CHECKING:
    from .workers import Digest

__all__ = ["compare", "diff"]

Progress = Callable[[int, "int | None"], None]


def diff(template: PlanSource, local: PlanSource, *, detail: bool = False,
         duties: Callable[[Measure], Duties] | None = None) -> DiffReport:
    """Align the local plan's measures with the template's: coverage, links (splits and merges as several
    links), missing and local-only measures, changed deadlines/targets/units, and with `detail` a
    word-level diff of each fully linked pair (loads jieba). `duties` makes each measure's duties in the
    report (planparse.duties.measure_duties); without it they are None."""
    template_plan, local_plan = load_pair(template, local)
    # A plan diffed with itself (`diff X X`: one Plan) is read into measures, units and an outline once, and
    # both sides share them: every step reads them and none changes them.
    itself = local_plan is template_plan
    tmpl = PlanMeasures.of(template_plan)
    loc = tmpl if itself else PlanMeasures.of(local_plan)
    template_ref, local_ref = plan_ref(template_plan, tmpl), plan_ref(local_plan, loc)
    require_measures(template_ref, "template")
    require_measures(local_ref, "local")
    t_units = MeasureUnits.of(tmpl.items)
    l_units = t_units if itself else MeasureUnits.of(loc.items)
    index = TemplateIndex.of(t_units)
    grams = plan_grams(index, l_units)
    scores = score_batch(index, [grams], keep_detail=True)[0]
    outline = Outline.of(template_plan, tmpl)
    local_outline = outline if itself else Outline.of(local_plan, loc)
    links = _links(index, outline, Titles.of(index, outline.all_titles()), grams, local_outline, scores)
    statuses = links.statuses(len(tmpl.items))
    template_coverage, counts = coverage(statuses)
    by_template, by_local = links.by_template(), links.by_local()
    changes, details = linked_changes(tmpl, loc, t_units, l_units, scores, links, detail)
    template_bodies = [measure_body(m) for m in tmpl.items]
    duties_of = duties or _no_duties
    local_bodies = template_bodies if itself else [measure_body(m) for m in loc.items]
    return DiffReport(
        template=template_ref,
        local=local_ref,
        coverage=template_coverage,
        counts=counts,
        chapters=heading_links(tmpl, loc, links.pairs),
        # the measures and links are made of the plans' validated values and the linker's: not validated
        # again (Model.trusted), which was a tenth of a diff of thousands of measures
        measures=[TemplateMeasure.trusted(template=tmpl.keys[i], headline=m.headline, heading=tmpl.headings[i],
                                          status=STATUS[statuses[i]], local=ranked(loc.keys, by_template.get(i, [])),
                                          text=template_bodies[i], duties=duties_of(m))
                  for i, m in enumerate(tmpl.items)],
        links=links.models(tmpl.keys, loc.keys),
        missing=[tmpl.keys[i] for i in range(len(tmpl.items)) if statuses[i] == 0],
        local_only=[loc.keys[j] for j in range(len(loc.items)) if j not in by_local],
        local_measures=[LocalMeasure.trusted(local=loc.keys[j], headline=m.headline, heading=loc.headings[j],
                                             template=ranked(tmpl.keys, by_local.get(j, [])), text=local_bodies[j],
                                             duties=duties_of(m))
                        for j, m in enumerate(loc.items)],
        changes=changes,
        details=details,
    )


def _no_duties(measure: Measure) -> None:
    return None


def compare(template: PlanSource, locals: Iterable[PlanSource], *, progress: Progress | None = None,
            jobs: int = 1) -> CompareReport:
    """The coverage matrix of many local plans against one template: for each plan, the status of every
    template measure (full/partial/missing), exactly as `diff` would report it. `locals` may be a
    generator: plans are read and scored in batches, so memory does not grow with their number.
    `progress(done, total)` is called after each plan; `jobs` > 1 reads plans in that many processes."""
    # Imported here: the process pool and its machinery cost a diff's start-up and only compare reads with it.
    from .workers import digests

    template_plan = read_plan(template)
    tmpl = PlanMeasures.of(template_plan)
    template_ref = plan_ref(template_plan, tmpl)
    require_measures(template_ref, "template")
    total = len(locals) if isinstance(locals, Sequence) else None
    t_units = MeasureUnits.of(tmpl.items)
    index = TemplateIndex.of(t_units)
    outline = Outline.of(template_plan, tmpl)
    titles = Titles.of(index, outline.all_titles())
    read: deque[Digest] = deque()  # read and not yet scored

    def grams() -> Iterator[PlanGrams]:
        for digest in digests(locals, t_units, index, jobs):
            require_measures(digest.ref, "local")
            assert digest.grams is not None  # require_measures refused a plan without measures
            read.append(digest)
            yield digest.grams

    rows: list[PlanCoverage] = []
    for done, scores in enumerate(score_plans(t_units, grams(), index=index), start=1):
        digest = read.popleft()
        assert digest.grams is not None and digest.outline is not None  # a plan with measures: see grams()
        statuses = _links(index, outline, titles, digest.grams, digest.outline, scores).statuses(len(tmpl.items))
        plan_coverage, _ = coverage(statuses)
        rows.append(PlanCoverage.model_construct(plan=digest.ref, coverage=plan_coverage,
                                                 statuses=[STATUS[s] for s in statuses.tolist()]))
        if progress is not None:
            progress(done, total)
    return CompareReport(
        template=template_ref,
        measures=[MeasureRef(template=tmpl.keys[i], headline=m.headline, heading=tmpl.headings[i])
                  for i, m in enumerate(tmpl.items)],
        plans=rows,
    )


def _links(index: TemplateIndex, template: Outline, template_titles: Titles, grams: PlanGrams, local: Outline,
           scores: PairScores) -> Links:
    with _small_pages():
        titles = template_titles.similarity_rows(
            template_titles if local is template else Titles.of(index, local.all_titles()))
        return Links.of(scores, template, local, titles, MeasureOverlap(index, grams), grams.log_n - math.log(2))


@contextmanager
def _small_pages() -> Iterator[None]:
    """numpy asks the kernel for 2 MB pages for every array of 4 MB or more (madvise), and where the kernel
    then compacts memory to find them (transparent_hugepage/defrag `madvise`, as on the 2-core VM of issue
    14), the title matrices of thousands of measures, made, read once or twice and freed, waited longer for
    their pages than they took to compute: similarity and links of 4,000 measures 0.65–1.2 → 0.3–0.45 s.
    They get ordinary pages; numpy's setting is restored after (the same values either way)."""
    core = getattr(np, "_core", None) or np.core  # (numpy 2 names the package _core)
    switch = getattr(getattr(core, "multiarray", None), "_set_madvise_hugepage", None)
    if switch is None:
        yield
        return
    before = switch(False)
    try:
        yield
    finally:
        switch(before)
