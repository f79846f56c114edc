"""The `docx` format: a diff as a Word report an office can attach to its reply — the title, the two plans
(title, 文号, date), the coverage, the missing measures, the partial and changed ones, the responsibility
table and the local-only measures.

Chinese typography: body text in 仿宋, title and headings in 黑体, Latin letters and digits in Times New
Roman, on A4; each Chinese font is also declared in the font table with its Windows name, GB2312 character
set and family, so that Word, WPS or LibreOffice without it substitute a font of the same kind. The bytes
are the same on every run: the document's dates are the plan's, and the zip entries carry a fixed time.
python-docx is in the default install (planparse reads .docx plans with it)."""

from __future__ import annotations

import datetime
import io
from typing import TYPE_CHECKING

from . import Renderer
from ._lang import t
from ._text import describe_in_context, percent, plan_name, units_text

if TYPE_CHECKING:
    from ..models.diff import DiffReport

_BODY_FONT, _HEADING_FONT, _LATIN_FONT = "仿宋", "黑体", "Times New Roman"
# Each Chinese font in the font table: (Windows name, panose) — Word and WPS substitute by these when the
# font itself is missing; charset 86 is GB2312.
_FONT_TABLE = {"仿宋": ("FangSong", "02010609060101010101"), "黑体": ("SimHei", "02010609060101010101")}
_NO_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_BODY_SIZE, _TABLE_SIZE, _HEADING_SIZE, _TITLE_SIZE = 14, 10.5, 16, 18  # 四号, 五号, 三号, 小二 (points)


def diff_docx(report: DiffReport) -> bytes:
    from docx import Document

    document = Document()
    _set_up(document, report)
    _title(document, report)
    _plans(document, report)
    _coverage(document, report)
    _missing(document, report)
    _changed(document, report)
    _responsibilities(document, report)
    _local_only(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _set_up(document, report: DiffReport) -> None:
    """A4, the fonts of every style, the font table, and properties dated by the plan, not the clock."""
    from docx.shared import Cm, Pt

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.6)
    section.top_margin = section.bottom_margin = Cm(2.5)
    normal = document.styles["Normal"]
    normal.font.size = Pt(_BODY_SIZE)
    _fonts(normal.element, _BODY_FONT)
    for name in ("Title", "Heading 1"):
        style = document.styles[name]
        _fonts(style.element, _HEADING_FONT)
        style.font.color.rgb = None
        style.font.bold = name == "Heading 1"
        style.font.size = Pt(_TITLE_SIZE if name == "Title" else _HEADING_SIZE)
    _declare_fonts(document)
    day = (datetime.datetime.fromisoformat(report.local.date).replace(tzinfo=datetime.UTC)
           if report.local.date else _NO_DATE)
    properties = document.core_properties
    properties.title = t("docx.title")
    properties.subject = plan_name(report.local)
    properties.author = properties.last_modified_by = "planparse"
    properties.comments = ""
    properties.created = properties.modified = day
    properties.revision = 1
    properties.language = t("html.lang")


def _fonts(element, east_asian: str) -> None:
    """rFonts of a style: the Chinese font for East Asian text, Times New Roman for Latin letters and digits."""
    from docx.oxml.ns import qn

    properties = element.get_or_add_rPr()
    fonts = properties.get_or_add_rFonts()
    for attribute, value in (("w:ascii", _LATIN_FONT), ("w:hAnsi", _LATIN_FONT), ("w:eastAsia", east_asian),
                             ("w:cs", _LATIN_FONT), ("w:hint", "eastAsia")):
        fonts.set(qn(attribute), value)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):  # themes would win
        fonts.attrib.pop(qn(theme), None)
    language = properties.find(qn("w:lang"))
    if language is None:
        language = properties.makeelement(qn("w:lang"), {})
        properties.append(language)
    language.set(qn("w:eastAsia"), "zh-CN")


def _declare_fonts(document) -> None:
    from lxml import etree

    part = next(part for part in document.part.package.iter_parts() if str(part.partname) == "/word/fontTable.xml")
    table = etree.fromstring(part.blob)
    w = table.nsmap["w"]
    for name, (alternative, panose) in _FONT_TABLE.items():
        font = etree.SubElement(table, f"{{{w}}}font", {f"{{{w}}}name": name})
        for tag, value in (("altName", alternative), ("panose1", panose), ("charset", "86"), ("family", "modern"),
                           ("pitch", "fixed")):
            etree.SubElement(font, f"{{{w}}}{tag}", {f"{{{w}}}val": value})
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _fixed_zip(data: bytes) -> bytes:
    """The package again, every entry dated 1980-01-01: python-docx stamps them with the time of saving."""
    import zipfile

    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as fixed:
        for entry in source.infolist():
            fixed.writestr(zipfile.ZipInfo(entry.filename, _ZIP_TIME), source.read(entry.filename),
                           compress_type=zipfile.ZIP_DEFLATED)
    return target.getvalue()


