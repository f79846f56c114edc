"""Body lines → a tree of chapters, sections and measures, each owning its source lines.

Which marker style is a chapter, a section or a measure is decided per document from the styles it
uses (a plan numbered only 一、 and 1. has no sections; one numbered only （一） and （1） uses them as
chapters and measures). Lines that carry no marker belong to the deepest open node.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..fields.units import assignment_line
from ..models import Dropped
from ..normalize import Line
from .markers import (
    RANK_CHAPTER,
    RANK_CHAPTER_ZHANG,
    RANK_ITEM,
    RANK_MEASURE,
    RANK_SECTION,
    UNKNOWN_MARKER,
    Marker,
)
from .tree import TERMINAL, DraftNode

# An unmarked heading line (web copies lose `（一）`): short, no sentence punctuation inside or at the end.
_HEADING_MAX_LEN = 30
_ORPHAN_MAX_LEN = 6


@dataclass
class Outline:
    chapters: list[DraftNode] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Roles:
    chapter: int | None
    section: int | None
    measure: int | None

    def of(self, marker: Marker) -> str | None:
        if marker.rank == self.chapter:
            return "chapter"
        if marker.rank == self.section:
            return "section"
        if marker.rank == self.measure:
            return "measure"
        return None


def _roles(markers: list[Marker | None]) -> _Roles:
    ranks = {m.rank for m in markers if m is not None}
    structural = sorted(r for r in ranks if r in (RANK_CHAPTER_ZHANG, RANK_CHAPTER, RANK_SECTION))
    measure = RANK_MEASURE if RANK_MEASURE in ranks else (RANK_ITEM if RANK_ITEM in ranks else None)
    chapter = structural[0] if structural else None
    section = structural[1] if len(structural) > 1 else None
    return _Roles(chapter, section, measure)


class _Builder:
    def __init__(self, lines: list[Line], markers: list[Marker | None]):
        self.lines = lines
        self.markers = markers
        self.roles = _roles(markers)
        self.out = Outline()
        self.chapter: DraftNode | None = None
        self.section: DraftNode | None = None
        self.measure: DraftNode | None = None
        self.last_number: dict[str, int] = {}
        self.explicit_sections = self.roles.section is not None

    def build(self) -> Outline:
        for i, line in enumerate(self.lines):
            marker = self.markers[i]
            role = self.roles.of(marker) if marker else None
            if role and not self._plausible(i, role, marker):
                role = None
            if role == "chapter":
                self._open_chapter(line, marker)
            elif role == "section":
                self._open_section(line, marker, marker.rule)
            elif role == "measure":
                self._open_measure(line, marker)
            elif self._is_orphan(i):
                self.out.dropped.append(Dropped(
                    lines=(line.number, line.number),
                    reason=f"orphan fragment after a page break (repeats the end of line {self.lines[i - 1].number})",
                    text=line.text))
            elif self._is_unmarked_heading(i):
                self._open_section(line, None, "unmarked heading line")
            else:
                if UNKNOWN_MARKER.match(line.text):
                    self.out.warnings.append(
                        f"line {line.number}: a numbering style planparse does not know "
                        f"(`{line.text[:6]}`): the structure around it may be wrong")
                self._deepest().body.append(line)
        return self.out

    # --- opening nodes -------------------------------------------------------------------------
    def _open_chapter(self, line: Line, marker: Marker) -> None:
        self.chapter = DraftNode("chapter", marker, heading=line, recognized_by=marker.rule)
        self.out.chapters.append(self.chapter)
        self.section = self.measure = None

    def _open_section(self, line: Line, marker: Marker | None, rule: str) -> None:
        self.section = DraftNode("section", marker, heading=line, recognized_by=rule)
        self._chapter().children.append(self.section)
        self.measure = None

    def _open_measure(self, line: Line, marker: Marker) -> None:
        self.measure = DraftNode("measure", marker, heading=line, recognized_by=marker.rule)
        (self.section or self._chapter()).children.append(self.measure)

    def _chapter(self) -> DraftNode:
        if self.chapter is None:
            self.chapter = DraftNode("chapter", None, recognized_by="implicit: no chapter markers")
            self.out.chapters.append(self.chapter)
        return self.chapter

    def _deepest(self) -> DraftNode:
        return self.measure or self.section or self._chapter()

    # --- judgements ------------------------------------------------------------------------------
    def _plausible(self, i: int, role: str, marker: Marker) -> bool:
        """A marker-like start of a wrapped line (`5. ` mid-sentence) is not a new node."""
        previous = self.lines[i - 1].text if i else ""
        key = role if role != "measure" or marker.label is None else "extra"
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

    def _is_unmarked_heading(self, i: int) -> bool:
        if self.explicit_sections or self.chapter is None or i + 1 >= len(self.lines):
            return False
        line, following = self.lines[i], self.lines[i + 1]
        text = line.text
        if len(text) > _HEADING_MAX_LEN or not line.blank_before or not following.blank_before:
            return False
        if any(ch in text for ch in TERMINAL + "，、") or text[-1] in "）)":
            return False
        previous_is_heading = self._role_at(i - 1) == "chapter"
        opens_measures = self._role_at(i + 1) == "measure"
        return previous_is_heading or opens_measures or self.lines[i - 1].text[-1] in TERMINAL

    def _role_at(self, i: int) -> str | None:
        marker = self.markers[i]
        return self.roles.of(marker) if marker else None


def build_outline(lines: list[Line], markers: list[Marker | None]) -> Outline:
    outline = _Builder(lines, markers).build()
    _warn_numbering(outline)
    return outline


def _warn_numbering(outline: Outline) -> None:
    unmarked = [c.heading.number for ch in outline.chapters for c in ch.children
                if c.kind == "section" and c.marker is None and c.heading]
    if unmarked:
        outline.warnings.append(
            f"{len(unmarked)} sections recognised from unmarked heading lines (lines {', '.join(map(str, unmarked))}): "
            "check them by hand")
