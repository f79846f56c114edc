"""Completion deadlines (`2022年年底前` → 2022-12-31), recurring time limits (`长期坚持`) and a plan-wide deadline."""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right

from ..models import Deadline
from ..numerals import cn_to_int
from .citations import mask_references

# Full-width digits, folded by a regex because str.translate is slow on long Chinese texts.
_FULLWIDTH_DIGIT = re.compile(r"[０-９]")
_NUMBER_CHARS = frozenset("0123456789.")

# A date that may be a deadline; whether it is depends on what follows it (前 / 起 / 以来) and where it stands.
# `2022年年底前`, `2022年底前`, `2021年5月底前`, `2021年4月中旬前`, `2024年12月31日前`, `2023年第三季度`,
# `2023年三季度末前`, `2023年6月前`, `2025年前`, and the non-deadlines `2022年起`, `2019 年以来`, `到2025年`.
_DATE = re.compile(
    r"(?P<year>[0-9]{4})\s*年\s*"
    r"(?:(?P<year_end>年底|年末|底|末)"
    r"|(?P<half>上半年|下半年)"
    r"|第?\s*(?P<quarter>[一二三四1-4])\s*季度\s*(?:末|底)?"
    r"|(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月\s*(?:份\s*)?"
    r"(?:(?P<day>[0-3]?[0-9])\s*[日号]|(?P<part>上旬|中旬|下旬|底|末))?"
    r")?"
    # 前, but not 前后 (about) or 前三季度 (the first three quarters).
    r"(?:\s*(?P<before>之前|以前|前(?![后三两二一四五六七八九十几0-9])))?"
)
# Texts without a year or a time-limit label (most measures) skip the masking.
_YEAR_HINT = re.compile(r"[0-9０-９]{4}\s*年")
_FIELD_HINT = re.compile(r"完成时限|完成时间|完成期限|时间节点|时限要求")
# What turns a date into a starting point: `2022年起`, `2019 年以来`, `自2023年1月1日起施行`.
_SINCE = re.compile(r"\s*(?:起|以来|开始|以后|之后|后|至今|为止)")
# An explicit time-limit field: `完成时限：2023年年底前`, `（…；完成时限：长期坚持）`, `时间节点：每年3月底前`.
# Its value stops at `；`, `。`, a line end, or the bracket that closes the group it sits in.
_TIME_FIELD = re.compile(
    r"(?:完成时限|完成时间|完成期限|时间节点|时限要求)\s*[：:]\s*"
    r"(?P<value>(?:[（(][^\n（()）]*[）)]|[^\n；;。（()）])*)"
)
# One value of a time-limit field: `2022年底前完成，长期坚持` holds two.
_VALUE_SEPARATOR = re.compile(r"[，,；;]")
# A plan-wide deadline sentence: `各项工作任务原则上应当在2025年年底前完成`,
# `各项工作任务除本方案有明确时限要求外，原则上应当在2025年年底前完成`.
_PLAN_WIDE = re.compile(r"(?:各项|所有|全部|本方案|上述|以上)[^。]{0,6}?(?:任务|工作|措施|举措)[^。]*?完成")
_SENTENCE = re.compile(r"[^。！？!?\n]+")
_QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
_XUN_DAY = {"上旬": 10, "中旬": 20}


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _iso(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def _date_of(match: re.Match) -> str | None:
    """The ISO day a date phrase fixes (the last day of the period it names), or None."""
    year = int(match.group("year"))
    if match.group("quarter"):
        month, day = _QUARTER_END[cn_to_int(match.group("quarter"))]
        return _iso(year, month, day)
    if match.group("half"):
        return _iso(year, 6, 30) if match.group("half") == "上半年" else _iso(year, 12, 31)
    if not match.group("month"):
        return _iso(year, 12, 31)
    month = cn_to_int(match.group("month"))
    if match.group("day"):
        day = int(match.group("day"))
        return _iso(year, month, day) if 1 <= day <= _last_day(year, month) else None
    return _iso(year, month, _XUN_DAY.get(match.group("part"), _last_day(year, month)))


def _is_deadline(text: str, match: re.Match, in_field: bool) -> bool:
    """A date is a deadline when it says 前, or names the end of a period (底, 旬, 季度); inside a time-limit
    field any date is one. A date followed by 起 or 以来 is a starting point, never a deadline."""
    if not 1900 <= int(match.group("year")) <= 2100:
        return False
    if match.start() and text[match.start() - 1] in _NUMBER_CHARS:
        return False  # the tail of a longer number: `120235年`, `1.2022年`
    if not match.group("before") and _SINCE.match(text, match.end()):
        return False
    if match.group("before") or in_field:
        return True
    if match.group("day"):
        return False  # `2022年5月25日`: a signature date, `自2023年1月1日起`: a starting day
    return bool(match.group("year_end") or match.group("part") or match.group("quarter") or match.group("half"))


def _field_spans(masked: str) -> list[tuple[int, int]]:
    return [field.span("value") for field in _TIME_FIELD.finditer(masked)]


def _prepare(text: str) -> str:
    """Width-folded digits, with titles, 文号 and period ranges masked; offsets are those of `text`."""
    text = _FULLWIDTH_DIGIT.sub(lambda m: str(ord(m.group()) - 0xFF10), text)
    return mask_references(text)


def _scan(text: str, masked: str, fields: list[tuple[int, int]]) -> list[Deadline]:
    field_starts = [start for start, _ in fields]
    deadlines: list[Deadline] = []
    seen: set[str] = set()
    for match in _DATE.finditer(masked):
        index = bisect_right(field_starts, match.start()) - 1
        in_field = index >= 0 and match.start() < fields[index][1]
        if not _is_deadline(masked, match, in_field):
            continue
        phrase = text[match.start():match.end()].strip()
        if phrase not in seen:
            seen.add(phrase)
            deadlines.append(Deadline(text=phrase, date=_date_of(match)))
    return deadlines


def find_deadlines(text: str) -> list[Deadline]:
    """Completion deadlines in order of appearance, de-duplicated by their text."""
    if not _YEAR_HINT.search(text):
        return []
    masked = _prepare(text)
    return _scan(text, masked, _field_spans(masked))


def find_recurring(text: str) -> list[str]:
    """Values of time-limit fields that are not dates: `长期坚持`, `持续推进`, `每年3月底前`, `2022年起`."""
    if not _FIELD_HINT.search(text):
        return []
    masked = _prepare(text)
    recurring: list[str] = []
    for start, end in _field_spans(masked):
        position = start
        for part in _VALUE_SEPARATOR.split(masked[start:end]):
            part_start, position = position, position + len(part) + 1
            written = text[part_start:part_start + len(part)]
            value = written.strip().rstrip("。.")
            if value and value not in recurring and not _scan(written, part, [(0, len(part))]):
                recurring.append(value)
    return recurring


def default_deadline(text: str) -> Deadline | None:
    """The deadline a closing paragraph sets for every task (`各项工作任务原则上应当在2025年年底前完成`), or None."""
    for sentence in _SENTENCE.finditer(text):
        if _PLAN_WIDE.search(sentence.group()):
            deadlines = find_deadlines(sentence.group())
            if deadlines:
                return deadlines[0]
    return None
