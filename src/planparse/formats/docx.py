"""Word (.docx) → plain text: the body in document order, with Word's automatic numbering written into it.

Government .docx files number 一、/（一）/1./① with Word's list numbering, kept in numbering.xml and not
in the paragraph text (python-docx's `paragraph.text` leaves it out, and with it the plan's structure);
this module renders it the way Word displays it. Tables become markdown pipe rows, which the text pipeline
reads as a 重点任务分工表. python-docx opens the package; the body is walked as XML so that paragraphs and
tables keep their order, and tracked deletions, hidden text and tables of contents stay out.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from ..errors import InputError
from ..patterns import lazy_pattern

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

# The Word reader's budget. A .docx inflates to a few MB (its XML to a few MB at most, a 300-page plan
# has some 10,000 paragraphs, Word's list dialog stops at 32767); a file beyond any of these is damaged
# or a ZIP bomb, and is refused before it costs minutes and gigabytes.
_MAX_UNPACKED_BYTES = 256 * 1024 * 1024
_MAX_XML_BYTES = 32 * 1024 * 1024
_MAX_PARAGRAPHS = 100_000
_MAX_LIST_START = 32767
# Run content that is not visible body text: deleted or moved-away revisions, drawings and text boxes
# (their text would land in the middle of the anchoring paragraph), ruby annotations, field codes.
_SKIPPED = {W + "del", W + "moveFrom", W + "drawing", W + "pict", W + "object", W + "rt",
            W + "instrText", W + "delText", W + "footnoteReference", W + "endnoteReference",
            W + "commentReference", W + "pPr", W + "rPr", W + "sdtPr", W + "sdtEndPr", MC_FALLBACK}
# Paragraph styles of a table of contents (`TOC 1` … `TOC 9`): headings repeated with page numbers.
_TOC_STYLE = lazy_pattern(r"^(toc|TOC)\s*\d$|^目录\s*\d$")


def docx_to_text(data: bytes, path: str) -> str:
    """The document body as text, one paragraph or table row per line."""
    document = _open(data, path)
    _refuse_too_many_paragraphs(document.element.body, path)
    styles = _Styles(document.styles.element)
    numbering = _Numbering(_numbering_root(document), styles, path)
    lines = _BodyWriter(styles, numbering).blocks(document.element.body)
    lines = [line for line in lines if line]
    if not lines:
        raise InputError("the Word document has no text in its body; nothing to extract", path=path)
    return "\n".join(lines) + "\n"


def _numbering_root(document):
    """numbering.xml's root, or None: many documents have no lists (python-docx raises for those)."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    for rel in document.part.rels.values():
        if rel.reltype == RELATIONSHIP_TYPE.NUMBERING and not rel.is_external:
            return getattr(rel.target_part, "element", None)
    return None


def _open(data: bytes, path: str):
    """python-docx's Document, or an InputError that says why the file is not a readable .docx."""
    import docx

    damaged = "is a damaged or truncated .docx ({}); open it in Word and save it again, or save it as .txt"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _refuse_oversized(archive.infolist(), path)
        return docx.Document(io.BytesIO(data))
    except InputError:
        raise
    except ValueError as error:
        # python-docx: "file '…' is not a Word file, content type is '…'" (a .docm, .dotx or .xlsx)
        kind = re.search(r"content type is '([^']+)'", str(error))
        if kind:
            raise InputError(f"is not a Word document planparse reads (its main part is {kind.group(1)}); "
                             "save it as .docx or .txt", path=path) from None
        raise InputError(damaged.format(_reason(error)), path=path) from None
    except Exception as error:  # zipfile, zlib and lxml raise many types on damaged input
        raise InputError(damaged.format(_reason(error)), path=path) from None


