"""The character-gram index: sentences and clauses as sets of character 2- and 3-grams, weighted by rarity.

Each gram is weighted by its inverse document frequency over the measures of the template and the local
plan (idf = ln((N+1)/df)): 证照分离 or 行政复议委员会 weigh far more than 健全 or 加强. Grams in more than
STOP_SHARE of the template's measures (法治政府, 推进, 机制 …) are left out altogether. The template's side
(TemplateIndex) is built once and reused against every local plan; a local plan's side (PlanGrams) holds
its grams weighted with the statistics of the pair, so `compare` gets for each plan exactly what `diff`
gets for it alone. Everything is numpy over integer gram ids.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from .units import MeasureUnits

# A gram in more than this share of the template's measures (and more than STOP_MIN of them) is a
# stop-gram, left out on both sides: it says nothing about which measure is which (推进, 机制, 法治政府),
# and it is most of the work of the sparse products.
STOP_SHARE = 0.2
STOP_MIN = 3
# Unicode code points fit in 21 bits, so a 3-gram of code points fits in an int64 id.
_BASE = 0x110000


def _grams(units: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct character 2- and 3-grams of each unit: (unit index, gram index) pairs sorted by unit, and
    the sorted gram ids the gram indices point into. A unit found again (a clause that is its whole sentence,
    a measure repeated) is cut once: its pairs are copied."""
    distinct_units = list(dict.fromkeys(units))
    if len(distinct_units) < len(units):
        unit, gram, distinct = _distinct_grams(distinct_units)
        position = {text: k for k, text in enumerate(distinct_units)}
        copied = np.array([position[text] for text in units], dtype=np.int64)
        bounds = np.searchsorted(unit, np.arange(len(distinct_units) + 1))
        count = np.diff(bounds)[copied]
        pair = np.repeat(bounds[:-1][copied] - (np.cumsum(count) - count), count) + np.arange(count.sum())
        return np.repeat(np.arange(len(units)), count), gram[pair], distinct
    return _distinct_grams(units)


