"""Task tables that a web scrape or a PDF flattened to one cell per line.

The header cells come first, one per line (序号 / 任务名称 / 任务内容 / 牵头部门 / 配合部门 / 时间节点), then
each row: its number alone on a line, then its cells. Real copies add `—`/`——` for an empty cell, print
a group's name only on its first row, wrap a long cell over two lines, repeat the header after a page
break, and put group rows (`一、…`, or `—` with the group's title on the next line) between the rows.
Each row becomes one table line, as a pipe table's row is, so the outline reads both the same way.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..fields.labels import column_role
from ..models import Dropped
from ..normalize import Line
from ..numerals import cn_to_int
from ..patterns import lazy_pattern
from .markers import RANK_CHAPTER, RANK_MEASURE, Marker, match_marker

_HEADER_MAX_LEN = 10
_UNIT_ROLES = ("lead", "participating", "responsible")
EMPTY_CELL = lazy_pattern(r"^[—\-－/／]{1,3}$|^无$")
# A cell naming bodies: `区政府办公室、区绿化市容局`, `各联席会议成员单位`, `区委组织部（区公务员局）`.
_UNIT_END = lazy_pattern(r"(局|委|办|部|厅|院|会|所|处|室|站|队|中心|政府|公司|集团|单位|街镇|园区|专班|小组|机构|"
                       r"部门|法院|检察院|银行|团|联|社|馆)(（[^（）]{1,20}）)?$")
_DATE_CELL = lazy_pattern(r"\d{4}\s*年|\d{1,2}\s*月|季度|年底|年内|长期|持续|常态|每年|每月|每季")
_MAX_SKIPPED_ROWS = 10
_LOOKAHEAD_LINES = 24
_ROW_NUMBER = lazy_pattern(r"^(?:\d{1,3}|[（(][一二三四五六七八九十百]{1,4}[）)])$")
# What ends a flattened table: a date line (the signature), an annex heading or list.
_TABLE_END = lazy_pattern(r"^\d{4}年\d{1,2}月\d{1,2}日$|^附件")
ROW_RULE = "flattened table row"


def flatten_tables(lines: list[Line], markers: list[Marker | None]) -> tuple[list[Line], list[Marker | None],
                                                                            list[Dropped]]:
    """Every flattened task table in the document, its rows made table lines; headers are dropped."""
    out_lines: list[Line] = []
    out_markers: list[Marker | None] = []
    dropped: list[Dropped] = []
    i = 0
    while i < len(lines):
        # (a line too long for a header cell, or a table row, starts no header: header_at's first test, asked
        # here of most lines without the call)
        long_line = len(lines[i].text) > _HEADER_MAX_LEN or lines[i].cells
        roles = None if long_line else header_at(lines, i)
        if roles is None:
            out_lines.append(lines[i])
            out_markers.append(markers[i])
            i += 1
            continue
        i = _read_table(lines, markers, i, roles, out_lines, out_markers, dropped)
    return out_lines, out_markers, dropped


def header_at(lines: list[Line], i: int) -> list[str] | None:
    """The column roles of a flattened table header starting at line i: at least three short cells,
    one naming the task and one naming units or a deadline."""
    roles: list[str] = []
    while i + len(roles) < len(lines):
        line = lines[i + len(roles)]
        role = None
        if len(line.text) <= _HEADER_MAX_LEN and not line.cells:
            role = column_role(line.text)
        if role is None:
            break
        roles.append(role)
    if len(roles) >= 3 and "task" in roles and any(r in roles for r in _UNIT_ROLES + ("deadline",)):
        return roles
    return None


def _read_table(lines, markers, start, roles, out_lines, out_markers, dropped) -> int:
    header = [line.text for line in lines[start:start + len(roles)]]
    dropped.append(_dropped(lines[start:start + len(roles)], "table header"))
    columns = roles[1:] if roles[0] == "number" else roles
    row: list[Line] | None = None
    i, expected = start + len(roles), 1

    def finish() -> None:
        if row:
            out_lines.append(_row_line(row[0], row[1:], columns))
            out_markers.append(Marker(ROW_RULE, RANK_MEASURE, _row_number(row[0].text), row[0].text,
                                      "\t".join(line.text for line in row[1:])))

    while i < len(lines):
        line = lines[i]
        if [x.text for x in lines[i:i + len(header)]] == header:
            dropped.append(_dropped(lines[i:i + len(header)], "table header repeated after a page break"))
            i += len(header)
            continue
        group = _group_row(lines, i)
        if group is not None:
            finish()
            row = None
            marker, span = group
            # `—` with its title on the next line: one heading line that ends where the title does
            out_lines.append(replace(line, end=lines[i + span - 1].number) if span > 1 else line)
            out_markers.append(marker)
            i += span
            if i < len(lines) and _row_number(lines[i].text) == 1:
                expected = 1  # rows numbered afresh in each group
            continue
        number = _row_number(line.text)
        # Rows cut from a copy (`（本文有删减）`) leave a gap: a later number, followed by text, still
        # starts a row.
        skipped = number is not None and expected < number <= expected + _MAX_SKIPPED_ROWS \
            and i + 1 < len(lines) and _row_number(lines[i + 1].text) is None and expected > 1
        if number is not None and (number == expected or skipped):
            finish()
            row = [line]
            expected = number + 1
        elif row is None:
            break  # the header was followed by no row: not a table after all
        elif _TABLE_END.match(line.text) or (len(row) > len(columns) and _is_prose(line.text)
                                             and not _table_goes_on(lines, i, expected, header)):
            break  # a full row, then a paragraph with no row or header ahead: text after the table
        else:
            row.append(line)
        i += 1
    finish()
    if row is None and expected == 1:
        # no rows at all: give the header lines back as they were
        dropped.pop()
        out_lines.extend(lines[start:start + len(roles)])
        out_markers.extend(markers[start:start + len(roles)])
        return start + len(roles)
    return i


def _is_prose(text: str) -> bool:
    return len(text) > 20 and text[-1] in "。；！？"


def _table_goes_on(lines: list[Line], i: int, expected: int, header: list[str]) -> bool:
    """Whether the next row, a group row or the repeated header follows within a few lines (a row that
    holds several task/lead/partner groups is long, but the table goes on after it)."""
    for j in range(i, min(len(lines), i + _LOOKAHEAD_LINES)):
        if _row_number(lines[j].text) == expected or _group_row(lines, j) is not None or lines[j].text == header[0]:
            return True
    return False


def _row_number(text: str) -> int | None:
    if not _ROW_NUMBER.match(text):
        return None
    return int(text) if text.isdigit() else cn_to_int(text.strip("（）()"))


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


def _row_line(number: Line, cell_lines: list[Line], columns: list[str]) -> Line:
    cells = [line.text for line in cell_lines]
    return Line(number.number, "\t".join([number.text] + cells), blank_before=True, break_before=number.break_before,
                cells=[number.text] + cells, roles=["number"] + _cell_roles(cells, columns),
                end=cell_lines[-1].number if cell_lines else None)


def _cell_roles(cells: list[str], roles: list[str]) -> list[str]:
    """Cells matched to columns by position when they are as many, else by what they hold: a trailing
    date cell is the deadline, the names of bodies before it the units (the first the lead, the rest
    the participants), the rest the task."""
    if len(cells) == len(roles):
        return list(roles)
    out = ["task"] * len(cells)
    end = len(cells)
    if "deadline" in roles and end and _DATE_CELL.search(cells[end - 1]) and len(cells[end - 1]) <= 30:
        out[end - 1] = "deadline"
        end -= 1
    unit_roles = [r for r in roles if r in _UNIT_ROLES]
    if not unit_roles:
        return out
    # Left to right: after a task cell, the first cell naming bodies is the lead, the next ones (or a
    # wrapped second line) the participants — again for every task group a row holds.
    after_task = True  # the first cell is always the task's
    for k in range(1, end):
        cell = cells[k]
        if _is_units(cell) or EMPTY_CELL.match(cell):
            if after_task:
                out[k] = unit_roles[0]
                after_task = False
            else:
                out[k] = unit_roles[1] if len(unit_roles) > 1 else unit_roles[0]
        else:
            after_task = True
    return out


def _is_units(cell: str) -> bool:
    if "。" in cell or len(cell) > 150:
        return False
    parts = [p for p in re.split(r"[、，,；;]", cell) if p]
    return bool(parts) and sum(1 for p in parts if _UNIT_END.search(p) or p.startswith("各")) * 2 >= len(parts)


def _dropped(lines: list[Line], reason: str) -> Dropped:
    return Dropped(lines=(lines[0].number, lines[-1].number), reason=reason, text="\n".join(x.text for x in lines))
