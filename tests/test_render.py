"""Output formats, golden: four short plans in tests/golden/render/ (a city template, a county plan that
splits, merges, drops, changes and adds measures, a plan with check findings and a district 分工方案 whose
units are written two ways, for tasks), rendered by every format
of every report kind into tests/golden/render/<kind>.<format> and compared byte for byte; the CLI writes
the same bytes (a parquet file: the same schema and rows). A terminal view is compared as `-o` writes it:
plain text, 120 columns, no colour.

Regenerate with `pytest tests/test_render.py --update-golden`, then read `git diff tests/golden/render`
before committing. A run with the flag fails on purpose, and a missing golden file is a failure."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import textwrap

import pytest
from typer.testing import CliRunner

from planparse import check, diff, extract, tasks
from planparse.align import compare
from planparse.cli import app
from planparse.render import formats, render

from .conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "render"
# Relative names, as a user in the repository would give them: reports and plans print them.
TEMPLATE, LOCAL, FINDINGS, DIVISION = (f"tests/golden/render/{name}.txt"
                                       for name in ("template", "local", "findings", "division"))
KINDS = ("plan", "diff", "compare", "check", "tasks")
DEFAULTS = {"plan": "yaml", "diff": "terminal", "compare": "terminal", "check": "table", "tasks": "terminal"}
CASES = [(kind, fmt) for kind in KINDS for fmt in formats(kind)]

runner = CliRunner()


@pytest.fixture(scope="module")
def reports():
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        plans = {name: extract(name, name=name) for name in (TEMPLATE, LOCAL, FINDINGS, DIVISION)}
        return {"plan": plans[TEMPLATE],
                "diff": diff(plans[TEMPLATE], plans[LOCAL], detail=True),
                "compare": compare(plans[TEMPLATE], [plans[LOCAL], plans[FINDINGS]]),
                "check": check([TEMPLATE, LOCAL, FINDINGS]),
                "tasks": tasks([plans[DIVISION], plans[LOCAL]])}


def _comparable(fmt: str | None, document: bytes):
    """What a document is compared by: its bytes; a parquet file by its schema and rows, because its footer
    names the version of the library that wrote it."""
    if fmt != "parquet":
        return document
    import pyarrow.parquet

    table = pyarrow.parquet.read_table(io.BytesIO(document))
    return table.schema, table.to_pylist()


def _bytes(document: str | bytes) -> bytes:
    return document.encode("utf-8") if isinstance(document, str) else document


@pytest.mark.parametrize(("kind", "fmt"), CASES, ids=[f"{kind}.{fmt}" for kind, fmt in CASES])
def test_each_format_matches_its_golden_file(reports, kind, fmt, update_golden):
    golden = GOLDEN / f"{kind}.{fmt}"
    produced = _bytes(render(reports[kind], fmt))
    if update_golden:
        golden.write_bytes(produced)
        pytest.fail(f"rewrote {golden.name}: review `git diff` and run again without the flag")
    assert golden.exists(), f"missing golden file {golden}: run pytest --update-golden and review it"
    assert _comparable(fmt, produced) == _comparable(fmt, golden.read_bytes())


# The command that makes each kind of report from the test plans (diff with --detail: html always has it).
COMMANDS = {"plan": ["extract", TEMPLATE], "diff": ["diff", TEMPLATE, LOCAL, "--detail"],
            "compare": ["compare", TEMPLATE, LOCAL, FINDINGS], "check": ["check", TEMPLATE, LOCAL, FINDINGS],
            "tasks": ["tasks", DIVISION, LOCAL]}
EXIT_CODES = {"plan": 0, "diff": 0, "compare": 0, "check": 1, "tasks": 0}  # the findings plan has an error


@pytest.mark.parametrize(("kind", "fmt"), CASES + [(kind, None) for kind in KINDS],
                         ids=[f"{kind}.{fmt}" for kind, fmt in CASES] + [f"{kind}.default" for kind in KINDS])
def test_the_cli_writes_the_golden_bytes(tmp_path, monkeypatch, kind, fmt):
    monkeypatch.chdir(ROOT)
    golden = (GOLDEN / f"{kind}.{fmt or DEFAULTS[kind]}").read_bytes()
    arguments = COMMANDS[kind] + (["--format", fmt] if fmt else [])
    env = {"COLUMNS": None}  # a view on a pipe is as wide as rich's default (the check table: at least 160)
    if kind == "check":  # no -o: a log is what CI keeps
        result = runner.invoke(app, arguments, env=env)
        assert result.exit_code == EXIT_CODES[kind] and result.stdout_bytes == golden, result.output
        return
    out = tmp_path / "report"
    result = runner.invoke(app, arguments + ["-o", str(out)], env=env)
    assert result.exit_code == EXIT_CODES[kind] and result.stdout == "", result.output
    assert _comparable(fmt, out.read_bytes()) == _comparable(fmt, golden)
    if fmt not in ("terminal", None):  # a document on stdout is the same document
        assert _comparable(fmt, runner.invoke(app, arguments, env=env).stdout_bytes) == _comparable(fmt, golden)


def test_every_command_offers_the_formats_of_its_report_kind():
    for command, kind in (("extract", "plan"), ("diff", "diff"), ("compare", "compare"), ("check", "check"),
                          ("tasks", "tasks")):
        arguments = [command, *COMMANDS[kind][1:], "--format", "nosuch"]
        result = runner.invoke(app, arguments, env={"COLUMNS": "300"})  # the message on one line
        listed = ", ".join(f"'{name}'" for name in formats(kind, DEFAULTS[kind]))
        assert result.exit_code == 2 and f"'nosuch' is not one of {listed}." in result.stderr, result.stderr


# --- the recipe: a new format is one new module in planparse/render/, nothing else edited ----------

DUMMY = '''\
"""The `dummy` format: one line naming the report, as bytes (a binary format)."""

from . import Renderer


def _dummy(report) -> bytes:
    return f"dummy {report.schema_name}\\n".encode()


RENDERER = Renderer(renders={"plan": _dummy, "diff": _dummy, "check": _dummy}, order=9, notes={"diff": "a test"})
'''

RUN_THE_CLI = textwrap.dedent('''\
    import json, sys
    from typer.testing import CliRunner
    import planparse
    from planparse.cli import app

    runs = [CliRunner().invoke(app, arguments) for arguments in json.loads(sys.argv[1])]
    print(json.dumps({"package": planparse.__file__,
                      "runs": [[run.exit_code, run.stdout, run.stderr] for run in runs]}))
''')


def test_a_new_format_is_one_new_module(tmp_path):
    import json

    copy = tmp_path / "src" / "planparse"
    shutil.copytree(ROOT / "src" / "planparse", copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "render" / "dummy.py").write_text(DUMMY, encoding="utf-8")
    out = tmp_path / "report.bin"
    runs = [["diff", "--help"], ["diff", TEMPLATE, LOCAL, "--format", "dummy"],
            ["diff", TEMPLATE, LOCAL, "-f", "dummy", "-o", str(out)], ["check", FINDINGS, "--format", "dummy"],
            ["compare", TEMPLATE, LOCAL, "--format", "dummy"], ["extract", TEMPLATE, LOCAL, "--format", "dummy"]]
    result = subprocess.run([sys.executable, "-c", RUN_THE_CLI, json.dumps(runs)], capture_output=True, text=True,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(tmp_path / "src"), "COLUMNS": "200"},
                            check=True)
    found = json.loads(result.stdout)
    assert found["package"] == str(copy / "__init__.py")
    help_, diffed, written, checked, compared, extracted = found["runs"]
    assert " or dummy (a test)." in help_[1] and "|dummy>" in help_[1]
    assert diffed == [0, "dummy planparse/diff\n", ""]
    assert written[:2] == [0, ""] and out.read_bytes() == b"dummy planparse/diff\n"
    assert checked == [1, "dummy planparse/check\n", ""]  # the exit code still comes from the findings
    assert compared[0] == 2 and "'dummy' is not one of" in compared[2]  # it does not render compare reports
    assert extracted == [2, "", "planparse: --format dummy holds one plan per file; use --out-dir for several\n"]
