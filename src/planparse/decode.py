"""Bytes → text: BOM, strict UTF-8, UTF-16, strict GB18030, a detector only as the last resort.

Never decodes with errors="ignore": bytes that do not decode are a finding, reported with their line.
Files that are neither plain text nor a format planparse reads (images, old Office files, RTF) are
recognised by their first bytes and refused with a message that says what they are and what to do.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .errors import InputError
from .patterns import lazy_pattern


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    method: str  # "bom", "utf-8", "utf-16-heuristic", "gb18030", "detector"


# First bytes of formats people pass by mistake, with what to do instead. PDF and ZIP (.docx) files never
# get here: formats.sniff sends them to their readers first.
_MAGIC = [
    (b"\x89PNG", "a PNG image, not a plan text; planparse cannot read scans: run OCR and extract the .txt"),
    (b"\xff\xd8\xff", "a JPEG image, not a plan text; planparse cannot read scans: run OCR and extract the .txt"),
    (b"GIF8", "a GIF image, not a plan text"),
    (b"II*\x00", "a TIFF image, not a plan text; run OCR and extract the .txt"),
    (b"MM\x00*", "a TIFF image, not a plan text; run OCR and extract the .txt"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (.doc/.xls); save it as .docx (or plain text) and extract that"),
    (b"{\\rtf", "an RTF document; save it as .docx (or plain text) and extract that"),
]

# A UTF-8 text with a few broken bytes is a damaged UTF-8 file, not a GB18030 one: below this share of
# bad sequences we report where the damage is instead of guessing another encoding.
_DAMAGED_UTF8_SHARE = 0.01


def decode_bytes(data: bytes, path: str = "<stdin>") -> Decoded:
    if not data.strip():
        raise InputError("the file is empty; nothing to extract", path=path)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"this is {what}", path=path)

    if data.startswith(codecs.BOM_UTF8):
        return Decoded(_strict(data[3:], "utf-8", path), "utf-8-sig", "bom")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(_strict(data, "utf-16", path), "utf-16", "bom")

    utf16 = _utf16_without_bom(data)
    if utf16:
        return Decoded(_strict(data, utf16, path), utf16, "utf-16-heuristic")
    if b"\x00" in data:
        raise InputError("this is a binary file (it contains NUL bytes), not a plan text", path=path)

    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    if bad <= max(2, len(replaced) * _DAMAGED_UTF8_SHARE) and len(replaced) > 200:
        raise _undecodable(data, utf8_error, "utf-8", path)

    try:
        return Decoded(data.decode("gb18030"), "gb18030", "gb18030")
    except UnicodeDecodeError:
        pass
    return _detect(data, utf8_error, path)


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise _undecodable(data, error, encoding, path) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes, and one byte order that decodes to Chinese and ASCII text."""
    sample = data[:4000]
    if b"\x00" not in sample or len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        plausible = sum(ch.isascii() or "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"
                        or "\u2000" <= ch <= "\u206f" for ch in text)
        # A wrong byte order turns `\n` into U+0A00, so a real text shows its newlines.
        if plausible >= 0.95 * len(text) and ("\n" in text or len(text) < 80):
            return encoding
    return None


# Line breaks as an editor counts them (\r\n, \r, \n), in the bytes of an encoding that keeps ASCII bytes
# ASCII (UTF-8, GB18030: no byte of a multi-byte character is 0x0A or 0x0D).
_LINE_BREAK = lazy_pattern(r"\r\n|\r|\n")
_LINE_BREAK_BYTES = re.compile(rb"\r\n|\r|\n")


def _undecodable(data: bytes, error: UnicodeDecodeError, encoding: str, path: str) -> InputError:
    line, column = _position(data, error.start, encoding)
    return InputError(
        f"col {column}: bytes {data[error.start:error.start + 4]!r} are not valid {encoding}; "
        "the file is damaged or mixes encodings: re-save it as UTF-8",
        path=path,
        line=line,
    )


def _position(data: bytes, offset: int, encoding: str) -> tuple[int, int]:
    """Line and column of a byte offset as an editor shows them. UTF-16 is counted in its decoded text (上 is
    the bytes 0A 4E: a 0x0A byte inside a character is no line break); UTF-8 and GB18030 in bytes."""
    if encoding.startswith("utf-16"):
        before = data[:offset - offset % 2].decode(encoding, errors="replace")
        breaks = list(_LINE_BREAK.finditer(before))
        return len(breaks) + 1, len(before) - (breaks[-1].end() if breaks else 0) + 1
    byte_breaks = list(_LINE_BREAK_BYTES.finditer(data, 0, offset))
    return len(byte_breaks) + 1, offset - (byte_breaks[-1].end() if byte_breaks else 0) + 1


def _detect(data: bytes, utf8_error: UnicodeDecodeError, path: str) -> Decoded:
    from charset_normalizer import from_bytes  # imported only for files no strict decoder accepts

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError("this is not a text file in any encoding planparse knows (UTF-8, UTF-16, GB18030)", path=path)
    if best.encoding.startswith(("utf_8", "utf-8")):
        raise _undecodable(data, utf8_error, "utf-8", path)
    text = str(best)
    if _cjk_share(text) < 0.2:
        raise InputError(f"decodes only as {best.encoding}, with almost no Chinese text: not a plan text", path=path)
    return Decoded(text, best.encoding, "detector")


def _cjk_share(text: str) -> float:
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return 0.0
    return sum("\u4e00" <= ch <= "\u9fff" for ch in visible) / len(visible)
