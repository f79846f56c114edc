"""Raw text → clean lines that keep their source line numbers, plus the furniture they shed.

Owns: width folding, spaces inside Chinese text, markdown markup, page furniture (`---`, `— 12 —`),
web-page boilerplate. Each removed piece becomes a `Dropped` record so no character is lost silently.
Every change made to kept text is one that NFKC already treats as equal (`,`→`，`, `１`→`1`), so the
"nothing lost" check can compare NFKC-folded characters of the input and the output.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from .fields.labels import column_role
from .models import Dropped
from .patterns import lazy_pattern
from .printed_meta import FRONT_MATTER, INFO_BLOCK, front_matter_end, info_key_line, is_info_line, is_info_row


@dataclass
class Line:
    number: int  # 1-based line number in the decoded source
    text: str  # normalised content, never empty (table cells joined by tabs)
    blank_before: bool  # a blank line (or furniture) separates it from the previous kept line
    break_before: bool  # a page break separates it from the previous kept line
    cells: list[str] | None = None  # a table row's cells (markdown pipes or tab-separated)
    roles: list[str] | None = None  # what each column holds, from the table's header row
    end: int | None = None  # a table row read from several source lines (one cell per line): its last line
    paragraph: bool = False  # the copy puts one paragraph per line: this line is never a wrapped one


# `---`, `***`, `___` (markdown rules), `— 12 —`, `- 3 -`, `－ 3 －`, `第 3 页`, `第3页 共20页`.
_PAGE_BREAK = lazy_pattern(r"^(?:[-*_—=]{3,}|[—\-－–]\s*\d{1,4}\s*[—\-－–]|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?)$")
# A lone number: a page number, or the 序号 cell of a table flattened to one cell per line.
_LONE_NUMBER = lazy_pattern(r"^\d{1,3}$")
# Row numbers of a flattened table follow each other within a few lines; page numbers count on a
# page apart, at least this many source lines.
_ROW_NUMBER_GAP = 16
_PAGE_MIN_LINES = 20
# `# 一、…`, `## **八、…**`: markdown heading hashes and bold markers around a line.
_MARKDOWN_PREFIX = lazy_pattern(r"^(#{1,6}\s*|>\s*)")
_BOLD = lazy_pattern(r"^(\*\*|__)(.+?)(\*\*|__)$")
# Web page furniture: `发布时间:2025-04-01来源:`, `分享:`, `相关阅读:`, `扫一扫在手机打开当前页`, `打印本页` …
_BOILERPLATE = lazy_pattern(
    r"^(?:发布时间|发布日期|来源|信息来源|作者|浏览次数|访问量|点击数|字号|分享到?|相关阅读|相关链接|相关文件|"
    r"打印本页|关闭窗口|【?打印】?|【?关闭】?|扫一扫|字体|索引号|主题分类|发文机关|成文日期|文号|责任编辑|"
    r"【大\s*中\s*小】|上一篇|下一篇|返回顶部|收藏|微信|微博)"
)
# `<!-- INFO END -->`: a converter's marker in a Markdown copy.
_HTML_COMMENT = lazy_pattern(r"^<!--.*-->$")
# `首页 > 政务公开 > 政策文件 > 正文`, `当前位置：首页>>通知公告`: a web page's breadcrumb, never a title.
_BREADCRUMB = lazy_pattern(r"^(?:当前位置|您(?:现在)?的?位置|首页).{0,80}?(?:>|＞|›|»|/)")
_BOILERPLATE_MAX_LEN = 60

_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2010-\u2027\u300a-\u300f"
# Whitespace with a Chinese character or full-width mark on either side carries no meaning (OCR, wraps).
# Each run of spaces is matched once and its neighbours looked at (a lookahead after `[ ]+` would rescan
# the run from each of its spaces: quadratic in a long run).
_CJK_CHARACTER = lazy_pattern(rf"[{_CJK}]")
# Vertical tabs, form feeds, \x1c-\x1f, \x85, \u2028/9 break no line in an editor (see editor_lines): spacing.
_SPACES = lazy_pattern(r"[ \t\u3000\u00a0\x0b\x0c\x1c-\x1f\x85\u2028\u2029]+")
_FULLWIDTH_ALNUM = str.maketrans(
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ＋％",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+%",
)
# Half-width punctuation touching Chinese text becomes the full-width form the genre uses.
_HALF_PUNCT_NEAR_CJK = lazy_pattern(rf"(?<=[{_CJK}])[,:;?!]|[,:;?!](?=[{_CJK}])")
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_HAS_CJK = lazy_pattern(r"[\u3400-\u9fff]")
# `執(zhí)法`: the reading that a conversion site inserts after a character — pinyin with a tone mark.
# A reading holds a letter with a tone mark (_PINYIN's lookahead): a line without one holds no reading, and
# this scan is a third of the cost of _PINYIN's, which tries its lookbehind at every character.
_TONE_MARK = lazy_pattern(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
_PINYIN = lazy_pattern(r"(?<=[\u3400-\u9fff])[（(](?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")


# Line breaks as an editor (and `grep -n`) counts them: \r\n, \r or \n. str.splitlines() also breaks at form
# feeds (pdftotext's page breaks), \x1c-\x1e, \x85 and \u2028/\u2029, so its line numbers drift below the
# line a person opens.
_LINE_BREAK = lazy_pattern(r"\r\n|\r|\n")


def editor_lines(text: str) -> list[str]:
    """The lines of a text as an editor numbers them (no empty line after a final line break)."""
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def fold(text: str) -> str:
    """Canonical width and spacing of one line of Chinese prose. Each step runs only on a line that
    holds what it changes (most lines hold none of it): same result, a fraction of the time."""
    if not _MAY_FOLD.search(text):
        return text.strip()  # every other step needs a character of _MAY_FOLD
    if _HAS_FULLWIDTH_ALNUM.search(text):
        text = text.translate(_FULLWIDTH_ALNUM)
    if _HAS_SPACE.search(text):
        text = _SPACES.sub(lambda run: _folded_spaces(text, run), text)
    text = text.strip()
    if _HAS_HALF_PUNCT.search(text) and _HAS_CJK.search(text):
        text = _HALF_PUNCT_NEAR_CJK.sub(lambda m: _HALF_TO_FULL[m.group()], text)
        text = text.replace("(", "（").replace(")", "）")
    return text


_HAS_FULLWIDTH_ALNUM = lazy_pattern("[０-９Ａ-Ｚａ-ｚ＋％]")
_HAS_SPACE = _SPACES  # any character a run of spaces is made of
_HAS_HALF_PUNCT = lazy_pattern(r"[,:;?!()]")
# Any character one of the three steps above looks for: a line with none (most lines) is only stripped. The
# first two steps do not run on it, and the stripped line, part of it, holds no half-width mark either.
_MAY_FOLD = lazy_pattern(r"[０-９Ａ-Ｚａ-ｚ＋％ \t\u3000\u00a0\x0b\x0c\x1c-\x1f\x85\u2028\u2029,:;?!()]")


def _folded_spaces(text: str, run: re.Match) -> str:
    """A run of spaces touching a Chinese character or mark goes; any other run becomes one space."""
    start, end = run.span()
    if (start and _CJK_CHARACTER.match(text, start - 1)) or _CJK_CHARACTER.match(text, end):
        return ""
    return " "


# `| --- | :---: |`: a markdown table's rule under its header. One `\s*` between the cells and the end of
# line (two in a row would try every split of a run of spaces: quadratic).
_TABLE_RULE = lazy_pattern(r"^\|?(?:\s*:?-{3,}:?\s*\|)+(?:\s*:?-{3,}:?)?\s*$")
def _is_pipe_row(line: str) -> bool:
    """`| 1 | 推进… | 县司法局 |`, or the same row written without its outer pipes (`1 | 推进… | 县司法局`)."""
    if "|" not in line:
        return False
    stripped = line.strip()
    return (stripped.startswith("|") and stripped.count("|") >= 3) or stripped.count("|") >= 3 \
        or (stripped.count("|") >= 2 and not stripped.startswith("|") and not stripped.endswith("|"))


def _table_cells(line: str) -> list[str] | None:
    """`| 1 | 推进… | 县司法局 |` or `1\t推进…\t县司法局`: a table row's cells, else None."""
    if _is_pipe_row(line):
        return [cell.strip() for cell in line.strip().strip("|").split("|")]
    if line.count("\t") >= 2:
        return [cell.strip() for cell in line.split("\t")]
    return None


