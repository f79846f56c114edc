"""Document-level readings of the numbering, made before the outline is built: which marker lines are
structure and which are not. Each pass looks at the whole document, because a line alone cannot say
whether `（一）` opens a section or lists the cases of an article, or whether `1总则` is a heading.

- decimal outlines (`1 总则` / `1.1 编制目的` / `1.2.1 …`, 应急预案), and the table of contents before them;
- headings that lost their chapter markers (`总体要求` alone on a line, in a plan with no `一、`);
- enumerations inside an article or measure (`…的，处以罚款：` then `（一）…的；（二）…的。`), which are items.
"""

from __future__ import annotations

from dataclasses import replace

from ..models import Dropped
from ..normalize import Line
from ..patterns import lazy_pattern
from .frame import DATE_LINE
from .markers import RANK_CHAPTER, RANK_ITEM, RANK_MEASURE, RANK_SECTION, Marker
from .tables import flatten_tables
from .tree import TERMINAL

# `1.2.1 国家级（Ⅰ级）：…`, `2.1 国家粮食应急工作指挥部`: a decimal outline number before Chinese text.
_DECIMAL = lazy_pattern(r"^(?P<n>\d{1,2}(?:\.\d{1,2}){1,3})\s*(?=[^\d\s.．%％‰])")
# `1总则` (spaces near Chinese are folded away): a top-level decimal heading, only inside a decimal outline.
_DECIMAL_TOP = lazy_pattern(r"^(?P<n>\d{1,2})\s*(?P<title>[\u4e00-\u9fff][\u4e00-\u9fff、和及与（）()]{1,20})$")
_DECIMAL_RANKS = {1: RANK_CHAPTER, 2: RANK_SECTION, 3: RANK_MEASURE, 4: RANK_ITEM}
# A decimal outline needs this many `x.y` headings before `1 总则` lines are read as chapters.
_DECIMAL_MIN = 3
_CONTENTS = lazy_pattern(r"^目\s*录$")
# A heading that lost its marker: short, Chinese only, no punctuation (`总体要求`, `重点整治内容`).
_BARE_HEADING = lazy_pattern(r"^[\u4e00-\u9fff]{2,12}$")
# Lines that look like bare headings but are the frame's: a signer, a date, a title, an annex heading.
_NOT_A_HEADING = lazy_pattern(r"(方案|意见|办法|规定|规则|细则|通知|计划|要点|纲要|规划|条例|预案|函|附件|"
                            r"委员会|政府|办公室|办公厅|人民|局|委|厅|部|署|中心|小组|公司)$|^(附件|特此|联系)")
# `附件：` (or `附件：1.…` with the first title on its line): a list of attachments starts.
_ATTACHMENTS = lazy_pattern(r"^附件\s*[：:]\s*(?:\d{1,2}\s*[.．、].*)?$")
UNMARKED_CHAPTER = "unmarked heading line"
SECOND_DOCUMENT = "title of a second document"
# The title of a document that a notice issues: `进一步支持文化企业发展的规定`.
_DOCUMENT_TITLE = lazy_pattern(r"(规定|办法|方案|意见|细则|规则|条例|计划|要点|措施)(（[^（）]{1,12}）)?$")
DECIMAL_RULE = "1.1.1"
ENUMERATION = " (enumeration)"  # added to the rule of a marker that numbers the cases of an article


def read_layout(lines: list[Line], markers: list[Marker | None]) -> tuple[list[Line], list[Marker | None],
                                                                        list[Dropped]]:
    """The document's own reading of its marker lines; a table of contents is dropped."""
    dropped: list[Dropped] = []
    markers = decimal_outline(lines, markers)
    contents = table_of_contents(lines, markers)
    if contents:
        lines, markers, dropped = drop_span(lines, markers, contents, "table of contents (its headings repeat below)")
    lines, markers, tables = flatten_tables(lines, markers)
    dropped += tables
    markers = attachment_lists(lines, markers)
    markers = second_documents(lines, markers)
    markers = unmarked_chapters(lines, markers)
    markers = enumerations(lines, markers)
    return lines, markers, dropped


def decimal_outline(lines: list[Line], markers: list[Marker | None]) -> list[Marker | None]:
    """Markers of a decimal outline, when the document is one; else the markers unchanged."""
    found = [_DECIMAL.match(line.text) for line in lines]
    if sum(1 for f in found if f) < _DECIMAL_MIN:
        return markers
    out = list(markers)
    for i, line in enumerate(lines):
        match = found[i]
        if match:
            parts = match.group("n").split(".")
            number, depth = int(parts[-1]), len(parts)
        else:
            match = _DECIMAL_TOP.match(line.text)
            if not match or markers[i] is not None:
                continue
            number, depth = int(match.group("n")), 1
        rest = line.text[match.end():].strip() if found[i] else match.group("title")
        out[i] = Marker(DECIMAL_RULE, _DECIMAL_RANKS[depth], number, match.group("n"), rest)
    return out


def table_of_contents(lines: list[Line], markers: list[Marker | None]) -> tuple[int, int] | None:
    """The span [start, end) of a table of contents: a `目录` line, or a run of bare headings that the
    document repeats below with the same markers. It is dropped, not parsed."""
    headings = [(m.marker, m.rest) if m is not None else None for m in markers]
    for start, line in enumerate(lines):
        if markers[start] is None and not _CONTENTS.match(line.text):
            continue
        first = start + 1 if _CONTENTS.match(line.text) else start
        end = first
        while end < len(lines) and headings[end] is not None and headings[end] in headings[end + 1:] \
                and not any(ch in lines[end].text for ch in "。；"):
            end += 1
        if end - first >= 3 or (end > first and first > start):
            return start, end
        if markers[start] is not None:
            return None  # the first marker is not a table of contents: the body starts here
    return None


