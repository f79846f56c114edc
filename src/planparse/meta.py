"""Plan metadata: title, 文号, issuers, date, period, region, level, kind, draft, basis.

Each value is taken from the most trusted place a real document prints it: the notice header and signature
first, then a scraper's front matter, then a government info-disclosure block, then a web page's 发布时间.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .fields import find_citations, find_doc_number
from .fields.citations import title_spans
from .fields.regions import Place, find_places
from .models import DocRef, Dropped, Meta, Period
from .normalize import Line
from .numerals import cn_to_int
from .outline.frame import CN_DATE_LINE, DATE_LINE, Frame
from .printed_meta import FRONT_MATTER, INFO_BLOCK, printed_fields

# `（2022—2025年）`, `(2021-2025年)`: the plan period in a title.
_PERIOD = re.compile(r"[（(]?(\d{4})\s*[—–\-－~至到]+\s*(\d{4})\s*年?[）)]?")
# `松江区城市更新2025年度实施计划`, `…行动方案（2026年）`: a plan for one year.
_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年(?!\d|以来|前|底|末)")
# `2022年5月25日` (a signature date), `2024-02-28` (front matter), `发布时间:2025-04-01` (a web page).
_CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_NUMERIC_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_WEB_DATE = re.compile(r"(?:发布时间|发布日期|成文日期)\s*[：:]\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_CN_YEAR_DIGITS = str.maketrans("〇○O零一二三四五六七八九", "000012345678" + "9")
_DRAFT = re.compile(r"征求意见稿|草案|送审稿|讨论稿")
# Title words and the kind each names, most specific first; matched on the title with cited 《titles》 masked.
_KINDS = [(re.compile(r"分工方案|分工表|任务分工|责任分解|任务分解|分解方案"), "division_of_labor"),
          (re.compile(r"预案"), "emergency_plan"),
          (re.compile(r"办法|条例|规则|细则|规定"), "regulation"),
          (re.compile(r"工作要点|工作要求"), "work_points"),
          (re.compile(r"行动方案|行动计划"), "action_plan"),
          (re.compile(r"意见(?!稿)"), "opinion"),
          (re.compile(r"工作方案|创建.*方案"), "work_plan")]
# Issuers on the notice's masthead: `中共南阳市委文件`.
_MASTHEAD = re.compile(r"^(.{2,30}?)文件$")
# The notice's title: `国务院办公厅关于印发…的通知`, printed on one to three lines.
_NOTICE_TITLE_END = re.compile(r"(?:通知|函|通报|决定|批复|公告|命令)$")
_NOTICE_PARTS_MAX = 3
_NOTICE_PART_MAX = 60
# The issuers a notice title starts with: `上海市交通委员会 上海市公安局关于印发…`, `…办公室印发《…》的通知`.
_TITLE_ISSUERS = re.compile(r"^(?P<issuers>.+?)(?:关于|印发|转发|下发|发布)")
# What a notice transmits: `关于印发《…实施方案》的通知`, `关于发布2025年…工作要求的通知`.
_TRANSMITTED = re.compile(r"(?:印发|转发|下发|发布|颁布)(?P<object>.+?)的(?:通知|函)$")
# An issuing body ends in one of these: `上海市交通委员会`, `国务院办公厅`, `古美路街道办事处`, `中共南阳市委`.
_ORG_END = re.compile(r"(委员会|人民政府|政府|办公厅|办公室|办事处|局|委|厅|部|署|院|行|会|中心|小组|办)$")
_ISSUER_SPLIT = re.compile(r"[\s、，,；;]+")
# Bodies of the central government: `国务院`, `国务院办公厅`, `国家发展改革委`, `财政部`, `中共中央办公厅`.
_NATIONAL = re.compile(r"^(?:国务院|中共中央|全国人民代表大会|全国人大|中央|国家[\u4e00-\u9fff]{1,12}(?:委员会|委|局|署|总局)"
                       r"|[\u4e00-\u9fff]{1,8}部|中国人民银行|海关总署|审计署|国务院[\u4e00-\u9fff]{1,8}(?:委|会|办))"
                       r"(?:办公厅|办公室)?$")
# A law's adoption note under its title: `2019年1月31日 上海市第十五届人民代表大会第二次会议通过`,
# `（2004年6月16日国务院第54次常务会议修订通过）`.
_ADOPTION = re.compile(r"^[（(]?(?P<date>\d{4}年\d{1,2}月\d{1,2}日)\s*(?P<body>[\u4e00-\u9fff]{2,40}?)"
                       r"第[一二三四五六七八九十百零〇\d]+次(?:全体|常务)?会议(?:修订|审议|批准)?通过")
_SIGNER_MAX = 40
_TAIL_LINES = 6
_NOT_A_SIGNER = re.compile(r"^特此(通知|函告|通告|公告)|^此页无正文|^（此件")
_REPEALS = re.compile(r"废止|停止执行|不再执行|同时失效")
# A 文号 alone on its line: the plan's own (`国发〔2018〕38号`, `闵吴府发〔2021〕3号`).
_OWN_NUMBER_LINE = re.compile(r"^[\u4e00-\u9fff]{0,12}\s*[〔\[［(（【C]?\s*\d{4}\s*[〕\]］)）】]\s*\d{1,5}\s*号"
                              r"(?:\s*签发人[：:].{0,12})?$")  # `豫政〔2022〕5号 签发人：王某`


def build_meta(frame: Frame, dropped: list[Dropped], body_kinds: set[str], source_lines: Sequence[str] = ()) -> Meta:
    """`source_lines` (the decoded source, split into lines) tells where a signature line had spaces between
    joint issuers (`上海市交通委员会  上海海事局`), which normalising takes out."""
    printed = printed_fields(dropped)
    notice = _notice_title(frame)
    plan_title = _strip_brackets("".join(line.text for line in frame.title))  # a reprint's `《…方案》` line
    notice_text = "".join(line.text for line in notice)
    title = (plan_title or notice_text or printed[FRONT_MATTER].get("title") or printed[INFO_BLOCK].get("title")
             or _title_from_notice(frame.notice + frame.preamble))
    doc_number = _doc_number(frame, printed)
    issuers = _issuers(frame, notice, printed, source_lines)
    kind_title = _strip_brackets(plan_title) or _transmitted(notice_text) or title or ""
    place, level = _place(title or "", issuers, printed, frame)
    return Meta(
        title=title or None,
        doc_number=doc_number,
        issuers=issuers,
        date=_date(frame, dropped, printed),
        period=_period(kind_title or ""),
        region=_region_name(place),
        region_code=place.code if place else None,
        region_parents=place.parents if place else [],
        level=level,
        kind=_kind(kind_title, body_kinds, bool(plan_title), notice_text),
        draft=bool(_DRAFT.search(title or "")),
        basis=_basis(frame, notice, doc_number, {title or "", kind_title}),
    )


# --- title -------------------------------------------------------------------------------------------------

def _notice_title(frame: Frame) -> list[Line]:
    """The lines of the notice's own title (`国务院关于印发` / `《国务院工作规则》的通知`), or []."""
    lines = frame.notice if frame.title else frame.notice + frame.preamble
    for start in range(len(lines)):
        joined = ""
        for count in range(1, min(_NOTICE_PARTS_MAX, len(lines) - start) + 1):
            part = lines[start + count - 1].text
            if len(part) > _NOTICE_PART_MAX or part[-1] in "。，；：:":
                break
            joined += part
            if _NOTICE_TITLE_END.search(joined) and not joined.startswith(("现将", "为", "根据", "各", "特此", "附件")):
                return lines[start:start + count]
    return []


