"""What kind of plan it is and the years it covers, from its title."""

from __future__ import annotations

from ..models import Period
from ..patterns import lazy_pattern
from .titles import TRANSMITTED, masked

# `（2022—2025年）`, `(2021-2025年)`: the plan period in a title.
_PERIOD = lazy_pattern(r"[（(]?(\d{4})\s*[—–\-－~至到]+\s*(\d{4})\s*年?[）)]?")
# `松江区城市更新2025年度实施计划`, `…行动方案（2026年）`: a plan for one year.
_YEAR = lazy_pattern(r"(?<!\d)(\d{4})\s*年(?!\d|以来|前|底|末)")
DRAFT = lazy_pattern(r"征求意见稿|草案|送审稿|讨论稿")
# Title words and the kind each names, most specific first; matched on the title with cited 《titles》 masked.
_KINDS = [(lazy_pattern(r"分工方案|分工表|任务分工|责任分解|任务分解|分解方案"), "division_of_labor"),
          (lazy_pattern(r"预案"), "emergency_plan"),
          (lazy_pattern(r"办法|条例|规则|细则|规定"), "regulation"),
          (lazy_pattern(r"工作要点|工作要求"), "work_points"),
          (lazy_pattern(r"行动方案|行动计划"), "action_plan"),
          (lazy_pattern(r"意见(?!稿)"), "opinion"),
          (lazy_pattern(r"工作方案|创建.*方案"), "work_plan")]
# A title that names the document a notice or a letter, with no kind of plan above: `…贯彻落实工作的通知`.
_NOTICE = lazy_pattern(r"(?:通知|函)\s*\Z")


def find_period(title: str) -> Period | None:
    found = _PERIOD.search(title)  # `《…实施方案（2021—2025年）》重要举措分工方案` covers the cited plan's years
    title = masked(title)
    if found:
        return Period(start=int(found.group(1)), end=int(found.group(2)))
    years = {int(year) for year in _YEAR.findall(title)}
    if len(years) == 1:  # a plan for one year: `…2025年度实施计划`, `…行动方案（2026年）`
        year = years.pop()
        return Period(start=year, end=year)
    return None


def find_kind(title: str, body_kinds: set[str], has_plan_title: bool, notice_title: str):
    if not has_plan_title and notice_title and TRANSMITTED.search(notice_title) and not body_kinds:
        return "notice"  # it only transmits a document whose text is not here
    own_words = masked(title)
    for pattern, kind in _KINDS:
        if pattern.search(own_words):
            return kind
    if "第X条" in body_kinds:
        return "regulation"
    if _NOTICE.search(own_words):
        return "notice"  # a 通知 or 函 that sets tasks itself (no plan of its own under it)
    return "implementation_plan"