def _title(document, report: DiffReport) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    heading = document.add_paragraph(t("docx.title"), style="Title")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle = document.add_paragraph(plan_name(report.local))
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _table(document, header: list[str], rows: list[list[str]]):
    """A grid table in 五号, its header row bold and repeated on every page."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    repeat = table.rows[0]._tr.get_or_add_trPr().makeelement(qn("w:tblHeader"), {})
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for values in rows:
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(_TABLE_SIZE)
    return table


def _plans(document, report: DiffReport) -> None:
    document.add_heading(t("docx.plans"), level=1)
    rows = [[t(role), plan_name(plan), plan.doc_number or "—", plan.date or "—"]
            for role, plan in (("docx.template", report.template), ("docx.local", report.local))]
    _table(document, ["", t("col.plan"), t("col.doc_number"), t("col.date")], rows)


def _coverage(document, report: DiffReport) -> None:
    counts, coverage = report.counts, report.coverage
    document.add_heading(t("docx.coverage"), level=1)
    document.add_paragraph(t("docx.coverage_text", total=counts.total, full=counts.full, partial=counts.partial,
                             missing=counts.missing, covered=percent(coverage.covered),
                             local_only=len(report.local_only), changes=len(report.changes))
                           + t("docx.directions", weakened=len(report.weakened()),
                               strengthened=sum(change.direction == "strengthened" for change in report.changes)))
    _table(document, [t("col.status"), t("col.measures"), t("docx.share")],
           [[t(f"status.{status}"), str(getattr(counts, status)), percent(getattr(coverage, status))]
            for status in ("full", "partial", "missing")])


def _missing(document, report: DiffReport) -> None:
    document.add_heading(t("docx.missing", count=len(report.missing)), level=1)
    missing = [measure for measure in report.measures if measure.status == "missing"]
    if not missing:
        document.add_paragraph(t("diff.none"))
        return
    _table(document, [t("col.number"), t("col.heading"), t("col.template_measure")],
           [[str(measure.template), measure.heading, measure.text] for measure in missing])


def _changed(document, report: DiffReport) -> None:
    """Measures carried only in part, and measures whose deadlines, targets, units or wording changed."""
    changes: dict = {}
    for change in report.changes:
        changes.setdefault(change.template, []).append(f"{change.local}：{describe_in_context(change)}")
    listed = [measure for measure in report.measures if measure.status == "partial" or measure.template in changes]
    document.add_heading(t("docx.changed", count=len(listed)), level=1)
    if not listed:
        document.add_paragraph(t("diff.none"))
        return
    _table(document, [t("col.number"), t("col.template_measure"), t("col.status"), t("col.local"), t("col.changes")],
           [[str(measure.template), measure.headline, t(f"status.{measure.status}"),
             "、".join(str(key) for key in measure.local), "\n".join(changes.get(measure.template, []))]
            for measure in listed])


def _responsibilities(document, report: DiffReport) -> None:
    """Every template measure: its units in the template, the local measures that carry it and theirs."""
    local = {measure.local: measure for measure in report.local_measures}
    document.add_heading(t("docx.responsibilities"), level=1)
    rows = []
    for measure in report.measures:
        carried = [local[key] for key in measure.local]
        rows.append([str(measure.template), measure.headline, units_text(measure.duties),
                     "\n".join(f"{item.local}：{units_text(item.duties)}" for item in carried),
                     "\n".join(f"{item.local}：{'；'.join(d.text for d in item.duties.deadlines)}"
                               for item in carried if item.duties and item.duties.deadlines)])
    _table(document, [t("col.number"), t("col.template_measure"), t("docx.template_units"), t("col.local_units"),
                      t("col.local_deadlines")], rows)


def _local_only(document, report: DiffReport) -> None:
    only = [measure for measure in report.local_measures if not measure.template]
    document.add_heading(t("docx.local_only", count=len(only)), level=1)
    if not only:
        document.add_paragraph(t("diff.none"))
        return
    _table(document, [t("col.number"), t("col.headline"), t("col.units")],
           [[str(measure.local), measure.headline, units_text(measure.duties)] for measure in only])


RENDERER = Renderer(renders={"diff": diff_docx}, order=7, notes={"diff": "a Word report"}, suffixes=(".docx",))
