"""Which file format a plan arrives in, told from its bytes; the readers that turn .docx and .pdf into text.

The readers live in `formats.docx` and `formats.pdf` and import their libraries only when called, so
reading a .txt never pays for python-docx or pdfminer.
"""

from __future__ import annotations

import io
import struct
import zipfile

# Entries that tell the Office Open XML kinds apart (`word/document.xml` for a .docx, and so on).
_OOXML_MAIN_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}
_ZIP_LOCAL_HEADER = b"PK\x03\x04"


def sniff(data: bytes) -> str:
    """"docx", "xlsx", "pptx", "zip", "pdf" or "text", from the content (never the file name)."""
    if data.startswith(_ZIP_LOCAL_HEADER):
        return _zip_kind(data)
    if data[:1024].lstrip(b"\x00\t\r\n\f ").startswith(b"%PDF-") or data.startswith(b"%PDF"):
        return "pdf"
    return "text"


def _zip_kind(data: bytes) -> str:
    names = _zip_names(data)
    for name, kind in _OOXML_MAIN_PARTS.items():
        if name in names:
            return kind
    return "zip"


def _zip_names(data: bytes) -> set[str]:
    """Entry names from the central directory, or from the local headers of a truncated archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, EOFError, ValueError, OSError):
        pass
    # A truncated download has lost its central directory, but each entry starts with its own header:
    # PK\3\4, 22 bytes of fields, name length (2 bytes) at offset 26, extra length at 28, name at 30.
    names: set[str] = set()
    at = 0
    while (at := data.find(_ZIP_LOCAL_HEADER, at)) != -1 and len(names) < 10_000:
        if at + 30 <= len(data):
            name_length, _ = struct.unpack_from("<HH", data, at + 26)
            names.add(data[at + 30:at + 30 + name_length].decode("utf-8", errors="replace"))
        at += 4
    return names
