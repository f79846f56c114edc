"""Resource limits of the readers (issue 14, part B): crafted .docx, .pdf and YAML files and unbounded
inputs end in output or one InputError/SchemaError line, fast; each input is built here in a few lines."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from planparse.errors import InputError
from planparse.formats import docx as docx_reader
from planparse.formats.docx import docx_to_text, format_number

from .test_formats import abstract, make_docx, num, para

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
