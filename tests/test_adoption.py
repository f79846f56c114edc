"""A plan corpus adopts planparse's CI by copying the README's snippets (issue 12's "done when"):

- the workflow snippets, planparse's own workflow and the action are valid for GitHub (check-jsonschema's
  copies of GitHub's schemas, offline);
- the action's check step, run as GitHub would run it, turns a planted numbering gap into an annotation and a
  SARIF result; a baseline accepts it, and a new gap still fails;
- pre-commit, configured by the README's snippet, runs the hooks from a tagged commit of planparse (a
  temporary clone holding the working tree) in a fresh repository of plan texts: it fails on the gap, passes
  once the baseline accepts it and fails on a new gap; `try-repo` runs `planparse-fix` at the tag, which
  rewrites a stale YAML.

The pre-commit test builds the hooks' environment twice (pip installs planparse and its dependencies; try-repo
keeps its own): about a minute, marked `slow` (`pytest -m "not slow"` leaves it out; the suite and .ci/run
run it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from planparse import __version__

from .conftest import FIXTURES, ROOT, readme_block

BIN = Path(sys.executable).parent
TAG = f"v{__version__}"
GAP = "某县法治建设工作方案\n\n一、重点任务\n\n1.健全合法性审查机制。\n\n2.推进综合行政执法改革。\n\n4.加强法治宣传教育。\n"
CLEAN = "某乡依法行政工作要点\n\n一、工作任务\n\n1.完善行政执法公示制度。\n\n2.开展法治宣传活动。\n"
NEW_GAP = "某镇普法工作方案\n\n一、主要任务\n\n1.开展宪法宣传。\n\n2.推进法律进社区。\n\n3.建设法治文化阵地。\n\n5.培育法治带头人。\n"


def run(*command, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", env={**os.environ, **(env or {})})


# --- the workflow: valid for GitHub -------------------------------------------------------------------


def test_the_workflows_and_the_action_are_valid_for_github(tmp_path):
    snippet = readme_block("runs-on:")
    workflow = yaml.safe_load(snippet)
    assert workflow["permissions"] == {"contents": "read"}  # least permissions
    (job,) = workflow["jobs"].values()
    assert job["timeout-minutes"] <= 30
    action_step = f"      - uses: <owner>/planparse@{TAG}\n        with:\n          paths: data/raw\n"
    assert snippet.endswith(action_step) and "    timeout-minutes: 15\n" in snippet
    # The SARIF variant: the README's steps in place of the action's, with the permission upload needs.
    with_sarif = snippet.removesuffix(action_step).replace("    timeout-minutes: 15\n", (
        "    timeout-minutes: 15\n    permissions:\n      contents: read\n      security-events: write\n"
    )) + readme_block("sarif-file: planparse.sarif")
    (tmp_path / "workflow.yml").write_text(snippet, encoding="utf-8")
    (tmp_path / "with-sarif.yml").write_text(with_sarif, encoding="utf-8")
    assert yaml.safe_load(with_sarif)["jobs"]["check"]["steps"][-1]["with"]["sarif_file"] == "planparse.sarif"
    own = sorted((ROOT / ".github" / "workflows").glob("*.yml"))  # planparse's own, check-plans.yml among them
    check_plans = yaml.safe_load((ROOT / ".github" / "workflows" / "check-plans.yml").read_text(encoding="utf-8"))
    assert check_plans["jobs"]["check"]["steps"][-1]["uses"] == "./"  # it runs the action
    for schema, paths in (("vendor.github-workflows", [tmp_path / "workflow.yml", tmp_path / "with-sarif.yml", *own]),
                          ("vendor.github-actions", [ROOT / "action.yml"])):
        result = run(BIN / "check-jsonschema", "--builtin-schema", schema, *paths, cwd=tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr


def test_a_workflow_github_would_refuse_fails_the_validation(tmp_path):
    """The validation above can fail: a timeout that is not a number is refused."""
    bad = readme_block("runs-on:").replace("timeout-minutes: 15", "timeout-minutes: soon")
    (tmp_path / "bad.yml").write_text(bad, encoding="utf-8")
    result = run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", "bad.yml", cwd=tmp_path)
    assert result.returncode == 1 and "'soon' is not of type 'number'" in result.stdout


# --- the action's check step: annotations, SARIF, baseline ----------------------------------------------


def action_check_step(corpus: Path, **inputs: str) -> subprocess.CompletedProcess:
    """The action's `planparse check` step as the runner runs it: `bash -eo pipefail`, its env from the
    action's inputs (defaults as action.yml declares them), planparse on the PATH."""
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    values = {name: spec.get("default", "") for name, spec in action["inputs"].items()} | inputs
    (step,) = [step for step in action["runs"]["steps"] if step.get("name") == "planparse check"]
    env = {name: re.sub(r"\$\{\{ inputs\.([\w-]+) \}\}", lambda m: values[m.group(1)], value)
           for name, value in step["env"].items()}
    assert step["shell"] == "bash"
    return run("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"], cwd=corpus,
               env={**env, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"})


def test_the_action_annotates_a_gap_writes_sarif_and_the_baseline_accepts_it(tmp_path):
    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "data" / "raw" / "gap.txt").write_text(GAP, encoding="utf-8")
    (tmp_path / "data" / "raw" / "clean.txt").write_text(CLEAN, encoding="utf-8")

    found = action_check_step(tmp_path, **{"sarif-file": "planparse.sarif"})
    assert found.returncode == 1, found.stderr
    assert found.stdout.splitlines() == [
        "::error file=data/raw/gap.txt,line=9,title=planparse numbering::measure 4 follows 2; 3 is missing",
        "planparse check: 2 plan texts, 1 error, 0 warnings, 0 accepted, 0 unusable"]
    (result,) = json.loads((tmp_path / "planparse.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert (result["ruleId"], result["message"]["text"], result["locations"][0]["physicalLocation"]) == (
        "numbering", "measure 4 follows 2; 3 is missing",
        {"artifactLocation": {"uri": "data/raw/gap.txt"}, "region": {"startLine": 9}})

    assert run(BIN / "planparse", "check", "--write-baseline", cwd=tmp_path).returncode == 0
    accepted = action_check_step(tmp_path, **{"sarif-file": "planparse.sarif"})
    assert accepted.returncode == 0, accepted.stderr
    assert accepted.stdout == "planparse check: 2 plan texts, 0 errors, 0 warnings, 1 accepted, 0 unusable\n"
    (result,) = json.loads((tmp_path / "planparse.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert result["suppressions"] == [{"kind": "external", "justification": "in the baseline .planparse-baseline.json"}]

    (tmp_path / "data" / "raw" / "new.txt").write_text(NEW_GAP, encoding="utf-8")
    failed = action_check_step(tmp_path, args="--strict")
    assert failed.returncode == 1
    assert failed.stdout.splitlines() == [
        "::error file=data/raw/new.txt,line=11,title=planparse numbering::measure 5 follows 3; 4 is missing",
        "planparse check: 3 plan texts, 1 error, 0 warnings, 1 accepted, 0 unusable"]


def test_the_action_stops_on_unusable_input_before_writing_annotations(tmp_path):
    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "data" / "raw" / "empty.txt").write_text("", encoding="utf-8")
    stopped = action_check_step(tmp_path, **{"sarif-file": "planparse.sarif"})
    assert stopped.returncode == 2 and stopped.stdout == ""
    assert stopped.stderr == "planparse: data/raw/empty.txt: the file is empty; nothing to extract\n"


# --- pre-commit, from a tagged commit of planparse ---------------------------------------------------------


def tagged_clone(destination: Path) -> Path:
    """planparse's working tree (tracked and new files, as git sees them) committed and tagged `v<version>`
    in a repository of its own: what a corpus's pre-commit fetches at `rev: v<version>`."""
    listed = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    if listed.returncode != 0:
        pytest.skip("planparse is not a git checkout here: no tagged commit to install the hooks from")
    for name in filter(None, listed.stdout.split("\0")):
        if (ROOT / name).is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, destination / name)
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", f"planparse {__version__}"], ["tag", TAG]):
        assert run("git", *command, cwd=destination, env=GIT_ENV).returncode == 0
    return destination


GIT_ENV = {"GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.invalid", "GIT_COMMITTER_NAME": "test",
           "GIT_COMMITTER_EMAIL": "test@example.invalid", "GIT_CONFIG_GLOBAL": os.devnull}


@pytest.mark.slow
def test_a_fresh_corpus_adopts_the_pre_commit_hooks_from_a_tagged_release(tmp_path):
    planparse_repo = tagged_clone(tmp_path / "planparse")
    corpus = tmp_path / "corpus"
    raw = corpus / "data" / "raw"
    raw.mkdir(parents=True)
    (raw / "gap.txt").write_text(GAP, encoding="utf-8")
    (raw / "clean.txt").write_text(CLEAN, encoding="utf-8")
    shutil.copy(FIXTURES / "task-table.docx", raw / "分工 方案.docx")
    shutil.copy(FIXTURES / "text-layer.pdf", raw / "宣传方案.pdf")  # read in the hooks' env: the pdf extra
    (corpus / "data" / "structured").mkdir()
    (corpus / "README.md").write_text("# 本市规划文本库\n\n收录各区县实施方案。\n", encoding="utf-8")
    (corpus / "docs").mkdir()
    (corpus / "docs" / "notes.md").write_text("整理说明：文本来自政府网站。\n", encoding="utf-8")
    assert run(BIN / "planparse", "check", "--fix", cwd=corpus).returncode == 1  # the YAML made; the gap stays
    config = readme_block("rev: v").replace("https://github.com/<owner>/planparse", str(planparse_repo))
    (corpus / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    env = {**GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never",
           "COLUMNS": "200"}
    assert run("git", "init", "-q", cwd=corpus, env=env).returncode == 0

    def pre_commit(*arguments: str) -> subprocess.CompletedProcess:
        assert run("git", "add", "-A", cwd=corpus, env=env).returncode == 0
        return run(BIN / "pre-commit", *arguments, cwd=corpus, env=env)

    gap = pre_commit("run", "--all-files")
    assert gap.returncode == 1, gap.stdout + gap.stderr
    row = r"│ data/raw/{} +│ +{} │ error +│ measure {} +│"
    assert re.search(row.format(r"gap\.txt", 9, "4 follows 2; 3 is missing"), gap.stdout), gap.stdout
    assert "4 plan texts: 1 error, 0 warnings" in gap.stdout  # the YAML checked through its texts, once each
    assert "README" not in gap.stdout and "notes" not in gap.stdout

    assert run(BIN / "planparse", "check", "--write-baseline", cwd=corpus).returncode == 0
    accepted = pre_commit("run", "--all-files")
    assert accepted.returncode == 0, accepted.stdout
    assert re.search(r"^planparse check\.+Passed$", accepted.stdout, flags=re.M)

    (raw / "new.txt").write_text(NEW_GAP, encoding="utf-8")
    assert run(BIN / "planparse", "check", "--fix", "data/raw/new.txt", cwd=corpus).returncode == 1
    new = pre_commit("run", "--files", "data/raw/gap.txt", "data/structured/new.yaml")
    assert new.returncode == 1, new.stdout
    assert re.search(row.format(r"new\.txt", 11, "5 follows 3; 4 is missing"), new.stdout), new.stdout
    assert "2 plan texts: 1 error, 0 warnings, 1 accepted" in new.stdout

    # try-repo: the fix hook, from the tagged commit (pre-commit builds its environment afresh for it).
    structured = corpus / "data" / "structured" / "clean.yaml"
    fresh = structured.read_text(encoding="utf-8")
    structured.write_text(fresh.replace("某乡依法行政工作要点", "某乡依法行政工作要点（旧）"), encoding="utf-8")
    fixed = pre_commit("try-repo", planparse_repo, "planparse-fix", "--ref", TAG,
                       "--files", "data/structured/clean.yaml")
    assert fixed.returncode == 1 and "files were modified by this hook" in fixed.stdout, fixed.stdout
    assert f"rev: {TAG}" in fixed.stdout and re.search(r"^planparse check --fix\.+Failed$", fixed.stdout, flags=re.M)
    assert structured.read_text(encoding="utf-8") == fresh
    again = pre_commit("run", "--files", "data/structured/clean.yaml")
    assert again.returncode == 0 and re.search(r"^planparse check\.+Passed$", again.stdout, flags=re.M), again.stdout
