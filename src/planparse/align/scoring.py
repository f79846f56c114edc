"""Scoring: how much of each template measure each local measure restates, for one plan or a batch.

Two units' similarity is Σ idf of the grams they share / √(Σ idf of the first's grams · Σ idf of the
second's): a cosine of idf-weighted gram sets (grams.py). Then, per local plan:

1. Attribution: each local sentence goes to its most similar template sentence (if the similarity reaches
   SENTENCE_MATCH), and each template sentence to its most similar local sentence. A(T, L) is the share
   of L's weight whose sentences went to T; B(T, L) the share of T's weight that went to L. A local clause
   whose most similar template clause reaches CLAUSE_MATCH also links its measure to that clause's
   measure (one shared policy point inside a sentence about something else).
2. Every (T, L) with any attribution is a link, so a split (T → several L) and a merge (several T → L)
   are reported as such. Its score is max(A, B, share of L in the matching clause); the link is `full`
   when the score reaches FULL_SHARE (L restates T, or a part of T, or T is restated inside L), else
   `partial` (one shared point).

Pairs below a threshold are dropped as soon as they are computed, block by block, so memory stays
bounded; scipy's sparse product is used (and imported) only for large batches. A plan's scores do not
depend on the batch it is scored in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from ..extras import require
from .grams import LocalUnits, PlanGrams, TemplateIndex, TemplateUnits, plan_grams, sorted_distinct
from .units import MeasureUnits

# Thresholds, chosen on the two hand-checked gold alignments (tests/gold/) and checked on the Nanyang
# 2022 ↔ 2025 web copy and on unrelated texts. Cosines of idf-weighted 2–3-gram sets.
SENTENCE_MATCH = 0.16
CLAUSE_MATCH = 0.6
FULL_SHARE = 0.3
# The most (local units × template units) cells scored at once: 32 MB of float64 at most.
BLOCK_CELLS = 4_000_000
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
    local_share: np.ndarray  # A: share of the local measure attributed to the template measure
    template_share: np.ndarray  # B: share of the template measure attributed to the local measure
    clause_share: np.ndarray  # share of the local measure in a clause matching the template measure
    # For `diff` (None in `compare`): each local sentence's best template sentence (-1: none reaches
    # SENTENCE_MATCH) and that similarity, and the measure of each sentence.
    best_template_sentence: np.ndarray | None = None
    best_similarity: np.ndarray | None = None
    template_sentence_measure: np.ndarray | None = None
    local_sentence_measure: np.ndarray | None = None

    @property
    def score(self) -> np.ndarray:
        """Per pair: max(A, B, clause share)."""
        return np.maximum(np.maximum(self.local_share, self.template_share), self.clause_share)

    def statuses(self) -> np.ndarray:
        """Per template measure: 2 full, 1 partial, 0 missing."""
        best = np.zeros(self.template_measures)
        np.maximum.at(best, self.template, self.score)
        return np.where(best >= FULL_SHARE, 2, np.where(best > 0, 1, 0))

    def restated_sentences(self, template_index: int, local_index: int) -> list[tuple[int, int]]:
        """(template sentence, local sentence) positions, within the two measures, that restate each other:
        the local measure's sentences attributed (step 1) to a sentence of the template measure (only with
        `keep_detail`). Their deadlines and targets are compared; a sentence attributed elsewhere is not, so
        two measures that share one point do not compare each other's deadlines."""
        l_rows = np.flatnonzero(self.local_sentence_measure == local_index)
        t_rows = np.flatnonzero(self.template_sentence_measure == template_index)
        if not len(t_rows) or not len(l_rows):
            return []
        best = self.best_template_sentence[l_rows]
        return [(int(b - t_rows[0]), int(i)) for i, b in enumerate(best)
                if b >= 0 and self.template_sentence_measure[b] == template_index
                and self.best_similarity[l_rows[i]] >= SENTENCE_MATCH]


