"""Body lines → a tree of chapters, sections and measures, each owning its source lines.

Measures are the plan's work items, whatever level they sit at. The builder first nests the marker
lines by rank (章 above 一、 above （一） above 1./条), then reads what each level does in this plan:
- the top level present is the chapter level;
- a level is a section level when some node of it holds numbered nodes below it (`（一）` over `1.`
  in the seeds) — it is then a section everywhere in the plan, so a 保障措施 chapter's `（一）` items
  stay sections;
- every other level below the chapters is a measure level: `（一）` items with nothing below
  (national 实施方案), `一、` articles under `第X章` (工作规则), `第X条` articles, `1.` measures.
A plan numbered only at one level is a list of measures when its items are run-in sentences, and a
plan of chapters when they are headings over prose. Lines without a marker belong to the deepest
open node.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..fields.units import assignment_line
from ..models import Dropped, ExtractionWarning
from ..normalize import Line, one_paragraph_per_line
from ..patterns import lazy_pattern
from .chapter_kinds import FRAMING, FRAMING_ITEM, SAFEGUARDS, frames_or_supports
from .layout import DECIMAL_RULE, ENUMERATION, UNMARKED_CHAPTER
from .markers import RANK_ITEM, RANK_MEASURE, RANK_SECTION, UNKNOWN_MARKER, Marker
from .tree import TERMINAL, DraftNode, short_heading

# An unmarked heading line (web copies lose `（一）`): short, no sentence punctuation inside or at the end.
_HEADING_MAX_LEN = 30
# A measure's heading alone on its line, a blank line below: short, Chinese words only (tree.short_heading)…
# …or, in a copy of one paragraph per line (no line there is wrapped mid-sentence, as a printed copy's lines are
# at any mark), with the marks a heading holds inside but none at its end: `严把“源头清洗关”，规范冲洗设施运行`,
# `区公安分局（交管）`, `各街镇、经开区`.
_HEADING_WORDS = lazy_pattern(r"^[\u4e00-\u9fff“”‘’《》（）()、，,]*[\u4e00-\u9fff”’》）)]$")
# A marker closed by a colon (`第 4 项指标：`) runs its text in: what follows it on the line is never a heading.
_RUN_IN_MARKER = lazy_pattern(r"[：:]\s*$")
_ORPHAN_MAX_LEN = 6
_UNMARKED_SECTION = "unmarked heading line"
_IMPLICIT = "implicit: no chapter markers"


@dataclass
class Outline:
    chapters: list[DraftNode] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    warnings: list[ExtractionWarning] = field(default_factory=list)


class _Nester:
    """Nests marker lines by rank; plain lines go to the deepest open node."""

    def __init__(self, lines: list[Line], markers: list[Marker | None]):
        self.lines = lines
        self.markers = markers
        self.out = Outline()
        self.root = DraftNode("root", None)
        self.stack: list[tuple[int, DraftNode]] = [(-1, self.root)]
        self.last_number: dict[str, int] = {}
        ranks = {m.rank for m in markers if m is not None and not m.rule.endswith(ENUMERATION)}
        # A plan whose lowest level is `（1）` (no `1.`) uses it for its measures.
        self.deepest = RANK_MEASURE if RANK_MEASURE in ranks or RANK_ITEM not in ranks else RANK_ITEM
        self.has_sections = RANK_SECTION in ranks
        self.has_chapters = any(r < RANK_SECTION for r in ranks)

    def nest(self) -> DraftNode:
        for i, line in enumerate(self.lines):
            marker = self.markers[i]
            if marker is not None and marker.rank <= self.deepest and self._plausible(i, marker):
                self._open(line, marker, marker.rank, marker.rule)
            elif self._is_orphan(i):
                self.out.dropped.append(Dropped(
                    lines=(line.number, line.number),
                    reason=f"orphan fragment after a page break (repeats the end of line {self.lines[i - 1].number})",
                    text=line.text))
            elif self._is_unmarked_section(i):
                self._open(line, None, RANK_SECTION, _UNMARKED_SECTION)
            else:
                if marker is None and UNKNOWN_MARKER.match(line.text):
                    self.out.warnings.append(ExtractionWarning(
                        code="unknown-numbering-style", line=line.number,
                        message=f"a numbering style planparse does not know (`{line.text[:6]}`): "
                                "the structure around it may be wrong"))
                while len(self.stack) > 1 and self.stack[-1][0] >= RANK_MEASURE \
                        and _is_table_row(self.stack[-1][1]) and not line.cells:
                    self.stack.pop()  # a paragraph after a table row is no cell of it: the table has ended
                self.stack[-1][1].body.append(line)
        return self.root

    def _open(self, line: Line, marker: Marker | None, rank: int, rule: str) -> None:
        while self.stack[-1][0] >= rank:
            self.stack.pop()
        node = DraftNode("", marker, heading=line, recognized_by=rule)
        node.rank = rank
        self.stack[-1][1].children.append(node)
        self.stack.append((rank, node))

    def _plausible(self, i: int, marker: Marker) -> bool:
        """A marker-like start of a wrapped line (`5. ` mid-sentence) is not a new node."""
        if marker.number is None:
            return True
        previous = self.lines[i - 1].text if i else ""
        key = marker.rule if marker.label is None else "extra"
        expected = self.last_number.get(key, 0) + 1
        finished = not previous or previous[-1] in TERMINAL or self.markers[i - 1] is not None \
            or len(previous) <= _HEADING_MAX_LEN or assignment_line(previous)
        if marker.number not in (expected, 1) and not finished:
            return False
        self.last_number[key] = marker.number
        return True

    def _is_orphan(self, i: int) -> bool:
        """`责。` after a page break, repeating the end of a finished line: a leftover of the layout."""
        line = self.lines[i]
        if not (i and line.break_before and len(line.text) <= _ORPHAN_MAX_LEN):
            return False
        previous = self.lines[i - 1].text
        return previous[-1] in TERMINAL and previous.endswith(line.text)

    def _is_unmarked_section(self, i: int) -> bool:
        """A web copy that lost its `（一）` markers: a short heading between blank lines inside a chapter."""
        if self.has_sections or not self.has_chapters or i + 1 >= len(self.lines) or self.markers[i] is not None:
            return False  # (a line with a marker below the measures' level is an item: `（2）乡道和村道`)
        if not any(rank < RANK_SECTION for rank, _ in self.stack[1:]):
            return False
        line, following = self.lines[i], self.lines[i + 1]
        text = line.text
        if len(text) > _HEADING_MAX_LEN or not line.blank_before or not following.blank_before:
            return False
        if any(ch in text for ch in TERMINAL + "，、") or text[-1] in "）)":
            return False
        previous = self.markers[i - 1]
        previous_is_heading = previous is not None and previous.rank < RANK_SECTION
        following_marker = self.markers[i + 1]
        opens_measures = following_marker is not None and following_marker.rank == self.deepest
        return previous_is_heading or opens_measures or self.lines[i - 1].text[-1] in TERMINAL


def _is_table_row(node: DraftNode) -> bool:
    return node.heading is not None and node.heading.cells is not None


def _walk(node: DraftNode):
    for child in node.children:
        yield child
        yield from _walk(child)


def _is_run_in(node: DraftNode) -> bool:
    """`一、国务院各部门要…。（X部负责）`: an item written as a sentence, not a heading over prose."""
    rest = node.marker.rest if node.marker else ""
    return "。" in rest[:-1] or len(rest) > 40


class _Roles:
    """What each rank does in this plan (see the module docstring)."""

    def __init__(self, root: DraftNode, lines: list[Line], markers: list[Marker | None]):
        nodes = list(_walk(root))
        # one paragraph per line (a web page, a Word file): no line of it is wrapped mid-sentence. Its marked
        # lines are left out of the reckoning: they are the headings in question.
        self.paragraph_copy = one_paragraph_per_line(line for line, marker in zip(lines, markers) if marker is None)
        ranks = sorted({n.rank for n in nodes})
        self.chapter = ranks[0] if ranks else None
        # A level is a section level where a heading of it holds numbered nodes. A run-in item that
        # announces its parts (`（二）…下设三个小组。` then `1.…` `2.…`) is a measure with items.
        self.sections = {n.rank for n in nodes if n.rank != self.chapter and n.children and not _is_run_in(n)}
        # An indicator plan (第 1 项指标 …, the seeds' 创建方案) numbers its work as indicators; its
        # `（一）` steps stay sections, as a reader of such a plan takes them.
        self.indicators = any(n.recognized_by == "第N项指标" for n in nodes)
        if self.indicators:
            self.sections.add(RANK_SECTION)
        # One level only, of run-in sentences: a list of measures (30 numbered 一、 items), not chapters.
        self.flat = len(ranks) == 1 and self.chapter is not None and (
            self.chapter >= RANK_MEASURE or sum(map(_is_run_in, nodes)) * 2 >= len(nodes))
        if self.chapter is not None and self.chapter >= RANK_MEASURE:
            self.flat = True  # articles (`第X条`) and `1.` items are measures even with no chapters
        self.decimal = any(n.recognized_by == DECIMAL_RULE for n in nodes)


def build_outline(lines: list[Line], markers: list[Marker | None]) -> Outline:
    nester = _Nester(lines, markers)
    root = nester.nest()
    outline = nester.out
    roles = _Roles(root, lines, markers)
    implicit: DraftNode | None = None

    def implicit_chapter() -> DraftNode:
        nonlocal implicit
        if implicit is None:
            implicit = DraftNode("chapter", None, recognized_by=_IMPLICIT)
            outline.chapters.append(implicit)
        return implicit

    if root.body:  # text before the first marker of the body (rare: the frame starts the body at one)
        implicit_chapter().body.extend(root.body)
    first = root.children[0] if root.children else None
    # in a plan of one level, every node has a marker line (an unmarked heading needs a chapter above it)
    if roles.flat and roles.chapter is not None and roles.chapter < RANK_MEASURE and first and first.marker:
        outline.warnings.append(ExtractionWarning(
            code="run-in-items", line=_line_of(first),
            message=f"the `{first.marker.marker}` items are read as measures (one level of numbered run-in "
                    "items, no chapters): check them by hand"))
    for node in root.children:
        if node.rank == roles.chapter and not roles.flat:
            node.kind = "chapter"
            outline.chapters.append(node)
            children, node.children = node.children, []
            _place(node, children, roles, outline.warnings)
            implicit = None
        else:
            _place(implicit_chapter(), [node], roles, outline.warnings)
    _number_unmarked_sections(outline)
    _warn(outline)
    return outline


def _place(chapter: DraftNode, nodes: list[DraftNode], roles: _Roles, warnings: list[ExtractionWarning]) -> None:
    """Put nodes under a chapter: section levels open sections (flattened), the rest are measures."""
    section: DraftNode | None = None
    title = chapter.marker.rest if chapter.marker else ""
    framing = bool(FRAMING.search(title)) and not roles.decimal
    items_here = _items_in_chapter(nodes, roles, title)
    if items_here and chapter.heading is not None:
        first = next(n for n in nodes if n.rank in items_here)
        # an unmarked heading line can sit at an item rank: it has no marker to name
        shown = f"`{first.marker.marker}` " if first.marker else ""
        warnings.append(ExtractionWarning(
            code="items-as-measures", line=_line_of(first),
            message=f"the {shown}items of this chapter are read as measures (nothing is numbered below them), "
                    "though other chapters use that level for sections: check them by hand"))
    # Where this chapter's `（一）` sections hold `1.` measures, a sibling `（二）` that holds only prose is a
    # work item written as prose (`（二）规范收运处置` over its paragraphs): a measure of the chapter.
    prose_items = _prose_items(nodes, roles) if not framing and not SAFEGUARDS.search(title) else set()
    for node in nodes:
        is_section = (node.rank in roles.sections and node.rank not in items_here and id(node) not in prose_items) \
            or node.recognized_by == _UNMARKED_SECTION
        if roles.decimal and is_section and not node.children and node.marker is not None:
            # a decimal heading with text and nothing below is the measure there; an unmarked heading stays
            # a section (it has no marker a measure could number)
            is_section = False
        if framing and node.rank == RANK_SECTION and not _is_assigned(node):
            is_section = True  # `（一）指导思想` under 总体要求: it frames the plan, it is no work item
        if is_section:
            node.kind = "section"
            chapter.children.append(node)
            grandchildren, node.children = node.children, []
            section = node
            for child in grandchildren:
                # a deeper section level, or an unmarked heading (it has no marker a measure could number):
                # flattened beside it
                if (child.rank in roles.sections and child.children) or child.recognized_by == _UNMARKED_SECTION:
                    _place(chapter, [child], roles, warnings)
                else:
                    _as_measure(child, roles.paragraph_copy)
                    node.children.append(child)
        else:
            _as_measure(node, roles.paragraph_copy)
            if id(node) in prose_items and node.marker and not any(ch in node.marker.rest for ch in TERMINAL):
                node.title_is_heading = True  # its heading line heads the prose below it
            (section if section is not None and section.rank < node.rank else chapter).children.append(node)


def _prose_items(nodes: list[DraftNode], roles: _Roles) -> set[int]:
    if roles.indicators or roles.decimal:
        return set()
    sections = [(n, n.marker) for n in nodes if n.rank in roles.sections and n.marker is not None]
    if not any(n.children for n, _ in sections):
        return set()
    return {id(n) for n, marker in sections if not n.children and n.body and not FRAMING_ITEM.search(marker.rest)}




def _items_in_chapter(nodes: list[DraftNode], roles: _Roles, chapter_title: str = "") -> set[int]:
    """Section levels that are this chapter's work items: where a plan's `（一）` holds `1.` measures in
    one chapter, another chapter's `（一）` items with nothing below are its measures (the issue's
    per-chapter reading) — except in the chapters that frame or support the plan (总体要求, 保障措施,
    工作要求), where they stay sections as in the seeds."""
    if roles.indicators or roles.decimal:
        return set()
    if chapter_title and frames_or_supports(chapter_title):
        return set()  # 指导思想 / 保障措施 items frame or support the plan; they are no work items
    ranks = set()
    for rank in {n.rank for n in nodes if n.rank in roles.sections}:
        level = [n for n in nodes if n.rank == rank]
        if not any(n.children for n in level):
            ranks.add(rank)
    return ranks


# A work item says who does it or by when: `（责任单位：…）`, `X牵头，Y配合`, `2025年6月底前`.
_ASSIGNED = lazy_pattern(r"(责任|牵头|配合|参加|实施|支撑|负责|主责)(单位|部门)\s*[：:]|牵头[，,、；;）)]|负责[）)]"
                       r"|\d{4}\s*年\s*\d{1,2}\s*月|[月年]底前")


def _is_assigned(node: DraftNode) -> bool:
    """A task, not a requirement: its text names responsible units or a deadline."""
    return any(_ASSIGNED.search(line.text) for line in [node.heading, *node.body] if line is not None)


def _line_of(node: DraftNode) -> int | None:
    """The line a warning about a node names: its heading's (the root and an implicit chapter have none)."""
    return node.heading.number if node.heading else None