def _refuse_oversized(entries: list[zipfile.ZipInfo], path: str) -> None:
    """Refuse a package whose parts inflate beyond the budget. zipfile never returns more than an entry's
    stated size (it stops there and checks the CRC), so the stated sizes bound what python-docx reads."""
    unpacked = sum(info.file_size for info in entries)
    xml = sum(info.file_size for info in entries if info.filename.endswith((".xml", ".rels")))
    if unpacked > _MAX_UNPACKED_BYTES:
        raise InputError(f"claims to unpack to {unpacked // 2**20} MB, far more than any Word document "
                         f"(at most {_MAX_UNPACKED_BYTES // 2**20} MB); it is damaged or not a real .docx", path=path)
    if xml > _MAX_XML_BYTES:
        raise InputError(f"holds {xml // 2**20} MB of XML, far more than any Word document (at most "
                         f"{_MAX_XML_BYTES // 2**20} MB); it is damaged or a ZIP bomb: save the plan as .txt",
                         path=path)


def _refuse_too_many_paragraphs(body, path: str) -> None:
    count = sum(1 for _ in body.iter(W + "p"))
    if count > _MAX_PARAGRAPHS:
        raise InputError(f"has {count} paragraphs, more than any plan (at most {_MAX_PARAGRAPHS}); "
                         "split the document or save it as .txt", path=path)


def _reason(error: Exception) -> str:
    text = str(error).splitlines()[0][:120] if str(error) else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


# ---------------------------------------------------------------- styles


def _int(element, attribute: str = "val") -> int | None:
    """An integer attribute (`w:val` by default) of an element, None if missing or malformed."""
    if element is None:
        return None
    value = element.get(W + attribute)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