def _header_roles(cells: list[str]) -> list[str] | None:
    roles = []
    for cell in cells:
        role = column_role(cell)
        if role is None or len(cell) > 10:
            return None
        roles.append(role)
    return roles if "task" in roles or "lead" in roles else None


class _Table:
    """The table being read: its column roles and the cell borders it has shed so far."""

    def __init__(self) -> None:
        self._start()

    def _start(self) -> None:
        self.roles: list[str] | None = None
        self.borders = ""
        self.first = self.last = 0

    def flush(self, dropped: list[Dropped]) -> None:
        if self.borders:
            dropped.append(Dropped(lines=(self.first, self.last), reason="table cell borders", text=self.borders))
        self._start()


def normalize(text: str) -> tuple[list[Line], list[Dropped]]:
    """Split into kept lines and dropped furniture, both carrying source line numbers."""
    kept: list[Line] = []
    dropped: list[Dropped] = []
    table = _Table()
    blank = brk = False
    raw_lines = editor_lines(text)
    front_matter = front_matter_end(raw_lines)
    info_key: tuple[int, str] | None = None  # an info-block key alone on its line, waiting for its value
    for number, raw in enumerate(raw_lines, start=1):
        stripped = raw.strip()
        if not stripped:
            blank = True
            continue
        if number <= front_matter:
            dropped.append(Dropped(lines=(number, number), reason=FRONT_MATTER, text=stripped))
            blank = True
            continue
        if front_matter and not kept and stripped.startswith(">"):
            # The scraper's own note under its front matter (`> 本文正文由脚本…提取`), not the document's text.
            dropped.append(Dropped(lines=(number, number), reason="scraper note", text=stripped))
            blank = True
            continue
        if info_key is not None:
            key_number, key_text = info_key
            info_key = None
            if info_key_line(stripped) is None and len(stripped) <= _BOILERPLATE_MAX_LEN and "|" not in stripped:
                dropped.append(Dropped(lines=(key_number, number), reason=INFO_BLOCK, text=f"{key_text}\n{stripped}"))
                continue
            dropped.append(Dropped(lines=(key_number, key_number), reason=INFO_BLOCK, text=key_text))
        if info_key_line(stripped):
            table.flush(dropped)
            info_key = (number, stripped)
            blank = True
            continue
        cells = _table_cells(raw.rstrip("\r\n"))
        if (cells is not None and is_info_row(cells)) or (cells is None and is_info_line(stripped)):
            table.flush(dropped)
            dropped.append(Dropped(lines=(number, number), reason=INFO_BLOCK, text=stripped))
            blank = True
            continue
        if _TABLE_RULE.match(stripped):
            dropped.append(Dropped(lines=(number, number), reason="table rule", text=stripped))
            continue
        if cells is None:
            table.flush(dropped)
        else:
            if _is_pipe_row(raw):  # pipes are borders in a markdown row, content in a TSV one
                table.borders += "|" * raw.count("|")
            table.first, table.last = table.first or number, number
            cells = [fold(cell) for cell in cells]
            roles = _header_roles(cells)
            if roles:
                table.roles = roles
                dropped.append(Dropped(lines=(number, number), reason="table header", text=" ".join(cells)))
                continue
            if not any(cells):
                continue
            kept.append(Line(number, "\t".join(cells), blank_before=True, break_before=brk,
                             cells=cells, roles=table.roles))
            blank = brk = False
            continue
        if _LONE_NUMBER.match(stripped):
            kept.append(Line(number, stripped, blank_before=blank or not kept, break_before=brk))
            blank = brk = False
            continue
        if _PAGE_BREAK.match(stripped):
            dropped.append(Dropped(lines=(number, number), reason="page break or page number", text=stripped))
            blank = brk = True
            continue
        if len(stripped) <= _BOILERPLATE_MAX_LEN and _BOILERPLATE.match(stripped):
            dropped.append(Dropped(lines=(number, number), reason="web page boilerplate", text=stripped))
            blank = True
            continue
        if _HTML_COMMENT.match(stripped):
            dropped.append(Dropped(lines=(number, number), reason="html comment", text=stripped))
            blank = True
            continue
        if _BREADCRUMB.match(stripped):
            dropped.append(Dropped(lines=(number, number), reason="web page breadcrumb", text=stripped))
            blank = True
            continue
        content, markup = _strip_markup(stripped)
        if markup:
            dropped.append(Dropped(lines=(number, number), reason="markdown markup", text=markup))
        if _TONE_MARK.search(content) and _PINYIN.search(content):
            dropped.append(Dropped(lines=(number, number), reason="pinyin annotation inserted by a conversion site",
                                   text="".join(_PINYIN.findall(content))))
            content = _PINYIN.sub("", content)
        content = fold(content)
        if not content:
            blank = True
            continue
        kept.append(Line(number, content, blank_before=blank or not kept, break_before=brk))
        blank = brk = False
    if info_key is not None:
        dropped.append(Dropped(lines=(info_key[0], info_key[0]), reason=INFO_BLOCK, text=info_key[1]))
    table.flush(dropped)
    kept = _drop_page_numbers(kept, dropped)
    _mark_long_gaps(kept)
    _mark_paragraph_lines(kept)
    return kept, dropped


