"""Draft outline nodes → the Chapter, Section and Measure models, with the fields read from their text.

A measure is written as prose (a marker line and the lines below it) or as a row of a task table (cells
named by the table's header); each shape is read into the same `_Reading`, and `measure_from` is the one
place a Measure is made from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .fields.citations import find_citations
from .fields.deadlines import find_deadlines, find_recurring
from .fields.roles import duty_head
from .fields.targets import find_targets
from .fields.tasks import task_type
from .fields.units import Assignments, assignment_line, find_assignments, split_units
from .models import Chapter, Deadline, Item, Measure, Section, Task
from .normalize import Line
from .outline.markers import Marker, match_marker
from .outline.tables import EMPTY_CELL
from .outline.tree import DraftNode, join_lines, short_heading
from .patterns import lazy_pattern

# A first sentence longer than this is not a title (a section whose line starts with prose).
_INLINE_TITLE_MAX = 40


def chapter_from(node: DraftNode, year: int | None = None, *, fields: bool = True) -> Chapter:
    """`year`: the plan's year when it is a plan for one year, which dates yearless deadlines. `fields`:
    False reads no fields of the measures and sections (see measure_from)."""
    title, parts = _heading_parts(node)
    return Chapter(
        number=node.number, marker=node.marker.marker or None if node.marker else None, title=title,
        lines=node.span(), recognized_by=node.recognized_by, text=join_lines(parts),
        sections=[section_from(child, year, fields=fields) for child in node.children if child.kind == "section"],
        measures=[measure_from(child, year, fields=fields) for child in node.children if child.kind == "measure"],
    )


def section_from(node: DraftNode, year: int | None = None, *, fields: bool = True) -> Section:
    title, parts = _heading_parts(node)
    text = join_lines(parts)
    return Section(
        number=node.number, marker=node.marker.marker or None if node.marker else None, title=title,
        lines=node.span(), recognized_by=node.recognized_by, text=text,
        deadlines=find_deadlines(title + "\n" + text, year=year) if fields else [],
        measures=[measure_from(child, year, fields=fields) for child in node.children if child.kind == "measure"],
    )


def _heading_parts(node: DraftNode) -> tuple[str, list[tuple[Line, str]]]:
    """Title and text of a chapter/section: a heading alone on its line is the title, else its first sentence."""
    rest = node.marker.rest if node.marker else (node.heading.text if node.heading else "")
    body = [(line, line.text) for line in node.body]
    if node.heading is None:
        return "", body
    end = rest.find("。")
    if 0 < end <= _INLINE_TITLE_MAX and end < len(rest) - 1:
        return rest[:end], [(node.heading, rest)] + body
    node.title_is_heading = True
    return rest, body


@dataclass
class _Reading:
    """A measure's text and the fields read from it, whichever shape it was written in."""

    text: str
    headline: str
    units: Assignments
    deadlines: list[Deadline]
    recurring: list[str]
    # Where targets and citations are read: the prose without its assignment lines, or a row's task cells.
    task_text: str
    # The lines below the marker line, where typed tasks and sub-items are read (a table row has none).
    parts: list[tuple[Line, str]] = field(default_factory=list)


def measure_from(node: DraftNode, year: int | None = None, *, fields: bool = True) -> Measure:
    """A measure of the outline: a marker line and what it holds, written as prose or as a table row. Without
    `fields`, a measure written as prose gets its marker, text and headline only: what alignment reads."""
    marker, heading = node.marker, node.heading
    # the outline makes measures of marker lines only (an unmarked heading stays a section)
    assert marker is not None and heading is not None, f"a measure without a marker line at {node.span()}"
    if heading.cells is not None:  # (a task table's cells are its fields: read whole, and rare)
        reading = _read_table_row(node, marker.marker, heading.cells, heading.roles, year)
    elif fields:
        reading = _read_prose(node, marker, heading, year)
    else:
        text, _ = _prose_text(node, marker, heading)
        reading = _Reading(text=text, headline=_headline(text), units=Assignments(), deadlines=[], recurring=[],
                           task_text="")
    return _measure(reading, number=None if marker.label else marker.number, marker=marker.marker,
                    label=marker.label, lines=node.span(), recognized_by=node.recognized_by)


