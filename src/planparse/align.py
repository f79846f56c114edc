"""Plan × Plan → alignment: which local measures carry which template measures, and what they changed.

Pure (no I/O, no printing, no randomness). How a link is found:

1. Each measure's text, without its 牵头单位/参加单位/责任单位 lines, is cut into sentences (at 。；！？ and
   line ends) and clauses (also at ，). Text is compared without punctuation, spaces or width
   differences, with two OCR slips of web copies folded (`+` read as 十, 〔 read as C), so a web copy
   that strips commas and brackets matches its source.
2. Sentences and clauses are sets of character 2- and 3-grams, each weighted by its inverse document
   frequency over the measures of the template and the local plan (idf = ln((N+1)/df)): 证照分离 or
   行政复议委员会 weigh far more than 健全 or 加强. Grams in more than STOP_SHARE of the template's
   measures (法治政府, 推进, 机制 …) are left out altogether. Two units' similarity is Σ idf of the grams
   they share / √(Σ idf of the first's grams · Σ idf of the second's): a cosine of idf-weighted sets.
3. Attribution, per local plan: each local sentence goes to its most similar template sentence (if the
   similarity reaches SENTENCE_MATCH), and each template sentence to its most similar local sentence.
   A(T, L) is the share of L's weight whose sentences went to T; B(T, L) the share of T's weight that
   went to L. A local clause whose most similar template clause reaches CLAUSE_MATCH also links its
   measure to that clause's measure (one shared policy point inside a sentence about something else).
4. Every (T, L) with any attribution is a link, so a split (T → several L) and a merge (several T → L)
   are reported as such. Its score is max(A, B, share of L in the matching clause); the link is `full`
   when the score reaches FULL_SHARE (L restates T, or a part of T, or T is restated inside L), else
   `partial` (one shared point).

Everything is numpy over integer n-gram ids (scipy's sparse product only for large batches); pairs
below a threshold are dropped as soon as they are computed. `compare` scores thousands of plans in batches and gets for
each exactly what `diff` gets for it alone: corpus statistics are those of the template and that plan.
jieba is imported only for the word-level diff (`word_diff`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from .fields.units import assignment_line
from .models import Deadline, Measure, Target

# Thresholds, chosen on the two hand-checked gold alignments (tests/gold/) and checked on the Nanyang
# 2022 ↔ 2025 web copy and on unrelated texts. Cosines of idf-weighted 2–3-gram sets.
SENTENCE_MATCH = 0.16
CLAUSE_MATCH = 0.6
FULL_SHARE = 0.3
# A gram in more than this share of the template's measures (and more than STOP_MIN of them) is a
# stop-gram, left out on both sides: it says nothing about which measure is which (推进, 机制, 法治政府),
# and it is most of the work of the sparse products.
STOP_SHARE = 0.2
STOP_MIN = 3
# A clause shorter than this (after punctuation is removed) is too generic to be evidence on its own.
MIN_CLAUSE_CHARS = 6
# A wording change longer than this on either side is a rewritten passage, not an edit of wording…
MAX_WORDING_CHARS = 24
# …and one without this much unchanged text (letters and digits) on each side is not inside shared text:
# in a reworded sentence, a lone shared 的 or 和 between two changes is chance, not context.
MIN_WORDING_CONTEXT = 6

# The marks that end a clause. Commas end clauses: "…规划，强化“谁执法谁普法”普法责任制，推行…"; the
# others (。；！？ in either width, or a line end) also end sentences: "…协作机制。构建简约高效的…".
_SEPARATOR = re.compile(r"([,，]|[。;；!！?？\n]+)")
# What `cut` drops before splitting: everything but letters, digits and those marks.
_NOT_WORD_NOR_SEPARATOR = re.compile(r"[^\w,，。;；!！?？\n]+|_+")
# OCR of web copies reads "+" as 十 where no numeral is next to it: "互联网十监管", "企业开办十N项服务".
_OCR_PLUS = re.compile(r"(?<![一二三四五六七八九十百千万两零〇])十(?![一二三四五六七八九十百千万两零〇])")
# …and 〔 of a document number as C: "豫办C2020〕23号" for 豫办〔2020〕23号.
_OCR_BRACKET = re.compile(r"(?<=[\u4e00-\u9fff])C(?=(?:19|20)\d\d〕)")
# Everything that is not a letter or digit: punctuation, spaces, symbols (the web copy drops most of them).
_NOT_WORD = re.compile(r"[\W_]+")

_NUMERALS = frozenset("一二三四五六七八九十百千万两零〇")
# Full-width letters and digits (２０２２年, ＰＰＰ) to ASCII: the width folding of NFKC that matters here
# (punctuation is dropped anyway), at a fraction of its cost.
_FULL_WIDTH_WORD = re.compile("[０-９Ａ-Ｚａ-ｚ]")
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# Unicode code points fit in 21 bits, so a 3-gram of code points fits in an int64 id.
_BASE = 0x110000


# ---------------------------------------------------------------------------------------------------
# Text units


def comparable(text: str) -> str:
    """The text as compared: width-folded, OCR slips folded, only letters and digits left."""
    return _NOT_WORD.sub("", _folded(text))


def _folded(text: str) -> str:
    if _FULL_WIDTH_WORD.search(text):
        text = text.translate(_WIDTH)
    if "十" in text:  # (the look-arounds are slow; most measures have no 十)
        text = _OCR_PLUS.sub("+", text)
    if "C" in text:
        text = _OCR_BRACKET.sub("〔", text)
    return text


def measure_body(measure: Measure) -> str:
    """The measure's text without its responsibility lines (they name units, not policy)."""
    return "\n".join(line for line in measure.text.split("\n") if not assignment_line(line))  # 牵头单位：… lines


