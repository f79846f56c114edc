"""For researchers: Plan.to_frame() and DiffReport.to_frame() (pandas), `planparse schema` (every report a
command writes validates against it), and `extract DIR... --format parquet`: one table of the measures of a
corpus with each plan's metadata on its rows, read back with pyarrow."""

from __future__ import annotations

import datetime
import io
import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import planparse
from planparse.cli import app

from .conftest import RAW, RAW_PLANS, ROOT, plan_of

pandas = pytest.importorskip("pandas")
pyarrow_parquet = pytest.importorskip("pyarrow.parquet")

GOLDEN = ROOT / "tests" / "golden" / "render"
TEMPLATE, LOCAL, DIVISION = (str(GOLDEN / f"{name}.txt") for name in ("template", "local", "division"))
runner = CliRunner()


def test_a_plan_as_a_frame_has_one_row_per_measure_with_the_plans_meta():
    plan = plan_of("pingqiao-2023-fengong")
    frame = plan.to_frame()
    assert len(frame) == sum(1 for _ in plan.iter_measures()) == 66
    assert set(frame["title"]) == {plan.meta.title} and set(frame["region_code"]) == {"411503"}
    assert frame["plan_date"].iloc[0] == pandas.Timestamp(plan.meta.date)
    first = frame.iloc[0]
    assert (first["position"], first["number"], first["chapter"]) == (1, 1, "健全政府机构职能体系")
    assert first["lead_units"] == ["区委编办"] and first["participating_units"] == ["各乡镇（办事处）", "区政府各部门"]
    # lists and dates are real columns: units are searchable, deadlines sortable
    with_judicial = frame[frame["lead_units"].apply(lambda units: "区司法局" in units)]
    assert len(with_judicial) > 5
    assert str(frame["due"].dtype).startswith("datetime64")


def test_a_diff_as_a_frame_has_a_row_per_link_missing_and_local_only_measure():
    frame = planparse.diff(TEMPLATE, LOCAL).to_frame()
    assert list(frame.columns) == ["template", "local", "status", "kind", "score", "template_headline",
                                   "local_headline", "template_heading", "local_heading", "changes", "weakened"]
    assert frame["status"].value_counts().to_dict() == {"full": 7, "missing": 1, "local_only": 1}
    missing = frame[frame["status"] == "missing"].iloc[0]
    assert missing["template"] == "7" and pandas.isna(missing["local"])
    pair = frame[(frame["template"] == "3") & (frame["local"] == "3")].iloc[0]
    assert (pair["changes"], pair["weakened"]) == (2, 1)  # the lead unit replaced; the deadline a year later


@pytest.mark.parametrize(("kind", "command"), [
    ("plan", ["extract", TEMPLATE, "--format", "json"]),
    ("diff", ["diff", TEMPLATE, LOCAL, "--format", "json", "--detail"]),
    ("compare", ["compare", TEMPLATE, LOCAL, "--format", "json"]),
    ("check", ["check", TEMPLATE, "--format", "json"]),
    ("tasks", ["tasks", DIVISION, "--format", "json"]),
])
def test_every_report_validates_against_its_schema(kind, command):
    jsonschema = pytest.importorskip("jsonschema")
    printed = runner.invoke(app, ["schema", kind])
    assert printed.exit_code == 0
    schema = json.loads(printed.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["schema_name"]["const"] == f"planparse/{kind}"
    report = json.loads(runner.invoke(app, command).stdout)
    jsonschema.Draft202012Validator(schema).validate(report)
    report["unexpected"] = 1  # the schema is closed, as loading is
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(report)


def test_a_folder_of_plans_is_one_parquet_table(tmp_path):
    out = tmp_path / "measures.parquet"
    result = runner.invoke(app, ["extract", str(RAW), "-o", str(out)])  # the format follows the name
    assert result.exit_code == 0, result.output
    table = pyarrow_parquet.read_table(out)
    files = table.column("file").to_pylist()
    assert sorted(set(files)) == sorted(str(path) for path in RAW_PLANS)
    for path in RAW_PLANS:  # every plan's measures, in order, with its metadata on each row
        plan = plan_of(path.stem)
        rows = [row for row in table.to_pylist() if row["file"] == str(path)]
        in_order = sorted(plan.iter_measures(), key=lambda measure: measure.lines[0])
        assert [row["headline"] for row in rows] == [measure.headline for measure in in_order]
        assert [row["position"] for row in rows] == list(range(1, len(in_order) + 1))
        assert {row["title"] for row in rows} == {plan.meta.title}
    assert str(table.schema.field("due").type) == "date32[day]"
    units = table.schema.field("lead_units").type
    assert units.num_fields == 1 and str(units.value_type) == "string"  # a list of strings
    dated = [row for row in table.to_pylist() if row["file"].endswith("pingqiao-2023-fengong.txt") and row["due"]]
    assert all(isinstance(row["due"], datetime.date) for row in dated)


def test_parquet_to_a_pipe_and_several_plans_to_one_json(tmp_path):
    piped = runner.invoke(app, ["extract", TEMPLATE, LOCAL, "--format", "parquet"])
    assert piped.exit_code == 0
    table = pyarrow_parquet.read_table(io.BytesIO(piped.stdout_bytes))
    assert table.num_rows == 14 and table.column("file").to_pylist()[0] == TEMPLATE
    out = tmp_path / "plans.json"
    assert runner.invoke(app, ["extract", TEMPLATE, LOCAL, "-o", str(out)]).exit_code == 0
    assert [plan["meta"]["title"] for plan in json.loads(out.read_text(encoding="utf-8"))] == [
        "某市法治政府建设实施方案（2022—2025年）", "某县法治政府建设实施方案（2022—2025年）"]
    result = runner.invoke(app, ["extract", TEMPLATE, LOCAL, "-o", str(tmp_path / "plans.xlsx")])
    assert result.exit_code == 2 and "--format xlsx holds one plan per file; use --out-dir" in result.stderr


def test_without_the_research_extra_one_line_names_it(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    result = runner.invoke(app, ["extract", TEMPLATE, "-o", str(tmp_path / "m.parquet")])
    assert result.exit_code == 2
    assert result.stderr.endswith('needs the research extra: pip install "planparse[research]"\n')
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(planparse.PlanparseError, match=r"planparse\[research\]"):
        planparse.extract(TEMPLATE).to_frame()


def test_start_up_imports_none_of_the_optional_libraries():
    """Finding the formats (what --help and --format need) loads no pandas, pyarrow, XlsxWriter, icalendar."""
    code = ("import sys, planparse.cli; from planparse.render import formats; "
            "[formats(kind) for kind in ('plan', 'diff', 'compare', 'check', 'tasks')]; "
            "print(sorted(m for m in ('pandas', 'pyarrow', 'xlsxwriter', 'icalendar', 'openpyxl') if m in sys.modules))")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert found.stdout.strip() == "[]"