def _distinct_grams(units: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """_grams, every unit cut (repeated or not)."""
    if not units:
        empty = np.zeros(0, np.int64)
        return empty, empty, empty
    joined = "\0".join(units) + "\0"
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    separator = codes == 0
    unit_of = np.cumsum(separator) - separator
    inside = ~separator
    two = inside[:-1] & inside[1:]
    three = two[:-1] & inside[2:]
    bigram = codes[:-1] * _BASE + codes[1:]
    # A 3-gram id is ≥ 0x30·BASE² (only letters and digits remain), above every 2-gram id (< BASE²).
    trigram = bigram[:-1] * _BASE + codes[2:]
    unit = np.concatenate([unit_of[:-1][two], unit_of[:-2][three]])
    gram = np.concatenate([bigram[two], trigram[three]])
    if not len(gram):
        return unit, gram, gram
    order = np.argsort(gram)
    ordered = gram[order]
    new = _starts_of_runs(ordered)
    index = np.empty(len(gram), np.int64)
    index[order] = np.cumsum(new) - 1
    distinct = ordered[new]
    key = sorted_distinct(unit * len(distinct) + index)
    return key // len(distinct), key % len(distinct), distinct


def _starts_of_runs(ordered: np.ndarray) -> np.ndarray:
    new = np.empty(len(ordered), bool)
    if len(ordered):
        new[0] = True
        np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    return new


def sorted_distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (np.unique, but by sorting: several times faster on int64 here)."""
    ordered = np.sort(values)
    return ordered[_starts_of_runs(ordered)]



# ---------------------------------------------------------------------------------------------------
# The template side


@dataclass
class TemplateUnits:
    """Sentences or clauses of the template: which grams each holds (a binary units × columns matrix,
    stored both by unit and by column), with the parts of their weights that do not depend on the plan."""

    measure: np.ndarray  # measure index of each unit
    columns: int  # template gram columns
    unit_of_entry: np.ndarray  # by unit: entries (unit, column), sorted by unit
    column_of_entry: np.ndarray
    column_start: np.ndarray  # by column: the units holding column c are units_by_column[start[c]:start[c+1]]
    units_by_column: np.ndarray
    size: np.ndarray  # number of (non-stop) grams of each unit
    base: np.ndarray  # Σ ln df_T over each unit's grams (exact, see _exact)
    _matrix: object = None

    @classmethod
    def of(cls, measure: np.ndarray, rows: np.ndarray, cols: np.ndarray, columns: int,
           log_df: np.ndarray) -> TemplateUnits:
        by_column = np.lexsort((rows, cols))
        column_start = np.searchsorted(cols[by_column], np.arange(columns + 1))
        return cls(measure, columns, rows, cols, column_start, rows[by_column],
                   np.bincount(rows, minlength=len(measure)).astype(np.float64),
                   np.bincount(rows, weights=log_df[cols], minlength=len(measure)))

    def matrix(self):
        """The binary matrix as scipy CSR, for the products of large batches (scipy is imported then only)."""
        if self._matrix is None:
            import scipy.sparse

            self._matrix = scipy.sparse.csr_matrix(
                (np.ones(len(self.column_of_entry)), (self.unit_of_entry, self.column_of_entry)),
                shape=(len(self.measure), self.columns))
        return self._matrix


@dataclass
class TemplateIndex:
    """The template's units and statistics, reused against every local plan."""

    measures: int
    grams: np.ndarray  # sorted ids of every template gram
    column: np.ndarray  # per gram: its column, or -2 for a stop-gram (in too many template measures)
    df: np.ndarray  # per column: number of template measures holding the gram
    sentences: TemplateUnits
    clauses: TemplateUnits

    _measure_keys: np.ndarray | None = None
    # The units it was made of and their grams: a plan diffed with itself (the same MeasureUnits) is the local
    # side too, and plan_grams reads them here instead of counting them again.
    _own_grams: tuple[MeasureUnits, tuple] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, units: MeasureUnits) -> TemplateIndex:
        own_grams = _unit_grams(units)
        sentence_measure, clause_measure, n_sentences, unit, gram, distinct, df, split, n = own_grams
        # Stop-grams are counted over distinct measures: four copies of one measure are one measure, and their
        # grams say which measure it is (counted four times, every gram of it would be a stop-gram).
        first_copy = _first_copies(units.sentences)
        distinct_df = np.bincount(sorted_distinct(first_copy[sentence_measure[unit[:split]]] * n + gram[:split]) % n,
                                  minlength=len(distinct))
        stop = distinct_df > max(STOP_SHARE * len(set(first_copy.tolist())), STOP_MIN)
        column = np.where(stop, -2, np.cumsum(~stop) - 1)
        columns = int((~stop).sum())
        df_column = df[~stop].astype(np.float64)
        log_df = _exact(np.log(np.maximum(df_column, 1.0)))

        def side(part: slice, first: int, measure: np.ndarray) -> TemplateUnits:
            cols = column[gram[part]]
            keep = cols >= 0
            return TemplateUnits.of(measure, unit[part][keep] - first, cols[keep], columns, log_df)

        return cls(units.measures, distinct, column, df_column,
                   side(slice(0, split), 0, sentence_measure),
                   side(slice(split, len(unit)), n_sentences, clause_measure), _own_grams=(units, own_grams))


    def measure_keys(self) -> np.ndarray:
        """Sorted distinct (measure · columns + column) of the grams in each measure's sentences."""
        if self._measure_keys is None:
            units = self.sentences
            self._measure_keys = sorted_distinct(units.measure[units.unit_of_entry] * max(units.columns, 1)
                                                 + units.column_of_entry)
        return self._measure_keys

    def gram_weights(self, grams: np.ndarray) -> np.ndarray:
        """A weight for any gram ids, from the template alone: ln((N + 1) / (df + 1)), 0 for a stop-gram (for
        texts outside the measures, such as headings)."""
        position, found = _lookup(self.grams, grams)
        column = np.where(found, self.column[position] if len(self.grams) else -1, -1)
        df = np.where(column >= 0, self.df[np.maximum(column, 0)] if len(self.df) else 0, 0)
        return np.where(column == -2, 0.0, np.log((self.measures + 1) / (df + 1.0)))


def _first_copies(sentences: Sequence[Sequence[str]]) -> np.ndarray:
    """Per measure, the index of the first measure with the same sentences (itself when it is the first)."""
    first: dict[tuple[str, ...], int] = {}
    return np.array([first.setdefault(tuple(units), i) for i, units in enumerate(sentences)], dtype=np.int64)


def _exact(values):
    """Round to a multiple of 2⁻²⁴. Sums of such weights (thousands of terms of size < 10) are exact in
    float64 whatever their order, so a plan gets bit-identical scores whichever product computes them
    (numpy for one plan, scipy for a batch) and whatever batch it is in."""
    return np.round(np.asarray(values, dtype=np.float64) * 2.0**24) / 2.0**24


