"""`planparse check --format text|github|sarif`: the lines editors, GitHub Actions and code scanning read,
on a corpus with a planted numbering gap, an accepted finding, an unusable file and a path with Chinese
characters and spaces (the golden files of tests/golden/render/check.* hold the plain case)."""

from __future__ import annotations

import json
from typing import get_args

import pytest
from typer.testing import CliRunner

from planparse.baseline import fingerprint
from planparse.cli import app
from planparse.models.check import RULE_DESCRIPTIONS, CheckReport, FileReport, Finding, Rule
from planparse.render import render

runner = CliRunner()
GAP = "某县法治建设工作方案\n\n一、重点任务\n\n1.健全合法性审查机制。\n\n2.推进综合行政执法改革。\n\n4.加强法治宣传教育。\n"
ACCEPTED = "某乡工作要点\n\n一、工作任务\n\n1.完善公示制度。\n\n3.开展宣传活动。\n"


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    raw = tmp_path / "data" / "raw" / "区 县"
    raw.mkdir(parents=True)
    (raw / "宝丰 方案.txt").write_text(GAP, encoding="utf-8")
    (raw / "accepted.txt").write_text(ACCEPTED, encoding="utf-8")
    (raw / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / ".planparse.toml").write_text(
        '[[accept]]\nfile = "data/raw/*/accepted.txt"\nrule = "numbering"\nreason = "as printed"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_text_is_one_path_line_rule_message_line_per_finding_that_counts(corpus):
    result = runner.invoke(app, ["check", "--format", "text"])
    assert result.exit_code == 2  # the empty file is unusable
    assert result.stdout == "data/raw/区 县/宝丰 方案.txt:9: numbering: measure 4 follows 2; 3 is missing\n"
    assert result.stderr == "planparse: data/raw/区 县/empty.txt: the file is empty; nothing to extract\n"


def test_github_annotations_for_findings_and_unusable_files(corpus):
    result = runner.invoke(app, ["check", "--format", "github"])
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        "::error file=data/raw/区 县/宝丰 方案.txt,line=9,title=planparse numbering::measure 4 follows 2; 3 is missing",
        "::error file=data/raw/区 县/empty.txt,title=planparse%3A unusable file::"
        "data/raw/区 县/empty.txt: the file is empty; nothing to extract",
        "planparse check: 3 plan texts, 1 error, 0 warnings, 1 accepted, 1 unusable"]


def test_github_commands_escape_what_the_runner_would_read_as_syntax():
    finding = Finding(file="a,b:c%.txt", line=3, level="warning", rule="extraction", message="50% done\nline two")
    report = CheckReport(files=[FileReport(file="a,b:c%.txt", findings=[finding])])
    assert render(report, "github").splitlines()[0] == \
        "::warning file=a%2Cb%3Ac%25.txt,line=3,title=planparse extraction::50%25 done%0Aline two"
    assert render(report, "text") == "a,b:c%.txt:3: extraction: warning: 50% done line two\n"


def test_sarif_for_code_scanning(corpus):
    result = runner.invoke(app, ["check", "--format", "sarif"])
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    assert (log["version"], log["$schema"]) == ("2.1.0", "https://json.schemastore.org/sarif-2.1.0.json")
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(get_args(Rule))
    assert all(rule["shortDescription"]["text"] == RULE_DESCRIPTIONS[rule["id"]] for rule in rules)
    accepted, gap = run["results"]  # files in sorted order
    assert accepted["ruleId"] == "numbering" and accepted["suppressions"] == [
        {"kind": "external", "justification": "as printed"}]
    assert gap == {
        "ruleId": "numbering", "ruleIndex": 0, "level": "error",
        "message": {"text": "measure 4 follows 2; 3 is missing"},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "data/raw/%E5%8C%BA%20%E5%8E%BF/%E5%AE%9D%E4%B8%B0%20%E6%96%B9%E6%A1%88.txt"},
            "region": {"startLine": 9}}}],
        "partialFingerprints": {"planparseFinding/v1": fingerprint(Finding(
            file="", level="error", rule="numbering", message="measure 4 follows 2; 3 is missing"))}}
    assert all(rules[result["ruleIndex"]]["id"] == result["ruleId"] for result in run["results"])
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [{
        "level": "error", "message": {"text": "data/raw/区 县/empty.txt: the file is empty; nothing to extract"},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "data/raw/%E5%8C%BA%20%E5%8E%BF/empty.txt"}, "region": {"startLine": 1}}}]}]
