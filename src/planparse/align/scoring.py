"""Scoring: how much of each template measure each local measure restates, for one plan or a batch.

Two units' similarity is Σ idf of the grams they share / √(Σ idf of the first's grams · Σ idf of the
second's): a cosine of idf-weighted gram sets (grams.py). Each local sentence goes to its most similar
template sentence, if the similarity reaches SENTENCE_MATCH, and each local clause to its most similar
template clause, if it reaches CLAUSE_MATCH (one policy point inside a sentence about something else): a
local unit restates one template unit, so wording a local measure shares with several template measures is
evidence for the one it restates best, not for all. Per (template measure T, local measure L) with any
attribution:

- evidence: Σ idf of the grams shared by L's units and the T units they went to (sentences or clauses,
  whichever is more): how much distinctive wording L restates from T; links.py asks for a minimum;
- restated: the weight of L's units that went to T, and A (local_share) its share of L;
- template_share: the share of T's clause weight in the clauses L's clauses went to (how much of T L
  restates; clauses, so that restating one clause of a long sentence is not the whole sentence);
- clause_share: the largest share of L in one clause that went to T.

Pairs below a threshold are dropped as soon as they are computed, block by block, so memory stays
bounded; scipy's sparse product is used (and imported) only for large batches. A plan's scores do not
depend on the batch it is scored in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..extras import require
from .grams import LocalUnits, PlanGrams, TemplateIndex, TemplateUnits, plan_grams, sorted_distinct
from .units import MeasureUnits

# Thresholds, chosen on the two hand-checked gold alignments (tests/gold/) and checked on the Nanyang
# 2022 ↔ 2025 web copy and on unrelated texts. Cosines of idf-weighted 2–3-gram sets.
SENTENCE_MATCH = 0.16
CLAUSE_MATCH = 0.6
# The most (local units × template units) cells scored at once: 1 MB of float64. A block's temporaries (its
# cells, and its pairs of grams, as many again) are then small enough for glibc to hand the next block the
# memory this one freed; larger blocks' came back to it as fresh pages from the kernel, block after block
# (4,000 measures: 2M cells 15,000-54,000 page faults, scoring 0.14-0.20 s; 125,000 cells 2,000-6,000, 0.08 s).
BLOCK_CELLS = 125_000
# A batch of plans (`compare`) is scored by scipy's sparse product, which makes no dense block: there each block
# costs a product's fixed overhead, and larger ones are cheaper (300 plans: 125,000 cells 9.3-9.6 s, 2M 8.2 s CPU).
BATCH_BLOCK_CELLS = 2_000_000
# One plan (a `diff`) is scored with a numpy join, up to this many (local units × template units)
# cells: `diff` then never imports scipy, whose import costs a fifth of a second. Batches of plans
# (`compare`), and huge plans, use scipy's sparse product, several times faster on them.
JOIN_MAX_CELLS = 20_000_000


@dataclass
class PairScores:
    """Template measures × local measures of one local plan, kept sparse: only the pairs with any
    attribution, sorted by template measure then local measure (a plan diffed with itself has n pairs,
    not n × n cells: dense matrices took gigabytes for a few thousand measures)."""

    template_measures: int
    local_measures: int
    template: np.ndarray  # template measure of each pair
    local: np.ndarray  # local measure of each pair
    local_share: np.ndarray  # A: share of the local measure's sentences that went to the template measure
    template_share: np.ndarray  # share of the template measure's clauses the local measure restates
    clause_share: np.ndarray  # share of the local measure in one clause that went to the template measure
    evidence: np.ndarray  # Σ idf of the grams the restating units share
    restated: np.ndarray  # weight of the local measure's units that went to the template measure
    # For `diff` (None in `compare`): each local sentence's best template sentence (-1: none reaches
    # SENTENCE_MATCH) and that similarity, and the measure of each sentence.
    best_template_sentence: np.ndarray | None = None
    best_similarity: np.ndarray | None = None
    template_sentence_measure: np.ndarray | None = None
    local_sentence_measure: np.ndarray | None = None
    _sentence_detail: _SentenceDetail | None = field(default=None, repr=False, compare=False)

    @property
    def score(self) -> np.ndarray:
        """Per pair: the largest of A, the template share and the clause share."""
        return np.maximum(np.maximum(self.local_share, self.template_share), self.clause_share)

    def restated_sentences(self, template_index: int, local_index: int) -> list[tuple[int, int]]:
        """(template sentence, local sentence) positions, within the two measures, that restate each other:
        the local measure's sentences attributed to a sentence of the template measure (only with
        `keep_detail`). Their deadlines and targets are compared; a sentence attributed elsewhere is not, so
        two measures that share one point do not compare each other's deadlines."""
        detail = self._sentences()
        if detail is None:
            return []  # scored without keep_detail: there is no sentence-level detail to read
        t_first, t_last = detail.template_rows[template_index], detail.template_rows[template_index + 1]
        l_first, l_last = detail.local_rows[local_index], detail.local_rows[local_index + 1]
        if t_first == t_last or l_first == l_last:
            return []
        best, template_measure, similarity = detail.best, detail.template_measure, detail.similarity
        return [(best[row] - t_first, i) for i, row in enumerate(range(l_first, l_last))
                if best[row] >= 0 and template_measure[best[row]] == template_index
                and similarity[row] >= SENTENCE_MATCH]

    def _sentences(self) -> _SentenceDetail | None:
        if self._sentence_detail is None and self.local_sentence_measure is not None \
                and self.template_sentence_measure is not None and self.best_template_sentence is not None \
                and self.best_similarity is not None:
            self._sentence_detail = _SentenceDetail(
                _rows_of(self.template_sentence_measure, self.template_measures),
                _rows_of(self.local_sentence_measure, self.local_measures),
                self.best_template_sentence.tolist(), self.template_sentence_measure.tolist(),
                self.best_similarity.tolist())
        return self._sentence_detail