def _title_from_notice(lines: list[Line]) -> str:
    """A news reprint names the plan only in 《》: `市政府近日印发《…实施方案》`."""
    for line in lines:
        if not re.search(r"印发|出台|发布|制定|转发", line.text):
            continue
        for citation in find_citations(line.text):
            if citation.title:
                return citation.title
    return ""


def _strip_brackets(title: str) -> str:
    return title[1:-1] if title.startswith("《") and title.endswith("》") else title


def _transmitted(notice_title: str) -> str:
    found = _TRANSMITTED.search(notice_title)
    return _strip_brackets(found.group("object")) if found else ""


def _masked(title: str) -> str:
    """The title with cited 《titles》 blanked, so `贯彻《…条例》的实施方案` is no regulation."""
    for start, end in reversed(title_spans(title)):
        title = title[:start] + "□" * (end - start) + title[end:]
    return title


# --- 文号 and basis -----------------------------------------------------------------------------------------

def _doc_number(frame: Frame, printed: dict[str, dict[str, str]]) -> str | None:
    for line in frame.notice + frame.title + frame.preamble:
        if _OWN_NUMBER_LINE.match(line.text):
            return find_doc_number(line.text)
    for source in (FRONT_MATTER, INFO_BLOCK):
        value = printed[source].get("doc_number")
        if value and find_doc_number(value):
            return find_doc_number(value)
    return None


