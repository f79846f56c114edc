"""The plan's title and the notice's: titles over two or three lines, a reprint's 《title》, what a notice transmits."""

from __future__ import annotations

import re

from ..fields.citations import find_citations, title_spans
from ..normalize import Line
from ..outline.frame import Frame
from ..patterns import lazy_pattern

# The notice's title: `国务院办公厅关于印发…的通知`, printed on one to three lines.
_NOTICE_TITLE_END = lazy_pattern(r"(?:通知|函|通报|决定|批复|公告|命令)$")
_NOTICE_PARTS_MAX = 3
_NOTICE_PART_MAX = 60
# What a notice transmits: `关于印发《…实施方案》的通知`, `关于发布2025年…工作要求的通知`.
TRANSMITTED = lazy_pattern(r"(?:印发|转发|下发|发布|颁布)(?P<object>.+?)的(?:通知|函)$")


def notice_title(frame: Frame) -> list[Line]:
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


def title_from_notice(lines: list[Line]) -> str:
    """A news reprint names the plan only in 《》: `市政府近日印发《…实施方案》`."""
    for line in lines:
        if not re.search(r"印发|出台|发布|制定|转发", line.text):
            continue
        for citation in find_citations(line.text):
            if citation.title:
                return citation.title
    return ""


def strip_brackets(title: str) -> str:
    return title[1:-1] if title.startswith("《") and title.endswith("》") else title


def transmitted(notice_title: str) -> str:
    found = TRANSMITTED.search(notice_title)
    return strip_brackets(found.group("object")) if found else ""


def masked(title: str) -> str:
    """The title with cited 《titles》 blanked, so `贯彻《…条例》的实施方案` is no regulation."""
    for start, end in reversed(title_spans(title)):
        title = title[:start] + "□" * (end - start) + title[end:]
    return title