@dataclass
class _SentenceDetail:
    """PairScores' sentence-level detail as Python lists, made once: a diff asks restated_sentences for every
    link, and thousands of links each making small numpy arrays of their few sentences cost more than the rest
    of reading their changes."""

    template_rows: list[int]  # the sentences of template measure i are rows template_rows[i]:template_rows[i + 1]
    local_rows: list[int]
    best: list[int]
    template_measure: list[int]
    similarity: list[float]


def _rows_of(measure_of_row: np.ndarray, measures: int) -> list[int]:
    """Where each measure's rows (units) start, and the end of the last. Units are cut measure by measure, so
    the measure numbers ascend and each measure's rows are one run, found by bisection."""
    return np.searchsorted(measure_of_row, np.arange(measures + 1)).tolist()


@dataclass
class _Attributed:
    """The local units of one plan that went to a template unit: their measures, the template unit and its
    measure, the local unit's weight, the template unit's weight and the idf the two share."""

    template_measure: np.ndarray
    local_measure: np.ndarray
    template_unit: np.ndarray
    local_weight: np.ndarray
    template_weight: np.ndarray
    shared: np.ndarray


def _per_pair(keys: np.ndarray, pairs: np.ndarray, values: np.ndarray, accumulate=np.add.at) -> np.ndarray:
    out = np.zeros(len(pairs))
    accumulate(out, np.searchsorted(pairs, keys), values)
    return out


def _pair_scores(n_template: int, n_local: int, sentences: _Attributed, clauses: _Attributed,
                 local_total: np.ndarray, template_clause_total: np.ndarray) -> PairScores:
    """PairScores from the attributed sentences and clauses of one plan: per (template measure, local
    measure), sums of what went from one to the other, shares capped at 1."""
    width = max(n_local, 1)
    keys = [a.template_measure.astype(np.int64) * width + a.local_measure for a in (sentences, clauses)]
    pairs = sorted_distinct(np.concatenate(keys)) if any(len(k) for k in keys) else np.zeros(0, np.int64)
    template, local = pairs // width, pairs % width
    evidence = [_per_pair(key, pairs, attributed.shared) for attributed, key in zip((sentences, clauses), keys)]
    restated = [_per_pair(key, pairs, attributed.local_weight) for attributed, key in zip((sentences, clauses), keys)]
    # the template's clauses restated: each counted once however many local clauses went to it
    _, first = np.unique(clauses.template_unit.astype(np.int64) * width + clauses.local_measure, return_index=True)
    template_share = _per_pair(keys[1][first], pairs, clauses.template_weight[first]) / template_clause_total[template]
    clause_share = _per_pair(keys[1], pairs, np.minimum(clauses.local_weight / local_total[clauses.local_measure], 1.0),
                             np.maximum.at)
    return PairScores(n_template, n_local, template, local, np.minimum(restated[0] / local_total[local], 1.0),
                      np.minimum(template_share, 1.0), clause_share, np.maximum(evidence[0], evidence[1]),
                      np.maximum(restated[0], restated[1]))