def drop_span(lines, markers, span: tuple[int, int], reason: str) -> tuple[list, list, list[Dropped]]:
    start, end = span
    dropped = [Dropped(lines=(lines[start].number, lines[end - 1].number), reason=reason,
                       text="\n".join(line.text for line in lines[start:end]))]
    return lines[:start] + lines[end:], markers[:start] + markers[end:], dropped


def attachment_lists(lines: list[Line], markers: list[Marker | None]) -> list[Marker | None]:
    """`附件：` followed by `1.…实施方案` `2.…汇总表`: the titles of the attachments, never measures."""
    out = list(markers)
    for i, line in enumerate(lines):
        if not _ATTACHMENTS.match(line.text):
            continue
        for j in range(i + 1, len(lines)):
            text, marker = lines[j].text, markers[j]
            if marker is None or marker.rank != RANK_MEASURE or "。" in text or len(text) > 80:
                break
            out[j] = None
    return out


def second_documents(lines: list[Line], markers: list[Marker | None]) -> list[Marker | None]:
    """One notice that issues two documents (`…的规定` and `…的规定`): the second's bare title line,
    then its preamble and its `一、` numbering afresh, starts a new part — a chapter with no number
    titled after it — so its articles do not run on in the first document's last chapter."""
    out = list(markers)
    last_chapter = 0
    for i, line in enumerate(lines):
        marker = markers[i]
        if marker is not None and marker.rank == RANK_CHAPTER and marker.number is not None:
            last_chapter = marker.number
            continue
        if marker is not None or last_chapter < 2 or not _DOCUMENT_TITLE.search(line.text) \
                or any(ch in line.text for ch in TERMINAL + "，") or len(line.text) > 60:
            continue
        restart = next((following for following in markers[i + 1:i + 4]
                        if following is not None and following.rank == RANK_CHAPTER), None)
        if restart is not None and restart.number == 1:
            out[i] = Marker(SECOND_DOCUMENT, RANK_CHAPTER, None, "", line.text)
    return out


def unmarked_chapters(lines: list[Line], markers: list[Marker | None]) -> list[Marker | None]:
    """Headings that lost their chapter markers become chapters (number null) — only in a plan with no
    chapter markers at all, where at least two such headings stand alone between blank lines, each
    followed by prose or numbered items."""
    if any(m is not None and m.rank <= RANK_CHAPTER for m in markers):
        return markers
    first_marker = next((i for i, m in enumerate(markers) if m is not None and m.rank <= RANK_MEASURE), None)
    if first_marker is None:
        return markers
    candidates = []
    for i, line in enumerate(lines):
        if markers[i] is not None or i + 1 >= len(lines) or not _BARE_HEADING.match(line.text):
            continue
        following = lines[i + 1]
        if not (line.blank_before and following.blank_before) or _NOT_A_HEADING.search(line.text):
            continue
        if markers[i + 1] is None and len(following.text) < 20:
            continue  # a heading is followed by prose or by numbered items, not by another short line
        candidates.append(i)
    # Headings before a notice's date line are the notice's, not the plan's.
    dates = [i for i in range(first_marker) if DATE_LINE.match(lines[i].text)]
    candidates = [i for i in candidates if not dates or i > dates[-1]]
    if len(candidates) < 2 or candidates[0] > first_marker:
        return markers
    out = list(markers)
    for i in candidates:
        out[i] = Marker(UNMARKED_CHAPTER, RANK_CHAPTER, None, "", lines[i].text)
    return out


def enumerations(lines: list[Line], markers: list[Marker | None]) -> list[Marker | None]:
    """`（一）…的；（二）…的。` after a line ending in a colon lists the cases of the article above: the
    items are part of it, never sections. A run counts when its marker would otherwise climb above
    the node it follows (a `（一）` inside a `第X条`), or when its items end in `；` like a list."""
    out = list(markers)
    open_rank: int | None = None  # rank of the innermost structural node open at this line
    i = 0
    while i < len(lines):
        marker = out[i]
        previous = lines[i - 1].text if i else ""
        if marker is not None and marker.number == 1 and previous.endswith(("：", ":")) and open_rank is not None:
            run = _run(lines, out, i, marker.rule)
            climbs = marker.rank <= open_rank
            listed = len(run) >= 2 and all(lines[j].text.endswith(("；", "，", ";")) for j, _ in run[:-1])
            if climbs or listed:
                for j, item in run:
                    out[j] = replace(item, rank=RANK_ITEM, rule=item.rule + ENUMERATION)
                i = run[-1][0] + 1
                continue
        if marker is not None and marker.rule == SECOND_DOCUMENT:
            open_rank = None  # a new document: nothing of the first is open
        elif marker is not None and marker.rank <= RANK_MEASURE:
            open_rank = marker.rank
        i += 1
    return out


def _run(lines: list[Line], markers: list[Marker | None], start: int, rule: str) -> list[tuple[int, Marker]]:
    """The marker lines of one enumeration and their markers: the style `rule` numbered on from 1, with
    wrapped lines between."""
    expected, run = 1, []
    for j in range(start, len(lines)):
        marker = markers[j]
        if marker is not None and marker.rule == rule and marker.number == expected:
            run.append((j, marker))
            expected += 1
        elif marker is not None or (run and lines[run[-1][0]].text[-1:] in TERMINAL and j > run[-1][0]):
            break
    return run
