"""Recurring time limits that fall on a regular day (`每年3月底前`, `每月15日前`, `每季度末前`) as RFC 5545 rules, so
that a calendar can repeat them; the others (`长期坚持`, `持续推进`, `每年上半年`) have none."""

from __future__ import annotations

from ..numerals import cn_to_int
from ..patterns import lazy_pattern

# `每年3月底前`, `每年 1 月 31 日前`, `每年十二月中旬前`, `每年底前`, `每月15日前`, `每月底前`, `每季度末前`, `每半年末前`.
_REGULAR = lazy_pattern(
    r"每\s*(?P<period>年|月|季度|季|半年)\s*"
    r"(?:(?P<month>[0-9０-９一二三四五六七八九十]{1,3})\s*月\s*)?"
    r"(?:(?P<day>[0-9０-９]{1,2})\s*[日号]|(?P<part>上旬|中旬|下旬|底|末))\s*(?:之前|以前|前)?\Z"
)
# The day a part of a month stands for: the 上旬 ends on the 10th, the 中旬 on the 20th, 下旬/底/末 on the last (-1).
_PART_DAY = {"上旬": 10, "中旬": 20, "下旬": -1, "底": -1, "末": -1}
# The months a period ends in, for limits set by a period's end (`每季度末前`).
_PERIOD_MONTHS = {"季度": "3,6,9,12", "季": "3,6,9,12", "半年": "6,12", "年": "12"}


def recurrence_rule(term: str) -> str | None:
    """`每年3月底前` → `FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1`; `每月15日前` → `FREQ=MONTHLY;BYMONTHDAY=15`;
    `每季度末前` → `FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1`; None for a term without a regular day."""
    found = _REGULAR.match(term.strip())
    if not found:
        return None
    period, month_text = found.group("period"), found.group("month")
    day = int(found.group("day").translate(_FULLWIDTH)) if found.group("day") else _PART_DAY[found.group("part")]
    if not (day == -1 or 1 <= day <= 31):
        return None
    if period == "月":
        return None if month_text else f"FREQ=MONTHLY;BYMONTHDAY={day}"
    if month_text:  # `每年3月底前`; a month within a quarter or half-year (`每季度第2月`) is not read
        month = cn_to_int(month_text)
        if period != "年" or month is None or not 1 <= month <= 12:
            return None
        return f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={day}"
    if day != -1:  # `每年15日前` names no month
        return None
    return f"FREQ=YEARLY;BYMONTH={_PERIOD_MONTHS[period]};BYMONTHDAY=-1"


_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