# A copy whose long lines nearly all finish a sentence holds one paragraph per line (a web page, a
# Word file): there a line that does not end a sentence is a heading, never a line wrapped mid-sentence.
_PARAGRAPH_SHARE = 0.95
_PARAGRAPH_MIN_LINES = 5
_HEADING_MAX_LEN = 30


def one_paragraph_per_line(lines: Iterable[Line]) -> bool:
    """Whether the long lines among these (table rows aside) nearly all finish a sentence."""
    long_lines = [line.text for line in lines if len(line.text) >= 20 and not line.cells]
    finished = sum(1 for text in long_lines if text[-1] in "。！？；：!?;:）)”")
    return len(long_lines) >= _PARAGRAPH_MIN_LINES and finished >= _PARAGRAPH_SHARE * len(long_lines)


def _mark_paragraph_lines(kept: list[Line]) -> None:
    if one_paragraph_per_line(kept):
        # after a short unfinished line (a heading); a long one is a sentence broken by a stray blank line
        for previous, line in pairwise(kept):
            line.paragraph = len(previous.text) <= _HEADING_MAX_LEN


def _drop_page_numbers(kept: list[Line], dropped: list[Dropped]) -> list[Line]:
    """Lone numbers that count the pages (each the last plus one, a page apart) are page numbers and
    are dropped; any other lone number stays: the row numbers of a table flattened to one cell per
    line (1, 2, 3 … a few lines apart), or a cell's value (`40`)."""
    lone = [i for i, line in enumerate(kept) if _LONE_NUMBER.match(line.text)]
    if not lone:
        return kept
    by_value: dict[int, list[int]] = {}  # value → the source line numbers it stands on, ascending
    for i in lone:
        by_value.setdefault(int(kept[i].text), []).append(kept[i].number)

    def near(value: int, number: int) -> bool:
        """Whether `value` stands alone within a few lines of line `number` (a bisection, not a scan)."""
        numbers = by_value.get(value, [])
        at = bisect_left(numbers, number - _ROW_NUMBER_GAP)
        return at < len(numbers) and numbers[at] <= number + _ROW_NUMBER_GAP

    rows = {i for i in lone if near(int(kept[i].text) + 1, kept[i].number) or near(int(kept[i].text) - 1, kept[i].number)}
    lone = [i for i in lone if i not in rows]
    pages: set[int] = set()
    for chain_start in range(len(lone)):
        if lone[chain_start] in pages:
            continue
        # Page numbers are the only lone numbers between them: in a column of values, numbers that
        # happen to count on a page apart are no pages.
        chain = [lone[chain_start]]
        for j in lone[chain_start + 1:]:
            if int(kept[j].text) != int(kept[chain[-1]].text) + 1 \
                    or kept[j].number - kept[chain[-1]].number < _PAGE_MIN_LINES:
                break
            chain.append(j)
        if len(chain) >= 2:
            pages.update(chain)
    out: list[Line] = []
    page_break_next = False
    for i, line in enumerate(kept):
        if i in pages:
            dropped.append(Dropped(lines=(line.number, line.number), reason="page break or page number", text=line.text))
            page_break_next = True
            continue
        if page_break_next:
            line.blank_before = line.break_before = True
            page_break_next = False
        out.append(line)
    return out


def _strip_markup(line: str) -> tuple[str, str]:
    markup = ""
    prefix = _MARKDOWN_PREFIX.match(line)
    if prefix:
        markup += prefix.group().strip()
        line = line[prefix.end():]
    bold = _BOLD.match(line)
    if bold:
        markup += bold.group(1) + bold.group(3)
        line = bold.group(2)
    return line, markup


def _mark_long_gaps(kept: list[Line]) -> None:
    """Three or more blank lines in a row are where a PDF page ended (the pingdingshan layout)."""
    previous = 0
    for line in kept:
        if line.number - previous >= 4:
            line.break_before = True
        previous = line.number
