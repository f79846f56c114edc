"""`planparse tasks` and planparse.tasks: one row per unit × measure × role, a unit's spellings within a plan
counted once, filters, sorting, and the format chosen by -o's name. (Every format's output of the test plan
tests/golden/render/division.txt is a golden file: tests/test_render.py.)"""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

import planparse
from planparse.cli import app
from planparse.fields.recurrence import recurrence_rule
from planparse.fields.unit_spellings import region_prefixes, unit_key

from .conftest import ROOT

DIVISION = str(ROOT / "tests" / "golden" / "render" / "division.txt")
runner = CliRunner()


@pytest.fixture(scope="module")
def report():
    return planparse.tasks([DIVISION])


def test_one_row_per_unit_measure_and_role_sorted_by_unit_then_deadline(report):
    rows = [(row.unit, row.role, row.measure, row.due) for row in report.assignments]
    assert rows == [
        ("区卫生健康委员会", "participating", "3", "2023-09-30"),
        ("区卫生健康委员会", "participating", "2", "2023-12-31"),
        ("区司法局", "participating", "1", "2023-06-30"),
        ("区司法局", "lead", "3", "2023-09-30"),
        ("区司法局", "lead", "2", "2023-12-31"),
        ("区司法局", "lead", "6", "2024-12-31"),  # the plan's 各项工作任务…2024年年底前完成
        ("区司法局", "responsible", "4", None),  # 长期坚持: no date, after the dated rows
        ("区市场监督管理局", "participating", "1", "2023-06-30"),
        ("区市场监督管理局", "participating", "3", "2023-09-30"),
        ("区政府各部门", "responsible", "5", None),
        ("区行政服务中心", "lead", "1", "2023-06-30"),
        ("各乡镇（办事处）", "responsible", "4", None),
    ]


def test_a_unit_written_two_ways_counts_once_with_its_spellings(report):
    spellings = {row.unit: row.spellings for row in report.assignments}
    assert spellings["区司法局"] == ["区司法局", "平桥区司法局"]  # with and without the region
    assert spellings["区卫生健康委员会"] == ["区卫生健康委", "区卫生健康委员会"]  # full and short
    assert spellings["区市场监督管理局"] == ["区市场监督管理局", "区市场监管局"]


def test_deadlines_recurring_terms_and_where_they_come_from(report):
    by_measure = {(row.unit, row.measure): row for row in report.assignments}
    review = by_measure[("区司法局", "2")]
    assert [d.text for d in review.deadlines] == ["2023年年底前"] and review.deadlines_from == "measure"
    assert [(r.text, r.rule) for r in review.recurring] == [("每年3月底前", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1")]
    assert by_measure[("区司法局", "6")].deadlines_from == "plan"
    training = by_measure[("区司法局", "4")]
    assert training.deadlines == [] and [(r.text, r.rule) for r in training.recurring] == [("长期坚持", None)]
    assert review.chapter == "依法履行政府职能" and review.lines == (11, 15) and "牵头单位：区司法局" in review.text


def test_unit_matches_any_spelling_or_a_part_of_one():
    def units(*wanted):
        return [(row.unit, row.measure) for row in planparse.tasks([DIVISION], units=wanted).assignments]

    judicial = [("区司法局", number) for number in ("1", "3", "2", "6", "4")]
    assert units("区司法局") == units("平桥区司法局") == judicial
    assert units("区卫生健康委") == units("区卫生健康委员会") == [("区卫生健康委员会", "3"), ("区卫生健康委员会", "2")]
    assert units("司法") == judicial
    assert units("区司法局", "区行政服务中心") == [*judicial, ("区行政服务中心", "1")]
    assert units("区教育局") == []


def test_role_and_before_filters():
    lead = planparse.tasks([DIVISION], roles=["lead"]).assignments
    assert {row.role for row in lead} == {"lead"} and len(lead) == 4
    due = planparse.tasks([DIVISION], before="2023-09-30").assignments
    assert [(row.unit, row.due) for row in due] == [
        ("区卫生健康委员会", "2023-09-30"), ("区司法局", "2023-06-30"), ("区司法局", "2023-09-30"),
        ("区市场监督管理局", "2023-06-30"), ("区市场监督管理局", "2023-09-30"), ("区行政服务中心", "2023-06-30")]


@pytest.mark.parametrize(("unit", "key"), [
    ("平桥区司法局", "区司法局"),
    ("信阳市平桥区司法局", "区司法局"),
    ("平桥公安分局", "区公安分局"),
    ("区人力资源和社会保障局", "区人社局"),
    ("区发展和改革委员会", "区发改委"),
    ("区发展改革委", "区发改委"),
    ("区人民法院", "区法院"),
    ("区政府办公室", "区政府办"),
    ("市生态环境局", "市生态环境局"),  # the city's unit, not the district's
])
def test_unit_keys(unit, key):
    assert unit_key(unit, region_prefixes("信阳市平桥区", ["河南省", "信阳市"])) == key


@pytest.mark.parametrize(("term", "rule"), [
    ("每年3月底前", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1"),
    ("每年 1 月 31 日前", "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=31"),
    ("每年十二月中旬前", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=20"),
    ("每年底前", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=-1"),
    ("每月15日前", "FREQ=MONTHLY;BYMONTHDAY=15"),
    ("每季度末前", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1"),
    ("每半年末前", "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1"),
    ("长期坚持", None),
    ("持续推进", None),
    ("2022年起", None),
    ("每年13月底前", None),
    ("每月3月底前", None),
])
def test_recurrence_rules(term, rule):
    assert recurrence_rule(term) == rule


def test_the_cli_filters_and_takes_the_format_from_the_output_name(tmp_path):
    out = tmp_path / "tasks.csv"
    result = runner.invoke(app, ["tasks", DIVISION, "--unit", "平桥区司法局", "--role", "lead", "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == "", result.output
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert [(row["unit"], row["measure"], row["due"]) for row in rows] == [
        ("区司法局", "3", "2023-09-30"), ("区司法局", "2", "2023-12-31"), ("区司法局", "6", "2024-12-31")]
    out = tmp_path / "tasks.json"
    assert runner.invoke(app, ["tasks", DIVISION, "--before", "2023-06-30", "-o", str(out)]).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema_name"] == "planparse/tasks" and len(data["assignments"]) == 3
    out = tmp_path / "tasks.unknown"  # a name that asks for no format: the default, the terminal view as text
    assert runner.invoke(app, ["tasks", DIVISION, "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("任务分工：平桥区法治政府建设重点任务分工方案\n")
    out = tmp_path / "tasks.json"  # --format wins over the name
    assert runner.invoke(app, ["tasks", DIVISION, "-f", "yaml", "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("schema_name: planparse/tasks\n")


@pytest.mark.parametrize(("arguments", "message"), [
    (["--before", "2023-13-01"], "--before '2023-13-01' is not a date; write it as yyyy-mm-dd"),
    (["--role", "boss"], "'boss' is not one of"),
])
def test_bad_options_are_one_line_and_exit_2(arguments, message):
    result = runner.invoke(app, ["tasks", DIVISION, *arguments])
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.output


def test_a_missing_plan_is_one_line_naming_it():
    result = runner.invoke(app, ["tasks", "nosuch.txt"])
    assert result.exit_code == 2 and result.stderr == "planparse: nosuch.txt: no such file; check the path\n"
