"""`planparse diff` through the CLI runner: the JSON contract, exit codes, HTML in Chromium (each format's
output is a golden file: tests/test_render.py)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml
from typer.testing import CliRunner

from planparse.cli import app

from .conftest import RAW, plan_of

runner = CliRunner()
NANYANG = str(RAW / "nanyang-2022.txt")
BAOFENG = str(RAW / "baofeng-2022-draft.txt")
WEB = str(RAW / "nanyang-2025-web.txt")


@pytest.fixture(scope="module")
def nanyang_yaml(tmp_path_factory):
    from planparse import dumps

    path = tmp_path_factory.mktemp("plans") / "nanyang.yaml"
    path.write_text(dumps(plan_of("nanyang-2022")), encoding="utf-8")
    return str(path)


def test_json_report_is_the_contract(nanyang_yaml):
    result = runner.invoke(app, ["diff", nanyang_yaml, BAOFENG, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data["coverage"]) == {"full", "partial", "missing"}
    assert abs(sum(data["coverage"].values()) - 1) < 1e-3
    assert {"template", "local", "kind", "score"} <= set(data["links"][0])
    assert data["missing"] == [5] and 75 in data["local_only"]
    assert all({"template", "local", "field", "from", "to"} <= set(change) for change in data["changes"])
    assert data["schema_name"] == "planparse/diff"


def test_yaml_and_csv():
    data = yaml.safe_load(runner.invoke(app, ["diff", NANYANG, WEB, "--format", "yaml"]).stdout)
    assert data["coverage"] == {"full": 1.0, "partial": 0.0, "missing": 0.0}
    written = runner.invoke(app, ["diff", NANYANG, BAOFENG, "-f", "csv"]).stdout_bytes
    rows = list(csv.DictReader(io.StringIO(written.decode("utf-8-sig"))))
    assert {row["status"] for row in rows} == {"full", "missing", "local_only"}
    assert [row["local"] for row in rows if row["template"] == "2"][:3] == ["3", "4", "5"]


def test_fail_under_exits_1_below_and_0_above():
    below = runner.invoke(app, ["diff", NANYANG, BAOFENG, "--fail-under", "0.99", "--format", "json"])
    assert below.exit_code == 1 and "below --fail-under" in below.stderr
    assert json.loads(below.stdout)["coverage"]["missing"] > 0  # the report is still written
    assert runner.invoke(app, ["diff", NANYANG, BAOFENG, "--fail-under", "0.8", "-f", "json"]).exit_code == 0


@pytest.mark.parametrize("arguments, message", [
    (["nosuch.txt", BAOFENG], "no such file"),
    ([NANYANG, "nosuch.yaml"], "no such file"),
    ([NANYANG, BAOFENG, "--fail-under", "1.5"], "--fail-under"),
    ([NANYANG, BAOFENG, "--format", "pdf"], "--format"),
])
def test_bad_input_exits_2_with_one_line(arguments, message):
    result = runner.invoke(app, ["diff", *arguments])
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.output


def test_a_yaml_of_another_schema_is_refused(tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text("schema_name: something/else\n", encoding="utf-8")
    result = runner.invoke(app, ["diff", str(other), BAOFENG])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "not a planparse plan" in result.stderr


def test_a_text_without_measures_is_bad_input(tmp_path):
    prose = tmp_path / "prose.txt"
    prose.write_text("关于做好春节期间值班工作的通知\n\n各单位要认真做好值班工作。\n", encoding="utf-8")
    result = runner.invoke(app, ["diff", NANYANG, str(prose)])
    assert result.exit_code == 2 and "no numbered measures" in result.stderr


def test_the_library_needs_neither_typer_nor_rich_nor_jieba():
    code = (f"import sys, planparse.align as d; d.diff('{NANYANG}', '{BAOFENG}'); "
            "print(sorted(m for m in ('typer', 'rich', 'jieba') if m in sys.modules))")
    env = {**os.environ, "PYTHONPATH": str(RAW.parent.parent / "src")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.strip() == "[]"


# --- HTML, rendered by headless Chromium -----------------------------------------------------------

CHROMIUM = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(name)), None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"),
                                    reason="Chromium is not installed (CI installs it: .ci/install-chromium)")


def render_in_chromium(path, profile) -> str:
    assert CHROMIUM, "CI must have Chromium: run .ci/install-chromium"
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
               "--dump-dom", path.as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=True).stdout


@needs_chromium
def test_html_report_loads_in_chromium_and_shows_the_coverage(tmp_path):
    out = tmp_path / "baofeng.html"
    result = runner.invoke(app, ["diff", NANYANG, BAOFENG, "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "http://" not in page and "https://" not in page and "<link" not in page  # self-contained
    dom = render_in_chromium(out, tmp_path / "profile")
    assert 'id="coverage">Coverage 96.2%<' in dom
    assert "深化“放管服”改革" in dom and "<ins>" in dom
