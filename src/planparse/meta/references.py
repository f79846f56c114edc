"""The plan's own 文号 and the documents it cites as its basis; the one is never the other."""

from __future__ import annotations

import re

from ..fields.citations import find_citations, find_doc_number
from ..models import DocRef
from ..normalize import Line
from ..outline.frame import Frame
from ..patterns import lazy_pattern
from ..printed_meta import FRONT_MATTER, INFO_BLOCK

_REPEALS = lazy_pattern(r"废止|停止执行|不再执行|同时失效")
# A 文号 alone on its line: the plan's own (`国发〔2018〕38号`, `闵吴府发〔2021〕3号`).
# (the optional bracket brings its own spaces: two `\s*` side by side would split a run of spaces every way)
_OWN_NUMBER_LINE = lazy_pattern(r"^[\u4e00-\u9fff]{0,12}\s*(?:[〔\[［(（【C]\s*)?\d{4}\s*[〕\]］)）】]\s*\d{1,5}\s*号"
                              r"(?:\s*签发人[：:].{0,12})?$")  # `豫政〔2022〕5号 签发人：王某`


def own_doc_number(frame: Frame, printed: dict[str, dict[str, str]]) -> str | None:
    for line in frame.notice + frame.title + frame.preamble:
        if _OWN_NUMBER_LINE.match(line.text):
            return find_doc_number(line.text)
    for source in (FRONT_MATTER, INFO_BLOCK):
        value = printed[source].get("doc_number")
        if value and find_doc_number(value):
            return find_doc_number(value)
    return None


# `现将《A》印发给你们`, `《A》和《B》已经国务院同意，现印发给你们` and `结合实际，制定《A》`: the documents the notice
# issues, or one still to be made — the plan itself, or a task, never what the plan implements.
_TRANSMITS = lazy_pattern(r"现将《[^》]{2,80}》[^。]{0,80}?(印发|转发|发布|公布)给|(?:制定|编制|制订)《[^》]{2,80}》"
                        # `《A》和《B》已经国务院同意，现印发给你们`
                        r"|《[^》]{2,80}》(?:[和及与、]《[^》]{2,80}》)*(?:已经|已|经)[^。《》]{0,30}?同意，?现?(?:印发|转发)给")


def basis(frame: Frame, notice_title: list[Line], own_number: str | None, own_titles: set[str]) -> list[DocRef]:
    """Documents cited in the notice and the preamble; the plan itself (its 文号, the title the notice
    transmits it under) is never one of them."""
    own = {_bare(title) for title in own_titles if title}
    skip = {id(line) for line in notice_title}
    lines = [line.text for line in frame.notice + frame.preamble if id(line) not in skip
             and not _OWN_NUMBER_LINE.match(line.text)]
    # `原《…》（沪交法〔2023〕415号）同时废止`: a document the plan repeals is not its basis.
    # `现将《A》和《B》印发给你们`, `制定《A》`: the documents a notice transmits are the plan itself, never its basis.
    sentences = [_TRANSMITS.sub("", s) for s in re.split(r"(?<=。)", "\n".join(lines)) if not _REPEALS.search(s)]
    return [ref for ref in find_citations("".join(sentences))
            if not (own_number and ref.doc_number == own_number) and not (ref.title and _bare(ref.title) in own)]


def _bare(title: str) -> str:
    return re.sub(r"[《》〈〉\s]", "", title)
