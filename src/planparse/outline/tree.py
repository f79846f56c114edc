"""The draft outline: nodes that own source lines, before fields are extracted into models."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..normalize import Line
from ..patterns import lazy_pattern
from .markers import Marker

# A line ending in one of these finishes a sentence or a field; anything else was wrapped mid-sentence.
TERMINAL = "。！？；：!?;:"
# A heading alone on its line, a blank line below: this short, Chinese words only (no punctuation at all) —
# a printed copy wraps a sentence at its full width, longer than this.
_SHORT_HEADING = 16
_PLAIN_WORDS = lazy_pattern(r"^[\u4e00-\u9fff“”]+$")


def short_heading(rest: str) -> bool:
    """`强化区级主体责任`, `县道`: what follows a marker when the line is a heading over text, not wrapped."""
    return 0 < len(rest) <= _SHORT_HEADING and _PLAIN_WORDS.match(rest) is not None


@dataclass
class DraftNode:
    kind: str  # chapter | section | measure
    marker: Marker | None
    heading: Line | None = None  # the line that carried the marker (or the unmarked heading)
    body: list[Line] = field(default_factory=list)
    children: list[DraftNode] = field(default_factory=list)
    recognized_by: str = ""
    title_is_heading: bool = False  # True: title is the whole heading line, body is the text
    rank: int = 0  # the marker's rank (see markers.py); set while nesting
    position: int | None = None  # a section without a marker: its place in its chapter, used as its number
    last_line: int | None = None  # a flattened table row: its last source line (its cells are not Lines)

    @property
    def number(self) -> int | None:
        return self.marker.number if self.marker else self.position

    def all_lines(self) -> list[Line]:
        lines = [self.heading] if self.heading else []
        lines.extend(self.body)
        for child in self.children:
            lines.extend(child.all_lines())
        return lines

    def span(self) -> tuple[int, int]:
        lines = self.all_lines()
        return (lines[0].number, max(max(line.end or line.number for line in lines), self.last_line or 0))


def join_lines(parts: list[tuple[Line, str]], starts_line=None, heads=None) -> str:
    """Join line texts: a line that ends a sentence starts a new line; a wrapped one runs on.
    `starts_line(text)` marks lines that always start a new line (a `牵头单位：` field, a `（1）` item);
    `heads(text)` lines that head the paragraph after a blank line (`（1）县道`, then its text)."""
    out: list[str] = []
    previous = ""
    open_brackets = 0  # inside `（牵头单位：…；` a `；` at a line end is a wrap, not a paragraph end
    for line, text in parts:
        if not text:
            continue
        if out and open_brackets <= 0 and (previous[-1] in TERMINAL or line.paragraph
                                           or (starts_line is not None and starts_line(text))
                                           or (heads is not None and line.blank_before and heads(previous))):
            out.append("\n")
            open_brackets = 0
        out.append(text)
        open_brackets += text.count("（") - text.count("）")
        previous = text
    return "".join(out)
