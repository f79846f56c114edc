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
    assert written.startswith(b"\xef\xbb\xbf")  # the UTF-8 BOM, without which Excel shows mojibake
    rows = list(csv.DictReader(io.StringIO(written.decode("utf-8-sig"))))
    assert {row["status"] for row in rows} == {"full", "missing", "local_only"}
    assert [row["local"] for row in rows if row["template"] == "2"][:3] == ["3", "4", "5"]


def test_reports_speak_chinese_unless_lang_en():
    zh = runner.invoke(app, ["diff", NANYANG, BAOFENG, "-f", "markdown"]).stdout
    en = runner.invoke(app, ["diff", NANYANG, BAOFENG, "-f", "markdown", "--lang", "en"]).stdout
    assert zh.startswith("# 对照报告：宝丰县法治政府建设实施方案") and "## 缺失的措施\n\n- 5. 提升政府立法质效\n" in zh
    assert en.startswith("# planparse diff: 宝丰县法治政府建设实施方案") and "## Missing measures\n\n- 5. " in en
    assert "data/raw" not in zh + en  # plans are named by title, never by path
    terminal = runner.invoke(app, ["compare", NANYANG, BAOFENG, "--lang", "en"]).stdout
    assert terminal.startswith("planparse compare: 1 plans against 南阳市法治政府建设实施方案")


def test_detail_is_readable_without_colour():
    """The word diff marks deletions and insertions as `git diff --word-diff=plain` does, colour or not."""
    result = runner.invoke(app, ["diff", NANYANG, BAOFENG, "--detail"], env={"NO_COLOR": "1", "COLUMNS": "200"})
    assert result.exit_code == 0 and "\x1b[" not in result.stdout
    assert "[-" in result.stdout and "-]" in result.stdout and "{+" in result.stdout and "+}" in result.stdout


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


def _chromium(profile, *options: str) -> list[str]:
    assert CHROMIUM, "CI must have Chromium: run .ci/install-chromium"
    return [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}", *options]


def render_in_chromium(path, profile) -> str:
    return subprocess.run(_chromium(profile, "--dump-dom", path.as_uri()), capture_output=True, text=True,
                          timeout=60, check=True).stdout


@needs_chromium
def test_html_report_loads_in_chromium_and_shows_the_coverage(tmp_path):
    out = tmp_path / "baofeng.html"
    result = runner.invoke(app, ["diff", NANYANG, BAOFENG, "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "http://" not in page and "https://" not in page and "<link" not in page  # self-contained
    dom = render_in_chromium(out, tmp_path / "profile")
    assert 'id="coverage">覆盖率 96.2%<' in dom
    assert "深化“放管服”改革" in dom and "<ins>" in dom


# The first screen of a laptop: what a reader sees before scrolling.
FIRST_SCREEN = (1280, 800)
MAGENTA = (255, 0, 255)


@needs_chromium
def test_the_missing_measures_are_on_the_first_screen(tmp_path):
    """A screenshot of the report's first screen shows the list of missing measures: a copy of the page paints
    that list magenta, and the screenshot must hold magenta pixels."""
    image = pytest.importorskip("PIL.Image")
    page = tmp_path / "baofeng.html"
    assert runner.invoke(app, ["diff", NANYANG, BAOFENG, "-o", str(page)]).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert html.index('<section id="missing">') < html.index('<section id="changed">') < html.index('id="m1"')
    assert '<a href="#m5">5. 提升政府立法质效</a>' in html and 'id="m5"' in html  # the list links to the row
    painted = tmp_path / "painted.html"
    painted.write_text(html.replace("</style>", "#missing{background:#f0f !important}</style>"), encoding="utf-8")
    shot = tmp_path / "first-screen.png"
    subprocess.run(_chromium(tmp_path / "profile", "--hide-scrollbars", f"--window-size={FIRST_SCREEN[0]},"
                             f"{FIRST_SCREEN[1]}", f"--screenshot={shot}", painted.as_uri()),
                   capture_output=True, timeout=60, check=True)
    pixels = image.open(shot).convert("RGB")
    assert pixels.size == FIRST_SCREEN
    rows = [y for y in range(pixels.size[1]) if pixels.getpixel((FIRST_SCREEN[0] // 2, y)) == MAGENTA]
    assert rows and rows[0] < FIRST_SCREEN[1] // 2, "the missing measures are not in the top half of the first screen"


@needs_chromium
def test_the_printed_report_is_what_needs_reading(tmp_path):
    """Printed (A4), the report keeps the summary, the missing and changed measures, and the side-by-side rows
    of missing and partial measures only: a few pages, not the 28 the whole page made."""
    from pdfminer.high_level import extract_text
    from pdfminer.pdfpage import PDFPage

    page, pdf = tmp_path / "baofeng.html", tmp_path / "baofeng.pdf"
    assert runner.invoke(app, ["diff", NANYANG, BAOFENG, "-o", str(page)]).exit_code == 0
    subprocess.run(_chromium(tmp_path / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()),
                   capture_output=True, timeout=60, check=True)
    with pdf.open("rb") as document:
        pages = sum(1 for _ in PDFPage.get_pages(document))
    assert pages <= 8
    text = extract_text(str(pdf))
    assert "缺失的措施（1）" in text and "有变化的措施" in text and "打印版只列出缺失和部分承接的措施" in text


@pytest.mark.parametrize("preset", [None, "3"])
def test_diff_runs_numpy_with_one_blas_thread_unless_told_otherwise(tmp_path, preset):
    """The command sets OPENBLAS_NUM_THREADS (and OpenMP's, MKL's) to 1 before diff imports numpy, unless the
    user set it: BLAS threads spin on small products, and one thread sums alike on every machine."""
    from planparse.cli import BLAS_THREAD_VARIABLES

    plan = tmp_path / "plan.txt"
    plan.write_text("一、主要任务\n1.推进依法行政，健全行政决策制度体系。\n2.加强行政复议工作。\n", encoding="utf-8")
    report = ("import atexit, os, sys\n"
              "variable = sys.argv.pop()\n"
              "atexit.register(lambda: print('numpy' in sys.modules, os.environ.get(variable)))\n"
              "from planparse.cli import main\n"
              "main()\n")
    env = {key: value for key, value in os.environ.items() if key not in BLAS_THREAD_VARIABLES}
    if preset is not None:
        env["OPENBLAS_NUM_THREADS"] = preset
    for variable in BLAS_THREAD_VARIABLES:
        result = subprocess.run([sys.executable, "-c", report, "diff", str(plan), str(plan), "--format", "csv",
                                 "-o", str(tmp_path / "out.csv"), variable],
                                capture_output=True, env=env, timeout=60, check=True)
        loaded, value = result.stdout.decode().split()
        assert loaded == "True"
        assert value == (preset if preset is not None and variable == "OPENBLAS_NUM_THREADS" else "1")