def _basis(frame: Frame, notice_title: list[Line], own_number: str | None, own_titles: set[str]) -> list[DocRef]:
    """Documents cited in the notice and the preamble; the plan itself (its 文号, the title the notice
    transmits it under) is never one of them."""
    own = {_bare(title) for title in own_titles if title}
    skip = {id(line) for line in notice_title}
    lines = [line.text for line in frame.notice + frame.preamble if id(line) not in skip
             and not _OWN_NUMBER_LINE.match(line.text)]
    # `原《…》（沪交法〔2023〕415号）同时废止`: a document the plan repeals is not its basis.
    sentences = [s for s in re.split(r"(?<=。)", "\n".join(lines)) if not _REPEALS.search(s)]
    return [ref for ref in find_citations("".join(sentences))
            if not (own_number and ref.doc_number == own_number) and not (ref.title and _bare(ref.title) in own)]


def _bare(title: str) -> str:
    return re.sub(r"[《》〈〉\s]", "", title)


# --- issuers --------------------------------------------------------------------------------------------------

def _issuers(frame: Frame, notice_title: list[Line], printed: dict[str, dict[str, str]],
             source_lines: Sequence[str]) -> list[str]:
    signed = _signature_issuers(frame, source_lines)
    titled = _title_issuers(notice_title, source_lines) or _title_issuers(frame.title, source_lines)
    # The header prints the full names a signature may shorten (`市交通委` for 上海市交通委员会).
    if signed and len(titled) == len(signed) and sum(map(len, titled)) > sum(map(len, signed)):
        return titled
    if signed or titled:
        return signed or titled
    adopted = _adoption(frame)
    if adopted:
        return [adopted[1]]
    for source in (FRONT_MATTER, INFO_BLOCK):
        value = printed[source].get("issuers")
        if value:
            return [name for name in _ISSUER_SPLIT.split(value) if name]
    for line in frame.notice:
        masthead = _MASTHEAD.match(line.text)
        if masthead:
            return [masthead.group(1)]
    return []


def _adoption(frame: Frame) -> tuple[str, str] | None:
    """(date, body) of a law's adoption note; a people's congress is named without its term (`第十五届`)."""
    for line in (frame.title + frame.preamble)[:4]:
        found = _ADOPTION.match(line.text)
        if found:
            body = re.sub(r"第[一二三四五六七八九十]+届", "", found.group("body"))
            return cn_date(found.group("date")), body
    return None


def _signature_blocks(frame: Frame) -> list[list[Line]]:
    """Where a signature stands: under the notice, after the plan, or in the last lines of the body when
    the plan ends without a closing paragraph (`…要抓好落实。` / `国务院` / `2018年11月7日`)."""
    tail = (frame.body + frame.closing)[-_TAIL_LINES:] if not frame.signature else []
    return [frame.notice, frame.signature, tail, _signature_in_body(frame.body)]


def _signature_in_body(body: list[Line]) -> list[Line]:
    """A signature before an annex (`国务院办公厅` / `2018年12月23日` / `附件`): a date under an issuer's name."""
    for i in range(1, len(body)):
        above = body[i - 1].text
        if _is_date_line(body[i].text) and len(above) <= _SIGNER_MAX and _ORG_END.search(above):
            return body[max(0, i - _TAIL_LINES):i + 1]
    return []


def _signature_issuers(frame: Frame, source_lines: Sequence[str]) -> list[str]:
    for lines in _signature_blocks(frame):
        dates = [i for i, line in enumerate(lines) if _is_date_line(line.text)]
        if not dates:
            continue
        signers: list[str] = []
        for line in reversed(lines[:dates[-1]]):
            text = line.text
            if (len(text) > _SIGNER_MAX or any(ch in text for ch in "。，：；、") or _NOT_A_SIGNER.match(text)
                    or not (_ORG_END.search(text) or _is_date_line(text))):
                break
            if _is_date_line(text):
                continue
            signers[:0] = _split_joint(line, source_lines)
        if signers:
            return signers
    return []


def _split_joint(line: Line, source_lines: Sequence[str]) -> list[str]:
    """Joint issuers printed on one line with spaces between them are separate bodies."""
    raw = source_lines[line.number - 1] if 0 < line.number <= len(source_lines) else line.text
    parts = [part for part in _ISSUER_SPLIT.split(raw.strip()) if part]
    if len(parts) > 1 and all(_ORG_END.search(part) for part in parts):
        return parts
    return [line.text]


def _title_issuers(notice_title: list[Line], source_lines: Sequence[str]) -> list[str]:
    if not notice_title:
        return []
    first = notice_title[0]
    raw = source_lines[first.number - 1].strip() if 0 < first.number <= len(source_lines) else first.text
    raw = raw.lstrip("#").strip()
    found = _TITLE_ISSUERS.match(raw)
    if not found:
        return []
    parts = [part for part in _ISSUER_SPLIT.split(found.group("issuers")) if part]
    return parts if parts and all(_ORG_END.search(part) for part in parts) else []


