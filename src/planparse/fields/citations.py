"""Cited documents: 《title》 with the 文号 that follows it, bare 文号, and masking both out of other extractors' way."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..models import DocRef
from ..patterns import lazy_pattern

# The year and number of a 文号, the part every form shares: `〔2021〕33号`, and its slips:
# `C2020〕23号` (OCR of 〔), `(2020〕`, `〔2020]`, and `中发2021〕33号` where a web copy lost the opening bracket.
# The pattern starts at the year's digits so the scan is fast; the opening bracket is looked at in code.
_DOC_CORE = lazy_pattern(r"(?P<year>[0-9]{4})\s*[〕\]］)）】]\s*(?P<seq>[0-9]{1,5})\s*号")
_DOC_OPEN = "〔[［C(（【"
# The issuer's abbreviation right before the core: `豫发`, `信平法政办`, `平法办`. Words that begin a phrase
# (`根据`, `关于`, `和`) are not part of it, so `根据豫发〔2021〕31号` gives `豫发`.
_DOC_PREFIX = lazy_pattern(r"(?:(?![的和及与或在于据照按将把对从由经向为是以等了])[\u4e00-\u9fff]){1,10}\Z")
_PREFIX_WINDOW = 10
# A 文号 right after a title's 》, in brackets or not: `》（中发〔2021〕33号，以下简称…`, `》(信平发〔2022〕8号)`,
# `》豫办C2020〕23号和《…` (a web copy that lost its brackets).
# Spaces are matched once between two tokens that are there (an optional bracket or prefix brings its own
# `\s*`): adjacent `\s*` around absent tokens would try every split of a run of spaces (O(n⁴) after a 》).
_AFTER_TITLE = lazy_pattern(
    r"\s*(?:[（(]\s*)?(?:(?P<prefix>(?:(?![的和及与或在于据照按将把对从由经向为是以等了])[\u4e00-\u9fff]){1,10}?)\s*)?"
    r"(?:[〔\[［C(（【]\s*)?(?P<year>[0-9]{4})\s*[〕\]］)）】]\s*(?P<seq>[0-9]{1,5})\s*号"
)
# A rule of a government is numbered by its order, not by a 文号: `》（政府令第57号）`, `》（市政府第16号令）`,
# `》（国务院令第 732 号）` — kept as printed, without the spaces.
_ORDER_AFTER_TITLE = lazy_pattern(
    r"\s*[（(]\s*(?P<order>[\u4e00-\u9fff]{0,12}?令\s*第\s*[0-9]{1,4}\s*号|[\u4e00-\u9fff]{0,12}?第\s*[0-9]{1,4}\s*号令)\s*[）)]")
_SPACES = lazy_pattern(r"\s+")
# The brackets of a title, which nest: `《中共中央、国务院关于印发〈法治政府建设实施纲要（2021—2025年）〉的通知》`.
_TITLE_BRACKET = lazy_pattern(r"[《》]")
# No real title is this long; a longer pair is a lost bracket swallowing prose.
_TITLE_MAX = 200
# `以下简称《纲要》`, `以下简称省《方案》`: an alias of a title already cited, not a citation.
_ALIAS_BEFORE = lazy_pattern(r"简称[\u4e00-\u9fff]{0,2}\Z")
_ALIAS_WINDOW = 4
# A plan period inside a title or after it: `（2021—2025年）`, `2021-2025年`, `2021至2025年`.
_PERIOD_RANGE = lazy_pattern(r"[0-9]{4}\s*(?:年\s*[—–\-－~～]+|[—–\-－~～至到]+)\s*[0-9]{4}\s*年?")
_LINE_BREAK = lazy_pattern(r"\s*\n\s*")
MASK = "□"


def title_spans(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the outermost 《…》 pairs, brackets included, in order."""
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    for bracket in _TITLE_BRACKET.finditer(text):
        if bracket.group() == "《":
            stack.append(bracket.start())
        elif stack:
            start = stack.pop()
            if bracket.end() - start <= _TITLE_MAX + 2:
                pairs.append((start, bracket.end()))
    pairs.sort()
    outermost: list[tuple[int, int]] = []
    for start, end in pairs:
        if not outermost or start >= outermost[-1][1]:
            outermost.append((start, end))
    return outermost


