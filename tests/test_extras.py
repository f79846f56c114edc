"""Install extras: the default install reads and diffs plans; a missing extra is one line naming it, exit 2;
every extra the code asks for is declared in pyproject.toml."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib

import pytest

from .conftest import FIXTURES, RAW, ROOT

NANYANG = str(RAW / "nanyang-2022.txt")
BAOFENG = str(RAW / "baofeng-2022-draft.txt")
WEB = str(RAW / "nanyang-2025-web.txt")
# The libraries of the extras, as the code imports them.
EXTRA_MODULES = ["scipy", "jieba", "pdfminer", "xlsxwriter", "icalendar", "pandas", "pyarrow"]


def run_without(modules: list[str], *arguments: str) -> subprocess.CompletedProcess:
    """`planparse ARGUMENTS` in a process where `modules` cannot be imported, as in an install without them."""
    code = (f"import sys; sys.modules.update(dict.fromkeys({modules!r})); sys.argv = ['planparse', *{arguments!r}]; "
            "from planparse.cli import main; main()")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                          cwd=ROOT)


def test_the_default_install_reads_texts_and_word_files_and_diffs_them(tmp_path):
    for source in (NANYANG, str(FIXTURES / "task-table.docx")):
        result = run_without(EXTRA_MODULES, "extract", source, "--format", "json")
        assert result.returncode == 0, result.stderr
        assert '"schema_name": "planparse/plan"' in result.stdout
    result = run_without(EXTRA_MODULES, "diff", NANYANG, BAOFENG, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert '"schema_name": "planparse/diff"' in result.stdout
    result = run_without(EXTRA_MODULES, "check", "data/raw", "--format", "json")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("missing", "arguments", "message"), [
    ("pdfminer", ["extract", str(FIXTURES / "text-layer.pdf")],
     f'planparse: {FIXTURES / "text-layer.pdf"}: reading a PDF needs the pdf extra: pip install "planparse[pdf]"'),
    ("jieba", ["diff", NANYANG, BAOFENG, "--detail", "--format", "json"],
     'planparse: a word-level diff (--detail, the HTML report) needs the detail extra: '
     'pip install "planparse[detail]"'),
    ("scipy", ["compare", NANYANG, BAOFENG, WEB, "--format", "json"],
     'planparse: scoring several plans at once (compare) or one very large plan needs the compare extra: '
     'pip install "planparse[compare]"'),
])
def test_a_missing_extra_is_one_line_naming_it(missing, arguments, message):
    result = run_without([missing], *arguments)
    assert result.returncode == 2
    assert result.stderr == message + "\n"
    assert result.stdout == ""


def test_check_names_the_pdf_that_needs_the_extra_and_goes_on(tmp_path):
    corpus = tmp_path / "raw"
    corpus.mkdir()
    (corpus / "plan.pdf").write_bytes((FIXTURES / "text-layer.pdf").read_bytes())
    (corpus / "plan.txt").write_text("一、总体要求\n1.推进依法行政。\n2.完善制度。\n", encoding="utf-8")
    result = run_without(["pdfminer"], "check", str(corpus), "--format", "json")
    assert result.returncode == 2
    assert result.stderr == (f'planparse: {corpus / "plan.pdf"}: reading a PDF needs the pdf extra: '
                             'pip install "planparse[pdf]"\n')
    assert str(corpus / "plan.txt") in result.stdout  # the other file was still checked


def _required_extras() -> set[tuple[str, str]]:
    """(module, extra) of every `require(module, extra, …)` call in the source."""
    found = set()
    for path in (ROOT / "src" / "planparse").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "require":
                module, extra = (argument.value for argument in node.args[:2])
                found.add((module, extra))
    return found


def test_every_extra_the_code_asks_for_is_declared_and_in_all():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    required = _required_extras()
    assert {extra for _, extra in required} == {"compare", "detail", "pdf", "office", "research"}
    for module, extra in required:
        assert extra in extras, f"require({module!r}, {extra!r}) names an extra pyproject.toml does not declare"
    (everything,) = extras["all"]
    assert everything == f"planparse[{','.join(sorted(set(extras) - {'all', 'test', 'fixtures', 'dev'}))}]"
    assert "planparse[all]" in extras["test"]  # the suite runs the PDF and detail tests, never skips them