def _pair_scores(n_template: int, n_local: int, local_part, template_part, clause_part,
                 local_total: np.ndarray, template_total: np.ndarray) -> PairScores:
    """PairScores from (template measure, local measure, value) triples: the weights attributed summed
    per pair and divided by the local (A) or template (B) measure's total, capped at 1; the clause share
    the largest per pair. Pairs whose score is 0 are no link."""
    keys = [t.astype(np.int64) * n_local + l for t, l, _ in (local_part, template_part, clause_part)]
    pairs = sorted_distinct(np.concatenate(keys)) if any(len(k) for k in keys) else np.zeros(0, np.int64)
    shares = []
    for key, (_, _, value), accumulate in zip(keys, (local_part, template_part, clause_part),
                                              (np.add.at, np.add.at, np.maximum.at)):
        share = np.zeros(len(pairs))
        accumulate(share, np.searchsorted(pairs, key), value)
        shares.append(share)
    template, local = pairs // max(n_local, 1), pairs % max(n_local, 1)
    scores = PairScores(n_template, n_local, template, local, np.minimum(shares[0] / local_total[local], 1.0),
                        np.minimum(shares[1] / template_total[template], 1.0), shares[2])
    linked = scores.score > 0
    if not linked.all():
        for field in ("template", "local", "local_share", "template_share", "clause_share"):
            setattr(scores, field, getattr(scores, field)[linked])
    return scores


@dataclass
class _Matches:
    """Pairs (local unit, template unit) whose cosine similarity reaches a threshold, as arrays sorted by
    local unit. Pairs below it can never be attributed, so they are dropped as soon as they are computed,
    and so are pairs that are neither their local unit's best nor their template unit's best."""

    row: np.ndarray
    column: np.ndarray
    value: np.ndarray