def _doc_number_at(text: str, core: re.Match) -> tuple[int, str] | None:
    """(start, normalised 文号) for a core match, or None when it has neither an issuer prefix nor a bracket."""
    start = core.start()
    if start and text[start - 1].isdigit():
        return None  # the tail of a longer number
    opened = start and text[start - 1] in _DOC_OPEN
    if opened:
        start -= 1
    prefix_match = _DOC_PREFIX.search(text, max(0, start - _PREFIX_WINDOW), start)
    if prefix_match is None and not opened:
        return None
    prefix = prefix_match.group() if prefix_match else ""
    start = prefix_match.start() if prefix_match else start
    return start, f"{prefix}〔{core.group('year')}〕{int(core.group('seq'))}号"


def doc_number_spans(text: str) -> list[tuple[int, int, str]]:
    """Every 文号 as (start, end, normalised text), in order."""
    found = []
    for core in _DOC_CORE.finditer(text):
        located = _doc_number_at(text, core)
        if located:
            found.append((located[0], core.end(), located[1]))
    return found


def find_doc_number(text: str) -> str | None:
    """The first 文号 in the text, normalised (`宛发〔2022〕12号`), or None."""
    for core in _DOC_CORE.finditer(text):
        located = _doc_number_at(text, core)
        if located:
            return located[1]
    return None


def find_citations(text: str) -> list[DocRef]:
    """Every 《title》 (with the 文号 that follows it) and every bare 文号, de-duplicated, in order."""
    if "《" not in text and "号" not in text:
        return []  # most measures: a title opens with 《 (title_spans), every 文号 ends with 号 (_DOC_CORE)
    found: list[tuple[int, DocRef]] = []
    titles = title_spans(text)
    paired_ends: set[int] = set()  # where the 文号 paired with a title end
    aliases: set[str] = set()
    for start, end in titles:
        title = _LINE_BREAK.sub("", text[start + 1:end - 1]).strip()
        if _ALIAS_BEFORE.search(text, max(0, start - _ALIAS_WINDOW), start):
            aliases.add(title)
            continue
        if not title or title in aliases:
            continue
        number = _AFTER_TITLE.match(text, end)
        doc_number = None
        if number:
            doc_number = f"{number.group('prefix') or ''}〔{number.group('year')}〕{int(number.group('seq'))}号"
            paired_ends.add(number.end())
        elif (order := _ORDER_AFTER_TITLE.match(text, end)) is not None:
            doc_number = _SPACES.sub("", order.group("order"))
        found.append((start, DocRef(title=title, doc_number=doc_number)))
    title_starts = [start for start, _ in titles]
    for start, end, doc_number in doc_number_spans(text):
        index = bisect_right(title_starts, start) - 1
        inside_title = index >= 0 and start < titles[index][1]
        if not inside_title and end not in paired_ends:
            found.append((start, DocRef(title=None, doc_number=doc_number)))
    found.sort(key=lambda pair: pair[0])
    seen: set[tuple[str | None, str | None]] = set()
    citations = []
    for _, ref in found:
        key = (ref.title, ref.doc_number)
        if key not in seen:
            seen.add(key)
            citations.append(ref)
    return citations


def reference_spans(text: str) -> list[tuple[int, int]]:
    """Spans of titles, 文号 and period ranges: text whose numbers are never dates or targets."""
    # (a title opens with 《, a 文号 ends with 号: without them, no need to look)
    spans = title_spans(text) if "《" in text else []
    spans += [(start, end) for start, end, _ in doc_number_spans(text)] if "号" in text else []
    spans += [m.span() for m in _PERIOD_RANGE.finditer(text)]
    return spans


def mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each span replaced by filler of the same length, so offsets stay valid."""
    if not spans:
        return text
    pieces = []
    position = 0
    for start, end in sorted(spans):
        start = max(start, position)
        if end <= start:
            continue
        pieces.append(text[position:start])
        pieces.append(MASK * (end - start))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def mask_references(text: str) -> str:
    """Titles, 文号 and period ranges replaced by same-length filler."""
    return mask_spans(text, reference_spans(text))
