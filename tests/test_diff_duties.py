"""Every diff format shows, next to each template measure, the units and deadlines of the local measures that
carry it (a 分工方案's who and by when), on a short pair written for the purpose: a city plan and a district
task division that restates measure 1, splits measure 2 in two with their own units and deadlines, drops
measure 3 and adds a measure of its own."""

from __future__ import annotations

import csv
import io
import json
import textwrap

import pytest
import yaml
from typer.testing import CliRunner

import planparse
from planparse.cli import app
from planparse.render import formats, render

TEMPLATE = textwrap.dedent("""\
    某市义务教育质量提升行动方案

    一、改善办学条件

    1.推进学校标准化建设。加快薄弱学校改造，到2025年所有义务教育学校达到办学标准，配齐功能教室和实验设备。

    牵头单位：市教育局

    参加单位：市财政局

    2.加强教师队伍建设。完善教师招聘和交流轮岗制度，每年组织骨干教师到农村学校支教，落实乡村教师生活补助。

    牵头单位：市教育局、市人力资源社会保障局

    二、促进公平发展

    3.保障随迁子女入学。简化随迁子女入学手续，以居住证为主要依据安排就近入学。

    牵头单位：市教育局

    完成时限：2023年9月底前
    """)
LOCAL = textwrap.dedent("""\
    某区义务教育质量提升行动方案任务分工

    一、改善办学条件

    1.加快薄弱学校改造，所有义务教育学校达到办学标准，配齐功能教室和实验设备。

    牵头单位：区教育局

    参加单位：区财政局、各镇人民政府

    完成时限：2024年12月底前

    2.加强教师队伍建设，完善教师招聘和交流轮岗制度，推进县管校聘改革。

    责任单位：区人力资源社会保障局

    完成时限：2025年6月底前

    3.加强教师队伍建设，每年组织骨干教师到农村学校支教，落实乡村教师生活补助。

    牵头单位：区教育局

    4.开展校园足球联赛，每年举办区级比赛一次。

    牵头单位：区体育局
    """)
# What each template measure's row shows of the local measures that carry it.
MEASURE_1 = "牵头单位：区教育局；参加单位：区财政局、各镇人民政府；完成时限：2024年12月底前"
MEASURE_2 = ["2.责任单位：区人力资源社会保障局；完成时限：2025年6月底前", "3.牵头单位：区教育局"]
LOCAL_ONLY = "牵头单位：区体育局"

runner = CliRunner()


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("duties")
    (folder / "template.txt").write_text(TEMPLATE, encoding="utf-8")
    (folder / "local.txt").write_text(LOCAL, encoding="utf-8")
    return planparse.diff(folder / "template.txt", folder / "local.txt")


def test_the_pair_aligns_as_written(report):
    assert [(measure.template, measure.status, measure.local) for measure in report.measures] == [
        (1, "full", [1]), (2, "full", [2, 3]), (3, "missing", [])]
    assert report.local_only == [4]


def test_every_diff_format_is_tested_here():
    assert set(formats("diff")) == {"terminal", "markdown", "json", "yaml", "csv", "html", "xlsx", "docx"}


def _row(lines: list[str], start: str) -> list[str]:
    """The lines of a terminal table's row whose first cell is `start`, up to the next row."""
    first = next(index for index, line in enumerate(lines) if line.startswith(f"│ {start} │"))
    rest = next(index for index in range(first + 1, len(lines)) if not lines[index].startswith("│   │"))
    return lines[first:rest]


def _cell(row: list[str], column: int) -> str:
    """A cell of a terminal table's row, its folded lines joined."""
    return "".join(line.split("│")[column].strip() for line in row)


def test_terminal(report):
    lines = render(report, "terminal").splitlines()
    header = next(line for line in lines if "模板措施" in line and "┃" in line)
    assert header.split("┃")[5].strip() == "本地的单位和时限"
    assert _cell(_row(lines, "1"), 5) == MEASURE_1
    assert _cell(_row(lines, "2"), 5) == "".join(MEASURE_2)
    assert _cell(_row(lines, "3"), 5) == ""  # missing: nothing carries it
    assert _cell(_row(lines, "4"), 3) == LOCAL_ONLY  # the local-only measure's own


def test_markdown(report):
    measures = render(report, "markdown").split("## 模板措施")[1].split("## ")[0]
    rows = {line.split(" | ")[0]: line.split(" | ") for line in measures.splitlines() if line.startswith("| ")}
    assert rows["| #"][4:] == ["本地的单位和时限", "模板的单位和时限 |"]
    assert rows["| 1"][4:] == [MEASURE_1, "牵头单位：市教育局；参加单位：市财政局 |"]
    assert rows["| 2"][4] == "<br>".join(MEASURE_2)
    assert rows["| 3"][4:] == ["", "牵头单位：市教育局；完成时限：2023年9月底前 |"]
    assert f"- 4. 开展校园足球联赛，每年举办区级比赛一次（{LOCAL_ONLY}）" in render(report, "markdown")


