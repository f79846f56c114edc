"""The xlsx format, read back with openpyxl: the sheets of a plan, a diff, a compare matrix and tasks, their
frozen header, autofilter, wrapped text and widths that fit Chinese text, dates as dates, plan text never a
formula, and the format chosen by -o's name. (Their bytes are golden files too: tests/test_render.py.)"""

from __future__ import annotations

import datetime
import io
import sys
import unicodedata

import pytest
from typer.testing import CliRunner

import planparse
from planparse.cli import app
from planparse.render import render

from .conftest import ROOT

openpyxl = pytest.importorskip("openpyxl")

GOLDEN = ROOT / "tests" / "golden" / "render"
TEMPLATE, LOCAL, FINDINGS, DIVISION = (str(GOLDEN / f"{name}.txt") for name in ("template", "local", "findings",
                                                                                 "division"))
runner = CliRunner()


def _book(document: bytes):
    return openpyxl.load_workbook(io.BytesIO(document))


def _rows(sheet) -> list[list]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def _display_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)


def _column_width(sheet, column: int) -> float:
    """The width set for a column (openpyxl reads a run of equal widths as one range)."""
    for dimension in sheet.column_dimensions.values():
        if dimension.min <= column <= dimension.max:
            return dimension.width
    raise AssertionError(f"no width set for column {column} of {sheet.title}")


def _check_layout(sheet) -> None:
    """Frozen header, autofilter over every row and column, wrapped text cells, widths that fit the text."""
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(sheet.max_column)}{max(sheet.max_row, 2)}"
    for column in range(1, sheet.max_column + 1):
        letter = openpyxl.utils.get_column_letter(column)
        texts = [str(cell.value) for cell in sheet[letter] if isinstance(cell.value, str)]
        widest = max((_display_width(line) for text in texts for line in text.split("\n")), default=0)
        # A Chinese character is two columns wide; long text wraps at 60 columns.
        assert _column_width(sheet, column) >= min(widest, 60), (sheet.title, letter)
    assert all(cell.alignment.wrap_text for row in sheet.iter_rows(min_row=2) for cell in row
               if isinstance(cell.value, str))


@pytest.fixture(scope="module")
def division():
    return planparse.extract(DIVISION)


def test_a_plan_has_a_sheet_of_measures_with_every_field_and_one_of_units(division):
    book = _book(render(division, "xlsx"))
    assert book.sheetnames == ["措施", "单位"]
    measures, units = _rows(book["措施"]), _rows(book["单位"])
    assert measures[0][:7] == ["章", "节", "序号", "编号", "标签", "措施要点", "措施全文"]
    assert measures[0][7:] == ["牵头单位", "参加单位", "责任单位", "完成时限", "截止日期", "经常性时限", "指标", "引用文件",
                               "工作事项", "子项", "原文行", "识别依据"]
    assert len(measures) == 1 + 6
    row = dict(zip(measures[0], measures[2]))
    assert row["章"] == "依法履行政府职能" and row["序号"] == 2 and row["措施要点"] == "健全行政复议委员会工作机制"
    assert row["牵头单位"] == "区司法局" and row["参加单位"] == "区卫生健康委员会"
    assert row["完成时限"] == "2023年年底前" and row["截止日期"] == datetime.datetime(2023, 12, 31)
    assert row["经常性时限"] == "每年3月底前" and row["原文行"] == "11–15"
    assert row["措施全文"].startswith("健全行政复议委员会工作机制。2023年年底前完成")
    assert dict(zip(measures[0], measures[4]))["指标"] == "不少于60学时"
    # 区司法局 and 平桥区司法局 are one unit, with the measures it leads, takes part in and answers for
    assert units[0] == ["单位", "写法", "牵头的措施", "参加的措施", "负责的措施", "措施数"]
    assert ["区司法局", "区司法局、平桥区司法局", "2、3、6", "1", "4", 5] in units
    for sheet in book:
        _check_layout(sheet)


