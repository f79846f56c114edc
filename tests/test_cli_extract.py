"""`planparse extract` through the CLI runner: output, files written, and exit codes."""

from __future__ import annotations

import json

import yaml
from typer.testing import CliRunner

from planparse import __version__
from planparse.cli import app

from .conftest import LAYOUTS, RAW

runner = CliRunner()
NANYANG = str(RAW / "nanyang-2022.txt")


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"planparse {__version__}"


def test_help_shows_an_example():
    result = runner.invoke(app, ["extract", "--help"])
    assert result.exit_code == 0 and "planparse extract data/raw/nanyang-2022.txt" in result.stdout


def test_extract_to_stdout_is_yaml():
    result = runner.invoke(app, ["extract", NANYANG])
    assert result.exit_code == 0
    data = yaml.safe_load(result.stdout)
    assert data["schema_version"] == 3 and data["meta"]["doc_number"] == "宛发〔2022〕12号"


def test_warnings_go_to_stderr_naming_file_and_line(tmp_path):
    path = tmp_path / "plan.txt"
    text = (LAYOUTS / "deep-numbering.txt").read_text(encoding="utf-8")
    path.write_text(text.replace("2.加强决策执行", "3.加强决策执行"), encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0
    assert result.stderr == f"planparse: warning: {path}:29: measure 3 follows 1; 2 is missing\n"
    assert yaml.safe_load(result.stdout)["warnings"] == [
        {"code": "numbering-gap", "line": 29, "message": "measure 3 follows 1; 2 is missing"}]


def test_a_warning_of_no_one_line_names_the_file_only():
    result = runner.invoke(app, ["extract", str(RAW / "nanyang-2025-web.txt")])
    assert result.exit_code == 0
    assert result.stderr.startswith(f"planparse: warning: {RAW / 'nanyang-2025-web.txt'}: 13 sections recognised ")


def test_extract_reads_stdin_and_writes_json():
    text = (RAW / "baofeng-2022-draft.txt").read_bytes()
    result = runner.invoke(app, ["extract", "-", "--format", "json"], input=text)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["source"]["file"] == "<stdin>" and data["meta"]["draft"] is True


def test_extract_output_file_and_out_dir(tmp_path):
    out = tmp_path / "n.yaml"
    assert runner.invoke(app, ["extract", NANYANG, "-o", str(out)]).exit_code == 0
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["meta"]["region"] == "南阳市"
    result = runner.invoke(app, ["extract", NANYANG, str(RAW / "pingqiao-2023-fengong.txt"),
                                 "--out-dir", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["nanyang-2022.yaml", "pingqiao-2023-fengong.yaml"]


def test_missing_file_is_one_line_and_exit_2(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"planparse: {tmp_path / 'nope.txt'}: no such file; check the path"


def test_bad_file_among_good_ones_still_fails_and_writes_nothing_half(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", NANYANG, str(empty), "--out-dir", str(out)])
    assert result.exit_code == 2 and "empty.txt: the file is empty" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["nanyang-2022.yaml"]


def test_gb18030_and_utf16_files_extract_like_utf8(tmp_path):
    text = (RAW / "nanyang-2022.txt").read_text(encoding="utf-8")
    for encoding in ("gb18030", "utf-16"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        result = runner.invoke(app, ["extract", str(path)])
        assert result.exit_code == 0, result.stderr
        data = yaml.safe_load(result.stdout)
        assert data["source"]["encoding"] in ("gb18030", "utf-16")
        assert len(data["chapters"][1]["sections"]) == 8


def test_o_with_several_inputs_is_refused_in_a_format_of_one_plan_per_file(tmp_path):
    result = runner.invoke(app, ["extract", NANYANG, NANYANG, "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2 and "use --out-dir" in result.stderr and not (tmp_path / "x.xlsx").exists()
    # YAML holds several plans: -o writes them as one stream, as stdout does
    assert runner.invoke(app, ["extract", NANYANG, NANYANG, "-o", str(tmp_path / "x.yaml")]).exit_code == 0
    assert (tmp_path / "x.yaml").read_text(encoding="utf-8").count("schema_name: planparse/plan") == 2
