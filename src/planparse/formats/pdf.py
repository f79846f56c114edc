"""PDF → plain text from its text layer, page by page, without running headers, footers and page numbers.

pdfminer.six reads the text layer (it ships Adobe's Chinese CMaps, so CID fonts without a ToUnicode
map still decode); lines are put in reading order by their position on the page. Pages are separated by
a `---` line; lines the layout wrapped are left for the text pipeline to join. A PDF whose pages are
images (a scan) is refused with what to do, never returned as an empty plan.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass

from ..errors import InputError
from ..extras import require
from ..patterns import lazy_pattern

PAGE_SEPARATOR = "---"
# Fewer visible characters than this on a page: it has no text layer (a scan, or a picture of a page).
MIN_CHARS_PER_PAGE = 20
# Running headers and footers are short; a long line repeated at a page edge is content.
_FURNITURE_MAX_CHARS = 40
# How many lines at the top and at the bottom of a page can be headers, footers or page numbers.
_EDGE_LINES = 2
# A page number stands in the outer fifth of the page.
_EDGE_SHARE = 0.2
# Glyphs that decode only as `(cid:123)`: above this share the text layer is unreadable.
_MAX_CID_SHARE = 0.05

# Page numbers: `— 12 —`, `- 3 -`, `·3·`, `12`, `第 3 页`, `第3页 共10页`, `3 / 10`, `Page 3 of 10`.
_PAGE_NUMBER = lazy_pattern(
    r"^(?:[—\-－–~·•\s]*\d{1,4}[—\-－–~·•\s]*"
    r"|第\s*\d{1,4}\s*页\s*[，,]?\s*(?:共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[，,]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?i:page)\s*\d{1,4}(?:\s*(?i:of)\s*\d{1,4})?)$"
)
_CID = lazy_pattern(r"\(cid:\d+\)")
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
# Letter-spaced Chinese (justified text) comes out as `为 全 面 推 进`: the spaces are layout, not content.
_SPACE_IN_CJK = lazy_pattern(rf"(?<=[{_CJK}])[ \u00a0]+(?=[{_CJK}])")
_DIGITS = lazy_pattern(r"\d+")


@dataclass(frozen=True)
class _Line:
    text: str
    top: float  # distance from the top of the page, as a share of its height (0 = top edge)


@dataclass
class _Page:
    lines: list[_Line]
    chars: int  # visible characters of the text layer
    glyphs: int  # characters that decode only as `(cid:N)`
    has_images: bool


def pdf_to_text(data: bytes, path: str) -> str:
    """The text layer, pages separated by `---`; InputError for scans and damaged or locked files."""
    require("pdfminer", "pdf", "reading a PDF", path=path)
    if b"%%EOF" not in data[-65536:]:
        raise InputError("is a truncated PDF (it has no end-of-file marker); download or export it again",
                         path=path)
    pages = _read_pages(data, path)
    _refuse_without_text(pages, path)
    furniture = _running_lines(pages)
    texts = ["\n".join(_body_lines(page, furniture)) for page in pages]
    return f"\n{PAGE_SEPARATOR}\n".join(text for text in texts if text) + "\n"


def _read_pages(data: bytes, path: str) -> list[_Page]:
    _quiet_pdfminer()
    layouts = _layouts(data)
    pages: list[_Page] = []
    while True:
        try:
            layout = next(layouts, None)
        except _OverBudget as reason:
            raise InputError(f"is a damaged or crafted PDF: {reason}; export or download it again, or pass the "
                             "plan as .txt", path=path) from None
        except Exception as error:
            raise _unreadable(error, path) from None
        if layout is None:
            return pages
        if len(pages) == _MAX_PAGES:
            raise InputError(f"has more than {_MAX_PAGES} pages, more than any plan; split it or pass the plan "
                             "as .txt", path=path)
        pages.append(_page(layout))


# The PDF reader's budget. pdfminer follows whatever a file says: a reference that leads back to itself
# never resolves, and form XObjects that draw each other twice over (a PDF "billion laughs") multiply
# the work beyond any clock. Real plans stay far below these.
_MAX_PAGES = 5000
_MAX_REFERENCE_CHAIN = 32  # `6 0 obj 7 0 R endobj`: an object that is only a reference to another
_MAX_OPERATIONS = 3_000_000  # glyphs shown, paths painted, images and figures drawn, over the whole file


class _OverBudget(Exception):
    """The file asks for more work than any plan; the message says what."""


def _layouts(data: bytes):
    """pdfminer's extract_pages, with a document that refuses reference loops and a device that counts work."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFObjRef

    class Document(PDFDocument):
        def getobj(self, objid: int) -> object:
            found, seen = super().getobj(objid), [objid]
            while isinstance(found, PDFObjRef):  # pdfminer's resolve1 would follow this chain forever
                if found.objid in seen or len(seen) > _MAX_REFERENCE_CHAIN:
                    raise _OverBudget(f"object {objid} is a reference that leads back to itself")
                seen.append(found.objid)
                found = super().getobj(found.objid)
            return found

    operations = 0

    def count() -> None:
        nonlocal operations
        operations += 1
        if operations > _MAX_OPERATIONS:
            raise _OverBudget(f"its pages draw more than {_MAX_OPERATIONS:,} glyphs, paths and figures")

    class Aggregator(PDFPageAggregator):
        def render_char(self, *arguments, **options):
            count()
            return super().render_char(*arguments, **options)

        def paint_path(self, *arguments, **options):
            count()
            return super().paint_path(*arguments, **options)

        def begin_figure(self, *arguments, **options):
            count()
            return super().begin_figure(*arguments, **options)

        def render_image(self, *arguments, **options):
            count()
            return super().render_image(*arguments, **options)

    parser = PDFParser(io.BytesIO(data))
    document = Document(parser)
    resources = PDFResourceManager(caching=True)
    # all_texts: some producers put a whole page inside a form XObject, whose text is otherwise skipped.
    device = Aggregator(resources, laparams=LAParams(all_texts=True))
    interpreter = PDFPageInterpreter(resources, device)
    for page in PDFPage.create_pages(document):
        interpreter.process_page(page)
        yield device.get_result()