def test_a_diff_has_coverage_local_only_measures_and_changes():
    report = planparse.diff(TEMPLATE, LOCAL)
    book = _book(render(report, "xlsx"))
    assert book.sheetnames == ["覆盖情况", "本地新增措施", "变化"]
    coverage = book["覆盖情况"]
    rows = _rows(coverage)
    assert rows[0] == ["序号", "所在章节", "措施要点", "状态", "本地措施", "本地措施要点", "本地措施的单位",
                       "本地措施的完成时限", "变化", "本地措施全文", "措施全文"]
    assert [(row[0], row[3], row[4]) for row in rows[1:]] == [
        (1, "完全", "1、2"), (2, "完全", "5"), (3, "完全", "3"), (4, "完全", "4"), (5, "完全", "5"), (6, "完全", "6"),
        (7, "缺失", None)]
    assert rows[1][6] == "1：牵头：县政务服务中心\n2：牵头：县政务服务中心"  # each local measure's units
    assert rows[3][6:9] == ["3：牵头：县政府办公室", "3：2023年年底前",
                            "3：【弱化】完成时限：2022年年底前 → 2023年年底前\n3：牵头单位：市政府办公室 → 县政府办公室"]
    fills = {row[3].value: row[3].fill.fgColor.rgb for row in coverage.iter_rows(min_row=2)}
    assert len(set(fills.values())) == 2  # full and missing each have their colour
    assert _rows(book["本地新增措施"])[1][:4] == [7, "提升行政执法质量", "组织开展全民健身运动会，每年举办县级综合性运动会一次",
                                             "牵头：县体育中心"]
    changes = _rows(book["变化"])
    assert changes[0] == ["模板措施", "本地措施", "项目", "模板", "本地", "方向", "模板原文", "本地原文"]
    assert [3, 3, "完成时限", "2022年年底前", "2023年年底前", "弱化", "2022年年底前，政府门户网站开通政策文件音视频解读栏目",
            "2023年年底前，政府门户网站开通政策文件音视频解读栏目"] in changes
    for sheet in book:
        _check_layout(sheet)


def test_a_compare_matrix_names_plans_by_title_and_region_not_path():
    report = planparse.compare(TEMPLATE, [LOCAL, FINDINGS])
    book = _book(render(report, "xlsx"))
    matrix = _rows(book["覆盖矩阵"])
    assert matrix[0] == ["序号", "措施要点", "某县法治政府建设实施方案（2022—2025年）", "某乡法治建设实施方案（2022—2025年）"]
    assert matrix[1] == [1, "深化“放管服”改革", "完全", "缺失"]
    assert matrix[-1][1:] == ["覆盖率（完全＋部分）", 0.8571, 0]
    plans = _rows(book["方案"])
    assert plans[1][:2] == [1, "某县法治政府建设实施方案（2022—2025年）"] and plans[1][3].endswith("local.txt")
    for sheet in book:
        _check_layout(sheet)


def test_tasks_are_one_row_per_unit_measure_and_role_with_dates_as_dates():
    report = planparse.tasks([DIVISION])
    rows = _rows(_book(render(report, "xlsx"))["任务"])
    assert rows[0][:8] == ["单位", "写法", "职责", "序号", "措施要点", "完成时限", "截止日期", "经常性时限"]
    assert [(row[0], row[2], row[3]) for row in rows[1:]] == [
        (row.unit, {"lead": "牵头", "participating": "参加", "responsible": "责任"}[row.role], row.number)
        for row in report.assignments]
    assert rows[6][:8] == ["区司法局", "区司法局、平桥区司法局", "牵头", 6, "建立行政执法监督员制度",
                           "2024年年底前（方案统一时限）", datetime.datetime(2024, 12, 31), None]


def test_english_sheets_and_headers_with_lang_en():
    book = _book(render(planparse.tasks([DIVISION]), "xlsx", "en"))
    assert book.sheetnames == ["tasks"] and _rows(book["tasks"])[1][2] == "participating"


def test_plan_text_that_looks_like_a_formula_stays_text():
    plan = planparse.extract_text("一、总则\n\n1.=HYPERLINK(\"http://example.com\",\"点击\")推进工作。\n\n"
                                  "牵头单位：@SUM(1)局\n")
    sheet = _book(render(plan, "xlsx"))["措施"]
    cells = {cell.value: cell.data_type for row in sheet.iter_rows(min_row=2) for cell in row if cell.value}
    assert cells["@SUM（1）局"] == "s"
    assert [kind for value, kind in cells.items() if str(value).startswith("=HYPERLINK")] == ["s", "s"]


@pytest.mark.parametrize("arguments", [
    ["extract", TEMPLATE], ["diff", TEMPLATE, LOCAL], ["compare", TEMPLATE, LOCAL], ["tasks", DIVISION]])
def test_the_format_follows_the_output_name(tmp_path, arguments):
    out = tmp_path / "report.xlsx"
    result = runner.invoke(app, [*arguments, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:2] == b"PK" and _book(out.read_bytes()).sheetnames


def test_the_same_report_makes_the_same_bytes():
    report = planparse.tasks([DIVISION])
    assert render(report, "xlsx") == render(report, "xlsx")


def test_without_the_office_extra_one_line_names_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)  # as if XlsxWriter were not installed
    out = tmp_path / "tasks.xlsx"
    result = runner.invoke(app, ["tasks", DIVISION, "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    assert result.stderr == ('planparse: Excel output (--format xlsx) needs the office extra: '
                             'pip install "planparse[office]"\n')
