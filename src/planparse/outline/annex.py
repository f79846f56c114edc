"""Annexes (附件1 …) after the body, and the task tables they carry.

A task table in an annex (`附件：重点任务分解表`) is the plan's own task list: its rows are measures in
an annex part (a chapter numbered null, titled after the annex), not text of the last section. Web
scrapes flatten such tables to one cell per line: the header cells first (序号 / 任务名称 / 牵头部门 / …),
then each row's cells after its number, `—`/`——` for an empty cell, the header repeated after a page
break, group rows (`一、…`) between the rows. An annex that is not a task list (an indicator table, a
technical annex) keeps its text, with no measures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Dropped
from ..normalize import Line
from ..numerals import cn_to_int
from .markers import RANK_CHAPTER, RANK_MEASURE, Marker, match_marker
from .tree import DraftNode

# `附件`, `附件1`, `附件 2`, `附件1：重点任务分解表` — an annex heading. `附件：1.… 2.…` is the list of
# attachments at the end of a notice, not an annex.
_ANNEX_HEADING = re.compile(r"^附件\s*(?P<n>\d{1,2})?\s*(?:[：:]\s*(?P<title>[^\d\s].{1,80})?)?$")
_ATTACHMENT_LIST = re.compile(r"^附件\s*[：:]\s*(?:\d{1,2}\s*[.．、]|$)")
_LIST_ITEM = re.compile(r"^\d{1,2}\s*[.．、]")

# Header cells of a task table and what each column holds.
_COLUMNS = [
    (re.compile(r"^(序号|编号|序列)$"), "number"),
    (re.compile(r"牵头"), "lead"),
    (re.compile(r"配合|参加|参与|协办|协同|支撑"), "participating"),
    (re.compile(r"责任|实施单位|落实单位|(指导|负责|主管)(单位|部门)"), "responsible"),
    (re.compile(r"时限|时间|进度|节点|完成"), "deadline"),
    (re.compile(r"任务|措施|举措|内容|事项|目标|要求|指标|名称|方向"), "task"),
    (re.compile(r"^(备注|分类|类别|范围|推广范围|适用范围|领域|说明)$"), "other"),
]
_HEADER_MAX_LEN = 10
_UNIT_ROLES = ("lead", "participating", "responsible")
_EMPTY_CELL = re.compile(r"^[—\-－/／]{1,3}$|^无$")
# A cell naming bodies: `区政府办公室、区绿化市容局`, `各联席会议成员单位`, `区委组织部（区公务员局）`.
_UNIT_END = re.compile(r"(局|委|办|部|厅|院|会|所|处|室|站|队|中心|政府|公司|集团|单位|街镇|园区|专班|小组|机构|"
                       r"部门|法院|检察院|银行|团|联|社|馆)(（[^（）]{1,20}）)?$")
_DATE_CELL = re.compile(r"\d{4}\s*年|\d{1,2}\s*月|季度|年底|年内|长期|持续|常态|每年|每月|每季")
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}|[（(][一二三四五六七八九十百]{1,4}[）)])$")


@dataclass
class Annex:
    heading: Line
    lines: list[Line]  # the annex's lines after its heading
    markers: list[Marker | None]
    title: str = ""
    dropped: list[Dropped] = field(default_factory=list)


def annex_start(lines: list[Line], body_start: int) -> int | None:
    """Index of the first annex heading after the body has begun, or None."""
    for i in range(body_start, len(lines)):
        if _is_annex_heading(lines, i):
            return i
    return None


def _is_annex_heading(lines: list[Line], i: int) -> bool:
    text = lines[i].text
    if not text.startswith("附件") or not _ANNEX_HEADING.match(text):
        return False
    if _ATTACHMENT_LIST.match(text):
        # `附件：` alone is a list when numbered titles follow, an annex heading when a title does.
        return text.rstrip("：:").strip() == "附件" and i + 1 < len(lines) and text.endswith(("：", ":")) \
            and not _LIST_ITEM.match(lines[i + 1].text) and not lines[i + 1].text.startswith("附件")
    found = _ANNEX_HEADING.match(text)
    if found.group("title") and not found.group("n"):
        # `附件：某某表` is the one-line list of a notice unless the annex itself follows it.
        return i + 1 < len(lines) and _header_at(lines, i + 1) is not None
    return True


def is_attachment_list(text: str) -> bool:
    return bool(_ATTACHMENT_LIST.match(text)) or (text.startswith("附件") and bool(re.match(r"^附件\s*[：:]", text)))


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
        if not annex.title and annex.lines and annex.markers[0] is None and _header_at(annex.lines, 0) is None \
                and len(annex.lines[0].text) <= 80 and not annex.lines[0].cells:
            annex.title = annex.lines[0].text
    return annexes


def _header_at(lines: list[Line], i: int) -> list[str] | None:
    """The column roles of a flattened table header starting at line i: at least three short cells,
    one naming the task and one naming units or a deadline."""
    roles = []
    while i + len(roles) < len(lines):
        text = lines[i + len(roles)].text
        role = next((r for pattern, r in _COLUMNS if pattern.search(text)), None) \
            if len(text) <= _HEADER_MAX_LEN and not lines[i + len(roles)].cells else None
        if role is None:
            break
        roles.append(role)
    if len(roles) >= 3 and "task" in roles and any(r in roles for r in _UNIT_ROLES + ("deadline",)):
        return roles
    return None


def table_rows(annex: Annex) -> list[DraftNode] | None:
    """The rows of a flattened task table in the annex, as measure nodes; None when it has none.
    Group rows become sections; headers (first and repeated) are dropped."""
    lines = annex.lines
    start = next((i for i in range(len(lines)) if _header_at(lines, i)), None)
    if start is None:
        return None
    roles = _header_at(lines, start)
    header = [line.text for line in lines[start:start + len(roles)]]
    annex.dropped.append(_dropped(lines[start:start + len(roles)], "table header"))
    nodes: list[DraftNode] = []
    row: list[Line] | None = None
    rows: list[tuple[Line, list[Line]]] = []
    i, expected = start + len(roles), 1
    while i < len(lines):
        line = lines[i]
        group = _group_row(lines, i)
        if group is not None:
            marker, span = group
            section = DraftNode("section", marker, heading=line, recognized_by="table group row")
            section.last_line = lines[i + span - 1].number  # `—` with its title on the next line
            nodes.append(section)
            row = None
            i += span
            expected = 1 if _row_number(lines[i].text if i < len(lines) else "") == 1 else expected
            continue
        if [x.text for x in lines[i:i + len(header)]] == header:
            annex.dropped.append(_dropped(lines[i:i + len(header)], "table header repeated after a page break"))
            i += len(header)
            continue
        number = _row_number(line.text)
        if number is not None and number == expected:
            row = []
            rows.append((line, row))
            nodes.append(rows[-1])
            expected += 1
        elif row is not None:
            row.append(line)
        else:
            annex.dropped.append(_dropped([line], "text between a table header and its first row"))
        i += 1
    if not rows:
        return None
    columns = roles[1:] if roles[0] == "number" else roles
    return [node if isinstance(node, DraftNode) else _row_node(node[0], node[1], columns) for node in nodes]


def _row_number(text: str) -> int | None:
    if not _ROW_NUMBER.match(text):
        return None
    return int(text) if text.isdigit() else cn_to_int(text.strip("（）()"))


def _row_node(number_line: Line, cell_lines: list[Line], roles: list[str]) -> DraftNode:
    """A flattened row: cells matched to columns by position when they are as many, else by what they
    hold (a trailing date cell is the deadline, the body names before it are units, the rest the task)."""
    cells = [line.text for line in cell_lines]
    cell_roles = _cell_roles(cells, roles)
    number = _row_number(number_line.text)
    marker = Marker("flattened table row", RANK_MEASURE, number, number_line.text, "\t".join(cells))
    row = Line(number_line.number, "\t".join([number_line.text] + cells), blank_before=True, break_before=False,
               cells=[number_line.text] + cells, roles=["number"] + cell_roles)
    node = DraftNode("measure", marker, heading=row, recognized_by="flattened table row")
    node.last_line = cell_lines[-1].number if cell_lines else number_line.number
    return node


def _cell_roles(cells: list[str], roles: list[str]) -> list[str]:
    if len(cells) == len(roles):
        return list(roles)
    out = ["task"] * len(cells)
    end = len(cells)
    if "deadline" in roles and end and _DATE_CELL.search(cells[end - 1]) and len(cells[end - 1]) <= 30:
        out[end - 1] = "deadline"
        end -= 1
    unit_roles = [r for r in roles if r in _UNIT_ROLES]
    first_unit = end
    while first_unit > 1 and (_is_units(cells[first_unit - 1]) or _EMPTY_CELL.match(cells[first_unit - 1])):
        first_unit -= 1
    for k in range(first_unit, end):
        if unit_roles:
            out[k] = unit_roles[0] if k == first_unit or len(unit_roles) == 1 else unit_roles[1]
    return out


def _is_units(cell: str) -> bool:
    if "。" in cell or len(cell) > 150:
        return False
    parts = [p for p in re.split(r"[、，,；;]", cell) if p]
    return bool(parts) and sum(1 for p in parts if _UNIT_END.search(p) or p.startswith("各")) * 2 >= len(parts)


def _dropped(lines: list[Line], reason: str) -> Dropped:
    return Dropped(lines=(lines[0].number, lines[-1].number), reason=reason, text="\n".join(x.text for x in lines))


def _group_row(lines: list[Line], i: int) -> tuple[Marker, int] | None:
    """`一、知识产权保护方面（共5项）` between rows, or `—` (一, OCR) alone with the group's title on the
    next line: a group of rows. Returns its marker and how many lines it takes."""
    text = lines[i].text
    marker = match_marker(text)
    if marker is not None and marker.rank == RANK_CHAPTER:
        return marker, 1
    if len(text) == 1 and cn_to_int(text) is not None and i + 2 < len(lines) and _row_number(lines[i + 2].text):
        return Marker("table group row", RANK_CHAPTER, cn_to_int(text), text, lines[i + 1].text), 2
    return None