class _Styles:
    """Paragraph styles by id: their numbering (numPr, inherited through basedOn) and names."""

    def __init__(self, root):
        self._by_id = {style.get(W + "styleId"): style for style in root.iter(W + "style")}
        defaults = [style for style in root.iter(W + "style")
                    if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true", "on")]
        self.default_paragraph = defaults[0].get(W + "styleId") if defaults else None

    def get(self, style_id: str | None):
        return self._by_id.get(style_id)

    def name(self, style_id: str | None) -> str:
        style = self.get(style_id)
        name = style.find(W + "name") if style is not None else None
        return (name.get(W + "val") if name is not None else None) or style_id or ""

    def numbering(self, style_id: str | None) -> tuple[int | None, int | None]:
        """(numId, ilvl) a style gives its paragraphs, following basedOn; either may be None."""
        number_id = level = None
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.get(style_id)
            if style is None:
                break
            numpr = style.find(f"{W}pPr/{W}numPr")
            if numpr is not None:
                number_id = number_id if number_id is not None else _int(numpr.find(W + "numId"))
                level = level if level is not None else _int(numpr.find(W + "ilvl"))
            based_on = style.find(W + "basedOn")
            style_id = based_on.get(W + "val") if based_on is not None else None
        return number_id, level


# ---------------------------------------------------------------- numbering


@dataclass(frozen=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 never; None any higher
    legal: bool = False  # w:isLgl: show every level's number in decimal
    suffix: str = "tab"
    style: str | None = None  # w:pStyle: the paragraph style this level belongs to

    @classmethod
    def parse(cls, lvl) -> _Level:
        def val(tag: str) -> str | None:
            child = lvl.find(W + tag)
            return child.get(W + "val") if child is not None else None

        legal = lvl.find(W + "isLgl")
        start = _int(lvl.find(W + "start"))
        return cls(start=start if start is not None else 1, fmt=val("numFmt") or "decimal", text=val("lvlText") or "",
                   restart=_int(lvl.find(W + "lvlRestart")),
                   legal=legal is not None and legal.get(W + "val") not in ("0", "false", "off"),
                   suffix=val("suff") or "tab", style=val("pStyle"))


@dataclass
class _Instance:
    """A w:num: which abstract numbering it shows, and its per-level overrides."""

    abstract: str
    levels: dict[int, _Level] = field(default_factory=dict)
    start_overrides: dict[int, int] = field(default_factory=dict)


class _Numbering:
    """numbering.xml, and the counters Word advances as it meets numbered paragraphs in document order.

    Counters belong to the abstract numbering, as in Word: two w:num of one abstractNum continue one
    list, and a w:num with w:startOverride (Word's 重新开始编号) restarts it the first time it is used.
    """

    def __init__(self, root, styles: _Styles, path: str = "<docx>"):
        self._styles = styles
        self._path = path
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._style_link: dict[str, str] = {}  # abstractNum id → numbering style it takes its levels from
        for abstract in _iter(root, "abstractNum"):
            key = abstract.get(W + "abstractNumId")
            self._abstract[key] = {_int(lvl, "ilvl") or 0: _Level.parse(lvl) for lvl in abstract.iter(W + "lvl")}
            link = abstract.find(W + "numStyleLink")
            if link is not None:
                self._style_link[key] = link.get(W + "val")
        self._instances: dict[int, _Instance] = {}
        for num in _iter(root, "num"):
            number_id, abstract = _int(num, "numId"), num.find(W + "abstractNumId")
            if number_id is None or abstract is None:
                continue
            instance = _Instance(abstract.get(W + "val"))
            for override in num.iter(W + "lvlOverride"):
                level = _int(override, "ilvl") or 0
                start = _int(override.find(W + "startOverride"))
                if start is not None:
                    instance.start_overrides[level] = start
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    instance.levels[level] = _Level.parse(lvl)
            self._instances[number_id] = instance
        self._refuse_impossible_starts()
        self._counters: dict[str, dict[int, int]] = {}
        self._used: set[int] = set()

    def _refuse_impossible_starts(self) -> None:
        """A list start Word cannot write (negative, or past 32767) would render labels of any length."""
        starts = [level.start for levels in self._abstract.values() for level in levels.values()]
        for instance in self._instances.values():
            starts += [level.start for level in instance.levels.values()] + list(instance.start_overrides.values())
        wrong = [start for start in starts if not 0 <= start <= _MAX_LIST_START]
        if wrong:
            shown = str(wrong[0]) if abs(wrong[0]) < 10**12 else f"a {len(str(abs(wrong[0])))}-digit number"
            raise InputError(f"has a list numbered from {shown}, which Word cannot write (0 to {_MAX_LIST_START}): "
                             "the numbering is damaged; open the file in Word and save it again, or save it as .txt",
                             path=self._path)

    def _abstract_of(self, number_id: int, depth: int = 0) -> str | None:
        """The abstractNum whose levels a list shows, through numStyleLink (a list tied to a numbering style)."""
        instance = self._instances.get(number_id)
        if instance is None or depth > 5:
            return None
        key = instance.abstract
        link = self._style_link.get(key)
        if link is not None and not self._abstract.get(key):
            linked_id, _ = self._styles.numbering(link)
            if linked_id is not None and linked_id != number_id:
                return self._abstract_of(linked_id, depth + 1)
        return key if key in self._abstract else None

    def _level(self, number_id: int, abstract: str, ilvl: int) -> _Level | None:
        instance = self._instances[number_id]
        return instance.levels.get(ilvl) or self._abstract[abstract].get(ilvl)

    def level_for_style(self, number_id: int, style_id: str | None) -> int:
        """The level a style's numPr without w:ilvl means: the one whose w:pStyle names the style."""
        abstract = self._abstract_of(number_id)
        levels = self._abstract.get(abstract, {}) if abstract is not None else {}
        for ilvl, level in sorted(levels.items()):
            if style_id and level.style == style_id:
                return ilvl
        return 0

    def next_label(self, number_id: int, ilvl: int) -> str:
        """Advance the list at this level and return the number as displayed (`一、`, `（二）`, `3.`, `①`)."""
        abstract = self._abstract_of(number_id)
        if abstract is None:
            return ""
        level = self._level(number_id, abstract, ilvl)
        if level is None:
            return ""
        counters = self._counters.setdefault(abstract, {})
        if number_id not in self._used:
            self._used.add(number_id)
            for overridden, start in self._instances[number_id].start_overrides.items():
                counters[overridden] = start - 1
                for deeper in [d for d in counters if d > overridden]:
                    del counters[deeper]
        value = counters[ilvl] + 1 if ilvl in counters else level.start
        counters[ilvl] = value
        for deeper in [d for d in counters if d > ilvl]:
            deeper_level = self._level(number_id, abstract, deeper)
            restart = deeper_level.restart if deeper_level else None
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        return self._label(number_id, abstract, level, counters)

    def _label(self, number_id: int, abstract: str, level: _Level, counters: dict[int, int]) -> str:
        if level.fmt == "bullet":
            return ""  # a bullet glyph (often a Symbol-font private character) says nothing about structure

        def number(match: re.Match) -> str:
            ilvl = int(match.group(1)) - 1
            shown = self._level(number_id, abstract, ilvl) or _Level()
            value = counters.get(ilvl, shown.start)
            return format_number(value, "decimal" if level.legal and shown.fmt != "none" else shown.fmt)

        label = re.sub(r"%([1-9])", number, level.text)
        if label and level.suffix != "nothing" and re.search(r"[0-9A-Za-z\u4e00-\u9fff]$", label):
            label += " "  # `第一条 为了…`, `Article 1 …`; `一、` and `①` run straight into the text
        return label


_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CN_LEGAL_TRADITIONAL_DIGITS = "零壹貳參肆伍陸柒捌玖"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
# Enclosed-numeral blocks: (first code point, first value, how many).
_ENCLOSED = {
    "decimalEnclosedCircle": [(0x2460, 1, 20), (0x3251, 21, 15), (0x32B1, 36, 15)],
    "decimalEnclosedCircleChinese": [(0x2460, 1, 20), (0x3251, 21, 15), (0x32B1, 36, 15)],
    "decimalEnclosedParen": [(0x2474, 1, 20)],
    "decimalEnclosedFullstop": [(0x2488, 1, 20)],
    "ideographEnclosedCircle": [(0x3280, 1, 10)],
    "ideographParenthesized": [(0x3220, 1, 10)],
}


def format_number(value: int, fmt: str) -> str:
    """A list counter in one of Word's w:numFmt formats (unknown formats fall back to decimal, as Word does)."""
    if fmt == "none":
        return ""
    if fmt in _ENCLOSED:
        for first_code, first_value, count in _ENCLOSED[fmt]:
            if first_value <= value < first_value + count:
                return chr(first_code + value - first_value)
        return str(value)
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting"):
        return _chinese(value, _CN_DIGITS, "十百千", short_ten=True)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "koreanLegal"):
        digits = _CN_LEGAL_DIGITS if fmt == "chineseLegalSimplified" else _CN_LEGAL_TRADITIONAL_DIGITS
        return _chinese(value, digits, "拾佰仟", short_ten=False)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand") and value >= 0:
        return "".join(_CN_DIGITS[int(d)] for d in str(value))
    if fmt == "ideographTraditional" and value >= 1:
        return _HEAVENLY_STEMS[(value - 1) % 10]
    if fmt == "ideographZodiac" and value >= 1:
        return _EARTHLY_BRANCHES[(value - 1) % 12]
    if fmt in ("lowerLetter", "upperLetter") and 1 <= value <= _LETTERS_UP_TO:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman") and 1 <= value < 4000:
        return _roman(value) if fmt == "upperRoman" else _roman(value).lower()
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return str(value)


# Letters repeat (z, aa, bb …): past this a label would be a run of hundreds of letters, so decimal.
_LETTERS_UP_TO = 26 * 10


def _chinese(value: int, digits: str, units: str, *, short_ten: bool) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (up to 9999; larger values stay decimal)."""
    if value == 0:
        return digits[0]
    if not 0 < value < 10000:
        return str(value)
    places = [(value // 1000) % 10, (value // 100) % 10, (value // 10) % 10, value % 10]
    unit_of = [units[2], units[1], units[0], ""]
    out: list[str] = []
    pending_zero = False
    for place, (digit, unit) in enumerate(zip(places, unit_of)):
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append("零")  # 一百零五: a skipped place is read 零 in counting, even where 0 alone is 〇
            pending_zero = False
        if not (short_ten and place == 2 and digit == 1 and not out):
            out.append(digits[digit])
        out.append(unit)
    return "".join(out)


def _roman(value: int) -> str:
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = []
    for amount, letters in numerals:
        count, value = divmod(value, amount)
        out.append(letters * count)
    return "".join(out)


# ---------------------------------------------------------------- body


class _BodyWriter:
    """Walks the body in document order and writes each paragraph and table row as one line."""

    def __init__(self, styles: _Styles, numbering: _Numbering):
        self._styles = styles
        self._numbering = numbering

    def blocks(self, container) -> list[str]:
        lines: list[str] = []
        for child in container:
            if child.tag == W + "p":
                text = self.paragraph(child)
                if text is not None:
                    lines.append(text)
            elif child.tag == W + "tbl":
                lines.extend(self.table(child))
            elif child.tag == W + "sdt" and not _is_toc(child):
                lines.extend(self.blocks(_content(child)))
            elif child.tag in (W + "customXml", W + "ins", W + "moveTo"):
                lines.extend(self.blocks(child))
        return lines

    def paragraph(self, p) -> str | None:
        """The paragraph's text with its list number in front; None for a table-of-contents line."""
        style_id = _pstyle(p) or self._styles.default_paragraph
        if _TOC_STYLE.match(self._styles.name(style_id)) or _TOC_STYLE.match(style_id or ""):
            return None
        label = ""
        number_id, ilvl = self._list_position(p, style_id)
        if number_id:
            label = self._numbering.next_label(number_id, ilvl)
        text = _strip(_join_breaks(_run_text(p)))
        return label + text if text or label.strip() else ""

    def _list_position(self, p, style_id: str | None) -> tuple[int | None, int]:
        numpr = p.find(f"{W}pPr/{W}numPr")
        own_id = _int(numpr.find(W + "numId")) if numpr is not None else None
        own_level = _int(numpr.find(W + "ilvl")) if numpr is not None else None
        style_number_id, style_level = self._styles.numbering(style_id)
        number_id = own_id if own_id is not None else style_number_id
        if not number_id:  # numId 0 switches the style's numbering off
            return None, 0
        level = own_level if own_level is not None else style_level
        if level is None:
            level = self._numbering.level_for_style(number_id, style_id)
        return number_id, min(max(level, 0), 8)

    def table(self, tbl, *, in_cell: bool = False) -> list[str]:
        rows = _fill_vertical_merges([self._row_cells(tr) for tr in _children(tbl, "tr")])
        if not rows:
            return []
        width = max(len(row) for row in rows)
        if width == 1:  # a one-column table is a frame around text, not a table of data
            return [line for row in rows for line in row[0].lines]
        if in_cell:  # a table nested in a cell: its rows are part of that cell's text
            return [" ".join(cell.text for cell in row if cell.text) for row in rows]
        lines = []
        for index, row in enumerate(rows):
            cells = [cell.text for cell in row] + [""] * (width - len(row))
            lines.append("|" + "|".join(f" {_pipe_safe(cell)} " if cell else " " for cell in cells) + "|")
            if index == 0:
                lines.append("|" + "|".join(" --- " for _ in cells) + "|")
        return lines

    def _row_cells(self, tr) -> list[_Cell]:
        """One cell per grid column: a cell spanning columns (w:gridSpan) once, then empty columns."""
        properties = tr.find(W + "trPr")
        cells = _empty_cells(_find(properties, "gridBefore"))
        for tc in _children(tr, "tc"):
            tcpr = tc.find(W + "tcPr")
            merge = _find(tcpr, "vMerge")
            cells.append(_Cell(self._cell_lines(tc), None if merge is None else (merge.get(W + "val") or "continue")))
            cells.extend(_empty_cells(_find(tcpr, "gridSpan"), minus=1))
        return cells + _empty_cells(_find(properties, "gridAfter"))

    def _cell_lines(self, tc) -> list[str]:
        lines = []
        for child in tc:
            if child.tag == W + "tbl":
                lines.extend(self.table(child, in_cell=True))
            else:
                lines.extend(self.blocks([child]))
        return [line for line in lines if line]


# Word tables have at most 63 columns; a larger span is damage, and would only waste memory.
_MAX_COLUMNS = 63


def _empty_cells(count_element, *, minus: int = 0) -> list[_Cell]:
    """Empty grid columns: the w:gridBefore/w:gridAfter of a row, or the rest of a w:gridSpan."""
    count = min(max(_int(count_element) or 0, 0), _MAX_COLUMNS)
    return [_Cell() for _ in range(max(count - minus, 0))]


@dataclass
class _Cell:
    lines: list[str] = field(default_factory=list)
    merge: str | None = None  # w:vMerge: "restart" opens a cell merged down, "continue" lies under it

    @property
    def text(self) -> str:
        return _join_lines(self.lines)


def _fill_vertical_merges(rows: list[list[_Cell]]) -> list[list[_Cell]]:
    """A cell merged down (w:vMerge) shows its text on every row it spans: a 牵头单位 shared by several tasks."""
    above: dict[int, list[str]] = {}
    for row in rows:
        for column, cell in enumerate(row):
            if cell.merge == "continue":
                cell.lines = above.get(column, cell.lines)
            elif cell.merge == "restart":
                above[column] = cell.lines
            else:
                above.pop(column, None)
    return rows


def _children(element, tag: str):
    """Direct children with a tag, looking through content controls and custom XML wrappers."""
    for child in element:
        if child.tag == W + tag:
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):
            yield from _children(_content(child) if child.tag == W + "sdt" else child, tag)


