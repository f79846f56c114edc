"""Decoding: every common encoding extracts; everything else stops with one line naming the file."""

from __future__ import annotations

import codecs

import pytest

from planparse.decode import decode_bytes
from planparse.errors import InputError

from .conftest import RAW

SAMPLE = (RAW / "nanyang-2022.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("data", "encoding", "method"),
    [
        (SAMPLE.encode("utf-8"), "utf-8", "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig", "bom"),
        (SAMPLE.encode("gb18030"), "gb18030", "gb18030"),
        (SAMPLE.encode("gbk"), "gb18030", "gb18030"),
        (SAMPLE.encode("utf-16"), "utf-16", "bom"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le", "utf-16-heuristic"),
        (SAMPLE.encode("utf-16-be"), "utf-16-be", "utf-16-heuristic"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16-bom", "utf16le", "utf16be"],
)
def test_whole_plans_decode_in_every_common_encoding(data, encoding, method):
    decoded = decode_bytes(data, "plan.txt")
    assert decoded.text.replace("\r\n", "\n") == SAMPLE
    assert (decoded.encoding, decoded.method) == (encoding, method)


def test_short_gbk_text_is_not_misread_as_big5():
    # ../shared/NOTES.md: detectors read short GBK snippets such as this date as big5/cp949; strict GB18030 comes first.
    assert decode_bytes("2022年5月25日\n".encode("gbk"), "x.txt").text == "2022年5月25日\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\n \t\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "save it as .docx"),
        (b"{\\rtf1\\ansi\\ansicpg936 ", "save it as .docx"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"abc\x00\x01\x02\x03def" * 10, "binary file"),
    ],
    ids=["empty", "blank", "png", "old-office-doc", "rtf", "jpeg", "nul-bytes"],
)
def test_unreadable_input_is_refused_in_one_line(data, message):
    with pytest.raises(InputError) as raised:
        decode_bytes(data, "data/raw/bad.txt")
    text = str(raised.value)
    assert text.startswith("data/raw/bad.txt") and message in text and "\n" not in text


def test_undecodable_bytes_in_the_middle_name_the_line():
    data = SAMPLE.encode("utf-8")
    at = data.index("二、主要举措".encode())
    damaged = data[:at] + b"\xff\xfe\xfa" + data[at:]
    with pytest.raises(InputError) as raised:
        decode_bytes(damaged, "plan.txt")
    line = SAMPLE[: SAMPLE.index("二、主要举措")].count("\n") + 1
    assert str(raised.value).startswith(f"plan.txt:{line}: col 1: bytes") and "re-save it as UTF-8" in str(raised.value)
