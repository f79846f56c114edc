"""Accepted findings: the baseline (`check --write-baseline`, then only new findings fail) and the findings
a corpus accepts in its config (`.planparse.toml` or `[tool.planparse]`), each with a reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planparse.baseline import fingerprint
from planparse.cli import app
from planparse.models.check import Finding

runner = CliRunner()

# A plan whose official text skips measure 3 (the kind of genuine gap a corpus must be able to accept).
GAP = "某县法治建设工作方案\n\n一、重点任务\n\n1.健全合法性审查机制。\n\n2.推进综合行政执法改革。\n\n4.加强法治宣传教育。\n"
CLEAN = "某乡依法行政工作要点\n\n一、工作任务\n\n1.完善行政执法公示制度。\n\n2.开展法治宣传活动。\n"


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> Path:
    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "data" / "raw" / "gap.txt").write_text(GAP, encoding="utf-8")
    (tmp_path / "data" / "raw" / "clean.txt").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check_json(*arguments: str):
    result = runner.invoke(app, ["check", *arguments, "--format", "json"])
    return result, (json.loads(result.stdout) if result.stdout else None)


def findings_of(report) -> list[tuple[str, int, str, str | None]]:
    return [(f["file"], f["line"], f["message"], f["accepted"]) for file in report["files"] for f in file["findings"]]


# --- the baseline ------------------------------------------------------------------------------------


def test_a_baseline_accepts_todays_findings_and_new_ones_still_fail(corpus):
    result, report = check_json()
    assert result.exit_code == 1
    assert findings_of(report) == [("data/raw/gap.txt", 9, "measure 4 follows 2; 3 is missing", None)]

    result, report = check_json("--write-baseline")
    assert result.exit_code == 0
    assert result.stderr == "planparse: wrote .planparse-baseline.json: 1 accepted findings\n"
    assert findings_of(report) == [("data/raw/gap.txt", 9, "measure 4 follows 2; 3 is missing",
                                    "in the baseline .planparse-baseline.json")]
    assert json.loads((corpus / ".planparse-baseline.json").read_text(encoding="utf-8")) == {
        "schema_name": "planparse/baseline", "schema_version": 1,
        "findings": [{"file": "data/raw/gap.txt", "rule": "numbering",
                      "fingerprint": fingerprint(Finding(file="x", level="error", rule="numbering",
                                                         message="measure 4 follows 2; 3 is missing")),
                      "message": "measure 4 follows 2; 3 is missing"}]}

    # Lines added above the gap move it; it is the same finding. A second gap is new, and fails.
    edited = GAP.replace("一、重点任务", "（此件公开发布）\n\n一、重点任务") + "\n5.加强组织领导。\n\n7.强化督促检查。\n"
    (corpus / "data" / "raw" / "gap.txt").write_text(edited, encoding="utf-8")
    result, report = check_json()
    assert result.exit_code == 1 and result.stderr == ""
    assert findings_of(report) == [
        ("data/raw/gap.txt", 11, "measure 4 follows 2; 3 is missing", "in the baseline .planparse-baseline.json"),
        ("data/raw/gap.txt", 15, "measure 7 follows 5; 6 is missing", None)]

    # The accepted gap mended: the baseline says it holds a finding no longer found.
    mended = edited.replace("4.加强法治", "3.加强法治").replace("5.加强", "4.加强").replace("7.强化", "5.强化")
    (corpus / "data" / "raw" / "gap.txt").write_text(mended, encoding="utf-8")
    result, report = check_json()
    assert result.exit_code == 0 and findings_of(report) == []
    assert result.stderr == ("planparse: 1 accepted finding of .planparse-baseline.json no longer found in the files "
                             "checked; drop them with `planparse check --write-baseline`\n")


def test_the_same_finding_twice_needs_two_entries(corpus):
    (corpus / "data" / "raw" / "gap.txt").write_text(GAP, encoding="utf-8")
    assert check_json("--write-baseline")[0].exit_code == 0
    twice = GAP.replace("4.加强法治宣传教育。\n", "4.加强法治宣传教育。\n\n二、保障措施\n\n（一）组织领导\n\n1.甲。\n\n2.乙。\n\n4.丙。\n")
    (corpus / "data" / "raw" / "gap.txt").write_text(twice, encoding="utf-8")
    result, report = check_json()
    counted = [f for f in findings_of(report) if f[3] is None]
    assert result.exit_code == 1 and len(counted) == 1 and counted[0][2] == "measure 4 follows 2; 3 is missing"


def test_writing_a_baseline_for_some_files_keeps_the_entries_of_the_others(corpus):
    (corpus / "data" / "raw" / "gap2.txt").write_text(GAP, encoding="utf-8")
    assert check_json("--write-baseline")[0].exit_code == 0
    assert check_json("data/raw/clean.txt", "--write-baseline")[0].exit_code == 0
    written = json.loads((corpus / ".planparse-baseline.json").read_text(encoding="utf-8"))
    assert [entry["file"] for entry in written["findings"]] == ["data/raw/gap.txt", "data/raw/gap2.txt"]
    assert check_json()[0].exit_code == 0


def test_paths_in_the_baseline_are_from_its_folder_wherever_check_runs(corpus, monkeypatch):
    assert check_json("--write-baseline")[0].exit_code == 0
    monkeypatch.chdir(corpus / "data")
    result, report = check_json("raw", "--baseline", "../.planparse-baseline.json")
    assert result.exit_code == 0
    assert findings_of(report) == [("raw/gap.txt", 9, "measure 4 follows 2; 3 is missing",
                                    "in the baseline ../.planparse-baseline.json")]


def test_a_stale_structured_yaml_is_never_accepted_by_a_baseline(corpus):
    (corpus / "data" / "structured").mkdir()
    (corpus / "data" / "structured" / "clean.yaml").write_text("stale\n", encoding="utf-8")
    result, report = check_json("data/raw/clean.txt", "--write-baseline")
    assert result.stderr == "planparse: wrote .planparse-baseline.json: 0 accepted findings\n"
    assert result.exit_code == 1 and [f["rule"] for f in report["files"][0]["findings"]] == ["structured"]


def test_line_numbers_in_a_message_do_not_change_its_fingerprint():
    def finding(message: str) -> Finding:
        return Finding(file="x.txt", level="warning", rule="extraction", message=message)

    moved = [finding("line 12: 2 sections recognised from unmarked heading lines (lines 12, 30): check them"),
             finding("line 14: 2 sections recognised from unmarked heading lines (lines 14, 32): check them")]
    assert fingerprint(moved[0]) == fingerprint(moved[1])
    assert fingerprint(finding("measure 4 follows 2; 3 is missing")) != \
        fingerprint(finding("measure 7 follows 5; 6 is missing"))
    assert fingerprint(finding("measure 12 follows 9; 12 is also at line 19")) == \
        fingerprint(finding("measure 12 follows 9; 12 is also at line 25"))


@pytest.mark.parametrize(("content", "message"), [
    ("not json", "is not a planparse baseline (Invalid JSON: expected ident at line 1 column 2)"),
    ('{"schema_name": "planparse/plan", "schema_version": 1, "findings": []}',
     "is not a planparse baseline (schema_name: Input should be 'planparse/baseline')"),
])
def test_an_unusable_baseline_is_one_line_and_exit_2(corpus, content, message):
    (corpus / ".planparse-baseline.json").write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (f"planparse: {corpus / '.planparse-baseline.json'}: {message}; write it again with "
                             "`planparse check --write-baseline`\n")


def test_a_baseline_named_that_does_not_exist_is_refused(corpus):
    result = runner.invoke(app, ["check", "--baseline", "nope.json"])
    assert result.exit_code == 2
    assert result.stderr == ("planparse: nope.json: cannot be read (No such file or directory); make it with "
                             "`planparse check --write-baseline`\n")


# --- accepted in the corpus's config --------------------------------------------------------------------

ACCEPT_GAP = '''
[[accept]]
file = "data/raw/gap.txt"
rule = "numbering"
message = "3 is missing"
reason = "the official text skips 3 (checked against the printed copy)"
'''


def test_a_finding_accepted_in_planparse_toml_with_its_reason(corpus):
    (corpus / ".planparse.toml").write_text(ACCEPT_GAP, encoding="utf-8")
    result, report = check_json()
    assert result.exit_code == 0
    assert findings_of(report) == [("data/raw/gap.txt", 9, "measure 4 follows 2; 3 is missing",
                                    "the official text skips 3 (checked against the printed copy)")]
    table = runner.invoke(app, ["check"], env={"COLUMNS": "250"})
    assert "accepted │ measure 4 follows 2; 3 is missing (accepted: the official text skips 3" in table.stdout
    assert "2 plan texts: 0 errors, 0 warnings, 1 accepted" in table.stdout


def test_the_config_is_found_from_a_subfolder_and_in_pyproject(corpus, monkeypatch):
    settings = ACCEPT_GAP.replace("[[accept]]", "[[tool.planparse.accept]]").replace("gap.txt", "*.txt")
    (corpus / "pyproject.toml").write_text('[project]\nname = "corpus"\n' + settings, encoding="utf-8")
    monkeypatch.chdir(corpus / "data")
    result, report = check_json("raw")
    assert result.exit_code == 0 and findings_of(report)[0][3].startswith("the official text skips 3")


def test_an_acceptance_whose_message_does_not_match_accepts_nothing(corpus):
    (corpus / ".planparse.toml").write_text(ACCEPT_GAP.replace("3 is missing", "5 is missing"), encoding="utf-8")
    result, report = check_json()
    assert result.exit_code == 1 and findings_of(report)[0][3] is None


@pytest.mark.parametrize(("settings", "message"), [
    (ACCEPT_GAP.replace('reason = "the official text skips 3 (checked against the printed copy)"\n', ""),
     ".planparse.toml:2: an accepted finding without `reason`: say why the finding is accepted "
     "(reason = \"…\"): the next reader needs it"),
    (ACCEPT_GAP + ACCEPT_GAP.replace('rule = "numbering"', 'rule = "numbers"'),
     ".planparse.toml:8: no rule `numbers`; the rules are numbering, no-numbering, completeness, empty, units, "
     "deadline, structured, extraction"),
    (ACCEPT_GAP.replace("reason =", "because ="),
     ".planparse.toml:2: unknown key `because` in an accepted finding; it takes file, rule, message and reason"),
    ('baseline = "b.json"\nbasline = "c.json"\n',
     ".planparse.toml: unknown setting `basline` in the top level; planparse reads accept and baseline"),
    ('[[accept]\nfile = "x"\n',
     ".planparse.toml:1: is not valid TOML: Expected ']]' at the end of an array declaration"),
])
def test_a_mistake_in_the_config_is_one_line_naming_file_and_line(corpus, settings, message):
    (corpus / ".planparse.toml").write_text(settings, encoding="utf-8")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"planparse: {corpus / message}\n"


def test_the_baseline_setting_names_the_file(corpus):
    (corpus / ".planparse.toml").write_text('baseline = "ci/accepted.json"\n', encoding="utf-8")
    (corpus / "ci").mkdir()
    result = runner.invoke(app, ["check", "--write-baseline"])
    assert result.exit_code == 0 and result.stderr == "planparse: wrote ci/accepted.json: 1 accepted findings\n"
    entries = json.loads((corpus / "ci" / "accepted.json").read_text(encoding="utf-8"))["findings"]
    assert [entry["file"] for entry in entries] == ["data/raw/gap.txt"]  # from the corpus root
    assert runner.invoke(app, ["check"]).exit_code == 0