# --- date ---------------------------------------------------------------------------------------------------

def _is_date_line(text: str) -> bool:
    return bool(DATE_LINE.match(text) or CN_DATE_LINE.match(text))


def cn_date(text: str) -> str | None:
    """`2022年5月25日` or `二○一○年十二月二十五日` (〇/○/O for zero) as ISO yyyy-mm-dd, else None."""
    found = _CN_DATE.search(text)
    if found:
        return _iso(*found.groups())
    found = re.search(r"([〇○O零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日", text)
    if not found:
        return None
    year = found.group(1).translate(_CN_YEAR_DIGITS)
    month, day = cn_to_int(found.group(2)), cn_to_int(found.group(3))
    return _iso(year, month, day) if month and day else None


def _date(frame: Frame, dropped: list[Dropped], printed: dict[str, dict[str, str]]) -> str | None:
    for lines in _signature_blocks(frame):
        for line in reversed(lines):
            if _is_date_line(line.text):
                return cn_date(line.text)
    adopted = _adoption(frame)
    if adopted:
        return adopted[0]
    for source in (FRONT_MATTER, INFO_BLOCK):
        for key in ("signed", "published"):
            value = printed[source].get(key, "")
            found = cn_date(value) or _numeric_date(value)
            if found:
                return found
    for record in dropped:
        found = _WEB_DATE.search(record.text)
        if found:
            return _iso(*found.groups())
    return None


def _numeric_date(text: str) -> str | None:
    found = _NUMERIC_DATE.search(text)
    return _iso(*found.groups()) if found else None


def _iso(year, month, day) -> str | None:
    year, month, day = int(year), int(month), int(day)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


# --- period, kind -------------------------------------------------------------------------------------------

def _period(title: str) -> Period | None:
    found = _PERIOD.search(title)  # `《…实施方案（2021—2025年）》重要举措分工方案` covers the cited plan's years
    title = _masked(title)
    if found:
        return Period(start=int(found.group(1)), end=int(found.group(2)))
    years = {int(year) for year in _YEAR.findall(title)}
    if len(years) == 1:  # a plan for one year: `…2025年度实施计划`, `…行动方案（2026年）`
        year = years.pop()
        return Period(start=year, end=year)
    return None


def _kind(title: str, body_kinds: set[str], has_plan_title: bool, notice_title: str):
    if not has_plan_title and notice_title and _TRANSMITTED.search(notice_title) and not body_kinds:
        return "notice"  # it only transmits a document whose text is not here
    masked = _masked(title)
    for pattern, kind in _KINDS:
        if pattern.search(masked):
            return kind
    if "第X条" in body_kinds:
        return "regulation"
    return "implementation_plan"


# --- region and level ---------------------------------------------------------------------------------------

def _place(title: str, issuers: list[str], printed: dict[str, dict[str, str]], frame: Frame):
    """(place, level): the region the title names, or the issuer's; national bodies have no region."""
    others = [printed[s].get(k, "") for s in (FRONT_MATTER, INFO_BLOCK) for k in ("issuers", "title")]
    context = "\n".join([title, *issuers, *others] + [line.text for line in frame.notice[:20]])
    issued = next((p for p in (_first_place(text, context) for text in issuers + others) if p), None)
    if issued is None and issuers and all(_NATIONAL.match(name) for name in issuers):
        return None, "national"  # the State Council's plan for one province is still a national document
    titled = _first_place(_masked(title), context)
    if titled is None and issued is None:
        return None, None
    place = _more_specific(titled, issued)
    return place, place.level


def _first_place(text: str, context: str) -> Place | None:
    places = find_places(text, context)
    return places[0] if places else None


def _more_specific(titled: Place | None, issued: Place | None) -> Place:
    """Of the title's place and the issuer's, the deeper one when one lies within the other; the issuer's when
    they differ (a body rules its own area); printed in the longer of the two ways when they are the same."""
    if titled is None or issued is None:
        return titled or issued
    if _same(titled, issued):
        return titled if len(_region_name(titled)) >= len(_region_name(issued)) else issued
    issued_codes = {parent.code for parent in issued.parents}
    if titled.division.code in issued_codes or (issued.town and titled.division.code == issued.division.code):
        return issued
    titled_codes = {parent.code for parent in titled.parents}
    if issued.division.code in titled_codes or (titled.town and titled.division.code == issued.division.code):
        return titled
    return issued


def _same(a: Place, b: Place) -> bool:
    return a.division.code == b.division.code and a.town == b.town


def _region_name(place: Place | None) -> str | None:
    if place is None:
        return None
    return place.printed + (place.town or "")