def _content(sdt):
    content = sdt.find(W + "sdtContent")
    return content if content is not None else []


def _is_toc(sdt) -> bool:
    gallery = sdt.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
    return gallery is not None and "Contents" in (gallery.get(W + "val") or "")


def _iter(element, tag: str):
    return element.iter(W + tag) if element is not None else ()


def _find(element, tag: str):
    return element.find(W + tag) if element is not None else None


def _pstyle(p) -> str | None:
    style = p.find(f"{W}pPr/{W}pStyle")
    return style.get(W + "val") if style is not None else None


def _run_text(element) -> str:
    """The visible text under a paragraph: runs, hyperlinks, fields, insertions; `\\n` for a line break."""
    out = []
    for child in element:
        tag = child.tag
        if tag in _SKIPPED or not isinstance(tag, str):
            continue
        if tag == W + "r" and _hidden(child):
            continue
        if tag == W + "t":
            out.append(child.text or "")
        elif tag == W + "tab":
            out.append(" ")  # two tabs would make the line a tab-separated table row downstream
        elif tag in (W + "br", W + "cr"):
            if child.get(W + "type") in (None, "textWrapping"):
                out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag == W + "sym":
            out.append(_symbol(child))
        else:
            out.append(_run_text(child))
    return "".join(out)