def measure_of_text(text: str, *, label: str, headline: str, lines: tuple[int, int], recognized_by: str,
                    year: int | None = None) -> Measure:
    """A task the plan does not number as a measure (a paragraph of a prose plan, a section that is a heading
    over its text), read like a prose measure so that diff compares its units and deadlines too."""
    return _measure(_read_text(text, year, headline=headline), number=None, marker="", label=label,
                    lines=lines, recognized_by=recognized_by)


def _measure(reading: _Reading, *, number: int | None, marker: str, label: str | None,
             lines: tuple[int, int], recognized_by: str) -> Measure:
    """The one place a Measure is made: a new field of a measure is read here, from either shape. Its
    values are the parser's own, of the model's types (tests/test_golden.py checks they validate)."""
    return Measure.trusted(
        number=number,
        marker=marker,
        label=label,
        headline=reading.headline,
        text=reading.text,
        lines=lines,
        recognized_by=recognized_by,
        # (a unit named twice in one role, by two rows of a merged task cell, is one unit there)
        lead_units=_once(reading.units.lead),
        participating_units=_once(reading.units.participating),
        responsible_units=_once(reading.units.responsible),
        deadlines=reading.deadlines,
        recurring=reading.recurring,
        targets=find_targets(reading.task_text),
        citations=find_citations(reading.task_text),
        tasks=_tasks(reading.parts),
        items=_items(reading.parts),
    )


def _once(units: list[str]) -> list[str]:
    return list(dict.fromkeys(units)) if len(units) > 1 else units


def _prose_text(node: DraftNode, marker: Marker, heading: Line) -> tuple[str, list[tuple[Line, str]]]:
    """A marker line and the lines below it → the measure's text, and those lines with their text."""
    rest = marker.rest
    parts = [(heading, rest)] + [(line, line.text) for line in node.body]
    if node.title_is_heading:  # a heading over its text (decimal outlines): the heading is the headline
        return rest + "\n" + join_lines(parts[1:], starts_line=_starts_line, heads=_heads_text), parts
    return join_lines(parts, starts_line=_starts_line, heads=_heads_text), parts


def _heads_text(text: str) -> bool:
    """`（1）县道` alone on its line, a blank line below: an item's heading over its text."""
    marker = match_marker(text)
    return marker is not None and short_heading(marker.rest)


def _read_prose(node: DraftNode, marker: Marker, heading: Line, year: int | None) -> _Reading:
    """A marker line and the lines below it: labelled fields, role phrasing or a duty head give the units."""
    text, parts = _prose_text(node, marker, heading)
    return _read_text(text, year, parts=parts[1:])


def _read_text(text: str, year: int | None, *, headline: str | None = None,
               parts: list[tuple[Line, str]] | None = None) -> _Reading:
    units = find_assignments(text)
    if not (units.lead or units.participating or units.responsible):
        headed = duty_head(text)  # `（一）城运中心：负责…`: an item headed by the body that carries it
        if headed is not None:
            getattr(units, headed[0]).extend(headed[1])
    prose = "\n".join(line for line in text.split("\n") if not assignment_line(line))
    return _Reading(text=text, headline=_headline(text) if headline is None else headline, units=units,
                    deadlines=find_deadlines(text, year=year), recurring=find_recurring(text, year=year),
                    task_text=prose, parts=parts or [])


