"""Reading the local plans of `compare`: each plan to the little that scoring needs of it (a digest), in
this process or spread over a pool of processes."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice

from ..models.diff import PlanRef
from ..plans import PlanSource, read_plan
from .grams import PlanGrams, TemplateIndex, plan_grams
from .measures import PlanMeasures, plan_ref
from .structure import Outline
from .units import MeasureUnits

# Plans per task, and tasks in flight per process.
_CHUNK = 16
_IN_FLIGHT_PER_JOB = 3


@dataclass
class Digest:
    """What compare needs of a local plan (small, so a worker process can send it back cheaply)."""

    ref: PlanRef
    grams: PlanGrams | None  # None: the plan has no measures
    outline: Outline | None = None


# Each worker process's own copy of the template index, made once when the process starts.
_WORKER_INDEX: TemplateIndex | None = None


def _start_worker(template: MeasureUnits) -> None:
    global _WORKER_INDEX
    _WORKER_INDEX = TemplateIndex.of(template)


def _digest(source: PlanSource, index: TemplateIndex | None = None) -> Digest:
    plan = read_plan(source, lean=True)  # the fields of a measure are no part of its scores
    measures = PlanMeasures.of(plan)
    ref = plan_ref(plan, measures)
    if not measures.items:
        return Digest(ref, None)
    index = index or _WORKER_INDEX
    assert index is not None, "a worker's template index is set by _start_worker"
    return Digest(ref, plan_grams(index, MeasureUnits.of(measures.items)), Outline.of(plan, measures))


def _digest_many(sources: list[PlanSource]) -> list[Digest]:
    return [_digest(source) for source in sources]


def digests(sources: Iterable[PlanSource], template: MeasureUnits, index: TemplateIndex,
            jobs: int) -> Iterator[Digest]:
    """The digest of each source, in order; `jobs` > 1 reads them in that many processes."""
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
