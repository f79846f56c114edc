"""Plan metadata: title, 文号, issuers, date, period, region, level, kind, draft, basis.

Each value is taken from the most trusted place a real document prints it: the notice header and signature
first, then a scraper's front matter, then a government info-disclosure block, then a web page's 发布时间.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Dropped, Meta
from ..outline.frame import Frame
from ..printed_meta import FRONT_MATTER, INFO_BLOCK, printed_fields
from .classify import DRAFT, find_kind, find_period
from .issuers import find_issuers
from .places import find_place, region_name
from .references import basis, own_doc_number
from .signature import cn_date, find_date
from .titles import notice_title, strip_brackets, title_from_notice, transmitted

__all__ = ["build_meta", "cn_date"]


def build_meta(frame: Frame, dropped: list[Dropped], body_kinds: set[str], source_lines: Sequence[str] = ()) -> Meta:
    """`source_lines` (the decoded source, split into lines) tells where a signature line had spaces between
    joint issuers (`上海市交通委员会  上海海事局`), which normalising takes out."""
    printed = printed_fields(dropped)
    notice = notice_title(frame)
    plan_title = strip_brackets("".join(line.text for line in frame.title))  # a reprint's `《…方案》` line
    notice_text = "".join(line.text for line in notice)
    title = (plan_title or notice_text or printed[FRONT_MATTER].get("title") or printed[INFO_BLOCK].get("title")
             or title_from_notice(frame.notice + frame.preamble))
    doc_number = own_doc_number(frame, printed)
    issuers = find_issuers(frame, notice, printed, source_lines)
    kind_title = strip_brackets(plan_title) or transmitted(notice_text) or title or ""
    place, level = find_place(title or "", issuers, printed, frame)
    return Meta(
        title=title or None,
        doc_number=doc_number,
        issuers=issuers,
        date=find_date(frame, dropped, printed),
        period=find_period(kind_title or ""),
        region=region_name(place),
        region_code=place.code if place else None,
        region_parents=place.parents if place else [],
        level=level,
        kind=find_kind(kind_title, body_kinds, bool(plan_title), notice_text),
        draft=bool(DRAFT.search(title or "")),
        basis=basis(frame, notice, doc_number, {title or "", kind_title}),
    )
