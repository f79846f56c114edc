"""Responsible units: labelled fields (牵头单位 / 参加单位 / 责任单位 / 完成时限) and role phrasing (`X牵头负责，Y组织落实`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..patterns import lazy_pattern
from .labels import FIELD_LABELS, labels_of
from .roles import ROLE_CHANGING, find_roles, role_clauses
from .unit_names import lead_mark, split_units

_LABELS = labels_of("lead", "participating", "responsible", "deadline", "other")
# A line of another field (`适用范围：…`) is prose, not an assignment line; its label still ends a unit list.
_ASSIGNMENT_LABELS = labels_of("lead", "participating", "responsible", "deadline")
# A field label with its colon. A four-character label counts anywhere, even run on after the previous field
# when two field lines were joined (`牵头单位：区检察院参加单位：区委政法委`); the bare `牵头：` only where a field
# can start (checked in code): a line start, a bracket (`（牵头：县司法局；…）`), a dash (`——牵头：…`), a separator.
_LABEL = lazy_pattern(rf"(?P<label>{_LABELS})\s*[：:]\s*")
_BARE_LABEL_AFTER = frozenset("\n（(【〔；;，,。—-－ \t\u3000")
# A line that is only labelled fields: `责任单位：市司法局。`, `（责任单位：县司法局）`, `——牵头单位：…`.
_FIELD_LINE = lazy_pattern(rf"\s*(?:[（(【〔]\s*)?(?:[—\-－]+\s*)?(?:{_ASSIGNMENT_LABELS})\s*[：:]")
# Brackets and field separators, the only characters the value scan looks at.
_GROUP_TOKEN = lazy_pattern(r"[（(【〔）)】〕；;\n]")
_OPEN = "（(【〔"
_CLOSE = "）)】〕"
_VALUE_END = "；;，,。．. \t\u3000"

@dataclass
class Assignments:
    lead: list[str] = field(default_factory=list)
    participating: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    deadline_texts: list[str] = field(default_factory=list)  # raw 完成时限 values: `2023年年底前`, `长期坚持`


def assignment_line(line: str) -> bool:
    """True when the line is only labelled fields (the outline keeps such lines out of the prose)."""
    # (a field line has its label's colon: most lines have none, and looking for it is cheaper than the match)
    return ("：" in line or ":" in line) and _FIELD_LINE.match(line) is not None


def _depth(text: str, start: int, end: int, depth: int = 0) -> int:
    """How many brackets are open at `end`, counting from `start` (a line start, or a point where `depth` were open)."""
    for token in _GROUP_TOKEN.finditer(text, start, end):
        if token.group() in _OPEN:
            depth += 1
        elif token.group() in _CLOSE:
            depth = max(0, depth - 1)
    return depth


def _group_field_end(text: str, start: int, line_end: int) -> int:
    """End of a field inside a bracketed group: its `；`, or the bracket that closes the group."""
    depth = 0
    for token in _GROUP_TOKEN.finditer(text, start, line_end):
        char = token.group()
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            if depth == 0:
                return token.start()
            depth -= 1
        elif depth == 0:
            return token.start()
    return line_end


def find_assignments(text: str) -> Assignments:
    """Units and time limits from labelled fields, on their own lines or in a bracketed group after a measure, and
    units from role phrasing (`（市交通委牵头负责，各区政府组织落实）`)."""
    found = Assignments()
    seen: set[tuple[str, str]] = set()

    def add(kind: str, item: str) -> None:
        if item and (kind, item) not in seen:
            seen.add((kind, item))
            getattr(found, kind).append(item)

    for kind, value in _labelled_fields(text):
        if kind == "deadline":
            add("deadline_texts", value)
        elif kind != "other":
            for role, units in _value_roles(kind, value):
                for unit in units:
                    name, marked = lead_mark(unit)
                    add("lead" if marked else role, name)
    for role, units in find_roles(text):
        for unit in units:
            name, marked = lead_mark(unit)
            add("lead" if marked else role, name)
    return found


def _value_roles(kind: str, value: str) -> list[tuple[str, list[str]]]:
    """The units of a labelled value under the label's role, unless the value assigns roles itself
    (`责任单位：市发展改革委牵头，各区政府按职责分工负责`)."""
    if ROLE_CHANGING.search(value):
        clauses = role_clauses(value)
        if len(clauses) > 1 or any(role == "lead" for role, _ in clauses):
            return clauses
    return [(kind, split_units(value))]


def _labelled_fields(text: str) -> list[tuple[str, str]]:
    """(kind, value) of each labelled field, in order."""
    if "：" not in text and ":" not in text:
        return []  # every label has its colon (_LABEL): most measures hold none
    fields = []
    labels = [label for label in _LABEL.finditer(text)
              if label.group("label") != "牵头" or not label.start() or text[label.start() - 1] in _BARE_LABEL_AFTER]
    depth_from, depth = -1, 0  # bracket depth counted up to depth_from, carried along a line so a line is read once
    line_start, line_end = 0, -1  # the line of the label before, looked up once per line (a line may hold thousands)
    for index, label in enumerate(labels):
        if label.start() > line_end or label.end() > line_end:
            line_break = text.rfind("\n", line_start, label.start())
            line_start = line_break + 1 if line_break >= 0 else line_start
            line_end = text.find("\n", label.end())
            line_end = len(text) if line_end < 0 else line_end
        if depth_from < line_start:
            depth_from, depth = line_start, 0
        depth = _depth(text, depth_from, label.start(), depth)
        depth_from = label.start()
        end = line_end
        if index + 1 < len(labels):
            end = min(end, labels[index + 1].start())
        if depth > 0:
            end = _group_field_end(text, label.end(), end)
        fields.append((FIELD_LABELS[label.group("label")], text[label.end():end].rstrip(_VALUE_END)))
    return fields
