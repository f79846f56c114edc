"""`planparse diff --format docx`, read back with python-docx: the title, the two plans with 文号 and date,
the coverage, the missing, partial and changed measures, the responsibility table, the local-only measures;
仿宋/黑体 set as East Asian fonts and declared for substitution; A4; the same bytes on every run. (The bytes
are a golden file too: tests/test_render.py.)"""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from typer.testing import CliRunner

import planparse
from planparse.cli import app
from planparse.render import render

from .conftest import RAW, ROOT

GOLDEN = ROOT / "tests" / "golden" / "render"
TEMPLATE, LOCAL = str(GOLDEN / "template.txt"), str(GOLDEN / "local.txt")
runner = CliRunner()


@pytest.fixture(scope="module")
def report():
    return planparse.diff(TEMPLATE, LOCAL)


@pytest.fixture(scope="module")
def document(report):
    return docx.Document(io.BytesIO(render(report, "docx")))


def _rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_report_reads_in_order(document):
    outline = [(p.style.name, p.text) for p in document.paragraphs if p.style.name in ("Title", "Heading 1")]
    assert outline == [("Title", "方案对照报告"), ("Heading 1", "一、对照的方案"), ("Heading 1", "二、覆盖情况"),
                       ("Heading 1", "三、缺失的措施（1）"), ("Heading 1", "四、部分承接和有变化的措施（6）"),
                       ("Heading 1", "五、责任分工"), ("Heading 1", "六、本地新增措施（1）")]
    assert document.paragraphs[1].text == "某县法治政府建设实施方案（2022—2025年）"
    coverage = next(p.text for p in document.paragraphs if p.text.startswith("模板措施共"))
    assert coverage == ("模板措施共 7 项，本地方案完全承接 6 项、部分承接 0 项、缺失 1 项，覆盖率（完全 + 部分）85.7%；"
                        "另有本地新增措施 1 项，对应措施中有 17 处变化。其中弱化模板要求的 2 处，强化的 1 处。")


def test_tables_hold_the_plans_coverage_and_measures(document):
    plans, coverage, missing, changed, duties, local_only = document.tables
    assert _rows(plans) == [["", "方案", "文号", "日期"], ["模板", "某市法治政府建设实施方案（2022—2025年）", "—", "—"],
                            ["本地", "某县法治政府建设实施方案（2022—2025年）", "—", "—"]]
    assert _rows(coverage)[1:] == [["完全", "6", "85.7%"], ["部分", "0", "0.0%"], ["缺失", "1", "14.3%"]]
    assert _rows(missing)[1] == ["7", "提升行政执法质量",
                                 "健全行政执法监督机制。2023年6月底前，建立行政执法监督员制度，每年开展行政执法案卷评查。"]
    changed_rows = {row[0]: row for row in _rows(changed)[1:]}
    assert changed_rows["3"] == ["3", "全面主动落实政务公开", "完全", "3",
                                 "3：【弱化】完成时限：2022年年底前 → 2023年年底前（模板：“2022年年底前，政府门户网站开通政策文件"
                                 "音视频解读栏目”；本地：“2023年年底前，政府门户网站开通政策文件音视频解读栏目”）\n"
                                 "3：牵头单位：市政府办公室 → 县政府办公室"]
    assert sorted(changed_rows) == ["1", "2", "3", "4", "5", "6"]  # 7 is missing, not changed
    assert _rows(duties)[0] == ["序号", "模板措施", "模板措施的单位", "本地措施的单位", "本地措施的完成时限"]
    assert _rows(duties)[1] == ["1", "深化“放管服”改革", "牵头：市政务服务中心；参加：市直各部门",
                                "1：牵头：县政务服务中心\n2：牵头：县政务服务中心", ""]
    assert _rows(duties)[3][4] == "3：2023年年底前"
    assert _rows(local_only)[1] == ["7", "组织开展全民健身运动会，每年举办县级综合性运动会一次", "牵头：县体育中心"]
    for table in document.tables:  # the header row repeats on every page
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_the_plans_document_numbers_and_dates_come_from_the_plans():
    document = docx.Document(io.BytesIO(render(planparse.diff(str(RAW / "nanyang-2022.txt"),
                                                              str(RAW / "baofeng-2022-draft.txt")), "docx")))
    assert _rows(document.tables[0])[1] == ["模板", "南阳市法治政府建设实施方案（2022—2025年）", "宛发〔2022〕12号",
                                            "2022-05-25"]


def test_chinese_fonts_with_substitutes_on_a4(document, report):
    for style, font in (("Normal", "仿宋"), ("Title", "黑体"), ("Heading 1", "黑体")):
        fonts = document.styles[style].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == font and fonts.get(qn("w:ascii")) == "Times New Roman"
        assert fonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would override it
    table = zipfile.ZipFile(io.BytesIO(render(report, "docx"))).read("word/fontTable.xml").decode("utf-8")
    assert '<w:font w:name="仿宋"><w:altName w:val="FangSong"/>' in table and '<w:charset w:val="86"/>' in table
    assert '<w:font w:name="黑体"><w:altName w:val="SimHei"/>' in table
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)  # A4


def test_the_same_bytes_whenever_it_is_made(report, document):
    package = zipfile.ZipFile(io.BytesIO(render(report, "docx")))
    assert {entry.date_time for entry in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert document.core_properties.created.year == 2000 and document.core_properties.author == "planparse"


def test_english_with_lang_en_and_the_format_follows_the_output_name(tmp_path):
    out = tmp_path / "report.docx"
    result = runner.invoke(app, ["diff", TEMPLATE, LOCAL, "--lang", "en", "-o", str(out)])
    assert result.exit_code == 0, result.output
    headings = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "1. The plans compared" and headings[2] == "3. Missing measures (1)"
