"""Unit lists: `区委网信办、平桥公安分局等部门按职责分工负责` → the units it names, as printed."""

from __future__ import annotations

from ..patterns import lazy_pattern

# One unit of a list: separators inside brackets do not split, so `各县（市、区）` stays whole.
_UNIT_ITEM = lazy_pattern(r"(?:[（(][^（()）\n]*[）)]|[^、，,；;\n])+")
# Boilerplate after the last unit: `等部门按职责分工负责`, `按职责分工分别负责。`, `等单位`, `会同有关部门负责`,
# `等行业主管部门` (the others of a kind, named by their kind: no unit of their own).
# Its words are matched in the last few characters only, after the closing marks are stripped by hand: a
# `[。]*\Z` tried from every mark of a long run of 。 is quadratic.
_TRAILER = lazy_pattern(
    r"(?:等(?:[\u4e00-\u9fff]{0,6}(?:部门|单位))?)?(?:会同(?:有关|相关|其他)?(?:部门|单位))?"
    r"(?:按照?(?:各自)?职责(?:分工)?(?:分别)?负责|分别负责|负责)?\Z"
)
_TRAILER_MAX_LEN = 28  # the longest trailer: 等 + six characters + 部门, 会同其他部门, 按照各自职责分工分别负责
_TRAILER_MARKS = frozenset("。．.")
_TRAILER_LAST_CHARS = frozenset("责门位。．.")  # how a trailer can end: most units have none, so skip the regex
# The mark of the lead unit inside a list: `责任单位：市发展改革委（牵头）、市财政局`.
_LEAD_MARK = lazy_pattern(r"[（(]牵头(?:单位|部门)?[）)]\Z")
# `国家发展改革委会同财政部负责` names two units; `会同有关部门` names none (the trailer drops it).
_TOGETHER_WITH = lazy_pattern(r"会同(?!(?:有关|相关|其他)?(?:部门|单位))")
_HALF_BRACKETS = str.maketrans("()", "（）")
# A unit names something: a lone bracket left by a broken list (`（`) is not one.
_HAS_WORD = lazy_pattern(r"[^\W_]")


def lead_mark(unit: str) -> tuple[str, bool]:
    """`市发展改革委（牵头）` → (市发展改革委, True): a unit marked as the lead in a list of responsible units."""
    if unit[-1:] not in "）)":
        return unit, False
    marked = _LEAD_MARK.search(unit)
    return (unit[:marked.start()], True) if marked and marked.start() else (unit, False)


def _without_trailer(unit: str) -> str:
    """`平桥公安分局等部门按职责分工负责。` → `平桥公安分局`."""
    end = len(unit)
    while end and (unit[end - 1] in _TRAILER_MARKS or unit[end - 1].isspace()):
        end -= 1
    window = max(0, end - _TRAILER_MAX_LEN)
    trailer = _TRAILER.search(unit[window:end])
    assert trailer is not None  # every part of it is optional: it matches at least at the end
    return unit[:window + trailer.start()]


def split_units(value: str) -> list[str]:
    """`区委网信办、平桥公安分局等部门按职责分工负责` → [区委网信办, 平桥公安分局]; never splits inside brackets, nor on 和
    inside a name (`_joined_by_and`); `A会同B` names both."""
    units: list[str] = []
    if "会同" in value:
        value = _TOGETHER_WITH.sub("、", value)
    for item in _UNIT_ITEM.findall(value):
        unit = item.strip()
        if unit[-1:] in _TRAILER_LAST_CHARS:
            unit = _without_trailer(unit).strip()
        if "(" in unit or ")" in unit:  # (translate copies every unit, and most have no half-width bracket)
            unit = unit.translate(_HALF_BRACKETS)
        if _HAS_WORD.search(unit):
            units.extend(_joined_by_and(unit) if "和" in unit or "及" in unit else [unit])
    return units


def _joined_by_and(unit: str) -> list[str]:
    """`区城管执法局和属地街镇` → both: 和 / 及 join two units where each side is a body's whole name; a name that
    holds 和 (工业和信息化部, 区人力资源和社会保障局) has a side that is no body."""
    parts = _AND.split(unit)
    if len(parts) > 1 and all(len(part) >= 2 and _WHOLE_BODY.search(part) for part in parts):
        return parts
    return [unit]


_AND = lazy_pattern(r"和|及(?!其)")
# How the name of a body ends, narrowly: the left side of `卫生和计划生育委员会` (卫生) must not pass.
_WHOLE_BODY = lazy_pattern(r"(?:委|局|办|部|厅|院|署|政府|街道|街镇|镇|乡|中心|队|所|站|公司|集团|委员会)(?:（[^（）]*）)?\Z")