@dataclass
class _Matches:
    """Each local unit's most similar template unit, where the cosine similarity reaches a threshold, as
    arrays sorted by local unit: the similarity and the idf the two share. The other pairs are dropped as
    soon as they are computed, or near-identical measures keep n × n pairs."""

    row: np.ndarray
    column: np.ndarray
    value: np.ndarray
    shared: np.ndarray


def _matches(template: TemplateUnits, locals_: Sequence[LocalUnits], template_weight: np.ndarray,
             thresholds: Sequence[float]) -> list[_Matches]:
    """The _Matches of the local units at each threshold (one overlap of the units, read once per threshold)."""
    counts = np.array([len(units.measure) for units in locals_], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(counts)])
    entry_row = np.concatenate([units.entry_unit + offsets[p] for p, units in enumerate(locals_)])
    entry_column = np.concatenate([units.entry_column for units in locals_]).astype(np.int64)
    entry_idf = np.concatenate([units.entry_idf for units in locals_])
    local_root = np.sqrt(np.maximum(np.concatenate([units.weight for units in locals_]), 1e-12))
    template_root = np.ascontiguousarray(np.sqrt(np.maximum(template_weight, 1e-12)).T)  # plans × template units
    plan_of_row = np.repeat(np.arange(len(locals_)), counts)
    rows = int(offsets[-1])
    # Local units in blocks of at most BLOCK_CELLS (local units × template units): the overlap of a block
    # is thresholded before the next is computed, so memory stays bounded however many units pair up.
    block = max(1, (BLOCK_CELLS if len(locals_) == 1 else BATCH_BLOCK_CELLS) // max(len(template.measure), 1))
    starts = np.arange(0, rows, block)
    entry_bounds = np.searchsorted(entry_row, np.append(starts, rows))  # entries are sorted by unit
    kept: list[list[tuple[np.ndarray, ...]]] = [[] for _ in thresholds]
    for index, first in enumerate(starts.tolist()):
        last = min(first + block, rows)
        lo, hi = entry_bounds[index], entry_bounds[index + 1]
        # Σ idf over the grams each pair shares: (local unit in the block, template unit, value) by row
        row, indices, data = _overlap(template, entry_row[lo:hi] - first, entry_column[lo:hi], entry_idf[lo:hi],
                                      int(last - first), len(locals_))
        row += first
        # (one plan, a diff: its row of template weights, without looking up each pair's plan)
        template_roots = template_root[0][indices] if len(locals_) == 1 else template_root[plan_of_row[row], indices]
        denominator = local_root[row] * template_roots
        for threshold, found in zip(thresholds, kept):
            found.append(_best_above(threshold, row, indices, data, denominator))
    return [_Matches(*(np.concatenate(part) for part in zip(*found))) if found else
            _Matches(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0), np.zeros(0)) for found in kept]


def _best_above(threshold: float, row: np.ndarray, column: np.ndarray, shared: np.ndarray,
                denominator: np.ndarray) -> tuple[np.ndarray, ...]:
    """(row, column, value, shared) of each row's best pair whose similarity (shared / denominator) reaches the
    threshold."""
    keep = np.flatnonzero(shared >= threshold * denominator)
    row, column, shared = row[keep], column[keep].astype(np.int64), shared[keep]
    value = shared / denominator[keep]
    best = _first_per_group(row, value, column)
    return row[best], column[best], value[best], shared[best]