def _matches(template: TemplateUnits, locals_: Sequence[LocalUnits], template_weight: np.ndarray,
             threshold: float) -> _Matches:
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
    block = max(1, BLOCK_CELLS // max(len(template.measure), 1))
    starts = np.arange(0, rows, block)
    entry_bounds = np.searchsorted(entry_row, np.append(starts, rows))  # entries are sorted by unit
    kept_row, kept_column, kept_value = [], [], []
    for index, first in enumerate(starts):
        last = min(first + block, rows)
        lo, hi = entry_bounds[index], entry_bounds[index + 1]
        # Σ idf over the grams each pair shares, as CSR (row pointer, template unit, value)
        indptr, indices, data = _overlap(template, entry_row[lo:hi] - first, entry_column[lo:hi], entry_idf[lo:hi],
                                         int(last - first), len(locals_))
        row = np.repeat(np.arange(first, last), np.diff(indptr))
        denominator = local_root[row] * template_root[plan_of_row[row], indices]
        keep = np.flatnonzero(data >= threshold * denominator)
        row, column, value = row[keep], indices[keep].astype(np.int64), data[keep] / denominator[keep]
        # Attribution only ever takes each local unit's best pair and each template unit's best pair in
        # each plan: the others are dropped here, or near-identical measures keep n × n pairs.
        best = np.union1d(_first_per_group(row, value, column),
                          _first_per_group(plan_of_row[row] * len(template.measure) + column, value, row))
        kept_row.append(row[best])
        kept_column.append(column[best])
        kept_value.append(value[best])
    if not kept_row:
        return _Matches(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
    return _Matches(np.concatenate(kept_row), np.concatenate(kept_column), np.concatenate(kept_value))


def _overlap(template: TemplateUnits, entry_row: np.ndarray, entry_column: np.ndarray, entry_idf: np.ndarray,
             rows: int, plans: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    units = len(template.measure)
    if not units or not rows:
        return np.zeros(rows + 1, np.int64), np.zeros(0, np.int64), np.zeros(0)
    if plans == 1 and rows * units <= JOIN_MAX_CELLS:
        # Each local entry meets every template unit holding its gram.
        start, stop = template.column_start[entry_column], template.column_start[entry_column + 1]
        count = stop - start
        entry = np.repeat(np.arange(len(entry_column)), count)
        offset = np.arange(len(entry)) - np.repeat(np.cumsum(count) - count, count)
        unit = template.units_by_column[np.repeat(start, count) + offset]
        cells = np.bincount(entry_row[entry] * units + unit, weights=entry_idf[entry], minlength=rows * units)
        nonzero = np.flatnonzero(cells)
        return np.searchsorted(nonzero // units, np.arange(rows + 1)), nonzero % units, cells[nonzero]
    require("scipy.sparse", "compare", "scoring several plans at once (compare) or one very large plan")
    import scipy.sparse

    matrix = scipy.sparse.csr_matrix((entry_idf, (entry_row, entry_column)), shape=(rows, template.columns))
    overlap = (matrix @ template.matrix().T).tocsr()
    return overlap.indptr, overlap.indices, overlap.data


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
    """Index of the best match in each group: highest value, then lowest `tie`."""
    if not len(group):
        return np.zeros(0, np.int64)
    order = np.lexsort((tie, -value, group))
    sorted_group = group[order]
    return order[np.r_[True, sorted_group[1:] != sorted_group[:-1]]]


def score_batch(index: TemplateIndex, plans: Sequence[PlanGrams], keep_detail: bool = False) -> list[PairScores]:
    """Score every template measure against every measure of each local plan (a plan's result does not
    depend on the other plans in the batch)."""
    n_plans = len(plans)
    sentence_counts = np.array([len(plan.sentences.measure) for plan in plans], dtype=np.int64)
    clause_counts = np.array([len(plan.clauses.measure) for plan in plans], dtype=np.int64)
    sentence_offsets = np.concatenate([[0], np.cumsum(sentence_counts)])
    clause_offsets = np.concatenate([[0], np.cumsum(clause_counts)])
    n_template_sentences = len(index.sentences.measure)
    t_weight = _template_weights(index.sentences, plans)
    sims = _matches(index.sentences, [plan.sentences for plan in plans], t_weight, SENTENCE_MATCH)
    clause_sims = _matches(index.clauses, [plan.clauses for plan in plans], _template_weights(index.clauses, plans),
                           CLAUSE_MATCH)
    sentence_plan = np.repeat(np.arange(n_plans), sentence_counts)
    # Step 3: each local sentence → its best template sentence; each template sentence → its best local
    # sentence in each plan; each local clause → its best template clause.
    by_row = _first_per_group(sims.row, sims.value, sims.column)
    by_column = _first_per_group(sentence_plan[sims.row] * n_template_sentences + sims.column, sims.value, sims.row)
    by_column = by_column[np.argsort(sims.row[by_column], kind="stable")]
    by_clause = _first_per_group(clause_sims.row, clause_sims.value, clause_sims.column)
    row_bounds = np.searchsorted(sims.row[by_row], sentence_offsets)
    column_bounds = np.searchsorted(sims.row[by_column], sentence_offsets)
    clause_bounds = np.searchsorted(clause_sims.row[by_clause], clause_offsets)
    results = []
    for p, plan in enumerate(plans):
        n_local, s0 = plan.measures, sentence_offsets[p]
        local_measure, local_weight = plan.sentences.measure, plan.sentences.weight
        local_total = np.bincount(local_measure, weights=local_weight, minlength=n_local)
        local_total = np.where(local_total > 0, local_total, 1.0)
        template_total = np.bincount(index.sentences.measure, weights=t_weight[:, p], minlength=index.measures)
        template_total = np.where(template_total > 0, template_total, 1.0)

        chosen = by_row[row_bounds[p]:row_bounds[p + 1]]
        l_rows = sims.row[chosen] - s0
        l_measures = local_measure[l_rows]
        local_part = (index.sentences.measure[sims.column[chosen]], l_measures, local_weight[l_rows])

        chosen = by_column[column_bounds[p]:column_bounds[p + 1]]
        t_units, l_rows = sims.column[chosen], sims.row[chosen] - s0
        t_measures = index.sentences.measure[t_units]
        template_part = (t_measures, local_measure[l_rows], t_weight[t_units, p])

        chosen = by_clause[clause_bounds[p]:clause_bounds[p + 1]]
        c_rows = clause_sims.row[chosen] - clause_offsets[p]
        clause_measure = plan.clauses.measure[c_rows]
        clause_part = (index.clauses.measure[clause_sims.column[chosen]], clause_measure,
                       np.minimum(plan.clauses.weight[c_rows] / local_total[clause_measure], 1.0))
        scores = _pair_scores(index.measures, n_local, local_part, template_part, clause_part,
                              local_total, template_total)
        if keep_detail:
            # by_row holds each local sentence's best template sentence (highest similarity, then first).
            chosen = by_row[row_bounds[p]:row_bounds[p + 1]]
            best = np.full(len(local_measure), -1, np.int64)
            similarity = np.zeros(len(local_measure))
            best[sims.row[chosen] - s0] = sims.column[chosen]
            similarity[sims.row[chosen] - s0] = sims.value[chosen]
            scores.best_template_sentence, scores.best_similarity = best, similarity
            scores.template_sentence_measure = index.sentences.measure
            scores.local_sentence_measure = local_measure
        results.append(scores)
    return results


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