def _as_measure(node: DraftNode, paragraph_copy: bool) -> None:
    """A measure keeps anything numbered below it as its own text (items)."""
    node.kind = "measure"
    rest = node.marker.rest if node.marker else ""
    run_in = node.marker is not None and _RUN_IN_MARKER.search(node.marker.marker) is not None
    if node.recognized_by == DECIMAL_RULE and node.body and rest and not any(ch in rest for ch in TERMINAL + "，"):
        node.title_is_heading = True  # `1.1 编制目的` over its text: a decimal outline heads every part
    elif node.body and node.body[0].blank_before and rest and (
            short_heading(rest)
            or (paragraph_copy and not run_in and len(rest) <= _HEADING_MAX_LEN and _HEADING_WORDS.match(rest))):
        # `（1）强化区级主体责任` alone, a paragraph below: a heading, not a line wrapped mid-sentence
        # (a printed copy wraps at its full width, longer than this)
        node.title_is_heading = True
    for child in node.children:
        node.body.extend(child.all_lines())
    node.body.sort(key=lambda line: line.number)
    node.children = []


def _number_unmarked_sections(outline: Outline) -> None:
    """A section read from an unmarked heading is numbered by its position in its chapter."""
    for chapter in outline.chapters:
        sections = [c for c in chapter.children if c.kind == "section"]
        if sections and all(s.marker is None for s in sections):
            for position, section in enumerate(sections, start=1):
                section.position = position


def _warn(outline: Outline) -> None:
    unmarked = [c.heading.number for ch in outline.chapters for c in ch.children
                if c.kind == "section" and c.marker is None and c.heading]
    if unmarked:
        outline.warnings.append(ExtractionWarning(
            code="unmarked-sections",
            message=f"{len(unmarked)} sections recognised from unmarked heading lines "
                    f"(lines {', '.join(map(str, unmarked))}): check them by hand"))
    chapters = [c.heading.number for c in outline.chapters if c.recognized_by == UNMARKED_CHAPTER and c.heading]
    if chapters:
        outline.warnings.append(ExtractionWarning(
            code="unmarked-chapters",
            message=f"{len(chapters)} chapters recognised from unmarked heading lines "
                    f"(lines {', '.join(map(str, chapters))}): check them by hand"))