def _unreadable(error: Exception, path: str) -> InputError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if isinstance(error, PDFPasswordIncorrect):
        return InputError("is a password-protected PDF; open it with the password, save an unprotected copy "
                          "and extract that", path=path)
    if isinstance(error, PDFEncryptionError):
        return InputError(f"is encrypted in a way planparse cannot read ({error}); save an unprotected copy",
                          path=path)
    # A damaged PDF makes pdfminer's parser raise almost anything (PSEOF, KeyError, TypeError …).
    reason = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
    return InputError(f"is a damaged PDF that cannot be read ({reason}); export or download it again", path=path)


def _quiet_pdfminer() -> None:
    """pdfminer logs warnings about harmless oddities; without a handler Python would print them on stderr."""
    logger = logging.getLogger("pdfminer")
    if not any(isinstance(handler, logging.NullHandler) for handler in logger.handlers):
        logger.addHandler(logging.NullHandler())


def _page(layout) -> _Page:
    from pdfminer.layout import LTImage, LTTextLineHorizontal

    height = (layout.y1 - layout.y0) or 1.0
    fragments, has_images = [], False

    def walk(item) -> None:
        nonlocal has_images
        if isinstance(item, LTTextLineHorizontal):
            fragments.append(item)
            return
        if isinstance(item, LTImage):
            has_images = True
        if hasattr(item, "__iter__"):  # text boxes, figures (form XObjects) and their contents
            for child in item:
                walk(child)

    for item in layout:
        walk(item)
    lines = _rows(fragments, layout.y1, height)
    chars = sum(len(re.sub(r"\s", "", _CID.sub("", line.text))) for line in lines)
    glyphs = sum(len(_CID.findall(line.text)) for line in lines)
    return _Page(lines, chars, glyphs, has_images)


