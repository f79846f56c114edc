"""The frame around the numbered body: notice, title and preamble before it; closing, signature and
distribution list after it. Owns where the body starts and ends."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..normalize import Line
from ..patterns import lazy_pattern
from .annex import is_attachment_list
from .markers import RANK_MEASURE, Marker
from .tree import TERMINAL

# `2022年5月25日`, `2023年3月17日` alone on a line (a signature date).
DATE_LINE = lazy_pattern(r"^\d{4}年\d{1,2}月\d{1,2}日$")
# The same in Chinese numerals, `二〇〇四年六月二十六日`, `二○一○年十二月二十五日` (〇, ○ or a letter O for zero).
CN_DATE_LINE = lazy_pattern(r"^[〇○O零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$")
# A plan title: `南阳市法治政府建设实施方案`, `《…实施方案（2021—2025年）》重要举措分工方案`, `…工作方案`.
_TITLE_WORDS = lazy_pattern(r"(方案|纲要|规划|办法|细则|意见|计划|规定|要点|要求|条例|清单|分工表|规则|预案|措施|分解表?)")
# The title word ends a title, before a tail such as `（2022—2025年）` or `（试行）`: `关于贯彻《…条例》` does not end.
_TITLE_END = lazy_pattern(rf"{_TITLE_WORDS.pattern}(?:[（(][^（）()]{{1,16}}[）)])?$")
# A news reprint's title stands alone in 《》: `《…实施方案》`.
_BRACKETED_TITLE = lazy_pattern(rf"^《.+{_TITLE_WORDS.pattern}(?:[（(][^（）()]{{1,16}}[）)])?》$")
# Lines that are whole on their own and never the first part of a title: `附件1`, `中共南阳市委文件`, a 文号.
_NOT_TITLE_START = lazy_pattern(r"^附件|^[（(].*[）)]$|文件$|通知$|函$|〕\s*\d{1,5}\s*号$")
# A title printed over two or three lines: each part short and without closing punctuation.
_TITLE_PART_MAX = 40
_TITLE_PARTS_MAX = 3
# `（2022—2025年）`, `（征求意见稿）`, `(试行)` on their own line under a title.
_TITLE_TAIL = lazy_pattern(r"^[（(《]?[^。，]{1,16}[）)》]$")
# An issuing body on a signature line: `中共南阳市委`, `南阳市人民政府`, `…领导小组办公室`.
_ORG_LINE = lazy_pattern(r"^[\u4e00-\u9fff（）·]{2,40}(委|政府|办公室|委员会|局|院|厅|部|中心|小组|办|公司)$")
# The closing paragraph of a plan: `各级、各部门要认真贯彻落实…本方案…`, `…原则上应当在2025年年底前完成`.
_CLOSING = lazy_pattern(r"(本方案|本实施方案|本意见|本办法|本通知|本细则|本规划|认真贯彻落实|原则上应当在.{2,20}完成)")
# A line of an attachment list: a title, never a paragraph.
_ATTACHMENT_TITLE_MAX = 80
_WRAPPED_TITLE_MAX = 40
_NUMBERED_TITLE = lazy_pattern(r"^\d{1,2}\s*[.．、]")
# A list of this many items or more, nearly all one line long, is a list of one-line items.
_ONE_LINE_ITEMS_MIN = 5
_ONE_LINE_ITEMS_SHARE = 0.9
# A paragraph addressed to every recipient after the last item: `各地区、各部门要…`, `各有关部门…`.
_CLOSING_START = lazy_pattern(r"^各(地区|部门|有关|省)")
# `（此件公开发布）`, `（本文有删减）`: notes printed under a signature.
_PUBLICATION_NOTE = lazy_pattern(r"^[（(](此件公开发布|此件不公开|此件主动公开|本文有删减|此页无正文)[）)]$")
# `抄送：…`, `… 2021年3月18日印发`: the distribution footer of an official document.
_DISTRIBUTION = lazy_pattern(r"^(抄送|主送|抄报|印发)[：:]|印发$")


@dataclass
class Frame:
    notice: list[Line] = field(default_factory=list)
    title: list[Line] = field(default_factory=list)
    preamble: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    closing: list[Line] = field(default_factory=list)
    attachments: list[Line] = field(default_factory=list)  # 附件：1.… 2.…, the titles of the attachments
    signature: list[Line] = field(default_factory=list)
    distribution: list[Line] = field(default_factory=list)


def split_frame(lines: list[Line], markers: list[Marker | None]) -> Frame:
    frame = Frame()
    start = body_start(markers)
    end = _body_end(lines, markers, start)
    _split_front(lines[:start], frame)
    frame.body = lines[start:end]
    _split_back(lines[end:], frame)
    return frame


def body_start(markers: list[Marker | None]) -> int:
    structural = [i for i, m in enumerate(markers) if m is not None and m.rank <= RANK_MEASURE]
    return structural[0] if structural else len(markers)


def _body_end(lines: list[Line], markers: list[Marker | None], start: int) -> int:
    """The body ends before the trailing run of closing paragraphs, signatures and footers."""
    end = len(lines)
    # `附件：1.… 2.…`: the list of attachments ends the body; its numbered titles are not measures.
    listed = next((i for i in range(start, end) if is_attachment_list(lines[i].text)), None)
    if listed is not None:
        end = listed
    while end > start and _is_footer(lines[end - 1].text):
        end -= 1
    last_marker = max((i for i in range(start, end) if markers[i] is not None), default=None)
    if last_marker is None:
        return end
    # Closing paragraphs start at a paragraph break after the last marker's own paragraph. A copy
    # without blank lines (text rendered from a web page) breaks paragraphs at every finished line.
    paragraphs_marked = sum(line.blank_before for line in lines[start:end]) * 4 > end - start
    # `第十六条（施行日期）` alone on its line: the paragraph under it (`本办法自…起施行。`) is its text.
    first = last_marker + 2 if lines[last_marker].text[-1:] not in TERMINAL + "）)" else last_marker + 1
    if not paragraphs_marked and first == last_marker + 1 and first < end and _one_line_items(markers, start, end):
        # 三十 items of one line each, then a paragraph that is no item: the notice's closing
        return first
    for i in range(first, end):
        new_paragraph = lines[i].blank_before if paragraphs_marked else lines[i - 1].text[-1:] in TERMINAL
        if new_paragraph and markers[i] is None and (
                _CLOSING.search(lines[i].text) or (not paragraphs_marked and _CLOSING_START.match(lines[i].text))):
            return i
    return end


def _one_line_items(markers: list[Marker | None], start: int, end: int) -> bool:
    """Whether the body is a list of one-line items: nearly every marker line is followed by another."""
    marked = [i for i in range(start, end) if markers[i] is not None]
    if len(marked) < _ONE_LINE_ITEMS_MIN:
        return False
    followed = sum(1 for i in marked[:-1] if markers[i + 1] is not None)
    return followed >= _ONE_LINE_ITEMS_SHARE * (len(marked) - 1)


def _is_footer(text: str) -> bool:
    return bool(DATE_LINE.match(text) or CN_DATE_LINE.match(text) or _ORG_LINE.match(text)
                or _DISTRIBUTION.search(text) or _PUBLICATION_NOTE.match(text)) and len(text) <= 80


def _split_front(front: list[Line], frame: Frame) -> None:
    title_at = _title_index(front)
    if title_at is None:
        frame.preamble = front
        return
    end = title_at + _title_parts(front, title_at)
    while end < len(front) and _TITLE_TAIL.match(front[end].text) and len(front[end].text) <= 20:
        end += 1
    frame.notice = front[:title_at]
    frame.title = front[title_at:end]
    frame.preamble = front[end:]


def _title_index(front: list[Line]) -> int | None:
    candidates = [i for i in range(len(front)) if _title_parts(front, i)]
    if not candidates:
        return None
    # A notice (印发通知) comes first and ends with its date; the plan's own title follows it.
    dates = [i for i, line in enumerate(front) if DATE_LINE.match(line.text) or CN_DATE_LINE.match(line.text)]
    after_notice = [i for i in candidates if dates and i > dates[-1]]
    return after_notice[0] if after_notice else candidates[0]


def _title_parts(front: list[Line], start: int) -> int:
    """How many lines from `start` make a title (`关于贯彻《…条例》` / `推进…的实施方案`), or 0."""
    first = front[start].text
    if _looks_like_title(first):
        return 1
    if (_ORG_LINE.match(first) or DATE_LINE.match(first) or CN_DATE_LINE.match(first)
            or _NOT_TITLE_START.search(first) or len(first) < 4):
        return 0
    joined = ""
    for count in range(1, min(_TITLE_PARTS_MAX, len(front) - start) + 1):
        part = front[start + count - 1].text
        if count > 1 and (len(part) > _TITLE_PART_MAX or part[-1] in TERMINAL + "，、：:"
                          or DATE_LINE.match(part) or CN_DATE_LINE.match(part)):
            return 0
        joined += part
        if _looks_like_title(joined):
            return count
        if len(part) > _TITLE_PART_MAX or part[-1] in TERMINAL + "，、：:":
            return 0
    return 0


def _looks_like_title(text: str) -> bool:
    return (
        len(text) <= 70
        and bool(_TITLE_END.search(text) or _BRACKETED_TITLE.match(text))
        and text[-1] not in TERMINAL + "，、"
        and not text.endswith("通知")
        and not text.startswith(("现将", "为", "根据", "各"))
        and not any(mark in text for mark in ">＞›»")  # a breadcrumb `首页 > 政策 > 正文`
    )


def _split_back(back: list[Line], frame: Frame) -> None:
    listing = False  # inside `附件：1.… 2.…`, the list of attachments
    for line in back:
        text = line.text
        if is_attachment_list(text) and not frame.distribution:
            listing = True
            frame.attachments.append(line)
        elif listing and (_NUMBERED_TITLE.match(text) or ("：" not in text and len(text) <= _WRAPPED_TITLE_MAX)) \
                and len(text) <= _ATTACHMENT_TITLE_MAX and not (DATE_LINE.match(text) or CN_DATE_LINE.match(text)
                                                                or _ORG_LINE.match(text) or _DISTRIBUTION.search(text)):
            frame.attachments.append(line)  # a numbered title, or the wrapped rest of one
        elif _DISTRIBUTION.search(text):
            listing = False
            frame.distribution.append(line)
        elif (DATE_LINE.match(text) or CN_DATE_LINE.match(text) or _ORG_LINE.match(text)) and not frame.distribution:
            listing = False
            frame.signature.append(line)
        elif frame.signature or frame.distribution:
            frame.distribution.append(line)
        else:
            frame.closing.append(line)