def _overlap(template: TemplateUnits, entry_row: np.ndarray, entry_column: np.ndarray, entry_idf: np.ndarray,
             rows: int, plans: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    units = len(template.measure)
    if not units or not rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    if plans == 1 and rows * units <= JOIN_MAX_CELLS:
        # Each local entry meets every template unit holding its gram: the entry's value repeated once per unit,
        # and the units read from the runs of units_by_column (a repeat is cheaper than a gather by entry).
        start, stop = template.column_start[entry_column], template.column_start[entry_column + 1]
        count = stop - start
        unit = template.units_by_column[np.repeat(start - (np.cumsum(count) - count), count) + np.arange(count.sum())]
        cells = np.bincount(np.repeat(entry_row * units, count) + unit, weights=np.repeat(entry_idf, count),
                            minlength=rows * units)
        nonzero = np.flatnonzero(cells != 0)  # the same cells as flatnonzero(cells), which is ~8× slower on floats
        # each row's cells are one run of `nonzero`: rows by the runs' bounds (a third of the time of dividing)
        row = np.repeat(np.arange(rows), np.diff(np.searchsorted(nonzero, np.arange(rows + 1) * units)))
        return row, nonzero - row * units, cells[nonzero]
    require("scipy.sparse", "compare", "scoring several plans at once (compare) or one very large plan")
    import scipy.sparse

    matrix = scipy.sparse.csr_matrix((entry_idf, (entry_row, entry_column)), shape=(rows, template.columns))
    overlap = (matrix @ template.matrix().T).tocsr()
    return np.repeat(np.arange(rows), np.diff(overlap.indptr)), overlap.indices, overlap.data


def _template_weights(template: TemplateUnits, plans: Sequence[PlanGrams]) -> np.ndarray:
    """Σ idf_p over each template unit's grams, for each plan p (template units × plans): what the plan
    changes is only the df of the template grams it also holds."""
    weights = np.empty((len(template.measure), len(plans)))
    correction = np.zeros(template.columns)
    for p, plan in enumerate(plans):
        correction[plan.correction_column] = plan.correction_value
        changed = np.bincount(template.unit_of_entry, weights=correction[template.column_of_entry],
                              minlength=len(template.measure))
        weights[:, p] = template.size * plan.log_n - template.base - changed
        correction[plan.correction_column] = 0.0
    return weights


def _first_per_group(group: np.ndarray, value: np.ndarray, tie: np.ndarray) -> np.ndarray:
    """Index of the best match in each group: highest value, then lowest `tie`. `group` ascends (the rows of
    a CSR matrix), so each group is one run and the best is found per run in linear time: sorting every
    pair of a block by three keys took most of the scoring of thousands of like measures."""
    if not len(group):
        return np.zeros(0, np.int64)
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    run = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(group)]))
    best = value == np.maximum.reduceat(value, starts)[run]
    candidate_tie = np.where(best, tie, np.iinfo(np.int64).max)
    lowest = np.minimum.reduceat(candidate_tie, starts)
    chosen = np.flatnonzero(best & (candidate_tie == lowest[run]))
    return chosen[np.r_[True, run[chosen][1:] != run[chosen][:-1]]]  # the first, were a tie repeated in a run


