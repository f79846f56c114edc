"""Reading .docx and .pdf into text: format sniffing, Word's automatic numbering and tables, PDF page furniture.

The fixture documents are made by tests/fixtures/make_fixtures.py; the small Word files below are
written as raw XML so that each numbering rule is tested on exactly the markup Word produces.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from planparse.errors import InputError
from planparse.formats import sniff
from planparse.formats.docx import docx_to_text, format_number
from planparse.formats.pdf import pdf_to_text

FIXTURES = Path(__file__).parent / "fixtures"
RAW = Path(__file__).parent.parent / "data" / "raw"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


# ---------------------------------------------------------------- sniff


@pytest.mark.parametrize("name, kind", [
    ("auto-numbered.docx", "docx"),
    ("task-table.docx", "docx"),
    ("text-layer.pdf", "pdf"),
    ("scanned.pdf", "pdf"),
])
def test_sniff_fixtures(name, kind):
    assert sniff(fixture(name)) == kind


def test_sniff_plain_text_plan():
    assert sniff((RAW / "nanyang-2022.txt").read_bytes()) == "text"


def test_sniff_other_zips():
    def archive(*names: str) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as out:
            for name in names:
                out.writestr(name, "x")
        return buffer.getvalue()

    assert sniff(archive("[Content_Types].xml", "xl/workbook.xml")) == "xlsx"
    assert sniff(archive("[Content_Types].xml", "ppt/presentation.xml")) == "pptx"
    assert sniff(archive("readme.txt")) == "zip"


def test_sniff_reads_content_not_name():
    # A truncated .docx has lost its ZIP directory; its entries' own headers still say what it is.
    assert sniff(fixture("auto-numbered.docx")[:3000]) == "docx"
    assert sniff(b"\r\n%PDF-1.7\n") == "pdf"
    assert sniff("说明：原件为%PDF-1.4格式。".encode()) == "text"
    assert sniff("一、总体要求\n".encode("gb18030")) == "text"


# ---------------------------------------------------------------- docx fixtures

AUTO_NUMBERED_TEXT = """\
某县2023年法治政府建设工作实施方案
为深入贯彻落实《法治政府建设实施纲要（2021—2025年）》，加快建设职能科学、权责法定、执法严明、公开公正、智能高效、廉洁诚信、人民满意的法治政府，结合我县实际，制定本方案。
一、总体要求
坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，把法治政府建设放在全县工作全局中统筹谋划，到2023年年底，全县依法行政能力明显提升。
二、主要任务
（一）健全政府机构职能体系
1.推进政府机构职能优化协同高效。坚持优化政府组织结构与促进政府职能转变、理顺部门职责关系统筹结合，使机构设置更加科学、职能更加优化、权责更加协同。
2.全面实行政府权责清单制度。推动各级政府高效履职尽责，动态调整权责清单。（牵头单位：县委编办；责任单位：县直各部门；完成时限：2023年6月底前）
（二）健全依法行政制度体系
1.加强行政规范性文件制定监督管理。严格落实行政规范性文件合法性审核机制，审核率达到100%。（牵头单位：县司法局；责任单位：各乡镇人民政府，县直各部门；完成时限：2023年年底前）
①建立行政规范性文件目录清单，每年向社会公布。
②开展行政规范性文件专项清理，对不符合法律法规的及时修改或者废止。
2.提高政府立法工作质量。积极参与市级立法项目论证，认真做好法律法规草案征求意见工作。
三、保障措施
（一）加强组织领导
各乡镇人民政府、县直各部门要切实履行推进本地区本部门法治政府建设的主体责任，主要负责人要履行推进法治建设第一责任人职责。
（二）强化督促检查
县法治政府建设领导小组办公室要加强统筹协调，将法治政府建设情况纳入年度绩效考核。
某县人民政府办公室
2023年3月1日
"""

TASK_TABLE_TEXT = """\
某县法治政府建设重点任务分工表
| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |
| --- | --- | --- | --- | --- |
| 一、健全政府机构职能体系 | | | | |
| 1 | 全面实行政府权责清单制度，动态调整权责清单。 | 县委编办 | 县直各部门 | 2023年年底前 |
| 2 | 推进“证照分离”改革全覆盖。 | 县市场监管局 | 县行政服务中心、县司法局 | 2023年6月底前 |
| 二、健全依法行政制度体系 | | | | |
| 3 | 严格落实行政规范性文件合法性审核制度，审核率达到100%。 | 县司法局 | 各乡镇人民政府，县直各部门 | 长期坚持 |
| 4 | 建立行政规范性文件动态清理机制。每年开展一次集中清理。 | 县司法局 | 县直各部门 | 2024年12月31日前 |
| 三、健全行政执法工作体系 | | | | |
| 5 | 全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度。 | 县司法局 | 县直各行政执法部门 | 2023年9月底前 |
注：各牵头单位于每年11月底前将落实情况报县司法局。
"""


def test_docx_renders_automatic_numbering():
    # 一、 comes from the Heading 1 style's numPr, （一） 1. ① from the paragraphs' own numPr;
    # 1. restarts under each （一）, and the soft line break inside the title is joined.
    assert docx_to_text(fixture("auto-numbered.docx"), "auto-numbered.docx") == AUTO_NUMBERED_TEXT


def test_docx_table_becomes_pipe_rows():
    # Merged chapter rows keep the table's width, 序号 comes from Word's numbering, a 牵头单位 merged
    # down over two rows appears on both, and a cell's two paragraphs are one cell.
    assert docx_to_text(fixture("task-table.docx"), "task-table.docx") == TASK_TABLE_TEXT


def test_docx_text_reads_as_a_plan():
    from planparse.extract import extract_text

    plan = extract_text(docx_to_text(fixture("task-table.docx"), "t.docx"), file="t.docx")
    assert [chapter.marker for chapter in plan.chapters] == ["一、", "二、", "三、"]


# ---------------------------------------------------------------- docx numbering rules, on raw XML

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def make_docx(body: str, numbering: str | None = "", styles: str = "") -> bytes:
    """A minimal .docx: the parts Word needs, with the given body, numbering.xml and styles.xml content."""
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.numbering+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.styles+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>')
    document_rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + ('<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           'numbering" Target="numbering.xml"/>' if numbering is not None else "")
        + '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'styles" Target="styles.xml"/></Relationships>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        out.writestr("[Content_Types].xml", content_types)
        out.writestr("_rels/.rels", rels)
        out.writestr("word/_rels/document.xml.rels", document_rels)
        out.writestr("word/document.xml", f"<w:document {_W}><w:body>{body}</w:body></w:document>")
        if numbering is not None:
            out.writestr("word/numbering.xml", f"<w:numbering {_W}>{numbering}</w:numbering>")
        out.writestr("word/styles.xml", f"<w:styles {_W}>{styles}</w:styles>")
    return buffer.getvalue()


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def abstract(number: int, *levels: str, extra: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{number}">{extra}{"".join(levels)}</w:abstractNum>'


def num(number_id: int, abstract_id: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{number_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def para(text: str, number_id: int | None = None, ilvl: int | None = None, style: str | None = None,
         runs: str | None = None) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if number_id is not None:
        ilvl_xml = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        ppr += f'<w:numPr>{ilvl_xml}<w:numId w:val="{number_id}"/></w:numPr>'
    content = runs if runs is not None else f"<w:r><w:t>{text}</w:t></w:r>"
    return f"<w:p><w:pPr>{ppr}</w:pPr>{content}</w:p>"


def lines(data: bytes) -> list[str]:
    return docx_to_text(data, "t.docx").splitlines()


def test_docx_start_value_and_deeper_levels_restart():
    numbering = abstract(1, lvl(0, "chineseCounting", "%1、", start=3), lvl(1, "decimal", "%1.%2")) + num(1, 1)
    body = "".join([para("甲", 1, 0), para("子", 1, 1), para("丑", 1, 1), para("乙", 1, 0), para("寅", 1, 1)])
    # No w:suff: a tab follows the number, so `三.1` (ending in a digit) keeps a space; `三、` needs none.
    assert lines(make_docx(body, numbering)) == ["三、甲", "三.1 子", "三.2 丑", "四、乙", "四.1 寅"]


def test_docx_lvl_restart_zero_keeps_counting_across_chapters():
    # `1.` numbered through the whole plan, not per chapter: w:lvlRestart 0 on the lower level.
    numbering = abstract(1, lvl(0, "chineseCounting", "%1、"),
                         lvl(1, "decimal", "%2.", extra='<w:lvlRestart w:val="0"/>')) + num(1, 1)
    body = "".join([para("甲", 1, 0), para("子", 1, 1), para("乙", 1, 0), para("丑", 1, 1)])
    assert lines(make_docx(body, numbering)) == ["一、甲", "1.子", "二、乙", "2.丑"]


def test_docx_lists_of_one_abstract_continue_unless_restarted():
    numbering = (abstract(1, lvl(0, "decimal", "%1."))
                 + num(1, 1) + num(2, 1)
                 + num(3, 1, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'))
    body = "".join([para("a", 1, 0), para("b", 1, 0), para("c", 2, 0), para("d", 3, 0), para("e", 3, 0)])
    assert lines(make_docx(body, numbering)) == ["1.a", "2.b", "3.c", "1.d", "2.e"]


def test_docx_numbering_from_style_and_style_chain():
    styles = ('<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
              '<w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Chapter"><w:name w:val="章"/>'
              '<w:basedOn w:val="Heading1"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
              '<w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>')
    numbering = abstract(5, lvl(0, "chineseCounting", "第%1章", extra='<w:pStyle w:val="Heading1"/>'),
                         lvl(1, "chineseCounting", "第%2条", extra='<w:pStyle w:val="Heading2"/>')) + num(5, 5)
    body = "".join([para("总则", style="Heading1"), para("为了规范行政执法。", style="Heading2"),
                    para("附则", style="Chapter"), para("本办法自2023年1月1日起施行。", style="Heading2"),
                    para("不编号的标题", 0, style="Heading1")])
    # w:suff defaults to a tab: a marker ending in a character keeps a space before the text.
    assert lines(make_docx(body, numbering, styles)) == [
        "第一章 总则", "第一条 为了规范行政执法。", "第二章 附则", "第一条 本办法自2023年1月1日起施行。", "不编号的标题"]


def test_docx_num_style_link():
    # A list defined on a numbering style: the abstractNum used by paragraphs only links to the style.
    styles = ('<w:style w:type="numbering" w:styleId="PlanList"><w:name w:val="Plan List"/>'
              '<w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>')
    numbering = (abstract(7, lvl(0, "chineseCounting", "（%1）"), extra='<w:styleLink w:val="PlanList"/>')
                 + abstract(8, extra='<w:numStyleLink w:val="PlanList"/>') + num(7, 7) + num(8, 8))
    body = para("甲", 8, 0) + para("乙", 8, 0)
    assert lines(make_docx(body, numbering, styles)) == ["（一）甲", "（二）乙"]


def test_docx_skips_deleted_hidden_and_toc_text_and_bullets():
    numbering = abstract(1, lvl(0, "bullet", "\uf0b7")) + num(1, 1)
    styles = '<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>'
    runs = ('<w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>'
            '<w:ins><w:r><w:t>插入</w:t></w:r></w:ins>'
            '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>'
            '<w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink>')
    body = para("一、总体要求\t1", style="TOC1") + para("", runs=runs) + para("要点", 1, 0)
    assert lines(make_docx(body, numbering, styles)) == ["保留插入链接", "要点"]


def test_docx_without_lists_or_numbering_part():
    assert lines(make_docx(para("一、总体要求") + para("坚持依法行政。", 3, 0), numbering=None)) == [
        "一、总体要求", "坚持依法行政。"]


def test_docx_one_column_table_is_a_frame():
    cell = f"<w:tc>{para('一、总体要求')}{para('坚持依法行政。')}</w:tc>"
    body = f"<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr>{cell}</w:tr></w:tbl>"
    assert lines(make_docx(body)) == ["一、总体要求", "坚持依法行政。"]


def test_docx_pipes_in_cells_do_not_split_them():
    row = f"<w:tr><w:tc>{para('a|b')}</w:tc><w:tc>{para('c')}</w:tc></w:tr>"
    assert lines(make_docx(f"<w:tbl>{row}</w:tbl>")) == ["| a｜b | c |", "| --- | --- |"]


@pytest.mark.parametrize("value, fmt, shown", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCounting", "二十"), (26, "chineseCounting", "二十六"), (105, "chineseCounting", "一百零五"),
    (110, "chineseCounting", "一百一十"), (12, "chineseLegalSimplified", "壹拾贰"),
    (3, "decimalEnclosedCircle", "③"), (21, "decimalEnclosedCircle", "㉑"), (60, "decimalEnclosedCircle", "60"),
    (2, "decimalEnclosedParen", "⑵"), (1, "ideographParenthesized", "㈠"), (4, "ideographTraditional", "丁"),
    (2, "decimalFullWidth", "２"), (4, "upperRoman", "IV"), (28, "lowerLetter", "bb"), (7, "ordinal", "7"),
])
def test_format_number(value, fmt, shown):
    assert format_number(value, fmt) == shown


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],  # an interrupted download
    lambda data: data[:100],
    lambda data: b"PK\x03\x04" + b"\x00" * 200,
])
def test_damaged_docx_is_an_input_error(damage):
    with pytest.raises(InputError, match="damaged or truncated"):
        docx_to_text(damage(fixture("auto-numbered.docx")), "plan.docx")


def test_docx_without_document_part_is_an_input_error():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        out.writestr("readme.txt", "not a Word file")
    with pytest.raises(InputError) as error:
        docx_to_text(buffer.getvalue(), "plan.docx")
    assert str(error.value).startswith("plan.docx: ") and "\n" not in str(error.value)


def test_empty_docx_is_an_input_error():
    with pytest.raises(InputError, match="no text"):
        docx_to_text(make_docx(para("")), "empty.docx")


# ---------------------------------------------------------------- pdf


def test_pdf_text_without_page_furniture():
    text = pdf_to_text(fixture("text-layer.pdf"), "text-layer.pdf")
    assert "公报" not in text  # the running header
    assert "—" not in text.replace("2021—2025", "")  # `— 1 —`, `— 2 —`
    assert text.splitlines()[0] == "某县2023年法治政府建设工作要点"
    assert "深化“放管服”改革，全面推行“一网通办”，\n---\n提升政务服务标准化" in text
    assert text.count("\n---\n") == 1
    assert text.rstrip().endswith("长期坚持）")


def test_pdf_text_reads_as_a_plan():
    from planparse.extract import extract_text

    plan = extract_text(pdf_to_text(fixture("text-layer.pdf"), "t.pdf"), file="t.pdf")
    assert [chapter.marker for chapter in plan.chapters] == ["一、", "二、"]
    measure = plan.chapters[0].measures[1]
    assert "持续优化营商环境" in measure.text and "便利化水平" in measure.text  # joined across the page break


def test_scanned_pdf_is_refused():
    with pytest.raises(InputError, match="scanned") as error:
        pdf_to_text(fixture("scanned.pdf"), "scan.pdf")
    message = str(error.value)
    assert message.startswith("scan.pdf: ") and "ocrmypdf" in message and "\n" not in message


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],
    lambda data: data[: len(data) // 2] + b"\n%%EOF\n",  # cut in the middle, yet ending as a PDF should
    lambda data: b"%PDF-1.4\n" + b"\x00" * 300 + b"\n%%EOF\n",
])
def test_damaged_pdf_is_an_input_error(damage):
    with pytest.raises(InputError) as error:
        pdf_to_text(damage(fixture("text-layer.pdf")), "plan.pdf")
    assert "\n" not in str(error.value)


def test_password_pdf_is_refused():
    with pytest.raises(InputError, match="password"):
        pdf_to_text(fixture("password.pdf"), "locked.pdf")


def test_copy_locked_pdf_is_read():
    # Encrypted with no open password (copying forbidden): readers open it, and so does planparse.
    text = pdf_to_text(fixture("copy-locked.pdf"), "copy-locked.pdf")
    assert text.startswith("Implementation plan for building a law-based government in 2023\n1. Publish")


def _pages(*pages: list[str]):
    from planparse.formats.pdf import _Line, _Page

    return [_Page([_Line(text, i / max(len(lines) - 1, 1)) for i, text in enumerate(lines)], 100, 0, False)
            for lines in pages]


def test_running_headers_alternate_and_repeated_body_lines_stay():
    from planparse.formats.pdf import _body_lines, _running_lines

    pages = _pages(
        ["某县人民政府公报", "1.推进政务公开。", "参加单位：县直各部门", "2.深化改革。", "参加单位：县直各部门", "— 1 —"],
        ["2023年第3期", "3.加强监督。", "参加单位：县直各部门", "4.完善制度。", "参加单位：县直各部门", "— 2 —"],
        ["某县人民政府公报", "5.强化考核。", "参加单位：县直各部门", "6.健全机制。", "参加单位：县直各部门", "— 3 —"],
        ["2023年第4期", "7.优化服务。", "参加单位：县直各部门", "8.规范执法。", "参加单位：县直各部门", "— 4 —"],
    )
    furniture = _running_lines(pages)
    assert [_body_lines(page, furniture) for page in pages][1] == [
        "3.加强监督。", "参加单位：县直各部门", "4.完善制度。", "参加单位：县直各部门"]


@pytest.mark.parametrize("line, dropped", [
    ("— 12 —", True), ("- 3 -", True), ("第 3 页", True), ("第3页 共10页", True), ("12", True),
    ("3 / 10", True), ("一、总体要求", False), ("2023年", False), ("1.全面实行", False),
])
def test_page_number_lines(line, dropped):
    from planparse.formats.pdf import _is_page_number, _Line

    assert _is_page_number(_Line(line, 0.95)) is dropped
    assert _is_page_number(_Line(line, 0.5)) is False  # not at a page edge: content


def test_formats_do_not_import_heavy_libraries():
    import subprocess
    import sys

    code = ("import sys, planparse.formats, planparse.formats.docx, planparse.formats.pdf;"
            "print(sorted(m for m in ('docx', 'pdfminer', 'lxml', 'typer', 'rich') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
