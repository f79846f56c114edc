"""Resource limits of the readers (issue 14, part B): crafted .docx, .pdf and YAML files and unbounded
inputs end in output or one InputError/SchemaError line, fast; each input is built here in a few lines."""

from __future__ import annotations

import importlib
import io
import time
import zipfile

import pytest

from planparse.errors import InputError
from planparse.formats import docx as docx_reader
from planparse.formats.docx import docx_to_text, format_number
from planparse.formats.pdf import pdf_to_text

from .conftest import pdf_from_objects
from .test_formats import abstract, make_docx, num, para

extract_module = importlib.import_module("planparse.extract")  # `planparse.extract` is also a function

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def one_line(error) -> str:
    message = str(error.value)
    assert "\n" not in message
    return message


# ---------------------------------------------------------------- .docx (F04, F22)


@pytest.mark.parametrize("code", ["110000", "FFFFFFFF", "D800", "DFFF", "1" + "0" * 30])
def test_docx_symbol_that_is_no_character_is_dropped(code):
    runs = f'<w:r><w:t>一、总体要求</w:t><w:sym w:char="{code}"/></w:r>'
    assert docx_to_text(make_docx(para("", runs=runs)), "t.docx") == "一、总体要求\n"


def test_docx_symbol_that_is_a_character_is_kept():
    runs = '<w:r><w:t>一、总体要求</w:t><w:sym w:char="2605"/></w:r>'
    assert docx_to_text(make_docx(para("", runs=runs)), "t.docx") == "一、总体要求★\n"


def _list_from(fmt: str, start: str, override: str = "") -> bytes:
    level = f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl>'
    return make_docx(para("推进依法行政。", 1, 0) * 3, abstract(1, level) + num(1, 1, override))


@pytest.mark.parametrize("fmt, start", [("lowerLetter", "100000000"), ("lowerLetter", "1" + "0" * 20),
                                        ("ideographDigital", "-5"), ("decimal", "40000")])
def test_docx_list_start_word_cannot_write_is_refused(fmt, start):
    started = time.perf_counter()
    with pytest.raises(InputError, match="list numbered from") as error:
        docx_to_text(_list_from(fmt, start), "t.docx")
    assert one_line(error).startswith("t.docx: ") and time.perf_counter() - started < 1


def test_docx_start_override_word_cannot_write_is_refused():
    override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="99999999"/></w:lvlOverride>'
    with pytest.raises(InputError, match="list numbered from 99999999"):
        docx_to_text(_list_from("decimal", "1", override), "t.docx")


def test_docx_highest_list_start_word_writes_is_read():
    assert docx_to_text(_list_from("decimal", "32767"), "t.docx").splitlines()[0] == "32767.推进依法行政。"


@pytest.mark.parametrize("value, fmt, shown", [(261, "lowerLetter", "261"), (10**8, "lowerLetter", "100000000"),
                                               (-5, "ideographDigital", "-5"), (260, "upperLetter", "Z" * 10)])
def test_format_number_stays_short(value, fmt, shown):
    assert format_number(value, fmt) == shown