def score_batch(index: TemplateIndex, plans: Sequence[PlanGrams], keep_detail: bool = False) -> list[PairScores]:
    """Score every template measure against every measure of each local plan (a plan's result does not
    depend on the other plans in the batch)."""
    sentence_units, clause_units = [plan.sentences for plan in plans], [plan.clauses for plan in plans]
    sentence_weight = _template_weights(index.sentences, plans)
    if _same_units(index, plans):
        # every clause is its measure's one sentence, on both sides (one-line measures without a comma, as in
        # F21): the units overlap alike, and their overlap, most of the scoring, is computed once
        clause_weight = sentence_weight
        matched = _matches(index.sentences, sentence_units, sentence_weight, (SENTENCE_MATCH, CLAUSE_MATCH))
    else:
        clause_weight = _template_weights(index.clauses, plans)
        matched = [_matches(index.sentences, sentence_units, sentence_weight, (SENTENCE_MATCH,))[0],
                   _matches(index.clauses, clause_units, clause_weight, (CLAUSE_MATCH,))[0]]
    sides = []  # (template units, their weights per plan, the plans' units, matches, offsets) per unit kind
    for template_units, weight, local_units, kind_matches in (
            (index.sentences, sentence_weight, sentence_units, matched[0]),
            (index.clauses, clause_weight, clause_units, matched[1])):
        offsets = np.concatenate([[0], np.cumsum([len(units.measure) for units in local_units])])
        sides.append((template_units, weight, local_units, kind_matches, offsets,
                      np.searchsorted(kind_matches.row, offsets)))
    results = []
    for p, plan in enumerate(plans):
        attributed = []
        for template_units, weight, local_units, matches, offsets, bounds in sides:
            units = local_units[p]
            chosen = slice(bounds[p], bounds[p + 1])
            rows, columns = matches.row[chosen] - offsets[p], matches.column[chosen]
            attributed.append(_Attributed(template_units.measure[columns], units.measure[rows].astype(np.int64),
                                          columns, units.weight[rows], weight[columns, p], matches.shared[chosen]))
        local_total = _nonzero(np.bincount(plan.sentences.measure, weights=plan.sentences.weight,
                                           minlength=plan.measures))
        clause_weight = sides[1][1][:, p]
        template_clause_total = _nonzero(np.bincount(index.clauses.measure, weights=clause_weight,
                                                     minlength=index.measures))
        sentences, clauses = attributed
        scores = _pair_scores(index.measures, plan.measures, sentences, clauses, local_total, template_clause_total)
        if keep_detail:
            _, _, sentence_units, matches, offsets, bounds = sides[0]
            chosen = slice(bounds[p], bounds[p + 1])
            best = np.full(len(sentence_units[p].measure), -1, np.int64)
            similarity = np.zeros(len(sentence_units[p].measure))
            best[matches.row[chosen] - offsets[p]] = matches.column[chosen]
            similarity[matches.row[chosen] - offsets[p]] = matches.value[chosen]
            scores.best_template_sentence, scores.best_similarity = best, similarity
            scores.template_sentence_measure = index.sentences.measure
            scores.local_sentence_measure = sentence_units[p].measure
        results.append(scores)
    return results


def _same_units(index: TemplateIndex, plans: Sequence[PlanGrams]) -> bool:
    """Whether the clauses are the sentences, in the template and in every plan: the same units, grams and
    weights."""
    def same(first: object, second: object, fields: tuple[str, ...]) -> bool:
        return all(np.array_equal(getattr(first, name), getattr(second, name)) for name in fields)

    return same(index.sentences, index.clauses, ("measure", "unit_of_entry", "column_of_entry")) and all(
        same(plan.sentences, plan.clauses, ("measure", "weight", "entry_unit", "entry_column", "entry_idf"))
        for plan in plans)


def _nonzero(totals: np.ndarray) -> np.ndarray:
    return np.where(totals > 0, totals, 1.0)


def score_plans(template: MeasureUnits, plans: Iterable[MeasureUnits | PlanGrams], *,
                index: TemplateIndex | None = None, batch_entries: int = 1_000_000,
                keep_detail: bool = False) -> Iterator[PairScores]:
    """score_batch over any number of plans (MeasureUnits, or PlanGrams already made against `index`),
    in batches of about `batch_entries` template-gram entries, so memory stays flat."""
    index = index or TemplateIndex.of(template)
    batch: list[PlanGrams] = []
    entries = 0
    for plan in plans:
        grams = plan if isinstance(plan, PlanGrams) else plan_grams(index, plan)
        batch.append(grams)
        entries += len(grams.sentences.entry_idf) + len(grams.clauses.entry_idf)
        if entries >= batch_entries:
            yield from score_batch(index, batch, keep_detail)
            batch, entries = [], 0
    if batch:
        yield from score_batch(index, batch, keep_detail)