def cut(body: str) -> tuple[list[str], list[str]]:
    """(sentences, clauses) of a measure body, comparable. The first sentence (usually the measure's title,
    which names a topic in words every plan repeats) is joined to the next one, so that a title alone
    never links two measures. Clauses shorter than MIN_CLAUSE_CHARS are dropped."""
    parts = _SEPARATOR.split(_NOT_WORD_NOR_SEPARATOR.sub("", _folded(body)))
    sentence_list, clause_list, current = [], [], []
    # parts alternate: piece, separator, piece, …, piece
    for position in range(0, len(parts), 2):
        piece = parts[position]
        if len(piece) >= MIN_CLAUSE_CHARS:
            clause_list.append(piece)
        current.append(piece)
        separator = parts[position + 1] if position + 1 < len(parts) else "。"
        if separator not in (",", "，"):
            sentence = "".join(current)
            if len(sentence) >= 2:
                sentence_list.append(sentence)
            current = []
    if len(sentence_list) > 1:
        sentence_list[:2] = [sentence_list[0] + sentence_list[1]]
    return sentence_list, clause_list


def sentences(body: str) -> list[str]:
    return cut(body)[0]


def clauses(body: str) -> list[str]:
    return cut(body)[1]


@dataclass
class MeasureUnits:
    """A plan's measures cut into comparable units: what alignment needs from a plan."""

    keys: list  # measure number, or label when unnumbered
    sentences: list[list[str]]
    clauses: list[list[str]]

    @classmethod
    def of(cls, measures: Sequence[Measure]) -> "MeasureUnits":
        cuts = [cut(measure_body(measure)) for measure in measures]
        return cls([measure_key(measure, i) for i, measure in enumerate(measures)],
                   [sentence_list for sentence_list, _ in cuts], [clause_list for _, clause_list in cuts])


def measure_key(measure: Measure, index: int):
    if measure.number is not None:
        return measure.number
    return measure.label or measure.marker.strip() or f"#{index + 1}"


