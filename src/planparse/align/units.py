"""The units of comparison: a measure's text in comparable form, cut into sentences and clauses.

A measure's text, without its 牵头单位/参加单位/责任单位 lines, is cut into sentences (at 。；！？ and line
ends) and clauses (also at ，). Text is compared without punctuation, spaces or width differences, with
two OCR slips of web copies folded (`+` read as 十, 〔 read as C), so a web copy that strips commas and
brackets matches its source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..fields.units import assignment_line
from ..models import Measure
from ..patterns import lazy_pattern

# A clause shorter than this (after punctuation is removed) is too generic to be evidence on its own.
MIN_CLAUSE_CHARS = 6

# The marks that end a clause. Commas end clauses: "…规划，强化“谁执法谁普法”普法责任制，推行…"; the
# others (。；！？ in either width, or a line end) also end sentences: "…协作机制。构建简约高效的…".
_SEPARATOR = lazy_pattern(r"([,，]|[。;；!！?？\n]+)")
# What `cut` drops before splitting: everything but letters, digits and those marks.
_NOT_WORD_NOR_SEPARATOR = lazy_pattern(r"[^\w,，。;；!！?？\n]+|_+")
# OCR of web copies reads "+" as 十 where no numeral is next to it: "互联网十监管", "企业开办十N项服务".
_OCR_PLUS = lazy_pattern(r"(?<![一二三四五六七八九十百千万两零〇])十(?![一二三四五六七八九十百千万两零〇])")
# …and 〔 of a document number as C: "豫办C2020〕23号" for 豫办〔2020〕23号.
_OCR_BRACKET = lazy_pattern(r"(?<=[\u4e00-\u9fff])C(?=(?:19|20)\d\d〕)")
# Everything that is not a letter or digit: punctuation, spaces, symbols (the web copy drops most of them).
_NOT_WORD = lazy_pattern(r"[\W_]+")

_NUMERALS = frozenset("一二三四五六七八九十百千万两零〇")
# Full-width letters and digits (２０２２年, ＰＰＰ) to ASCII: the width folding of NFKC that matters here
# (punctuation is dropped anyway), at a fraction of its cost.
_FULL_WIDTH_WORD = lazy_pattern("[０-９Ａ-Ｚａ-ｚ]")
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def comparable(text: str) -> str:
    """The text as compared: width-folded, OCR slips folded, only letters and digits left."""
    return _NOT_WORD.sub("", folded(text))


def folded(text: str) -> str:
    """The text width-folded with the OCR slips folded, punctuation kept: what comparable() strips further,
    and how a change's context is shown."""
    if _FULL_WIDTH_WORD.search(text):
        text = text.translate(_WIDTH)
    if "十" in text:  # (the look-arounds are slow; most measures have no 十)
        text = _OCR_PLUS.sub("+", text)
    if "C" in text:
        text = _OCR_BRACKET.sub("〔", text)
    return text


def comparable_with_origins(text: str) -> tuple[str, list[int]]:
    """`comparable(text)` character by character, with the index in `text` each character comes from
    (what a word diff of comparable texts needs to cut the original texts)."""
    text_nfkc = text.translate(_WIDTH)
    key: list[str] = []
    origin: list[int] = []
    for i, wide_folded in enumerate(text_nfkc):
        if text[i] == "十" and not (i > 0 and text[i - 1] in _NUMERALS) and not (
                i + 1 < len(text) and text[i + 1] in _NUMERALS):
            continue  # an OCR'd "+", dropped like the symbol it stands for
        if text[i] == "C" and i > 0 and "\u4e00" <= text[i - 1] <= "\u9fff" and _OCR_BRACKET.match(text, i):
            continue
        for char in _NOT_WORD.sub("", wide_folded):
            key.append(char)
            origin.append(i)
    return "".join(key), origin


def measure_body(measure: Measure) -> str:
    """The measure's text without its responsibility lines (they name units, not policy)."""
    return "\n".join(line for line in measure.text.split("\n") if not assignment_line(line))  # 牵头单位：… lines


def cut(body: str) -> tuple[list[str], list[str]]:
    """(sentences, clauses) of a measure body, comparable. The first sentence (usually the measure's title,
    which names a topic in words every plan repeats) is joined to the next one, so that a title alone
    never links two measures. Clauses shorter than MIN_CLAUSE_CHARS are dropped."""
    parts = _SEPARATOR.split(_NOT_WORD_NOR_SEPARATOR.sub("", folded(body)))
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


def written_sentences(body: str) -> list[str]:
    """The sentences of `cut(body)` as written (punctuation kept, width and OCR slips folded): the same
    number, in the same order, so that a change found in a comparable sentence is shown in its own words.
    Between two sentence ends `cut` sees one separator where the text has punctuation only: that makes an
    empty sentence here, dropped as `cut` drops it."""
    parts = _SEPARATOR.split(folded(body))
    sentence_list: list[str] = []
    current: list[str] = []
    for position in range(0, len(parts), 2):
        separator = parts[position + 1] if position + 1 < len(parts) else "。"
        current.append(parts[position])
        if separator in (",", "，"):
            current.append(separator)
            continue
        written = "".join(current).strip()
        if len(_NOT_WORD_NOR_SEPARATOR.sub("", "".join(current)).replace(",", "").replace("，", "")) >= 2:
            sentence_list.append(written + separator.strip())
        current = []
    if len(sentence_list) > 1:
        sentence_list[:2] = [sentence_list[0] + sentence_list[1]]
    return sentence_list


@dataclass
class MeasureUnits:
    """A plan's measures cut into comparable units, in document order: what scoring needs from a plan."""

    sentences: list[list[str]]
    clauses: list[list[str]]

    @classmethod
    def of(cls, measures: Sequence[Measure]) -> MeasureUnits:
        cuts = [cut(measure_body(measure)) for measure in measures]
        return cls([sentence_list for sentence_list, _ in cuts], [clause_list for _, clause_list in cuts])

    @property
    def measures(self) -> int:
        return len(self.sentences)