def _raw_docx(document_xml: bytes) -> bytes:
    data = make_docx(para("一、总体要求"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, document_xml if info.filename == "word/document.xml" else source.read(info))
    return buffer.getvalue()


def test_docx_whose_xml_inflates_past_the_budget_is_refused(monkeypatch):
    monkeypatch.setattr(docx_reader, "_MAX_XML_BYTES", 2**20)  # the budget, scaled down to keep the test small
    body = "<w:p><w:r><w:t>1.推进依法行政。</w:t></w:r></w:p>".encode() * (2**20 // 50)
    data = _raw_docx(f"<w:document {_W}><w:body>".encode() + body + b"</w:body></w:document>")
    assert len(data) < 20_000
    with pytest.raises(InputError, match="MB of XML") as error:
        docx_to_text(data, "bomb.docx")
    assert one_line(error).startswith("bomb.docx: ")


def test_docx_with_more_paragraphs_than_the_budget_is_refused(monkeypatch):
    monkeypatch.setattr(docx_reader, "_MAX_PARAGRAPHS", 100)
    with pytest.raises(InputError, match="has 101 paragraphs"):
        docx_to_text(make_docx(para("推进依法行政。") * 101), "t.docx")
    assert docx_to_text(make_docx(para("推进依法行政。") * 100), "t.docx").count("\n") == 100


# ---------------------------------------------------------------- .pdf (F05)


def _pdf(objects: list[bytes]) -> bytes:
    return pdf_from_objects(objects)


def _stream(content: bytes, head: bytes = b"") -> bytes:
    return b"<< %s /Length %d >>\nstream\n" % (head, len(content)) + content + b"\nendstream"


def _one_page(resources: bytes, content: bytes, *more: bytes) -> bytes:
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s /Contents 4 0 R >>" % resources,
                 _stream(content), b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", *more])


_TEXT = b"BT /F1 12 Tf 72 720 Td (1. Measure of the plan, long enough to count as text) Tj ET"


def test_pdf_text_is_read_through_the_budgeted_reader():
    assert pdf_to_text(_one_page(b"<< /Font << /F1 5 0 R >> >>", _TEXT), "t.pdf").startswith("1. Measure")


def test_pdf_reference_loop_is_refused_at_once():
    data = _one_page(b"6 0 R", _TEXT, b"7 0 R", b"6 0 R")  # /Resources → 6 → 7 → 6 …
    started = time.perf_counter()
    with pytest.raises(InputError, match="reference that leads back to itself") as error:
        pdf_to_text(data, "loop.pdf")
    assert one_line(error).startswith("loop.pdf: ") and time.perf_counter() - started < 1


def test_pdf_form_that_draws_itself_is_read_once():
    form = _stream(b"/X Do", b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X 6 0 R >> >>")
    data = _one_page(b"<< /Font << /F1 5 0 R >> /XObject << /X 6 0 R >> >>", _TEXT + b" /X Do", form)
    assert pdf_to_text(data, "self.pdf").startswith("1. Measure")  # pdfminer refuses the circular form itself


def test_pdf_forms_that_multiply_their_work_hit_the_budget(monkeypatch):
    from planparse.formats import pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "_MAX_OPERATIONS", 10_000)
    # Form n draws form n+1 twice: 2^20 figures from a file of a few hundred bytes.
    forms = [_stream(b"/N Do /N Do", b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject "
                     b"<< /N %d 0 R >> >>" % (7 + level)) for level in range(20)]
    forms.append(_stream(_TEXT, b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /Font << /F1 5 0 R >> >>"))
    data = _one_page(b"<< /XObject << /N 6 0 R >> >>", b"/N Do", *forms)
    started = time.perf_counter()
    with pytest.raises(InputError, match="draw more than 10,000"):
        pdf_to_text(data, "laughs.pdf")
    assert time.perf_counter() - started < 5


# ---------------------------------------------------------------- YAML (F14)

_HEAD = ("schema_name: planparse/plan\nschema_version: 1\n"
         "source: {file: x.txt, sha256: '0', encoding: utf-8}\nmeta: {}\n")


def _schema_bomb(fan: int) -> str:
    """Aliases that expand along chapters → sections → measures → items: fan**4 objects from about 1 KB."""
    def level(depth: int) -> str:
        name = "csmi"[depth]
        if depth == 3:
            first = "&i {marker: '①', text: 推进依法行政, lines: [1, 1]}"
        else:
            key = ("sections", "measures", "items")[depth]
            extra = ", number: 1, text: 推进依法行政。" if depth == 2 else ""
            first = f"&{name} {{lines: [1, 1]{extra}, {key}: {level(depth + 1)}}}"
        return "[" + ", ".join([first] + [f"*{name}"] * (fan - 1)) + "]"
    return _HEAD + f"chapters: {level(0)}\n"


def test_yaml_alias_bomb_is_refused_at_once():
    from planparse.errors import SchemaError
    from planparse.yamlio import loads_plan

    text = _schema_bomb(50)
    assert len(text) < 1500
    started = time.perf_counter()
    with pytest.raises(SchemaError, match=r"bomb.yaml:5: refused: the YAML repeats a node through an alias") as error:
        loads_plan(text, "bomb.yaml")
    assert one_line(error) and time.perf_counter() - started < 1


def test_yaml_anchor_without_alias_and_repeated_scalars_load():
    from planparse.yamlio import loads_plan

    text = _HEAD + "chapters:\n- &c {lines: [1, 1], title: 总体要求}\n- {lines: [2, 2], title: 总体要求}\n"
    assert [chapter.title for chapter in loads_plan(text).chapters] == ["总体要求", "总体要求"]


# ---------------------------------------------------------------- unbounded inputs, paths (F06, F07, F12, F15)


def test_stream_that_never_ends_is_read_up_to_the_cap(monkeypatch, tmp_path):
    import os
    import threading

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    monkeypatch.setattr(extract_module, "MAX_INPUT_BYTES", 4096)
    fifo = tmp_path / "endless"
    os.mkfifo(fifo)
    done = threading.Event()

    def write_forever():
        try:
            with open(fifo, "wb") as out:
                while not done.is_set():
                    out.write("1.推进依法行政。\n".encode() * 64)
                    out.flush()
        except BrokenPipeError:  # the reader stopped at the cap and closed its end
            pass

    writer = threading.Thread(target=write_forever, daemon=True)
    writer.start()
    try:
        with pytest.raises(InputError, match="is larger than 0 MB") as error:
            extract_module.extract(str(fifo))
        assert one_line(error).startswith(f"{fifo}: ")
    finally:
        done.set()
    writer.join(5)


@pytest.mark.skipif(not __import__("os").path.exists("/dev/zero"), reason="no /dev/zero here")
def test_device_without_a_size_is_read_up_to_the_cap(monkeypatch):
    monkeypatch.setattr(extract_module, "MAX_INPUT_BYTES", 4096)
    with pytest.raises(InputError, match="/dev/zero: is larger than"):
        extract_module.extract("/dev/zero")


def test_stdin_over_the_cap_is_refused_not_cut(monkeypatch):
    import sys
    import types

    monkeypatch.setattr(extract_module, "MAX_INPUT_BYTES", 4096)
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=None))
    sys.stdin.buffer = io.BytesIO((b"a" * 999 + b"\n") * 5)
    with pytest.raises(InputError, match="<stdin>: is larger than"):
        extract_module.extract("-")
    sys.stdin.buffer = io.BytesIO((b"a" * 999 + b"\n") * 4)  # exactly the cap: read
    assert extract_module.extract("-").source.file == "<stdin>"


def test_a_str_is_a_path_even_with_a_newline(tmp_path):
    from planparse import extract, extract_text

    path = tmp_path / "plan\nv2.txt"
    path.write_text("一、总体要求\n1.推进依法行政。\n", encoding="utf-8")
    plan = extract(str(path))
    assert plan.source.file == str(path) and plan.chapters[0].measures[0].text == "推进依法行政。"
    with pytest.raises(InputError, match="no such file; check the path; a plan's text is extracted with extract_text"):
        extract("一、总体要求\n1.推进依法行政。\n")
    assert extract_text("一、总体要求\n1.推进依法行政。\n").chapters[0].measures[0].text == "推进依法行政。"


@pytest.mark.skipif(__import__("sys").platform in ("win32", "darwin"), reason="file names there are always Unicode")
def test_file_name_that_is_not_utf8_is_shown_with_escapes(tmp_path):
    import os

    from planparse import dumps, extract

    name = os.fsencode(tmp_path) + b"/plan\xff.txt"
    with open(name, "wb") as out:
        out.write("一、总体要求\n1.推进依法行政。\n".encode())
    plan = extract(os.fsdecode(name))
    assert plan.source.file.endswith("plan\\xff.txt")
    dumps(plan).encode("utf-8")  # no lone surrogate left for any output to choke on
    with pytest.raises(InputError) as error:
        extract(os.fsdecode(name) + ".missing")
    assert "plan\\xff.txt.missing: no such file" in one_line(error)


# ---------------------------------------------------------------- diff/compare memory (F21)


def _look_alike_measures(count: int):
    from planparse import extract_text
    from planparse.align.units import MeasureUnits

    text = "一、总体要求\n" + "".join(f"{i % 999 + 1}.推进第{i}项依法行政工作。\n" for i in range(count))
    return MeasureUnits.of(list(extract_text(text).iter_measures()))


def _peak_bytes(function) -> int:
    import tracemalloc

    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_scoring_memory_grows_with_measures_not_their_square(monkeypatch):
    from planparse.align import scoring

    monkeypatch.setattr(scoring, "BLOCK_CELLS", 100_000)  # blocks of a few hundred units, as for huge plans
    small, large = _look_alike_measures(600), _look_alike_measures(1200)
    scores = next(scoring.score_plans(large, [large], keep_detail=True))
    assert len(scores.template) < 2 * 1200  # pairs, not a 1200 × 1200 matrix
    peaks = [_peak_bytes(lambda units=units: next(scoring.score_plans(units, [units], keep_detail=True)))
             for units in (small, large)]
    assert peaks[1] < 3 * peaks[0], peaks  # twice the measures: about twice the memory (dense: four times)


def test_scores_do_not_depend_on_the_block_size(monkeypatch):
    from planparse.align import scoring
    from planparse.align.units import MeasureUnits

    from .conftest import plan_of

    template = MeasureUnits.of(list(plan_of("nanyang-2022").iter_measures()))
    plans = [MeasureUnits.of(list(plan_of(name).iter_measures()))
             for name in ("baofeng-2022-draft", "nanyang-2025-web")]
    whole = [next(scoring.score_plans(template, [plan], keep_detail=True)) for plan in plans]
    monkeypatch.setattr(scoring, "BLOCK_CELLS", 1)  # one local unit per block
    for a, plan in zip(whole, plans):
        b = next(scoring.score_plans(template, [plan], keep_detail=True))
        for field in ("template", "local", "local_share", "template_share", "clause_share", "best_template_sentence",
                      "best_similarity"):
            assert (getattr(a, field) == getattr(b, field)).all(), field