def _grams(units: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct character 2- and 3-grams of each unit: (unit index, gram index) pairs sorted by unit, and
    the sorted gram ids the gram indices point into."""
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
    key = _distinct(unit * len(distinct) + index)
    return key // len(distinct), key % len(distinct), distinct


def _starts_of_runs(ordered: np.ndarray) -> np.ndarray:
    new = np.empty(len(ordered), bool)
    if len(ordered):
        new[0] = True
        np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    return new


def _distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (np.unique, but by sorting: several times faster on int64 here)."""
    ordered = np.sort(values)
    return ordered[_starts_of_runs(ordered)]


# ---------------------------------------------------------------------------------------------------
# The template side


@dataclass
class _TemplateUnits:
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
           log_df: np.ndarray) -> "_TemplateUnits":
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
    sentences: _TemplateUnits
    clauses: _TemplateUnits

    @classmethod
    def of(cls, units: MeasureUnits) -> "TemplateIndex":
        sentence_measure, clause_measure, n_sentences, unit, gram, distinct, df, split, n = _unit_grams(units)
        # Stop-grams are counted over distinct measures: four copies of one measure are one measure, and their
        # grams say which measure it is (counted four times, every gram of it would be a stop-gram).
        first_copy = _first_copies(units.sentences)
        distinct_df = np.bincount(_distinct(first_copy[sentence_measure[unit[:split]]] * n + gram[:split]) % n,
                                  minlength=len(distinct))
        stop = distinct_df > max(STOP_SHARE * len(set(first_copy.tolist())), STOP_MIN)
        column = np.where(stop, -2, np.cumsum(~stop) - 1)
        columns = int((~stop).sum())
        df_column = df[~stop].astype(np.float64)
        log_df = _exact(np.log(np.maximum(df_column, 1.0)))

        def side(part: slice, first: int, measure: np.ndarray) -> _TemplateUnits:
            cols = column[gram[part]]
            keep = cols >= 0
            return _TemplateUnits.of(measure, unit[part][keep] - first, cols[keep], columns, log_df)

        return cls(len(units.keys), distinct, column, df_column,
                   side(slice(0, split), 0, sentence_measure),
                   side(slice(split, len(unit)), n_sentences, clause_measure))


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
class _LocalUnits:
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
    sentences: _LocalUnits
    clauses: _LocalUnits
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
    df = np.bincount(_distinct(sentence_measure[unit[:split]] * n + gram[:split]) % n, minlength=len(distinct))
    return sentence_measure, clause_measure, n_sentences, unit, gram, distinct, df, split, n


def plan_grams(index: TemplateIndex, units: MeasureUnits) -> PlanGrams:
    """idf_p(g) = ln((N + 1) / (df_T(g) + df_L(g))) over the measures of the template and this plan, for
    every gram of the plan; stop-grams of the template are left out on both sides."""
    sentence_measure, clause_measure, n_sentences, unit, gram, distinct, df_local, split, n = _unit_grams(units)
    df_local = df_local.astype(np.float64)
    position = np.minimum(np.searchsorted(index.grams, distinct), max(len(index.grams) - 1, 0))
    found = index.grams[position] == distinct if len(index.grams) else np.zeros(len(distinct), bool)
    column = np.where(found, index.column[position] if len(index.grams) else -1, -1)
    shared = column >= 0
    df_template = np.zeros(len(distinct))
    df_template[shared] = index.df[column[shared]]
    index_log_df = _exact(np.log(df_template[shared]))
    log_n = float(_exact(np.log(index.measures + len(units.keys) + 1.0)))
    idf = _exact(log_n - np.log(df_template + df_local))
    idf[column == -2] = 0.0

    def side(first: int, count: int, measure: np.ndarray) -> _LocalUnits:
        mine = slice(0, split) if first == 0 else slice(split, len(unit))
        rows, grams = unit[mine] - first, gram[mine]
        weight = np.bincount(rows, weights=idf[grams], minlength=count)
        keep = shared[grams]
        # int32 indices: half the bytes to send back from a worker process
        return _LocalUnits(measure.astype(np.int32), weight, rows[keep].astype(np.int32),
                           column[grams[keep]].astype(np.int32), idf[grams[keep]])

    return PlanGrams(len(units.keys), log_n, side(0, n_sentences, sentence_measure),
                     side(n_sentences, len(clause_measure), clause_measure), column[shared].astype(np.int32),
                     _exact(np.log(df_template[shared] + df_local[shared])) - index_log_df)


# ---------------------------------------------------------------------------------------------------
# Scoring a batch of local plans


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


def _pair_scores(n_template: int, n_local: int, local_part, template_part, clause_part,
                 local_total: np.ndarray, template_total: np.ndarray) -> PairScores:
    """PairScores from (template measure, local measure, value) triples: the weights attributed summed
    per pair and divided by the local (A) or template (B) measure's total, capped at 1; the clause share
    the largest per pair. Pairs whose score is 0 are no link."""
    keys = [t.astype(np.int64) * n_local + l for t, l, _ in (local_part, template_part, clause_part)]
    pairs = _distinct(np.concatenate(keys)) if any(len(k) for k in keys) else np.zeros(0, np.int64)
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