def test_html(report):
    page = render(report, "html")
    row = {index: page.split(f'id="m{index}"')[1].split("</tr>")[0] for index in (1, 2, 3)}
    template_side, local_side = row[1].split("</td><td>")
    assert '<div class="duties">牵头单位：市教育局；参加单位：市财政局</div>' in template_side
    assert f'<div class="duties">{MEASURE_1}</div>' in local_side
    local_measures = row[2].split("</td><td>")[1].split('<div class="local-measure">')[1:]
    assert '<div class="duties">责任单位：区人力资源社会保障局；完成时限：2025年6月底前</div>' in local_measures[0]
    assert '<div class="duties">牵头单位：区教育局</div>' in local_measures[1]
    assert '<div class="duties">牵头单位：市教育局；完成时限：2023年9月底前</div>' in row[3]
    assert f'<div class="duties">{LOCAL_ONLY}</div>' in page.split('id="l1"')[1]


def test_csv(report):
    rows = list(csv.DictReader(io.StringIO(render(report, "csv").removeprefix("\ufeff"))))
    by_pair = {(row["template"], row["local"]): row for row in rows}
    assert {key: value for key, value in by_pair[("1", "1")].items() if key.startswith(("template_", "local_"))
            and not key.endswith("headline")} == {
        "template_lead_units": "市教育局", "template_participating_units": "市财政局",
        "template_responsible_units": "", "template_deadlines": "",
        "local_lead_units": "区教育局", "local_participating_units": "区财政局、各镇人民政府",
        "local_responsible_units": "", "local_deadlines": "2024年12月底前"}
    assert by_pair[("2", "2")]["local_responsible_units"] == "区人力资源社会保障局"
    assert by_pair[("2", "2")]["local_deadlines"] == "2025年6月底前"
    assert by_pair[("2", "3")]["local_lead_units"] == "区教育局"
    assert (by_pair[("3", "")]["template_deadlines"], by_pair[("3", "")]["local_lead_units"]) == ("2023年9月底前", "")
    assert by_pair[("", "4")]["local_lead_units"] == "区体育局"


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_json_and_yaml(report, fmt):
    document = render(report, fmt)
    data = json.loads(document) if fmt == "json" else yaml.safe_load(document)
    local = {measure["local"]: measure["duties"] for measure in data["local_measures"]}
    assert local[1]["lead_units"] == ["区教育局"] and local[1]["deadlines"][0]["text"] == "2024年12月底前"
    assert local[2]["responsible_units"] == ["区人力资源社会保障局"]
    assert data["measures"][2]["duties"]["deadlines"][0]["text"] == "2023年9月底前"


def test_xlsx(report):
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")))["覆盖情况"]
    rows = list(sheet.iter_rows(values_only=True))
    column = {title: index for index, title in enumerate(rows[0])}
    assert rows[1][column["本地措施的单位"]] == "1：牵头：区教育局；参加：区财政局、各镇人民政府"
    assert rows[1][column["本地措施的完成时限"]] == "1：2024年12月底前"
    assert rows[2][column["本地措施的单位"]] == "2：责任：区人力资源社会保障局\n3：牵头：区教育局"


def test_docx(report):
    docx = pytest.importorskip("docx")
    tables = docx.Document(io.BytesIO(render(report, "docx"))).tables
    duties = next(table for table in tables if table.rows[0].cells[2].text == "模板措施的单位")
    rows = [[cell.text for cell in row.cells] for row in duties.rows]
    assert rows[1][2:] == ["牵头：市教育局；参加：市财政局", "1：牵头：区教育局；参加：区财政局、各镇人民政府",
                           "1：2024年12月底前"]
    assert rows[2][3:] == ["2：责任：区人力资源社会保障局\n3：牵头：区教育局", "2：2025年6月底前"]


def test_english_labels(report):
    from planparse.render import render as render_in

    row = next(line for line in render_in(report, "markdown", "en").splitlines() if line.startswith("| 1 |"))
    assert "lead units: 区教育局; participating units: 区财政局、各镇人民政府; deadline: 2024年12月底前" in row


def test_the_cli_shows_them_in_every_format(tmp_path):
    """`planparse diff` always reads the duties in (planparse.diff → with_duties), whatever the format."""
    (tmp_path / "template.txt").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "local.txt").write_text(LOCAL, encoding="utf-8")
    for fmt in ("terminal", "markdown", "csv", "html", "json", "yaml"):
        out = tmp_path / f"report.{fmt}"
        result = runner.invoke(app, ["diff", str(tmp_path / "template.txt"), str(tmp_path / "local.txt"),
                                     "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert "区人力资源社会保障局" in out.read_text(encoding="utf-8-sig"), fmt
