"""Plan metadata from the frame: title, 文号, issuers, date, period, region, level, kind, draft, basis."""

from __future__ import annotations

import re

from .fields import find_citations, find_doc_number
from .models import DocRef, Dropped, Meta, Period
from .normalize import Line
from .outline.frame import DATE_LINE, Frame

# `（2022—2025年）`, `(2021-2025年)`: the plan period in a title.
_PERIOD = re.compile(r"[（(](\d{4})\s*[—–\-－~至到]+\s*(\d{4})\s*年?[）)]")
# `2022年5月25日` (a signature date) and `发布时间:2025-04-01` (a web page's publication date).
_CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_ISO_DATE = re.compile(r"(?:发布时间|发布日期|成文日期)\s*[：:]\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
# The administrative area a title starts with: `南阳市`, `宝丰县`, `信阳市平桥区`, `河南省` — each part a name
# of at most 7 characters ending in an administrative suffix, as many parts as follow one another.
_REGION = re.compile(r"^((?:[\u4e00-\u9fff]{1,7}?(?:自治区|自治州|自治县|省|市|州|盟|县|旗|区))+)")
# Words that show a "region" match is really the start of a topic (`关于推进城市…`).
_NOT_A_PLACE = re.compile(r"关于|推进|加强|建设|法治|实施|全面|印发|创建")
_LEVEL_BY_SUFFIX = [("自治区", "province"), ("省", "province"), ("自治州", "city"), ("市", "city"),
                    ("州", "city"), ("盟", "city"), ("自治县", "county"), ("县", "county"), ("旗", "county"),
                    ("区", "district")]
_DRAFT = re.compile(r"征求意见稿|草案|送审稿|讨论稿")
_KINDS = [(re.compile(r"分工方案|分工表|任务分工"), "division_of_labor"),
          (re.compile(r"工作方案|工作要点|行动方案|创建.*方案"), "work_plan"),
          (re.compile(r"办法|细则|规定|条例|规则"), "regulation")]
# Issuers on the notice's masthead: `中共南阳市委文件`.
_MASTHEAD = re.compile(r"^(.{2,30}?)文件$")


def build_meta(frame: Frame, dropped: list[Dropped], body_kinds: set[str]) -> Meta:
    title = "".join(line.text for line in frame.title) or _title_from_notice(frame.notice)
    notice_text = "\n".join(line.text for line in frame.notice)
    region = _region(title)
    return Meta(
        title=title or None,
        doc_number=find_doc_number(notice_text) if notice_text else None,
        issuers=_issuers(frame),
        date=_date(frame, dropped),
        period=_period(title),
        region=region,
        level=_level(region),
        kind=_kind(title, body_kinds),
        draft=bool(_DRAFT.search(title)),
        basis=_basis(frame.preamble),
    )


def _title_from_notice(notice: list[Line]) -> str:
    for line in notice:
        for citation in find_citations(line.text):
            if citation.title:
                return citation.title
    return ""


def _issuers(frame: Frame) -> list[str]:
    for lines in (frame.notice, frame.signature):
        texts = [line.text for line in lines]
        dates = [i for i, text in enumerate(texts) if DATE_LINE.match(text)]
        if dates:
            signers = []
            for text in reversed(texts[:dates[-1]]):
                if len(text) > 40 or any(ch in text for ch in "。，：；、"):
                    break
                signers.insert(0, text)
            if signers:
                return signers
    for line in frame.notice:
        masthead = _MASTHEAD.match(line.text)
        if masthead:
            return [masthead.group(1)]
    return []


def _date(frame: Frame, dropped: list[Dropped]) -> str | None:
    for lines in (frame.notice, frame.signature):
        for line in reversed(lines):
            if DATE_LINE.match(line.text):
                return _iso(*_CN_DATE.match(line.text).groups())
    for record in dropped:
        found = _ISO_DATE.search(record.text)
        if found:
            return _iso(*found.groups())
    return None


def _iso(year: str, month: str, day: str) -> str:
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def _period(title: str) -> Period | None:
    found = _PERIOD.search(title)
    return Period(start=int(found.group(1)), end=int(found.group(2))) if found else None


def _region(title: str) -> str | None:
    title = title.lstrip("《〈")
    title = title[2:] if title.startswith("中共") else title
    found = _REGION.match(title)
    if not found or _NOT_A_PLACE.search(found.group(1)):
        return None
    return found.group(1)


def _level(region: str | None):
    if not region:
        return None
    for suffix, level in _LEVEL_BY_SUFFIX:
        if region.endswith(suffix):
            return level
    return None


def _kind(title: str, body_kinds: set[str]):
    if "第X条" in body_kinds:
        return "regulation"
    for pattern, kind in _KINDS:
        if pattern.search(title):
            return kind
    return "implementation_plan"


def _basis(preamble: list[Line]) -> list[DocRef]:
    return find_citations("".join(line.text for line in preamble))
