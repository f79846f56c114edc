"""Annexes (附件1 …) after the body.

A task table in an annex (`附件：重点任务分解表`) is the plan's own task list: its rows are measures in
an annex part (a chapter numbered null, titled after the annex), not text of the last section. An
annex that is not a task list (an indicator table, a technical annex) is kept as text, with no measures.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..normalize import Line
from ..patterns import lazy_pattern
from .markers import Marker

# `附件`, `附件1`, `附件 2`, `附件1：重点任务分解表` — an annex heading. `附件：1.… 2.…` is the list of
# attachments at the end of a notice, not an annex.
_ANNEX_HEADING = lazy_pattern(r"^附件\s*(?P<n>\d{1,2})?\s*(?:[：:]\s*(?P<title>[^\d\s].{1,80})?)?$")
_ATTACHMENT_LIST = lazy_pattern(r"^附件\s*[：:]\s*(?:\d{1,2}\s*[.．、]|$)")
_LIST_START = lazy_pattern(r"^附件\s*[：:]")
_LIST_ITEM = lazy_pattern(r"^\d{1,2}\s*[.．、]")

@dataclass
class Annex:
    heading: Line
    lines: list[Line]  # the annex's lines after its heading
    markers: list[Marker | None]
    title: str = ""


def annex_start(lines: list[Line], body_start: int) -> int | None:
    """Index of the first annex heading after the body has begun, or None."""
    for i in range(body_start, len(lines)):
        if _is_annex_heading(lines, i):
            return i
    return None


def _is_annex_heading(lines: list[Line], i: int) -> bool:
    text = lines[i].text
    found = _ANNEX_HEADING.match(text) if text.startswith("附件") else None
    if found is None:
        return False
    if _ATTACHMENT_LIST.match(text):
        # `附件：` alone is a list when numbered titles follow, an annex heading when a title does.
        return text.rstrip("：:").strip() == "附件" and i + 1 < len(lines) and text.endswith(("：", ":")) \
            and not _LIST_ITEM.match(lines[i + 1].text) and not lines[i + 1].text.startswith("附件")
    if found.group("title") and not found.group("n"):
        # `附件：某某表` is the one-line list of a notice unless the annex itself follows it.
        return any(line.cells for line in lines[i + 1:i + 3])
    return True


def is_attachment_list(text: str) -> bool:
    """`附件：…` — a list of attachments starts here (the annex headings are told apart by _is_annex_heading)."""
    return bool(_LIST_START.match(text))


def split_annexes(lines: list[Line], markers: list[Marker | None], start: int) -> list[Annex]:
    annexes: list[Annex] = []
    for i in range(start, len(lines)):
        if i == start or _is_annex_heading(lines, i):
            annexes.append(Annex(lines[i], [], []))
        else:
            annexes[-1].lines.append(lines[i])
            annexes[-1].markers.append(markers[i])
    for annex in annexes:
        found = _ANNEX_HEADING.match(annex.heading.text)
        annex.title = (found.group("title") or "") if found else ""
        if not annex.title and annex.lines and annex.markers[0] is None \
                and len(annex.lines[0].text) <= 80 and not annex.lines[0].cells:
            annex.title = annex.lines[0].text
    return annexes