def _read_table_row(node: DraftNode, marker: str, row: list[str], row_roles: list[str] | None,
                    year: int | None) -> _Reading:
    """A row of a 重点任务分工表 (its cells, and what each column holds): columns named by the header give
    units and the deadline."""
    # The marker is a cell of its own (`| 3 | 推进… |`), or starts the only cell of a row spanning the table
    # (`一、一、\t\t`): what follows it in that cell is text of the row too.
    marker_at = next((i for i, cell in enumerate(row) if cell.startswith(marker)), 0)
    rest = row[marker_at][len(marker):].strip() if row[marker_at].startswith(marker) else ""
    cells = ([rest] if rest else []) + row[marker_at + 1:]
    roles = (["task"] if rest else []) + (row_roles or [])[marker_at + 1:]
    columns: dict[str, list[str]] = {}
    for index, cell in enumerate(cells):
        role = roles[index] if index < len(roles) else "task"
        columns.setdefault(role, []).append(cell)
    pieces = [cell for cell in cells if cell] + [line.text.replace("\t", "\n") for line in node.body]
    text = "\n".join(pieces)
    task = "\n".join(columns.get("task", [])) or text
    deadline_cell = "\n".join(columns.get("deadline", []))
    # The 时间节点 column is a time limit whatever it says (`2019年3月`: by the end of March); the
    # other cells may name dates of their own.
    other = "\n".join(cell for role, column in columns.items() if role != "deadline" for cell in column)
    deadlines = find_deadlines(other, year=year)
    for deadline in find_deadlines(deadline_cell, year=year, in_field=True) if deadline_cell else []:
        if deadline not in deadlines:
            deadlines.append(deadline)

    def column_units(role: str) -> list[str]:
        return [unit for cell in columns.get(role, []) for unit in split_units(cell)]

    units = Assignments(lead=column_units("lead"), participating=column_units("participating"),
                        responsible=column_units("responsible")) if row_roles else find_assignments(text)
    recurring = [deadline_cell] if deadline_cell and not deadlines and not EMPTY_CELL.match(deadline_cell) else []
    return _Reading(text=text, headline=_headline(task), units=units, deadlines=deadlines, recurring=recurring,
                    task_text=task)


def _starts_line(text: str) -> bool:
    """Fields, typed tasks, sub-items and labels such as `工作任务：` start a line of their own."""
    return assignment_line(text) or task_type(text) is not None or match_marker(text) is not None \
        or text.endswith("：")


def _headline(text: str) -> str:
    first = text.split("\n", 1)[0]
    end = first.find("。")
    head = _COLON_HEAD.match(first)
    if head and (end < 0 or head.end() < end) and not _ORDINAL_LABEL.fullmatch(head.group(1)):
        return head.group(1)  # `动员部署阶段（4月底前）：全面部署…`, `高风险类：有不良安全习惯…`
    return (first[:end] if end > 0 else first).rstrip("：:")  # (the colon that opens a list is the list's)


# A short head run into its text by a colon: words (and a bracketed aside), no clause of their own…
_COLON_HEAD = lazy_pattern(r"([^，,、；;。：:\s]{2,16}(?:（[^（）]{1,12}）)?)[：:]")
# …unless it only counts (`第二阶段：全面巩固提升`): then the words after the colon are the title.
_ORDINAL_LABEL = lazy_pattern(r"第[一二三四五六七八九十0-9]{1,3}(?:阶段|步|部分|批|项)")


def _runs(parts: list[tuple[Line, str]], opens, *, paragraph_ends: bool = False) -> list[list]:
    """Runs of lines that `opens` starts (returning (key, text)), each running on over its wrapped lines
    until a marker, an assignment line or a label such as `工作任务：` — and, with `paragraph_ends`, at
    the end of its paragraph: the unmarked paragraph after an article's last case (`（十）…。`) is the
    article's own text again, not part of that case."""
    runs: list[list] = []  # [key, text, first line, last line]
    current: list | None = None
    for line, text in parts:
        found = opens(text)
        if found:
            current = [found[0], found[1], line.number, line.number]
            runs.append(current)
        elif paragraph_ends and current and current[1][-1:] in "。；;！？":
            current = None
        elif current and match_marker(text) is None and not assignment_line(text) and not text.endswith("："):
            # (a heading alone on its line, `（1）县道`, is not run into the text below it)
            current[1] += ("\n" if line.blank_before and current[2] == current[3] and short_heading(current[1])
                           else "") + text
            current[3] = line.number
        else:
            current = None
    return runs


def _tasks(parts: list[tuple[Line, str]]) -> list[Task]:
    """Typed work items of an indicator: `（1）网络检索：…`, `材料查证：…`."""
    return [Task(type=key, text=text, lines=(a, b)) for key, text, a, b in _runs(parts, task_type)]


def _item_start(text: str) -> tuple[str, str] | None:
    marker = match_marker(text)
    # Inside a measure every numbered line is an item: `（1）`, `①`, and the `（一）…的；` cases of an article.
    if marker and not task_type(text):
        return marker.marker, marker.rest
    return None


def _items(parts: list[tuple[Line, str]]) -> list[Item]:
    """Sub-items (`（1）`, `①`) that are not typed tasks: they stay inside their measure."""
    return [Item(marker=key, text=text, lines=(a, b)) for key, text, a, b in _runs(parts, _item_start,
                                                                                 paragraph_ends=True)]
