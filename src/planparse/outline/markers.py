"""Outline marker rules: each recognises one numbering style at the start of a line.

A rule says what it found (`rank`: 0 章, 1 一、, 2 （一）/节, 3 1./条/项指标, 4 （1）, 5 ①), the number, the
marker as written, and the rest of the line. Rules are tried in order; the first match wins. A new
numbering style of the genre is a new rule here, with a real line it matches in its comment.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..numerals import CHINESE_NUMERAL_CHARS, circled_to_int, cn_to_int
from ..patterns import lazy_pattern

CN = CHINESE_NUMERAL_CHARS + "—－"  # OCR slips: `—、总体目标` for `一、总体目标`


@dataclass(frozen=True)
class Marker:
    rule: str  # the rule's name, kept in the output as recognized_by
    rank: int
    number: int | None
    marker: str
    rest: str
    label: str | None = None


RANK_CHAPTER_ZHANG, RANK_CHAPTER, RANK_SECTION, RANK_MEASURE, RANK_ITEM, RANK_SUBITEM = 0, 1, 2, 3, 4, 5

Rule = Callable[[str], Marker | None]


def _regex_rule(name: str, rank: int, pattern: str, *, numeral: str = "cn", label: str | None = None) -> Rule:
    compiled = re.compile(pattern)

    def rule(text: str) -> Marker | None:
        match = compiled.match(text)
        if not match:
            return None
        raw = match.group("n")
        number = circled_to_int(raw) if numeral == "circled" else cn_to_int(raw.replace("l", "1").replace("I", "1"))
        if number is None:
            return None
        rest = text[match.end():].strip()
        return Marker(name, rank, number, match.group().strip(), rest,
                      match.expand(label) if label else None)

    rule.__name__ = name
    return rule


RULES: list[Rule] = [
    # `第一部分 总体要求`: parts above 一、 in long plans
    _regex_rule("第X部分", RANK_CHAPTER_ZHANG, rf"^第(?P<n>[{CN}\d]{{1,5}})部分\s*[：:、]?\s*"),
    # `第一章 总则`
    _regex_rule("第X章", RANK_CHAPTER_ZHANG, rf"^第(?P<n>[{CN}\d]{{1,5}})章\s*"),
    # `第一节 一般规定`
    _regex_rule("第X节", RANK_SECTION, rf"^第(?P<n>[{CN}\d]{{1,5}})节\s*"),
    # `第十二条 行政机关应当…`
    _regex_rule("第X条", RANK_MEASURE, rf"^第(?P<n>[{CN}\d]{{1,5}})条\s*"),
    # `第 1 项指标：向社会公布…` (spaces are already folded away)
    _regex_rule("第N项指标", RANK_MEASURE, r"^第(?P<n>\d{1,4})项指标\s*[：:]?\s*"),
    # `附加项指标加分项 1：法治政府建设有关工作获得…` — scored extras after the numbered indicators
    _regex_rule("附加项指标", RANK_MEASURE, r"^附加项?指标\s*(?P<kind>加分项|减分项)\s*(?P<n>\d{1,3})\s*[：:]\s*",
                label=r"\g<kind> \g<n>"),
    # `二、主要举措`, `—、总体目标` (OCR), `十、加强党的领导…`
    _regex_rule("一、", RANK_CHAPTER, rf"^(?P<n>[{CN}]{{1,4}})\s*[、，,.．]\s*"),
    # `（一）健全政府机构职能体系`, `(一) 强化责任落实落地`, `（—）` (OCR)
    _regex_rule("（一）", RANK_SECTION, rf"^[（(]\s*(?P<n>[{CN}]{{1,4}})\s*[）)]\s*[、.．]?\s*"),
    # `1. 推进政府机构…`, `1．优化政府职能`, `１．`, `1、`, `l.` (OCR) — not `2022.5` or `12.4国家宪法日`
    # `1.2024年8月底前，…` (a step that starts with its date) is a marker too.
    _regex_rule("1.", RANK_MEASURE, r"^(?P<n>\d{1,3}|l)\s*[.．、](?!\d(?!\d{3}\s*年))\s*"),
    # `（1）网络检索：…`, `(2) 材料查证：…`
    _regex_rule("（1）", RANK_ITEM, r"^[（(]\s*(?P<n>\d{1,3})\s*[）)]\s*"),
    # `1）…` — a half bracket after a digit
    _regex_rule("1）", RANK_ITEM, r"^(?P<n>\d{1,2})\s*[）)]\s*"),
    # `①加强…`
    _regex_rule("①", RANK_SUBITEM, r"^(?P<n>[①-⑳])\s*", numeral="circled"),
    # `㈠健全…`, `⒈推进…`, `⑴梳理…`: single-character enclosed numerals from word processors
    _regex_rule("㈠", RANK_SECTION, r"^(?P<n>[㈠-㈩])\s*", numeral="circled"),
    _regex_rule("⒈", RANK_MEASURE, r"^(?P<n>[⒈-⒛])\s*", numeral="circled"),
    _regex_rule("⑴", RANK_ITEM, r"^(?P<n>[⑴-⒇])\s*", numeral="circled"),
]

# Marker-like line starts no rule knows (`Ⅱ、`, `A.`, `(a)`): the structure there is doubtful.
UNKNOWN_MARKER = lazy_pattern(r"^(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]{1,4}|[A-Za-z])\s*[、.．]|^[（(][A-Za-zⅠ-Ⅻ][）)]")


# No task table has a billion rows: a longer number in a row's first cell is a value (a code, an amount), and
# as a row number it would be a number no YAML writer can print (Python refuses int strings of 4,300 digits).
_ROW_NUMBER_MAX_DIGITS = 9


def match_line(line) -> Marker | None:
    """The marker of a normalised line; a table row is matched on its first non-empty cell."""
    if not line.cells:
        return match_marker(line.text)
    cells = [cell for cell in line.cells if cell]
    first = cells[0]
    if first.isascii() and first.isdigit() and len(first) <= _ROW_NUMBER_MAX_DIGITS and len(cells) > 1:
        # `| 3 | 推进“证照分离”改革 | 县市场监管局 | … |`: a numbered row of a task table is a measure.
        return Marker("table row", RANK_MEASURE, int(first), first, "\t".join(line.cells[line.cells.index(first) + 1:]))
    if len(cells) == 1:
        # `| 一、健全政府机构职能体系 | | | |`: a chapter (or section) row spanning the table.
        found = match_marker(first)
        if found and found.rank <= RANK_SECTION:
            return found
    return None


# Every rule's marker starts with one of these characters; most lines of a plan start with none of them.
_MARKER_START = lazy_pattern(rf"^[第附（(\d{CN}lI①-⑳㈠-㈩⒈-⒛⑴-⒇]")


@lru_cache(maxsize=8192)
def match_marker(text: str) -> Marker | None:
    """The marker a line starts with (the first rule that matches), or None. Cached: the pipeline asks
    about the same line more than once, and a Marker is immutable."""
    if not _MARKER_START.match(text):
        return None
    for rule in RULES:
        found = rule(text)
        if found is not None:
            return found
    return None
