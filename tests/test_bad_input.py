"""Bad input, through the command line: every command meets it the same way — one line on stderr naming
the file and the problem, exit code 2, no traceback, and nothing half-written. One test per case."""

from __future__ import annotations

import io
import os
import resource
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planparse import SchemaError, load
from planparse.cli import app

from .conftest import RAW, STRUCTURED, pdf_from_objects

runner = CliRunner()
NANYANG_TXT = RAW / "nanyang-2022.txt"
NANYANG_YAML = STRUCTURED / "nanyang-2022.yaml"


def one_line_exit_2(result, *names: str) -> str:
    """The contract: exit 2, exactly one line on stderr, `planparse: <file>…`, no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("planparse: ")
    for name in names:
        assert name in lines[0]
    assert "Traceback" not in result.output
    return lines[0]


def run(*arguments) -> object:
    return runner.invoke(app, [str(a) for a in arguments])


def diff_commands():
    return {"diff": lambda bad: run("diff", bad, NANYANG_YAML),
            "compare": lambda bad: run("compare", NANYANG_YAML, bad)}


# --- a missing path ----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["extract", "check"])
def test_a_missing_path(tmp_path, command):
    missing = tmp_path / "nope.txt"
    line = one_line_exit_2(run(command, missing), str(missing))
    assert "no such file" in line


@pytest.mark.parametrize("command", ["diff", "compare"])
def test_a_missing_path_to_diff_and_compare(tmp_path, command):
    missing = tmp_path / "nope.yaml"
    line = one_line_exit_2(diff_commands()[command](missing), str(missing))
    assert "no such file" in line


# --- a folder with no plan texts ---------------------------------------------------------------------


def test_a_folder_with_no_plan_texts(tmp_path):
    (tmp_path / "notes.odt").write_bytes(b"PK\x03\x04")
    line = one_line_exit_2(run("check", tmp_path), str(tmp_path))
    assert "no plan texts (*.txt, *.md, *.docx, *.pdf) in this folder" in line


def test_a_folder_without_plan_texts_passed_to_extract(tmp_path):
    # a folder is read as the plan texts in it (one parquet table of a corpus); an empty one is refused
    line = one_line_exit_2(run("extract", tmp_path), str(tmp_path))
    assert "no plan texts (*.txt, *.md, *.docx, *.pdf) in this folder" in line


# --- files that are not plan texts -------------------------------------------------------------------


def _pdf_without_text_layer() -> bytes:
    """A one-page PDF whose page is only an image: what a scanner makes."""
    image = b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray " \
            b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"
    content = b"q 612 0 0 792 0 0 cm /Im0 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im0 4 0 R >> >> "
         b"/Contents 5 0 R >>"),
        image,
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    return pdf_from_objects(objects)


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        book.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
    return buffer.getvalue()


NOT_PLAN_TEXTS = {
    # name: (file name, bytes, what the message must say it is, what it must say to do instead)
    "empty": ("empty.txt", b"", "empty", ""),
    "png-renamed-txt": ("scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "PNG", "OCR"),
    "scanned-pdf": ("scan.pdf", _pdf_without_text_layer(), "PDF", "text"),
    "jpeg-image": ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(64), "JPEG", "OCR"),
    "spreadsheet": ("tasks.xlsx", _xlsx(), "xlsx", "text"),
}


@pytest.mark.parametrize("command", ["extract", "check"])
@pytest.mark.parametrize("case", NOT_PLAN_TEXTS)
def test_a_file_that_is_not_a_plan_text(tmp_path, case, command):
    name, data, what, instead = NOT_PLAN_TEXTS[case]
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / "out.yaml"
    out.write_text("kept\n", encoding="utf-8")
    arguments = [command, path] + (["-o", out] if command == "extract" else [])
    line = one_line_exit_2(run(*arguments), str(path))
    assert what.lower() in line.lower() and instead.lower() in line.lower(), line
    assert out.read_text(encoding="utf-8") == "kept\n"  # an earlier output is never clobbered


@pytest.mark.parametrize("command", ["extract", "check"])
def test_undecodable_bytes_in_the_middle_of_a_text(tmp_path, command):
    lines = NANYANG_TXT.read_bytes().split(b"\n")
    number = next(n for n, line in enumerate(lines, start=1) if n > 20 and len(line) > 30)
    lines[number - 1] = lines[number - 1][:3] + b"\xff\xfe" + lines[number - 1][3:]  # after one Chinese character
    path = tmp_path / "damaged.txt"
    path.write_bytes(b"\n".join(lines))
    line = one_line_exit_2(run(command, path), f"{path}:{number}: col 4: ")
    assert "not valid utf-8" in line and "re-save it as UTF-8" in line


def test_a_text_with_no_recognisable_numbering(tmp_path):
    path = tmp_path / "prose.txt"
    path.write_text("关于做好某项工作的说明\n\n这是一段普通的文字，没有任何编号。\n\n第二段也没有编号。\n", encoding="utf-8")
    extracted = run("extract", path, "--format", "json")
    assert extracted.exit_code == 0 and "no numbered structure recognised" in extracted.stderr
    assert '"chapters": []' in extracted.stdout and '"role": "preamble"' in extracted.stdout
    checked = run("check", path)
    assert checked.exit_code == 1 and "no recognisable numbering" in checked.stdout


# --- a 50 MB text ------------------------------------------------------------------------------------

FIFTY_MB = 50 * 2**20


def test_a_50_mb_text_finishes_in_bounded_memory(tmp_path):
    """Run as a separate process so its peak memory can be read; the figures are printed (pytest -s)."""
    plans = [p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))]
    unit = "\n\n".join(plans).encode("utf-8")
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        for _ in range(FIFTY_MB // len(unit) + 1):
            out.write(unit + b"\n\n")
    size = path.stat().st_size
    assert size >= FIFTY_MB
    planparse = Path(sys.executable).with_name("planparse")
    command = [str(planparse)] if planparse.exists() else [sys.executable, "-c", "from planparse.cli import main; main()"]
    start = time.perf_counter()
    result = subprocess.run(command + ["check", str(path), "--format", "json"], capture_output=True, text=True,
                            timeout=300, check=False)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\n50 MB check: {size / 2**20:.1f} MB in {seconds:.1f} s, peak memory {peak_mb:.0f} MB")
    assert result.returncode == 1, result.stderr  # the copies restart their numbering: findings, not a crash
    assert "Traceback" not in result.stderr
    assert len(result.stdout) < 64 * 1024  # findings are capped per rule: the report stays readable
    assert peak_mb < 30 * size / 2**20  # bounded: a small multiple of the input (the input is capped at 64 MB)


# --- an unwritable output folder ---------------------------------------------------------------------


@pytest.fixture
def unwritable(tmp_path):
    """A folder nobody may write in (root may write anywhere it can chmod, so it gets /proc)."""
    if os.geteuid() == 0:
        yield Path("/proc")
        return
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)
    assert list(folder.iterdir()) == []  # nothing half-written left behind


def test_extract_to_an_unwritable_folder(unwritable):
    line = one_line_exit_2(run("extract", NANYANG_TXT, "-o", unwritable / "nanyang.yaml"), str(unwritable))
    assert "cannot write here" in line and "choose a writable folder" in line


def test_extract_out_dir_unwritable(unwritable):
    result = run("extract", NANYANG_TXT, "--out-dir", unwritable)
    assert str(unwritable) in one_line_exit_2(result)


def test_check_fix_into_an_unwritable_folder(tmp_path, unwritable):
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    shutil.copy(NANYANG_TXT, raw)
    line = one_line_exit_2(run("check", raw, "--fix", "--structured", unwritable), str(unwritable))
    assert "cannot write here" in line


def test_diff_report_to_an_unwritable_folder(unwritable):
    diff_commands()
    result = run("diff", NANYANG_YAML, STRUCTURED / "baofeng-2022-draft.yaml", "-o", unwritable / "r.txt")
    assert "cannot write" in one_line_exit_2(result, str(unwritable))


# --- YAML that is not a plan planparse wrote ---------------------------------------------------------

BAD_YAML = {
    "malformed": ("schema_name: planparse/plan\nschema_version: 1\nchapters: [\n", "is not valid YAML"),
    "other-schema": ("schema_name: planparse/diff\nschema_version: 1\nplans: []\n", "is not a planparse plan"),
    "other-version": ("schema_name: planparse/plan\nschema_version: 4\nchapters: []\n", "has schema_version 4"),
    "python-tag": ("!!python/object/apply:os.system ['touch {marker}']\n", "unsafe or unknown tag"),
    # a control character (as a plan YAML saved as UTF-16 without a byte order mark is read): yaml's own
    # message runs over two lines
    "control-character": ("schema_name: planparse/plan\nschema_version: 3\nsource: a\x00b\n",
                          ":3: is not valid YAML (character U+0000 is not allowed in YAML); a plan YAML is UTF-8 text"),
    # a few bytes of nested lists: a recursive reader would exhaust the stack (RecursionError)
    "nested": ("schema_name: planparse/plan\nschema_version: 3\nchapters: " + "[" * 500 + "\n",
               ":3: refused: lists and mappings nested over 64 deep"),
    # text of digits unquoted (planparse quotes it): an integer longer than Python converts (found by the fuzzer)
    "long-number": ("schema_name: planparse/plan\nschema_version: 3\nsource:\n  file: " + "1" * 4301 + "\n",
                    ":4: refused: a number of thousands of digits"),
    # a date YAML types that no calendar has
    "impossible-date": ("schema_name: planparse/plan\nschema_version: 3\nsource: 2023-02-30\n",
                        ":3: refused: a value that cannot be read (day is out of range for month)"),
}


def _bad_yaml(tmp_path: Path, case: str) -> tuple[Path, Path, str]:
    content, message = BAD_YAML[case]
    marker = tmp_path / "executed"
    path = tmp_path / f"{case}.yaml"
    path.write_text(content.format(marker=marker), encoding="utf-8")
    return path, marker, message


@pytest.mark.parametrize("case", BAD_YAML)
def test_a_bad_yaml_is_refused_by_load(tmp_path, case):
    path, marker, message = _bad_yaml(tmp_path, case)
    with pytest.raises(SchemaError) as raised:
        load(path)
    assert str(raised.value).startswith(str(path)) and message in str(raised.value)
    assert "\n" not in str(raised.value) and not marker.exists()


@pytest.mark.parametrize("command", ["diff", "compare"])
@pytest.mark.parametrize("case", BAD_YAML)
def test_a_bad_yaml_is_refused_by_diff_and_compare(tmp_path, case, command):
    path, marker, message = _bad_yaml(tmp_path, case)
    line = one_line_exit_2(diff_commands()[command](path), str(path))
    assert message in line and not marker.exists()