def _matches(template: _TemplateUnits, locals_: Sequence[_LocalUnits], template_weight: np.ndarray,
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


# The most (local units × template units) cells scored at once: 32 MB of float64 at most.
BLOCK_CELLS = 4_000_000


# One plan (a `diff`) is scored with a numpy join, up to this many (local units × template units)
# cells: `diff` then never imports scipy, whose import costs a fifth of a second. Batches of plans
# (`compare`), and huge plans, use scipy's sparse product, several times faster on them.
JOIN_MAX_CELLS = 20_000_000


def _overlap(template: _TemplateUnits, entry_row: np.ndarray, entry_column: np.ndarray, entry_idf: np.ndarray,
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
    import scipy.sparse

    matrix = scipy.sparse.csr_matrix((entry_idf, (entry_row, entry_column)), shape=(rows, template.columns))
    overlap = (matrix @ template.matrix().T).tocsr()
    return overlap.indptr, overlap.indices, overlap.data


def _template_weights(template: _TemplateUnits, plans: Sequence[PlanGrams]) -> np.ndarray:
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


# ---------------------------------------------------------------------------------------------------
# Changes inside a linked pair


@dataclass(frozen=True)
class FoundChange:
    field: str
    before: str | None
    after: str | None


def restated_sentences(scores: PairScores, template_index: int, local_index: int) -> list[tuple[int, int]]:
    """(template sentence, local sentence) positions, within the two measures, that restate each other:
    the local measure's sentences attributed (step 3) to a sentence of the template measure. Their
    deadlines and targets are compared; a sentence attributed elsewhere is not, so two measures that
    share one point do not compare each other's deadlines."""
    l_rows = np.flatnonzero(scores.local_sentence_measure == local_index)
    t_rows = np.flatnonzero(scores.template_sentence_measure == template_index)
    if not len(t_rows) or not len(l_rows):
        return []
    best = scores.best_template_sentence[l_rows]
    return [(int(b - t_rows[0]), int(i)) for i, b in enumerate(best)
            if b >= 0 and scores.template_sentence_measure[b] == template_index
            and scores.best_similarity[l_rows[i]] >= SENTENCE_MATCH]


def _where(items, sentences_of_measure: list[str], text_of) -> dict[int, list]:
    """Items (deadlines, targets) by the position of the sentence that holds them."""
    found: dict[int, list] = {}
    for item in items:
        key = comparable(text_of(item))
        for position, sentence in enumerate(sentences_of_measure):
            if key and key in sentence:
                found.setdefault(position, []).append(item)
                break
    return found


def _changed(before: list, after: list, same, similar) -> list[tuple[object | None, object | None]]:
    """Changed (before, after) pairs between two item lists: equal items drop out, then similar items pair
    in order; the rest are removals (after None) or additions (before None)."""
    remaining_before = [item for item in before if not any(same(item, other) for other in after)]
    remaining_after = [item for item in after if not any(same(other, item) for other in before)]
    pairs: list[tuple[object | None, object | None]] = []
    for item in list(remaining_before):
        partner = next((other for other in remaining_after if similar(item, other)), None)
        if partner is not None:
            pairs.append((item, partner))
            remaining_before.remove(item)
            remaining_after.remove(partner)
    pairs += [(item, None) for item in remaining_before]
    pairs += [(None, item) for item in remaining_after]
    return pairs


def _same_deadline(a: Deadline, b: Deadline) -> bool:
    return (a.date is not None and a.date == b.date) or comparable(a.text) == comparable(b.text)


def _same_target(a: Target, b: Target) -> bool:
    return a.value == b.value and a.unit == b.unit


def field_changes(template: Measure, local: Measure, template_sentences: list[str], local_sentences: list[str],
                  restated: list[tuple[int, int]]) -> list[FoundChange]:
    """Deadlines and numeric targets changed in restated sentences; units added or removed per role
    (compared only when the template measure names units: a template that names none has nothing to change)."""
    found: list[FoundChange] = []
    by_template_sentence: dict[int, list[int]] = {}
    for t_pos, l_pos in restated:
        by_template_sentence.setdefault(t_pos, []).append(l_pos)
    for name, items_of, same, similar in (
            ("deadline", lambda m: m.deadlines, _same_deadline, lambda a, b: True),
            ("target", lambda m: m.targets, _same_target, lambda a, b: a.unit == b.unit)):
        t_items = _where(items_of(template), template_sentences, lambda item: item.text)
        l_items = _where(items_of(local), local_sentences, lambda item: item.text)
        for t_pos in sorted(by_template_sentence):
            after = [item for l_pos in by_template_sentence[t_pos] for item in l_items.get(l_pos, [])]
            for before_item, after_item in _changed(t_items.get(t_pos, []), after, same, similar):
                found.append(FoundChange(name, before_item.text if before_item else None,
                                         after_item.text if after_item else None))
    roles = ("lead_units", "participating_units", "responsible_units")
    if any(getattr(template, role) for role in roles):
        for role in roles:
            before = [unit.strip() for unit in getattr(template, role)]
            after = [unit.strip() for unit in getattr(local, role)]
            found += [FoundChange(role, unit, None) for unit in before if unit not in after]
            found += [FoundChange(role, None, unit) for unit in after if unit not in before]
    return found


# ---------------------------------------------------------------------------------------------------
# Word-level diff (jieba, imported only here)


@dataclass(frozen=True)
class WordRun:
    op: str  # equal / delete / insert / replace
    template: str  # the run in the template's original text (punctuation kept)
    local: str


def _keyed(text: str) -> tuple[str, list[int]]:
    """The comparable form of `text` character by character, with the source index of each character."""
    text_nfkc = text.translate(_WIDTH)
    key: list[str] = []
    origin: list[int] = []
    for i, folded in enumerate(text_nfkc):
        if text[i] == "十" and not (i > 0 and text[i - 1] in _NUMERALS) and not (
                i + 1 < len(text) and text[i + 1] in _NUMERALS):
            continue  # an OCR'd "+", dropped like the symbol it stands for
        if text[i] == "C" and i > 0 and "\u4e00" <= text[i - 1] <= "\u9fff" and _OCR_BRACKET.match(text, i):
            continue
        for char in _NOT_WORD.sub("", folded):
            key.append(char)
            origin.append(i)
    return "".join(key), origin


def _words(key: str) -> list[str]:
    import jieba  # lazily: loading its dictionary takes most of a second

    jieba.setLogLevel(60)
    return jieba.lcut(key, HMM=False)


def word_diff(template_text: str, local_text: str) -> list[WordRun]:
    """Word-level diff (jieba word boundaries) of two measure texts, compared without punctuation, so
    that a copy which drops commas and brackets shows only its changes of wording. The runs' texts are
    spans of the original texts: joined, each side gives back its text exactly."""
    t_key, t_origin = _keyed(template_text)
    l_key, l_origin = _keyed(local_text)
    t_words, l_words = _words(t_key), _words(l_key)
    t_starts = _starts(t_words, t_origin, len(template_text))
    l_starts = _starts(l_words, l_origin, len(local_text))
    matcher = difflib.SequenceMatcher(None, t_words, l_words, autojunk=False)
    runs = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        t_span = template_text[t_starts[i1] if i1 else 0:t_starts[i2]]
        l_span = local_text[l_starts[j1] if j1 else 0:l_starts[j2]]
        runs.append(WordRun(op, t_span, l_span))
    return runs


def _starts(words: list[str], origin: list[int], length: int) -> list[int]:
    """Source index where each word starts, plus the text's length at the end."""
    starts, position = [], 0
    for word in words:
        starts.append(origin[position])
        position += len(word)
    return starts + [length]


_EDGE = "，,。；;：:、 \n\t"


def wording_changes(runs: list[WordRun]) -> list[FoundChange]:
    """Edits of wording inside shared text: changed runs with equal text on both sides, short enough to be
    an edit and not a rewritten passage."""
    found = []
    for position, run in enumerate(runs):
        if run.op == "equal" or not (0 < position < len(runs) - 1):
            continue
        before_run, after_run = runs[position - 1], runs[position + 1]
        if before_run.op != "equal" or after_run.op != "equal":
            continue
        if min(len(comparable(before_run.local)), len(comparable(after_run.local))) < MIN_WORDING_CONTEXT:
            continue
        before, after = run.template.strip(_EDGE), run.local.strip(_EDGE)
        if len(before) > MAX_WORDING_CHARS or len(after) > MAX_WORDING_CHARS:
            continue
        found.append(FoundChange("wording", before or None, after or None))
    return found