def _measure_of_units(per_measure: Sequence[Sequence[str]]) -> np.ndarray:
    return np.repeat(np.arange(len(per_measure)), [len(units) for units in per_measure]).astype(np.int64)

# ---------------------------------------------------------------------------------------------------
# One local plan against the template: its grams, weighted with the pair's corpus statistics


@dataclass
class LocalUnits:
    measure: np.ndarray  # measure index (in the plan) of each unit
    weight: np.ndarray  # Σ idf over the unit's grams
    entry_unit: np.ndarray  # the unit's grams that the template has: unit, template column, idf
    entry_column: np.ndarray
    entry_idf: np.ndarray


@dataclass
class PlanGrams:
    """What scoring needs of one local plan (small; computed where the plan is read)."""

    measures: int
    log_n: float  # ln(N + 1), N = template measures + local measures
    sentences: LocalUnits
    clauses: LocalUnits
    correction_column: np.ndarray  # template grams in the plan: ln(df_T + df_L) − ln(df_T)
    correction_value: np.ndarray


def _unit_grams(units: MeasureUnits):
    """The grams of every sentence and clause, and per distinct gram the number of measures whose
    sentences hold it: (sentence_measure, clause_measure, n_sentences, unit, gram, distinct, df, split, n),
    `split` the first clause pair and `n` the number of distinct grams (at least 1)."""
    sentence_measure = _measure_of_units(units.sentences)
    clause_measure = _measure_of_units(units.clauses)
    n_sentences = len(sentence_measure)
    flat = [unit for per in units.sentences for unit in per] + [unit for per in units.clauses for unit in per]
    unit, gram, distinct = _grams(flat)
    n = max(len(distinct), 1)
    split = int(np.searchsorted(unit, n_sentences))  # pairs are sorted by unit: sentences, then clauses
    df = np.bincount(sorted_distinct(sentence_measure[unit[:split]] * n + gram[:split]) % n, minlength=len(distinct))
    return sentence_measure, clause_measure, n_sentences, unit, gram, distinct, df, split, n


def plan_grams(index: TemplateIndex, units: MeasureUnits) -> PlanGrams:
    """idf_p(g) = ln((N + 1) / (df_T(g) + df_L(g))) over the measures of the template and this plan, for
    every gram of the plan; stop-grams of the template are left out on both sides."""
    own = index._own_grams
    # (read-only arrays, shared with the index when the plan is its template: nothing below writes into them)
    unit_grams = own[1] if own is not None and own[0] is units else _unit_grams(units)
    sentence_measure, clause_measure, n_sentences, unit, gram, distinct, df_local, split, _ = unit_grams
    df_local = df_local.astype(np.float64)
    position, found = _lookup(index.grams, distinct)
    column = np.where(found, index.column[position] if len(index.grams) else -1, -1)
    shared = column >= 0
    df_template = np.zeros(len(distinct))
    df_template[shared] = index.df[column[shared]]
    index_log_df = _exact(np.log(df_template[shared]))
    log_n = float(_exact(np.log(index.measures + units.measures + 1.0)))
    idf = _exact(log_n - np.log(df_template + df_local))
    idf[column == -2] = 0.0

    def side(first: int, count: int, measure: np.ndarray) -> LocalUnits:
        mine = slice(0, split) if first == 0 else slice(split, len(unit))
        rows, grams = unit[mine] - first, gram[mine]
        weight = np.bincount(rows, weights=idf[grams], minlength=count)
        keep = shared[grams]
        # int32 indices: half the bytes to send back from a worker process
        return LocalUnits(measure.astype(np.int32), weight, rows[keep].astype(np.int32),
                           column[grams[keep]].astype(np.int32), idf[grams[keep]])

    return PlanGrams(units.measures, log_n, side(0, n_sentences, sentence_measure),
                     side(n_sentences, len(clause_measure), clause_measure), column[shared].astype(np.int32),
                     _exact(np.log(df_template[shared] + df_local[shared])) - index_log_df)


