"""Which chapters and headings frame a plan or support its work rather than assign it (总体要求, 保障措施):
read by the outline builder and by align's units, which need these words and nothing else of the outline."""

from __future__ import annotations

from ..patterns import lazy_pattern

# What frames a plan rather than assigns work: a chapter ending in these, or a `（一）` heading starting so.
_FRAMING_WORDS = ("总体要求|总体思路|工作思路|基本思路|指导思想|基本原则|工作原则|总体原则|主要原则|实施原则|总体目标|工作目标|"
                  "主要目标|发展目标")

# A `（一）` heading that frames its chapter rather than naming work: 指导思想, 基本原则, 工作目标.
FRAMING_ITEM = lazy_pattern(rf"^({_FRAMING_WORDS})")

# Chapters that frame a plan rather than assign work: 总体要求 (指导思想, 基本原则, 工作目标).
FRAMING = lazy_pattern(rf"({_FRAMING_WORDS})$")

# Chapters that support the work rather than assign it: 保障措施, 组织实施, 工作要求.
SAFEGUARDS = lazy_pattern(r"(保障措施|保障机制|组织保障|工作保障|实施保障|组织实施|组织领导|工作要求|有关要求|工作机制)$")


def frames_or_supports(chapter_title: str) -> bool:
    """A chapter that frames the plan (总体要求, 工作目标) or supports the work (保障措施, 工作要求) rather
    than assigning it."""
    return bool(FRAMING.search(chapter_title) or SAFEGUARDS.search(chapter_title))
