"""Paths as officers name them, with Chinese characters and spaces (`D:\\规划 文件\\南阳 方案.txt`), through
extract, check and diff run as the installed `planparse` command, as a user runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import RAW

PLANPARSE = Path(sys.executable).parent / "planparse"


def planparse(*arguments, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([PLANPARSE, *map(str, arguments)], capture_output=True, text=True, encoding="utf-8",
                          cwd=cwd)


def test_chinese_names_with_spaces_through_extract_check_and_diff(tmp_path):
    corpus = tmp_path / "规划 文件" / "data"
    (corpus / "raw").mkdir(parents=True)
    (corpus / "structured").mkdir()
    template, local = corpus / "raw" / "南阳 实施方案.txt", corpus / "raw" / "宝丰 征求意见稿.txt"
    shutil.copy(RAW / "nanyang-2022.txt", template)
    shutil.copy(RAW / "baofeng-2022-draft.txt", local)

    extracted = planparse("extract", template, local, "--out-dir", corpus / "structured", cwd=tmp_path)
    assert extracted.returncode == 0, extracted.stderr
    written = sorted(path.name for path in (corpus / "structured").iterdir())
    assert written == ["南阳 实施方案.yaml", "宝丰 征求意见稿.yaml"]

    # From the folder above the corpus, by a relative path with spaces, as a user types it (quoted). The
    # structured YAML is stale: --out-dir names the source as typed, check names it from the corpus root.
    checked = planparse("check", "规划 文件/data/raw", "--format", "text", cwd=tmp_path)
    stale = ("规划 文件/data/raw/{0}.txt: structured: 规划 文件/data/structured/{0}.yaml is stale: line 4 differs "
             "from a fresh extraction; rewrite it with `planparse check --fix '规划 文件/data/raw/{0}.txt'`")
    assert (checked.returncode, checked.stderr) == (1, "")
    assert checked.stdout.splitlines() == [stale.format("南阳 实施方案"), stale.format("宝丰 征求意见稿")]
    fixed = planparse("check", "--fix", "规划 文件/data/raw/南阳 实施方案.txt", "--format", "json", cwd=tmp_path)
    report = json.loads(fixed.stdout)
    assert fixed.returncode == 0 and report["files"][0]["fixed"] is True
    assert report["files"][0]["structured"] == "规划 文件/data/structured/南阳 实施方案.yaml"
    checked = planparse("check", "规划 文件/data/raw", "--format", "text", cwd=tmp_path)
    assert checked.stdout.splitlines() == [stale.format("宝丰 征求意见稿")]

    diffed = planparse("diff", corpus / "structured" / "南阳 实施方案.yaml", local, "--format", "csv",
                       "-o", tmp_path / "对比 结果.csv", cwd=tmp_path)
    assert diffed.returncode == 0 and diffed.stdout == "" and diffed.stderr == ""
    table = (tmp_path / "对比 结果.csv").read_bytes()
    assert table.startswith("\ufefftemplate,local,status".encode("utf-8"))  # Excel reads it as UTF-8
    assert "深化“放管服”改革".encode() in table