class MeasureOverlap:
    """Σ idf of the grams (template measure, local measure) pairs share anywhere in the two measures'
    sentences, for one local plan (its distinct grams per measure sorted once)."""

    def __init__(self, index: TemplateIndex, plan: PlanGrams):
        units, self.columns = plan.sentences, max(index.sentences.columns, 1)
        keys, first = np.unique(units.measure[units.entry_unit].astype(np.int64) * self.columns + units.entry_column,
                                return_index=True)
        self.idf, self.column = units.entry_idf[first], keys % self.columns
        self.bounds = np.searchsorted(keys // self.columns, np.arange(plan.measures + 1))
        self.known = index.measure_keys()

    def __call__(self, template: np.ndarray, local: np.ndarray) -> np.ndarray:
        count = self.bounds[local + 1] - self.bounds[local]
        entry = np.repeat(self.bounds[local], count) + np.arange(count.sum()) - np.repeat(np.cumsum(count) - count,
                                                                                          count)
        wanted = np.repeat(template.astype(np.int64), count) * self.columns + self.column[entry]
        hit = _lookup(self.known, wanted)[1]
        pair = np.repeat(np.arange(len(local)), count)
        return np.bincount(pair[hit], weights=self.idf[entry][hit], minlength=len(local))


# A gram shared by so many titles that its pairs number at least rows × columns / this is summed as a column of a
# matrix product, not pair by pair: a product costs rows × columns multiply-adds per gram in BLAS, far cheaper
# than gathering and scattering as many pairs (4,000 titles `推进第N项…工作`: 32 → 1.2 s, 512 → 0.3 s, 2048 → 0.4 s).
# Below TITLE_PAIRS_PER_BLOCK pairs in all (a plan's few hundred titles) every gram is summed pair by pair.
TITLE_PAIRS_PER_BLOCK = 4_000_000
DENSE_GRAM_SHARE = 512
# Pairs of title entries added to a block of similarities at once: arrays of 2 MB, which the allocator reuses
# (4M pairs made arrays of 32 MB, new pages each time). Each cell gets its additions in the same order however
# the pairs are cut.
PAIRS_ADDED_AT_ONCE = 250_000
# Cells of title similarities made at once (2 MB of float64 sums, and as much of denominators, reused block
# after block): the 4,000 × 4,000 matrix of F21 made whole was 128 MB of fresh pages, faulted in and read once.
TITLE_BLOCK_CELLS = 250_000


@dataclass
class Titles:
    """Short texts (titles) as idf-weighted 2–3-gram sets, with weights from the template alone: entries
    (text, gram id, weight) sorted by gram id, and each text's Σ weight."""

    text: np.ndarray
    gram: np.ndarray
    weight: np.ndarray
    norm: np.ndarray

    @classmethod
    def of(cls, index: TemplateIndex, texts: Sequence[str]) -> Titles:
        unit, gram, distinct = _grams(list(texts))
        ids = distinct[gram] if len(gram) else gram
        weight = index.gram_weights(distinct)[gram] if len(gram) else np.zeros(0)
        order = np.argsort(ids, kind="stable")
        return cls(unit[order], ids[order], weight[order], np.bincount(unit, weights=weight, minlength=len(texts)))

    def similarity(self, other: Titles) -> np.ndarray:
        """Cosines of every text here × every text of `other`, as one matrix (similarity_rows' blocks)."""
        matrix = np.empty((len(self.norm), len(other.norm)))
        for first, block in self.similarity_rows(other):
            matrix[first:first + len(block)] = block
        return matrix

    def similarity_rows(self, other: Titles) -> Iterator[tuple[int, np.ndarray]]:
        """Cosines of every text here × every text of `other`, a block of rows at a time: (first row, block), the
        block in a buffer that the next one overwrites. Thousands of titles that all share their words
        (`推进第N项…工作`) make a 4,000 × 4,000 matrix and billions of pairs, neither ever held whole; the grams
        most of them share are then summed by a matrix product. A cell's figure does not depend on the blocks:
        its grams are added in gram order (those of the product first), the sum divided by √(norm × norm)."""
        rows, columns = len(self.norm), len(other.norm)
        common = self._product_grams(other)
        # A gram of weight 0 (a stop-gram: 推进, 工作 …: most of the pairs of F21, a fifth of its product) is left
        # out of the product and of the pairs: each cell's terms are added one after another, and adding 0 leaves
        # the sum as it was (F21's matrices and the 15 pairs' are bit for bit the same without them).
        dense = self._weighted(common)
        here, there = self._on(dense, rows, self.weight), other._on(dense, columns, None)
        paired = (self.weight != 0) & ~_lookup(common, self.gram)[1]
        # each text's entries to pair, in gram order (entries are sorted by gram, and stably by text)
        by_text = np.argsort(self.text, kind="stable")
        by_text = by_text[paired[by_text]]
        text_start = np.searchsorted(self.text[by_text], np.arange(rows + 1))
        step = max(1, TITLE_BLOCK_CELLS // max(columns, 1))
        sums, denominators = np.empty((min(step, rows), columns)), np.empty((min(step, rows), columns))
        for first in range(0, rows, step):
            last = min(first + step, rows)
            block, denominator = sums[:last - first], denominators[:last - first]
            if len(dense):
                np.matmul(here[first:last], there.T, out=block)
            else:
                block.fill(0.0)
            self._add_pairs(block.reshape(-1), by_text[text_start[first]:text_start[last]], first, other)
            np.multiply.outer(self.norm[first:last], other.norm, out=denominator)  # np.outer's products
            np.sqrt(denominator, out=denominator)
            if denominator.min(initial=np.inf) > 0:  # the usual case: no title without weight, nothing to mask
                np.divide(block, denominator, out=block)
            else:
                positive = denominator > 0
                np.divide(block, denominator, out=block, where=positive)
                block[~positive] = 0.0
            yield first, block

    def _product_grams(self, other: Titles) -> np.ndarray:
        """The grams (sorted) summed by a matrix product: those of many pairs, when there are many pairs."""
        start = np.searchsorted(self.gram, other.gram)
        count = np.searchsorted(self.gram, other.gram, side="right") - start
        rows, columns = len(self.norm), len(other.norm)
        if int(count.sum()) <= TITLE_PAIRS_PER_BLOCK:  # a plan's few hundred titles keep the one summation order
            return np.zeros(0, self.gram.dtype)
        return _common_grams(other.gram, count, rows * columns // DENSE_GRAM_SHARE)

    def _weighted(self, grams: np.ndarray) -> np.ndarray:
        """Those of `grams` (sorted) whose entries here weigh anything."""
        return sorted_distinct(self.gram[(self.weight != 0) & _lookup(grams, self.gram)[1]])

    def _add_pairs(self, flat: np.ndarray, entries: np.ndarray, first: int, other: Titles) -> None:
        """Adds to `flat` (rows from `first` × other's texts) the weight of each of `entries` (in order) once
        for each text of `other` that has its gram, PAIRS_ADDED_AT_ONCE pairs at a time."""
        columns = len(other.norm)
        start = np.searchsorted(other.gram, self.gram[entries])
        count = np.searchsorted(other.gram, self.gram[entries], side="right") - start
        ends = np.cumsum(count)
        begin = 0
        while begin < len(count):
            # entries [begin, end): at most PAIRS_ADDED_AT_ONCE pairs (one entry may exceed it alone)
            end = max(int(np.searchsorted(ends, (ends[begin - 1] if begin else 0) + PAIRS_ADDED_AT_ONCE,
                                          side="right")), begin + 1)
            block = count[begin:end]
            pair = np.repeat(start[begin:end], block) + np.arange(block.sum()) \
                - np.repeat(np.cumsum(block) - block, block)
            mine = entries[begin:end]
            np.add.at(flat, np.repeat((self.text[mine] - first) * columns, block) + other.text[pair],
                      np.repeat(self.weight[mine], block))
            begin = end

    def _on(self, grams: np.ndarray, texts: int, weight: np.ndarray | None) -> np.ndarray:
        """texts × grams: Σ of the entries' weights (or their number) of each text for each of `grams`."""
        matrix = np.zeros((texts, len(grams)))
        column = np.searchsorted(grams, self.gram)
        kept = column < len(grams)
        kept[kept] = grams[column[kept]] == self.gram[kept]
        np.add.at(matrix, (self.text[kept], column[kept]), 1.0 if weight is None else weight[kept])
        return matrix


def _lookup(ordered: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each value's position in sorted distinct `ordered` (where it would go, kept a valid index) and whether it
    is there: np.isin by bisection, with the positions (np.isin's np.unique imports numpy.ma, a hundredth of a
    second of a diff's start-up)."""
    position = np.minimum(np.searchsorted(ordered, values), max(len(ordered) - 1, 0))
    return position, (ordered[position] == values if len(ordered) else np.zeros(len(values), bool))


def _common_grams(others: np.ndarray, count: np.ndarray, pairs: int) -> np.ndarray:
    """The grams (sorted) whose pairs of entries, the other side's (`others`, sorted) × this side's (`count`
    per entry of the other side's), reach `pairs`."""
    if not len(others) or pairs <= 0:
        return np.zeros(0, others.dtype)
    gram, first = np.unique(others, return_index=True)
    per_gram = np.add.reduceat(count, first)
    return gram[per_gram >= pairs]
