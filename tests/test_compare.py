"""`planparse compare`: the coverage matrix, through the library and the CLI runner."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from planparse.align import compare, diff
from planparse.cli import app

from .conftest import RAW, plan_of
from .test_diff_cli import needs_chromium, render_in_chromium

runner = CliRunner()
NANYANG = str(RAW / "nanyang-2022.txt")
LOCALS = [str(RAW / f"{name}.txt") for name in ("baofeng-2022-draft", "pingqiao-2023-fengong", "nanyang-2025-web")]


def test_each_row_is_what_diff_reports():
    report = compare(NANYANG, LOCALS)
    assert [row.plan.file for row in report.plans] == LOCALS
    assert len(report.measures) == 26
    for row, local in zip(report.plans, LOCALS):
        single = diff(NANYANG, local)
        assert row.statuses == [measure.status for measure in single.measures]
        assert row.coverage == single.coverage


def test_a_lean_extraction_gives_alignment_what_a_full_one_does():
    """compare reads its local plans lean (no measure fields, no warnings): the measures, keys, headings,
    comparable units and plan reference are those of the full extraction."""
    from planparse import extract
    from planparse.align.measures import PlanMeasures
    from planparse.align.units import MeasureUnits

    from .conftest import LAYOUT_DOCS

    for source in sorted(RAW.glob("*.txt")) + LAYOUT_DOCS:
        full, lean = PlanMeasures.of(extract(source)), PlanMeasures.of(extract(source, lean=True))
        assert (lean.keys, lean.headings, lean.chapters) == (full.keys, full.headings, full.chapters), source.name
        assert [m.text for m in lean.items] == [m.text for m in full.items], source.name
        assert MeasureUnits.of(lean.items) == MeasureUnits.of(full.items), source.name


def test_a_diff_s_extraction_is_the_full_one_without_its_numbering_and_structure_warnings():
    """diff extracts its plan texts with warnings=False (it reports none): every field is the full extraction's,
    and of the warnings only those made on the way (the outline's) are there."""
    from planparse import extract, extract_text

    from .conftest import LAYOUT_DOCS

    restarting = "一、总体要求\n" + "".join(f"{n % 3 + 1}.推进第{n}项依法行政工作。\n" for n in range(9))
    plans = [(extract(source), extract(source, warnings=False)) for source in sorted(RAW.glob("*.txt")) + LAYOUT_DOCS]
    plans.append((extract_text(restarting), extract_text(restarting, warnings=False)))
    for full, quiet in plans:
        assert quiet.model_dump(exclude={"warnings"}) == full.model_dump(exclude={"warnings"})
        assert all(warning in full.warnings for warning in quiet.warnings)
    assert any(warning.code.startswith("numbering-") for warning in plans[-1][0].warnings)
    assert not any(warning.code.startswith("numbering-") for warning in plans[-1][1].warnings)


def test_plans_may_come_from_a_generator_with_progress():
    calls = []
    plans = (plan_of(name) for name in ("baofeng-2022-draft", "nanyang-2025-web"))
    report = compare(plan_of("nanyang-2022"), plans, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, None), (2, None)] and len(report.plans) == 2


def test_reading_in_processes_gives_the_same_matrix():
    assert compare(NANYANG, LOCALS, jobs=2).model_dump() == compare(NANYANG, LOCALS).model_dump()


def test_csv_is_the_matrix():
    result = runner.invoke(app, ["compare", NANYANG, *LOCALS, "--format", "csv"])
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbftemplate,")  # the BOM Excel needs to read UTF-8
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    assert rows[0] == ["template", "headline", *LOCALS]
    assert len(rows) == 1 + 26 + 1 and rows[-1][0] == "covered"
    assert rows[5][:2] == ["5", "提升政府立法质效"] and rows[5][2:] == ["missing", "missing", "full"]


def test_json_contract():
    data = json.loads(runner.invoke(app, ["compare", NANYANG, *LOCALS, "-f", "json"]).stdout)
    assert data["schema_name"] == "planparse/compare"
    assert [len(row["statuses"]) for row in data["plans"]] == [26, 26, 26]
    assert data["plans"][2]["coverage"] == {"full": 1.0, "partial": 0.0, "missing": 0.0}


def test_fail_under_and_bad_input():
    assert runner.invoke(app, ["compare", NANYANG, *LOCALS, "--fail-under", "0.97", "-f", "csv"]).exit_code == 1
    assert runner.invoke(app, ["compare", NANYANG, *LOCALS, "--fail-under", "0.9", "-f", "csv"]).exit_code == 0
    result = runner.invoke(app, ["compare", NANYANG, LOCALS[0], "missing-plan.txt"])
    assert result.exit_code == 2 and "missing-plan.txt: no such file" in result.stderr


def test_many_plans_show_a_progress_bar_and_still_write_the_report():
    result = runner.invoke(app, ["compare", NANYANG, *(LOCALS * 8), "-f", "csv", "--jobs", "1"])
    assert result.exit_code == 0
    assert len(next(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))) == 2 + 24


@needs_chromium
def test_heatmap_loads_in_chromium(tmp_path):
    out = tmp_path / "heatmap.html"
    assert runner.invoke(app, ["compare", NANYANG, *LOCALS, "--format", "html", "-o", str(out)]).exit_code == 0
    dom = render_in_chromium(out, tmp_path / "profile")
    assert 'id="coverage">平均覆盖率' in dom and dom.count('<td class="f">F</td>') > 60
    # the columns are headed by the plans' names, never their paths
    assert '<th class="plan" title="1. 宝丰县法治政府建设实施方案' in dom and "data/raw" not in dom


@pytest.mark.parametrize("fmt", ["markdown"])
def test_markdown_is_for_diff_only(fmt):
    result = runner.invoke(app, ["compare", NANYANG, *LOCALS, "--format", fmt])
    assert result.exit_code == 2
