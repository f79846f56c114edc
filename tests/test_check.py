"""`planparse check`: each rule on small texts and real plans, the structured-YAML rule and --fix, the
exact scenario of a damaged real plan, and the command's output and exit codes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import get_args

import pytest
import yaml
from typer.testing import CliRunner

from planparse import extract, numbering
from planparse.cli import app
from planparse.corpus_check import (
    WARNING_RULES,
    Subject,
    check,
    completeness_findings,
    extraction_findings,
    numbering_findings,
)
from planparse.models import ExtractionWarning, WarningCode

from .conftest import RAW, RAW_PLANS, ROOT, STRUCTURED

runner = CliRunner()


def corpus(root: Path, *names: str, structured: bool = True) -> Path:
    """A copy of real plans laid out as a corpus: root/data/raw/<name>.txt (+ root/data/structured)."""
    (root / "data" / "raw").mkdir(parents=True)
    if structured:
        (root / "data" / "structured").mkdir()
    for name in names:
        shutil.copy(RAW / f"{name}.txt", root / "data" / "raw")
        if structured:
            shutil.copy(STRUCTURED / f"{name}.yaml", root / "data" / "structured")
    return root / "data" / "raw"


def findings_of(path, **options) -> list[str]:
    return [str(f) for f in check([path], **options).findings()]


def plan_text(*measures: int, chapters: tuple[int, ...] = (1,)) -> str:
    """A small plan: chapters with the given numbers, the measures (numbered as given) in the last one."""
    lines = ["某县法治政府建设实施方案（2023—2025年）", ""]
    cn = "〇一二三四五六七八九十"
    for number in chapters:
        lines += [f"{cn[number]}、第{cn[number]}部分的任务", ""]
    for number in measures:
        lines += [f"{number}.推进第{number}项工作。", ""]
    return "\n".join(lines)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- the real corpus ---------------------------------------------------------------------------------


def test_the_real_corpus_has_no_error_findings():
    report = check([RAW])
    assert [f.file for f in report.files] == [str(p) for p in RAW_PLANS]
    assert report.findings("error") == []
    assert all(f.structured and f.problem is None for f in report.files)


def test_the_web_copy_reports_extract_warning_about_unmarked_sections():
    (finding,) = check([RAW / "nanyang-2025-web.txt"]).findings()
    assert finding.level == "warning" and finding.rule == "extraction" and "unmarked heading lines" in finding.message


def test_cli_on_the_real_corpus_exits_0_and_shows_every_file():
    result = runner.invoke(app, ["check", str(RAW)])
    assert result.exit_code == 0, result.output
    for raw in RAW_PLANS:
        assert raw.stem[:12] in result.stdout
    assert "0 errors, 1 warning" in result.stdout


def test_strict_turns_the_warning_into_an_error():
    result = runner.invoke(app, ["check", str(RAW), "--strict", "--format", "json"])
    assert result.exit_code == 1
    levels = {f["level"] for file in json.loads(result.stdout)["files"] for f in file["findings"]}
    assert levels == {"error"}


# --- numbering ---------------------------------------------------------------------------------------

# (measure numbers in document order, the numbering findings expected: (index of the measure, message))
NUMBERING = [
    ((1, 2, 3, 4), []),
    ((1, 2, 3, 5, 6), [(3, "measure 5 follows 3; 4 is missing")]),
    ((1, 2, 6, 7), [(2, "measure 6 follows 2; 3–5 are missing")]),
    ((1, 2, 3, 9, 5, 6), [(3, "measure 9 follows 3; expected 4")]),
    ((1, 2, 3, 3, 4, 5), [(3, "measure 3 follows 3: a duplicate number")]),
    ((1, 2, 3, 5, 5, 6), [(3, "measure 5 follows 3; expected 4; 5 is also at line {4}")]),
    ((1, 2, 6, 4, 5, 3, 7), [(2, "measure 6 follows 2; expected 3"), (5, "measure 3 follows 5; expected 6")]),
    ((1, 2, 3, 4, 5, 2), [(5, "measure 2 follows 5; 2 is also at line {1}")]),
    ((2, 3, 4), [(0, "measure 2 is the first; 1 is missing")]),
]


@pytest.mark.parametrize(("numbers", "expected"), NUMBERING, ids=lambda v: str(v))
def test_numbering_findings_name_the_line_and_the_numbers(tmp_path, numbers, expected):
    path = write(tmp_path / "plan.txt", plan_text(*numbers))
    plan = extract(path)
    lines = [m.lines[0] for m in plan.iter_measures()]
    wanted = [f"{path}:{lines[index]}: error: {message.format(*lines)}" for index, message in expected]
    assert findings_of(path) == wanted


def test_chapter_numbering_is_checked_too(tmp_path):
    path = write(tmp_path / "plan.txt", plan_text(1, chapters=(1, 2, 4)))
    (finding,) = check([path]).findings()
    assert finding.message == "chapter 4 follows 2; 3 is missing" and finding.line == 7


def test_the_numbering_rule_reads_the_warning_code_not_its_wording(tmp_path, monkeypatch):
    path = write(tmp_path / "plan.txt", plan_text(1, 2, 3, 5, 6))
    (finding,) = check([path]).findings()
    monkeypatch.setattr(numbering, "_slip_message", lambda *args: "编号有误")  # extract words it otherwise
    (reworded,) = check([path]).findings()
    assert (finding.rule, finding.level) == (reworded.rule, reworded.level) == ("numbering", "error")
    assert reworded.line == finding.line and reworded.message == "编号有误"


def test_a_warning_that_reads_like_numbering_is_reported_by_its_code(tmp_path):
    path = write(tmp_path / "plan.txt", plan_text(1, 2, 3))
    plan = extract(path)
    plan.warnings = [ExtractionWarning(code="long-measure", line=5, message="numbering: measure 5 follows 3")]
    subject = Subject(path, "plan.txt", path.read_text(encoding="utf-8"), plan)
    assert list(numbering_findings(subject)) == []
    (draft,) = extraction_findings(subject)
    assert (draft.rule, draft.level, draft.line) == ("extraction", "warning", 5)


def test_every_warning_code_has_the_rule_that_reports_it():
    assert sorted(WARNING_RULES) == sorted(get_args(WarningCode))


LAYOUTS = {
    # sections counted across the plan (Baofeng), measures restarting in every section
    "across": "方案\n\n一、甲\n\n（一）子甲\n\n1.一项。\n\n2.二项。\n\n二、乙\n\n（二）子乙\n\n1.一项。\n\n（三）子丙\n\n1.一项。\n",
    # sections restarting in every chapter (Nanyang), measures across the plan
    "restarting": "方案\n\n一、甲\n\n（一）子甲\n\n1.一项。\n\n（二）子乙\n\n2.二项。\n\n二、乙\n\n（一）子甲\n\n3.三项。\n",
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_both_ways_of_counting_sections_and_measures_are_accepted(tmp_path, layout):
    assert findings_of(write(tmp_path / f"{layout}.txt", LAYOUTS[layout])) == []


def test_a_gap_in_sections_that_restart_per_chapter_is_found(tmp_path):
    text = LAYOUTS["restarting"].replace("（二）子乙", "（三）子乙")
    path = write(tmp_path / "plan.txt", text)
    assert findings_of(path) == [f"{path}:9: error: section 3 follows 1; 2 is missing"]


def test_unnumbered_extras_and_unmarked_sections_take_no_part_in_numbering():
    report = check([RAW / "pingdingshan-2021-shifan.txt", RAW / "nanyang-2025-web.txt"])
    assert report.findings("error") == []


def test_a_text_without_numbering_is_an_error(tmp_path):
    path = write(tmp_path / "prose.txt", "关于做好某项工作的说明\n\n这是一段普通的文字，没有任何编号。\n")
    (finding,) = check([path]).findings()
    assert finding.rule == "no-numbering" and finding.level == "error" and "is this a plan text?" in finding.message


def test_findings_of_one_rule_are_capped_with_a_count(tmp_path):
    path = write(tmp_path / "plan.txt", plan_text(*[1] * 40))
    found = check([path]).findings()
    assert len(found) == 26 and found[-1].message == "… and 14 more numbering findings like these"


def test_a_misnumbered_measure_after_a_units_line_is_reported_as_a_measure(tmp_path):
    # After a `参加单位：…` line, `2. 健全…` (meant 30) starts a measure: a field line ends its measure.
    lines = (RAW / "pingqiao-2023-fengong.txt").read_text(encoding="utf-8").split("\n")
    two = next(i for i, line in enumerate(lines) if line.startswith("2.")) + 1
    at = next(i for i, line in enumerate(lines) if line.startswith("30. "))
    lines[at] = "2. " + lines[at][4:]
    path = write(tmp_path / "pingqiao.txt", "\n".join(lines))
    assert findings_of(path) == [f"{path}:{at + 1}: error: measure 2 follows 29; expected 30; 2 is also at line {two}"]


# --- completeness, titles, units, deadlines ----------------------------------------------------------


def test_lost_text_is_reported_with_its_line():
    raw = RAW / "baofeng-2022-draft.txt"
    plan = extract(raw)
    measure = next(m for m in plan.iter_measures() if m.number == 46)
    measure.text = ""
    subject = Subject(raw, "baofeng.txt", raw.read_text(encoding="utf-8"), plan)
    (finding,) = completeness_findings(subject)
    assert finding.line == measure.lines[0] and "in no node and not in dropped" in finding.message


def test_an_empty_title_is_an_error(tmp_path):
    path = write(tmp_path / "plan.txt", plan_text(1).replace("一、第一部分的任务", "一、"))
    assert findings_of(path) == [f"{path}:3: error: chapter 一、 has an empty title"]


def test_a_division_of_labor_measure_without_units_is_an_error(tmp_path):
    text = (RAW / "pingqiao-2023-fengong.txt").read_text(encoding="utf-8")
    plan = extract(RAW / "pingqiao-2023-fengong.txt")
    measure = next(m for m in plan.iter_measures() if m.number == 5)
    lines = text.split("\n")
    for index in range(measure.lines[0] - 1, measure.lines[1]):
        if lines[index].startswith(("牵头单位", "责任单位")):
            lines[index] = ""
    path = write(tmp_path / "pingqiao.txt", "\n".join(lines))
    assert findings_of(path) == [
        f"{path}:{measure.lines[0]}: error: measure 5 names no lead unit (牵头单位) or responsible unit (责任单位)"]


def test_deadlines_must_be_real_dates_and_near_the_period(tmp_path):
    text = plan_text(1, 2, 3).replace("推进第1项工作。", "推进第1项工作，2023年2月30日前完成。") \
        .replace("推进第3项工作。", "推进第3项工作，2031年年底前完成。")
    path = write(tmp_path / "plan.txt", text)
    assert findings_of(path) == [
        f"{path}:5: error: deadline `2023年2月30日前` of measure 1 is not a real date",
        f"{path}:9: warning: deadline `2031年年底前` of measure 3 falls outside the plan period 2023–2025",
    ]
    assert runner.invoke(app, ["check", str(path)]).exit_code == 1


def test_a_deadline_just_outside_the_period_is_fine_and_strict_fails_on_a_far_one(tmp_path):
    near = write(tmp_path / "near.txt", plan_text(1).replace("工作。", "工作，2026年年底前完成。"))
    far = write(tmp_path / "far.txt", plan_text(1).replace("工作。", "工作，2028年年底前完成。"))
    assert findings_of(near) == []
    assert runner.invoke(app, ["check", str(far)]).exit_code == 0
    assert runner.invoke(app, ["check", str(far), "--strict"]).exit_code == 1


# --- structured YAML ---------------------------------------------------------------------------------


def test_a_missing_structured_yaml_is_an_error_naming_the_command_that_fixes_it(tmp_path, monkeypatch):
    raw = corpus(tmp_path, "nanyang-2022")
    (tmp_path / "data" / "structured" / "nanyang-2022.yaml").unlink()
    monkeypatch.chdir(tmp_path)
    (finding,) = check(["data/raw"]).findings()
    assert str(finding) == ("data/raw/nanyang-2022.txt: error: data/structured/nanyang-2022.yaml is missing; "
                            "make it with `planparse check --fix data/raw/nanyang-2022.txt`")
    assert finding.fix == "planparse check --fix data/raw/nanyang-2022.txt"
    assert raw.is_dir()


def test_fix_writes_files_byte_identical_to_the_golden_ones(tmp_path, monkeypatch):
    corpus(tmp_path, "nanyang-2022", "pingqiao-2023-fengong")
    structured = tmp_path / "data" / "structured"
    (structured / "nanyang-2022.yaml").unlink()
    stale = structured / "pingqiao-2023-fengong.yaml"
    stale.write_text(stale.read_text(encoding="utf-8").replace("平桥区", "平桥县", 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path / "data")  # from anywhere: source.file is relative to the corpus root

    before = runner.invoke(app, ["check", "raw", "--format", "json"])
    assert before.exit_code == 1
    messages = [f["message"] for file in json.loads(before.stdout)["files"] for f in file["findings"]]
    assert messages[0] == ("structured/nanyang-2022.yaml is missing; "
                           "make it with `planparse check --fix raw/nanyang-2022.txt`")
    assert re.fullmatch(r"structured/pingqiao-2023-fengong.yaml is stale: line \d+ differs from a fresh extraction; "
                        r"rewrite it with `planparse check --fix raw/pingqiao-2023-fengong.txt`", messages[1])
    assert len(messages) == 2
    fixed = runner.invoke(app, ["check", "raw", "--fix"])
    assert fixed.exit_code == 0 and "rewrote" in fixed.stdout
    for name in ("nanyang-2022", "pingqiao-2023-fengong"):
        assert (structured / f"{name}.yaml").read_bytes() == (STRUCTURED / f"{name}.yaml").read_bytes()
    assert sorted(p.name for p in structured.iterdir()) == ["nanyang-2022.yaml", "pingqiao-2023-fengong.yaml"]
    assert runner.invoke(app, ["check", "raw"]).exit_code == 0


def test_a_corpus_without_a_structured_folder_is_checked_without_it(tmp_path):
    raw = corpus(tmp_path, "nanyang-2022", structured=False)
    report = check([raw])
    assert report.files[0].structured is None and report.findings() == []


def test_structured_folder_can_be_named(tmp_path):
    raw = corpus(tmp_path, "nanyang-2022", structured=False)
    elsewhere = tmp_path / "yaml"
    elsewhere.mkdir()
    (finding,) = check([raw], structured_dir=elsewhere).findings()
    assert "nanyang-2022.yaml is missing" in finding.message and "--structured" in finding.fix
    check([raw], structured_dir=elsewhere, fix=True)
    assert (elsewhere / "nanyang-2022.yaml").read_bytes() == (STRUCTURED / "nanyang-2022.yaml").read_bytes()


UNSAFE = "!!python/object/apply:os.system ['touch {marker}']\n"


@pytest.mark.parametrize(("content", "problem"), [
    ("schema_name: planparse/plan\nschema_version: 1\nchapters: [\n", "is not valid YAML"),
    ("schema_name: other/thing\nschema_version: 1\n", "is not a planparse plan"),
    ("schema_name: planparse/plan\nschema_version: 4\n", "has schema_version 4"),
    (UNSAFE, "unsafe or unknown tag"),
], ids=["malformed", "other-schema", "other-version", "python-tag"])
def test_a_broken_structured_yaml_is_a_finding_and_never_executed(tmp_path, content, problem):
    raw = corpus(tmp_path, "nanyang-2022")
    marker = tmp_path / "executed"
    target = tmp_path / "data" / "structured" / "nanyang-2022.yaml"
    target.write_text(content.format(marker=marker), encoding="utf-8")
    (finding,) = check([raw]).findings()
    assert finding.rule == "structured" and problem in finding.message and "cannot be used" in finding.message
    assert not marker.exists()
    check([raw], fix=True)
    assert target.read_bytes() == (STRUCTURED / "nanyang-2022.yaml").read_bytes() and not marker.exists()


def test_a_structured_yaml_that_is_not_utf8_is_a_finding(tmp_path):
    raw = corpus(tmp_path, "nanyang-2022")
    target = tmp_path / "data" / "structured" / "nanyang-2022.yaml"
    target.write_bytes(target.read_text(encoding="utf-8").encode("gb18030"))
    (finding,) = check([raw]).findings()
    assert "nanyang-2022.yaml cannot be read (" in finding.message and finding.fix


# --- the scenario of the issue: one measure deleted, two renumbered, a stale YAML ----------------------


def test_a_damaged_copy_of_a_real_plan_gets_exactly_its_findings(tmp_path, monkeypatch):
    corpus(tmp_path, "baofeng-2022-draft")
    monkeypatch.chdir(tmp_path)
    raw = Path("data/raw/baofeng-2022-draft.txt")
    lines = raw.read_text(encoding="utf-8").split("\n")

    def line_of(marker: str, after: int = 0) -> int:
        return next(i for i, line in enumerate(lines) if line.startswith(marker) and i >= after)

    renumbered = {12: line_of("10．"), 6: line_of("60．")}
    lines[renumbered[12]] = lines[renumbered[12]].replace("10．", "12．", 1)
    lines[renumbered[6]] = lines[renumbered[6]].replace("60．", "6．", 1)
    deleted = line_of("45．")
    del lines[deleted:deleted + 2]  # the measure and the blank line after it
    raw.write_text("\n".join(lines), encoding="utf-8")
    at = {12: renumbered[12] + 1, 46: line_of("46．") + 1, 6: renumbered[6] - 2 + 1}
    twelve, six = line_of("12．", after=at[12]) + 1, line_of("6．") + 1

    result = runner.invoke(app, ["check", "--format", "json"])  # the default path: data/raw
    assert result.exit_code == 1
    (file,) = json.loads(result.stdout)["files"]
    assert [(f["line"], f["rule"], f["message"]) for f in file["findings"]] == [
        (at[12], "numbering", f"measure 12 follows 9; expected 10; 12 is also at line {twelve}"),
        (at[46], "numbering", "measure 46 follows 44; 45 is missing"),
        (at[6], "numbering", f"measure 6 follows 59; expected 60; 6 is also at line {six}"),
        (None, "structured", ("data/structured/baofeng-2022-draft.yaml is stale: line 5 differs from a fresh "
                              "extraction; rewrite it with `planparse check --fix data/raw/baofeng-2022-draft.txt`")),
    ]
    table = runner.invoke(app, ["check"])
    assert table.exit_code == 1 and "46 follows 44" in table.stdout


# --- the command ---------------------------------------------------------------------------------------


def test_json_report_carries_schema_and_every_file():
    result = runner.invoke(app, ["check", str(RAW / "nanyang-2022.txt"), "--format", "json"])
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["schema_name"] == "planparse/check" and data["schema_version"] == 1
    assert data["files"][0]["measures"] == 26 and data["files"][0]["findings"] == []


def test_folders_are_searched_for_plan_texts_skipping_hidden_ones(tmp_path):
    nested = tmp_path / "plans" / "2023"
    nested.mkdir(parents=True)
    shutil.copy(RAW / "nanyang-2022.txt", nested / "a.txt")
    shutil.copy(RAW / "pingqiao-2023-fengong.txt", tmp_path / "plans" / "b.md")
    (tmp_path / "plans" / ".git").mkdir()
    (tmp_path / "plans" / ".git" / "x.txt").write_text("not a plan", encoding="utf-8")
    (tmp_path / "plans" / "notes.yaml").write_text("a: 1", encoding="utf-8")
    report = check([tmp_path / "plans"])
    assert [Path(f.file).name for f in report.files] == ["a.txt", "b.md"] and report.findings() == []


def test_a_yaml_passed_as_a_plan_text_is_refused_with_what_to_pass(tmp_path):
    result = runner.invoke(app, ["check", str(STRUCTURED / "nanyang-2022.yaml")])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("is a YAML/JSON file; planparse check reads plan texts (.txt/.md) "
                                          "and compares their structured YAML itself")


def test_an_unusable_file_is_one_line_and_exit_2_while_the_others_are_still_checked(tmp_path):
    empty = write(tmp_path / "empty.txt", "")
    result = runner.invoke(app, ["check", str(RAW / "nanyang-2022.txt"), str(empty)])
    assert result.exit_code == 2 and result.stderr == f"planparse: {empty}: the file is empty; nothing to extract\n"
    assert "nanyang-2022.txt" in result.stdout and "26 measures, no findings" in result.stdout


def test_help_shows_examples_and_exit_codes():
    result = runner.invoke(app, ["check", "--help"])
    assert result.exit_code == 0 and "planparse check --fix" in result.stdout and "Exit codes" in result.stdout


# --- CI glue -------------------------------------------------------------------------------------------


def test_the_workflow_runs_check_when_plan_texts_change():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "check-plans.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "data/raw/**" in triggers["push"]["paths"] and "data/raw/**" in triggers["pull_request"]["paths"]
    steps = [step.get("run", "") for step in workflow["jobs"]["check"]["steps"]]
    assert "planparse check data/raw" in steps


def test_the_pre_commit_hook_runs_check_on_plan_texts():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["language"], hook["entry"]) == ("planparse-check", "python", "planparse check")
    assert re.search(hook["files"], "data/raw/x.txt") and re.search(hook["files"], "plans/y.md")
    assert not re.search(hook["files"], "data/structured/x.yaml")
