"""Completion deadlines (`2022年年底前` → 2022-12-31; `4月底前` in an annual plan), recurring time limits (`长期坚持`,
`每月15日前`) and a plan-wide deadline."""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from functools import lru_cache

from ..models import Deadline
from ..numerals import cn_to_int
from ..patterns import lazy_pattern
from .citations import mask_references
from .labels import labels_of

# Full-width digits, folded by a regex because str.translate is slow on long Chinese texts.
_FULLWIDTH_DIGIT = lazy_pattern(r"[０-９]")
_NUMBER_CHARS = frozenset("0123456789.")

# A date that may be a deadline; whether it is depends on what follows it (前 / 起 / 以来) and where it stands.
# `2022年年底前`, `2022年底前`, `2021年5月底前`, `2021年4月中旬前`, `2024年12月31日前`, `2023年第三季度`,
# `2023年三季度末前`, `2023年6月前`, `2025年前`, and the non-deadlines `2022年起`, `2019 年以来`, `到2025年`.
_DATE = lazy_pattern(
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
# A date without a year, as annual plans write it: `4月底前`, `5月前`, `3月25日`, `11月30日前`, `7月中旬前`, and the
# periods `年底前`, `今年年底前`, `上半年前`, `三季度末前`.
_YEARLESS_DATE = lazy_pattern(
    r"(?:(?P<year_end>(?:今年|本年度?)?\s*(?:年底|年末))"
    r"|(?P<half>上半年|下半年)"
    r"|第?\s*(?P<quarter>[一二三四])\s*季度\s*(?:末|底)?"
    r"|(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月\s*(?:份\s*)?"
    r"(?:(?P<day>[0-3]?[0-9])\s*[日号]|(?P<part>上旬|中旬|下旬|底|末))?)"
    r"(?:\s*(?P<before>之前|以前|前(?![后三两二一四五六七八九十几0-9])))?"
)
# What may not stand right before a yearless date: a year (`2023年3月`, read by _DATE), a longer number (`13月`,
# `1.5月`), 每 (`每月15日前` recurs), or a word that names another year or month (`次月`, `明年底`, `前三季度`).
_NOT_BEFORE_MONTH = frozenset("0123456789.年月日每次本当上下同该个十一二三四五六七八九〇零明去前后近往隔第")
# Dates in a list that share one 前: `3月25日、6月25日、9月25日、11月30日前`.
_LIST_SEPARATOR = lazy_pattern(r"\s*、\s*\Z")
# A recurring time limit in prose: `每月15日前`, `每年 1 月 31 日前`, `每季度末前`.
_RECURRING_LIMIT = lazy_pattern(
    r"每(?:年|月|季度|季|半年|周)\s*(?:[0-9０-９一二三四五六七八九十]{1,2}\s*月\s*)?"
    r"(?:[0-9０-９]{1,2}\s*[日号]|上旬|中旬|下旬|底|末)?\s*(?:之前|以前|前(?![后三两二一四五六七八九十几0-9０-９]))"
)
# Texts without a year or a time-limit label (most measures) skip the masking.
_YEAR_HINT = lazy_pattern(r"[0-9０-９]{4}\s*年")
_DEADLINE_LABELS = labels_of("deadline")
_FIELD_HINT = lazy_pattern(_DEADLINE_LABELS)
# What turns a date into a starting point: `2022年起`, `2019 年以来`, `自2023年1月1日起施行`, `2023年第三季度全面启动`.
_SINCE = lazy_pattern(r"\s*(?:起|以来|开始|以后|之后|后|至今|为止|(?:全面)?启动)")
# An explicit time-limit field: `完成时限：2023年年底前`, `（…；完成时限：长期坚持）`, `时间节点：每年3月底前`.
# Its value stops at `；`, `。`, a line end, or the bracket that closes the group it sits in.
_TIME_FIELD = lazy_pattern(
    rf"(?:{_DEADLINE_LABELS})\s*[：:]\s*"
    r"(?P<value>(?:[（(][^\n（()）]*[）)]|[^\n；;。（()）])*)"
)
# One value of a time-limit field: `2022年底前完成，长期坚持` holds two.
_VALUE_SEPARATOR = lazy_pattern(r"[，,；;]")
# A plan-wide deadline sentence: `各项工作任务原则上应当在2025年年底前完成`,
# `各项工作任务除本方案有明确时限要求外，原则上应当在2025年年底前完成`.
_PLAN_WIDE = lazy_pattern(r"(?:各项|所有|全部|本方案|上述|以上)[^。]{0,6}?(?:任务|工作|措施|举措)[^。]*?完成")
_SENTENCE = lazy_pattern(r"[^。！？!?\n]+")
_QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
_XUN_DAY = {"上旬": 10, "中旬": 20}


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _iso(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def _numeral(text: str) -> int:
    """A month or quarter the date pattern matched (`十二`, `4`): always a numeral."""
    number = cn_to_int(text)
    assert number is not None, text
    return number


def _date_of(match: re.Match, year: int | None) -> str | None:
    """The ISO day a date phrase fixes (the last day of the period it names), or None. `year` is the plan's, for a
    date printed without one."""
    parts = match.groupdict()
    year = int(parts["year"]) if parts.get("year") else year
    if year is None:
        return None
    if parts.get("quarter"):
        month, day = _QUARTER_END[_numeral(parts["quarter"])]
        return _iso(year, month, day)
    if parts.get("half"):
        return _iso(year, 6, 30) if parts["half"] == "上半年" else _iso(year, 12, 31)
    if not parts["month"]:
        return _iso(year, 12, 31)
    month = _numeral(parts["month"])
    if parts["day"]:
        day = int(parts["day"])
        return _iso(year, month, day) if 1 <= day <= _last_day(year, month) else None
    if parts["before"] and not parts["part"]:
        # `6月前` is before June: the end of May.
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return _iso(year, month, _XUN_DAY.get(parts["part"], _last_day(year, month)))


def _is_deadline(text: str, match: re.Match, in_field: bool, shares_before: bool = False) -> bool:
    """A date is a deadline when it says 前 (itself or as one of a list ending in 前), or names the end of a period
    (底, 旬, 季度); inside a time-limit field any date is one. A date followed by 起 or 以来 is a starting point, never
    a deadline."""
    parts = match.groupdict()
    if parts.get("year") and not 1900 <= int(parts["year"]) <= 2100:
        return False
    if match.start() and text[match.start() - 1] in _NUMBER_CHARS:
        return False  # the tail of a longer number: `120235年`, `1.2022年`
    before = parts["before"] or shares_before
    if not before and _SINCE.match(text, match.end()):
        return False
    if not parts.get("year") and not (before or in_field) and not parts["month"]:
        return False  # a bare 年末 / 上半年 / 三季度 without a year names a time (`年末跟踪指导`), not a deadline
    if before or in_field:
        return True
    if parts["day"]:
        return False  # `2022年5月25日`: a signature date, `自2023年1月1日起`: a starting day
    return bool(parts.get("year_end") or parts["part"] or parts.get("quarter") or parts.get("half"))


def _field_spans(masked: str) -> list[tuple[int, int]]:
    return [field.span("value") for field in _TIME_FIELD.finditer(masked)]


# (a measure's deadlines and its recurring limits are read from the same text, one after the other: the
# masked text, a function of the text alone, is made once for both)
@lru_cache(maxsize=2)
def _prepare(text: str) -> str:
    """Width-folded digits, with titles, 文号 and period ranges masked; offsets are those of `text`."""
    text = _FULLWIDTH_DIGIT.sub(lambda m: str(ord(m.group()) - 0xFF10), text)
    return mask_references(text)


def _yearless_dates(masked: str, dated: list[re.Match]) -> list[re.Match]:
    """Months printed without a year, outside the dates that have one."""
    taken = [match.span() for match in dated]
    found = []
    for match in _YEARLESS_DATE.finditer(masked):
        before = match.start() - 1
        while before >= 0 and masked[before].isspace():
            before -= 1
        if before >= 0 and masked[before] in _NOT_BEFORE_MONTH:
            continue
        index = bisect_right(taken, (match.start(), len(masked))) - 1
        if index >= 0 and match.start() < taken[index][1]:
            continue
        found.append(match)
    return found


def _sharing_before(masked: str, matches: list[re.Match]) -> list[bool]:
    """For each date, whether it heads a list of dates whose last one says 前 (`3月25日、6月25日前`)."""
    shares = [False] * len(matches)
    for index in range(len(matches) - 2, -1, -1):
        following, end = matches[index + 1], matches[index].end()
        if following.start() - end <= 3 and _LIST_SEPARATOR.match(masked[end:following.start()]):
            shares[index] = bool(following.group("before")) or shares[index + 1]
    return shares


def _scan(text: str, masked: str, fields: list[tuple[int, int]], year: int | None = None) -> list[Deadline]:
    field_starts = [start for start, _ in fields]
    matches = list(_DATE.finditer(masked))
    if year is not None:
        matches = sorted(matches + _yearless_dates(masked, matches), key=lambda match: match.start())
    deadlines: list[Deadline] = []
    seen: set[str] = set()
    for match, shares_before in zip(matches, _sharing_before(masked, matches)):
        index = bisect_right(field_starts, match.start()) - 1
        in_field = index >= 0 and match.start() < fields[index][1]
        if not _is_deadline(masked, match, in_field, shares_before):
            continue
        phrase = text[match.start():match.end()].strip()
        if phrase not in seen:
            seen.add(phrase)
            deadlines.append(Deadline(text=phrase, date=_date_of(match, year)))
    return deadlines


def find_deadlines(text: str, *, year: int | None = None, in_field: bool = False) -> list[Deadline]:
    """Completion deadlines in order of appearance, de-duplicated by their text. `year` is the plan's year for an
    annual plan: months printed without one (`4月底前`) take it; without it they are not read. `in_field` says the
    whole text is the value of a time-limit field (a 时间节点 table cell), where any date is a deadline."""
    if year is None and not _YEAR_HINT.search(text):
        return []
    masked = _prepare(text)
    fields = [(0, len(text))] if in_field else _field_spans(masked)
    return _scan(text, masked, fields, year)


def find_recurring(text: str, *, year: int | None = None) -> list[str]:
    """Values of time-limit fields that are not dates (`长期坚持`, `持续推进`, `每年3月底前`, `2022年起`) and recurring
    limits in prose (`每月15日前报送`), in order of appearance. `year` as for find_deadlines."""
    has_field, recurs = _FIELD_HINT.search(text), _RECURRING_LIMIT.search(text)
    if not has_field and not recurs:
        return []
    masked = _prepare(text)
    fields = _field_spans(masked) if has_field else []
    found: list[tuple[int, str]] = []
    for start, end in fields:
        position = start
        for part in _VALUE_SEPARATOR.split(masked[start:end]):
            part_start, position = position, position + len(part) + 1
            written = text[part_start:part_start + len(part)]
            value = written.strip().rstrip("。.")
            if value and not _scan(written, part, [(0, len(part))], year):
                found.append((part_start, value))
    field_starts = [start for start, _ in fields]
    for limit in _RECURRING_LIMIT.finditer(masked) if recurs else ():
        index = bisect_right(field_starts, limit.start()) - 1
        if index < 0 or limit.start() >= fields[index][1]:
            found.append((limit.start(), text[limit.start():limit.end()]))
    recurring: list[str] = []
    for _, value in sorted(found, key=lambda item: item[0]):
        if value not in recurring:
            recurring.append(value)
    return recurring


def default_deadline(text: str) -> Deadline | None:
    """The deadline a closing paragraph sets for every task (`各项工作任务原则上应当在2025年年底前完成`), or None."""
    for sentence in _SENTENCE.finditer(text):
        # Searched only up to the sentence's last 完成, where every match ends: from each 各项/本方案 after it,
        # the lazy scan for 完成 would run to the end of the sentence (quadratic in a long closing paragraph).
        done = sentence.group().rfind("完成")
        if done >= 0 and _PLAN_WIDE.search(sentence.group(), 0, done + len("完成")):
            deadlines = find_deadlines(sentence.group())
            if deadlines:
                return deadlines[0]
    return None
