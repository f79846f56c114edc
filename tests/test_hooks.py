"""The pre-commit hooks planparse offers (.pre-commit-hooks.yaml): a valid manifest, the files they are
handed, and what they install. tests/test_adoption.py runs them end to end in a corpus repository."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

HOOKS = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}


def test_the_manifest_is_valid_for_pre_commit():
    pre_commit = Path(sys.executable).parent / "pre-commit"
    result = subprocess.run([pre_commit, "validate-manifest", ROOT / ".pre-commit-hooks.yaml"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert set(HOOKS) == {"planparse-check", "planparse-fix"}
    assert HOOKS["planparse-check"]["entry"] == "planparse check"
    assert HOOKS["planparse-fix"]["entry"] == "planparse check --fix"


@pytest.mark.parametrize(("path", "handed"), [
    ("data/raw/nanyang-2022.txt", True),
    ("data/raw/2023/分工方案 终稿.docx", True),
    ("data/raw/scan.PDF", True),
    ("data/raw/notes.md", True),  # every text in the plan folder is a plan
    ("data/structured/nanyang-2022.yaml", True),
    ("README.md", False),
    ("docs/howto.md", False),
    ("data/raw/old.doc", False),
    ("data/raw/plan.txt.bak", False),
    (".github/workflows/check-plans.yml", False),
    ("pyproject.toml", False),
])
def test_the_hooks_are_handed_plan_files_and_structured_yaml_only(path, handed):
    for hook in HOOKS.values():
        assert bool(re.search(hook["files"], path)) is handed


def test_the_hooks_read_every_format_check_reads_and_install_the_pdf_extra():
    from planparse.corpus_check import PLAN_SUFFIXES

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    for hook in HOOKS.values():
        formats = re.search(r"\(\?i:([^)]*)\)", hook["files"]).group(1).split("|")
        assert ["." + suffix for suffix in formats] == list(PLAN_SUFFIXES)
        assert hook["additional_dependencies"] == ["planparse[pdf]"] and "pdf" in declared