def _rows(fragments, page_top: float, height: float) -> list[_Line]:
    """Text lines top to bottom; pieces of one visual line (split by wide gaps) joined with a space."""
    fragments = sorted(fragments, key=lambda f: (-f.y1, f.x0))
    rows: list[list] = []
    for fragment in fragments:
        middle = (fragment.y0 + fragment.y1) / 2
        if rows and rows[-1][0].y0 <= middle <= rows[-1][0].y1:
            rows[-1].append(fragment)
        else:
            rows.append([fragment])
    lines = []
    for row in rows:
        text = " ".join(_clean(f.get_text()) for f in sorted(row, key=lambda f: f.x0))
        text = _SPACE_IN_CJK.sub("", text).strip()
        if text:
            lines.append(_Line(text, (page_top - max(f.y1 for f in row)) / height))
    return lines


def _clean(text: str) -> str:
    return " ".join(text.split())


def _refuse_without_text(pages: list[_Page], path: str) -> None:
    if not pages:
        raise InputError("is a PDF with no pages; nothing to extract", path=path)
    glyphs, chars = sum(page.glyphs for page in pages), sum(page.chars for page in pages)
    if glyphs > _MAX_CID_SHARE * (glyphs + chars):
        raise InputError("is a PDF whose fonts have no character map: its text comes out as glyph numbers; "
                         "run OCR (e.g. `ocrmypdf --force-ocr in.pdf out.pdf`) or pass the plan as .txt",
                         path=path)
    blank = [page for page in pages if page.chars < MIN_CHARS_PER_PAGE]
    if len(blank) * 2 > len(pages):
        what = "its pages are images" if any(page.has_images for page in blank) else "its pages carry no text"
        raise InputError(f"is a scanned PDF with no text layer ({len(blank)} of {len(pages)} pages: {what}); "
                         "run OCR (e.g. `ocrmypdf in.pdf out.pdf`) and extract the result, or pass the plan as .txt",
                         path=path)


def _running_lines(pages: list[_Page]) -> set[str]:
    """Short lines repeated at the top (or at the bottom) of most pages and never inside a page's body:
    running headers and footers. A repeated body line (`参加单位：各乡镇…`) also shows up mid-page."""
    if len(pages) < 2:
        return set()
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    middle: set[str] = set()
    for page in pages:
        head, body, foot = _split_edges(page.lines)
        top.update({_shape(line.text) for line in head if len(line.text) <= _FURNITURE_MAX_CHARS})
        bottom.update({_shape(line.text) for line in foot if len(line.text) <= _FURNITURE_MAX_CHARS})
        middle.update(_shape(line.text) for line in body)
    needed = max(2, (len(pages) + 1) // 2)
    return {shape for counts in (top, bottom) for shape, count in counts.items()
            if count >= needed and shape not in middle}


def _split_edges(lines: list[_Line]) -> tuple[list[_Line], list[_Line], list[_Line]]:
    """The lines that can be a header, the body, and the lines that can be a footer of a page."""
    head = lines[:_EDGE_LINES]
    foot = lines[max(len(head), len(lines) - _EDGE_LINES):]
    return head, lines[len(head):len(lines) - len(foot)], foot


def _shape(text: str) -> str:
    """A header compared across pages: without spaces, every number the same (`第3期` ~ `第4期`)."""
    return _DIGITS.sub("#", re.sub(r"\s", "", text))


def _body_lines(page: _Page, furniture: set[str]) -> list[str]:
    head, _, foot = _split_edges(page.lines)
    edge_ids = {id(line) for line in head + foot}
    kept = []
    for line in page.lines:
        if id(line) in edge_ids and (_shape(line.text) in furniture or _is_page_number(line)):
            continue
        kept.append(_CID.sub("\ufffd", line.text))
    return kept


def _is_page_number(line: _Line) -> bool:
    at_edge = line.top <= _EDGE_SHARE or line.top >= 1 - _EDGE_SHARE
    return at_edge and bool(_PAGE_NUMBER.match(line.text))
