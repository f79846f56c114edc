"""Where a document signs and dates itself (under the notice, after the plan, before an annex, in a law's
adoption note), and its date, falling back to printed metadata."""

from __future__ import annotations

import re

from ..models import Dropped
from ..normalize import Line
from ..numerals import cn_to_int
from ..outline.frame import CN_DATE_LINE, DATE_LINE, Frame
from ..patterns import lazy_pattern
from ..printed_meta import FRONT_MATTER, INFO_BLOCK

# `2022年5月25日` (a signature date), `2024-02-28` (front matter), `发布时间:2025-04-01` (a web page).
_CN_DATE = lazy_pattern(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_NUMERIC_DATE = lazy_pattern(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_WEB_DATE = lazy_pattern(r"(?:发布时间|发布日期|成文日期)\s*[：:]\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
# `二○一○年十二月二十五日`: the year digit by digit (〇, ○ or a letter O for zero), month and day as numbers.
_CN_NUMERAL_DATE = lazy_pattern(r"([〇○O零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月"
                              r"([一二三四五六七八九十]{1,3})日")
_CN_YEAR_DIGITS = str.maketrans("〇○O零一二三四五六七八九", "0000123456789")
# An issuing body ends in one of these: `上海市交通委员会`, `国务院办公厅`, `古美路街道办事处`, `中共南阳市委`.
ORG_END = lazy_pattern(r"(委员会|人民政府|政府|办公厅|办公室|办事处|局|委|厅|部|署|院|行|会|中心|小组|办)$")
# A law's adoption note under its title: `2019年1月31日 上海市第十五届人民代表大会第二次会议通过`,
# `（2004年6月16日国务院第54次常务会议修订通过）`.
_ADOPTION = lazy_pattern(r"^[（(]?(?P<date>\d{4}年\d{1,2}月\d{1,2}日)\s*(?P<body>[\u4e00-\u9fff]{2,40}?)"
                       r"第[一二三四五六七八九十百零〇\d]+次(?:全体|常务)?会议(?:修订|审议|批准)?通过")
SIGNER_MAX = 40
_TAIL_LINES = 6


def adoption(frame: Frame) -> tuple[str | None, str] | None:
    """(date, body) of a law's adoption note; a people's congress is named without its term (`第十五届`).
    The date is None when the note's is no date (`3月34日`)."""
    for line in (frame.title + frame.preamble)[:4]:
        found = _ADOPTION.match(line.text)
        if found:
            body = re.sub(r"第[一二三四五六七八九十]+届", "", found.group("body"))
            return cn_date(found.group("date")), body
    return None


def signature_blocks(frame: Frame) -> list[list[Line]]:
    """Where a signature stands: under the notice, after the plan, or in the last lines of the body when
    the plan ends without a closing paragraph (`…要抓好落实。` / `国务院` / `2018年11月7日`)."""
    tail = (frame.body + frame.closing)[-_TAIL_LINES:] if not frame.signature else []
    return [frame.notice, frame.signature, tail, _signature_in_body(frame.body)]


def _signature_in_body(body: list[Line]) -> list[Line]:
    """A signature before an annex (`国务院办公厅` / `2018年12月23日` / `附件`): a date under an issuer's name."""
    for i in range(1, len(body)):
        above = body[i - 1].text
        if len(above) <= SIGNER_MAX and is_date_line(body[i].text) and ORG_END.search(above):  # cheapest first
            return body[max(0, i - _TAIL_LINES):i + 1]
    return []


def is_date_line(text: str) -> bool:
    return bool(DATE_LINE.match(text) or CN_DATE_LINE.match(text))


def cn_date(text: str) -> str | None:
    """`2022年5月25日` or `二○一○年十二月二十五日` (〇/○/O for zero) as ISO yyyy-mm-dd, else None."""
    found = _CN_DATE.search(text)
    if found:
        return _iso(*found.groups())
    found = _CN_NUMERAL_DATE.search(text)
    if not found:
        return None
    year = found.group(1).translate(_CN_YEAR_DIGITS)
    month, day = cn_to_int(found.group(2)), cn_to_int(found.group(3))
    return _iso(year, month, day) if month and day else None


def find_date(frame: Frame, dropped: list[Dropped], printed: dict[str, dict[str, str]]) -> str | None:
    for lines in signature_blocks(frame):
        for line in reversed(lines):
            if is_date_line(line.text):
                return cn_date(line.text)
    adopted = adoption(frame)
    if adopted and adopted[0]:  # a note whose date is no date leaves the search to the sources below
        return adopted[0]
    for source in (FRONT_MATTER, INFO_BLOCK):
        for key in ("signed", "published"):
            value = printed[source].get(key, "")
            found = cn_date(value) or _numeric_date(value)
            if found:
                return found
    for record in dropped:
        web = _WEB_DATE.search(record.text)
        if web:
            return _iso(*web.groups())
    return None


def _numeric_date(text: str) -> str | None:
    found = _NUMERIC_DATE.search(text)
    return _iso(*found.groups()) if found else None


def _iso(year, month, day) -> str | None:
    year, month, day = int(year), int(month), int(day)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
