"""Responsible units: labelled fields (牵头单位 / 参加单位 / 责任单位 / 完成时限) and their unit lists."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_KINDS = {
    "lead": ("牵头单位", "牵头部门", "主办单位", "牵头"),
    "participating": ("参加单位", "配合单位", "协办单位", "参与单位", "协同单位", "配合部门"),
    "responsible": ("责任单位", "责任部门", "实施单位", "落实单位"),
    "deadline": ("完成时限", "完成时间", "完成期限", "时间节点"),
}
_KIND_OF = {label: kind for kind, labels in _KINDS.items() for label in labels}
# Longest first, so `牵头单位` wins over `牵头`.
_LABELS = "|".join(sorted(_KIND_OF, key=len, reverse=True))
# A field label with its colon. A four-character label counts anywhere, even run on after the previous field
# when two field lines were joined (`牵头单位：区检察院参加单位：区委政法委`); the bare `牵头：` only where a field
# can start (checked in code): a line start, a bracket (`（牵头：县司法局；…）`), a dash (`——牵头：…`), a separator.
_LABEL = re.compile(rf"(?P<label>{_LABELS})\s*[：:]\s*")
_BARE_LABEL_AFTER = frozenset("\n（(【；;，,。—-－ \t\u3000")
# A line that is only labelled fields: `责任单位：市司法局。`, `（责任单位：县司法局）`, `——牵头单位：…`.
_FIELD_LINE = re.compile(rf"\s*(?:[（(【]\s*)?(?:[—\-－]+\s*)?(?:{_LABELS})\s*[：:]")
# Brackets and field separators, the only characters the value scan looks at.
_GROUP_TOKEN = re.compile(r"[（(【）)】；;\n]")
_OPEN = "（(【"
_CLOSE = "）)】"
# One unit of a list: separators inside brackets do not split, so `各县（市、区）` stays whole.
_UNIT_ITEM = re.compile(r"(?:[（(][^（()）\n]*[）)]|[^、，,；;\n])+")
# Boilerplate after the last unit: `等部门按职责分工负责`, `按职责分工分别负责。`, `等单位`.
_TRAILER = re.compile(
    r"(?:等(?:相关|有关|其他)?(?:部门|单位)?)?(?:按照?(?:各自)?职责(?:分工)?(?:分别)?负责|分别负责|负责)?[。．.\s]*\Z"
)
_VALUE_END = "；;，,。．. \t\u3000"
_HALF_BRACKETS = str.maketrans("()", "（）")
# A unit names something: a lone bracket left by a broken list (`（`) is not one.
_HAS_WORD = re.compile(r"[^\W_]")


@dataclass
class Assignments:
    lead: list[str] = field(default_factory=list)
    participating: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    deadline_texts: list[str] = field(default_factory=list)  # raw 完成时限 values: `2023年年底前`, `长期坚持`


def split_units(value: str) -> list[str]:
    """`区委网信办、平桥公安分局等部门按职责分工负责` → [区委网信办, 平桥公安分局]; never splits inside brackets or on 和."""
    units = []
    for item in _UNIT_ITEM.findall(value):
        unit = _TRAILER.sub("", item.strip()).strip().translate(_HALF_BRACKETS)
        if _HAS_WORD.search(unit):
            units.append(unit)
    return units


def assignment_line(line: str) -> bool:
    """True when the line is only labelled fields (the outline keeps such lines out of the prose)."""
    return _FIELD_LINE.match(line) is not None


def _depth(text: str, start: int, end: int) -> int:
    """How many brackets are open at `end`, counting from `start` (a line start)."""
    depth = 0
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
    """Units and time limits from labelled fields, on their own lines or in a bracketed group after a measure."""
    found = Assignments()
    seen: set[tuple[str, str]] = set()
    labels = [label for label in _LABEL.finditer(text)
              if label.group("label") != "牵头" or not label.start() or text[label.start() - 1] in _BARE_LABEL_AFTER]
    for index, label in enumerate(labels):
        line_start = text.rfind("\n", 0, label.start()) + 1
        line_end = text.find("\n", label.end())
        line_end = len(text) if line_end < 0 else line_end
        end = line_end
        if index + 1 < len(labels):
            end = min(end, labels[index + 1].start())
        if _depth(text, line_start, label.start()) > 0:
            end = min(end, _group_field_end(text, label.end(), line_end))
        value = text[label.end():end].rstrip(_VALUE_END)
        kind = _KIND_OF[label.group("label")]
        values = [value] if kind == "deadline" else split_units(value)
        target = found.deadline_texts if kind == "deadline" else getattr(found, kind)
        for item in values:
            if item and (kind, item) not in seen:
                seen.add((kind, item))
                target.append(item)
    return found