def _hidden(run) -> bool:
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and vanish.get(W + "val") not in ("0", "false", "off")


def _symbol(sym) -> str:
    """A w:sym character, unless it is a Symbol/Wingdings private-use code point (a glyph, not text)."""
    try:
        code = int(sym.get(W + "char") or "", 16)
    except ValueError:
        return ""
    # Past U+10FFFF or a lone surrogate (D800–DFFF) is no character at all: damage, not text.
    if code < 0x20 or 0xD800 <= code <= 0xDFFF or 0xE000 <= code <= 0xF8FF or code > 0x10FFFF:
        return ""
    return chr(code)


_ASCII_WORD = lazy_pattern(r"[0-9A-Za-z]")


def _join_lines(lines: list[str]) -> str:
    """Join the lines of one cell or paragraph: nothing between Chinese text, a space between Latin words."""
    out = ""
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if out and _ASCII_WORD.match(out[-1]) and _ASCII_WORD.match(line[0]):
            out += " "
        out += line
    return out


def _join_breaks(text: str) -> str:
    return _join_lines(text.split("\n")) if "\n" in text else text


def _strip(text: str) -> str:
    # Leading 　　 is the indent of a Chinese paragraph, not content.
    return text.strip(" \t\u3000\u00a0")


def _pipe_safe(cell: str) -> str:
    return cell.replace("|", "｜").replace("\n", " ")
