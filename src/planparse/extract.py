"""The extraction pipeline, and the only place that knows the order of its steps:
bytes → decode → normalise → markers → frame → outline → fields → Plan."""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .assemble import chapter_from, measure_from, section_from
from .collector import paused as collector_paused
from .decode import decode_bytes
from .errors import InputError, printable_path
from .fields.deadlines import default_deadline
from .formats import sniff
from .meta import build_meta
from .models import Block, Chapter, ExtractionWarning, Measure, Plan, Section, Source
from .normalize import Line, editor_lines, normalize
from .numbering import numbering_warnings
from .outline.annex import Annex, annex_start, split_annexes
from .outline.builder import build_outline
from .outline.frame import Frame, body_start, split_frame
from .outline.layout import read_layout
from .outline.markers import match_line
from .outline.tree import join_lines
from .script import restore, simplify

# Warn when one measure is this many times longer than the median one (a missed marker, usually).
_LONG_MEASURE_FACTOR = 6
# Text files larger than this are refused: no plan is that long, and it keeps memory bounded.
MAX_INPUT_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class SourceText:
    """A plan's text as read from its source (decoded, or rendered from .docx/.pdf), and where it came from."""

    text: str
    file: str
    sha256: str
    encoding: str
    encoding_method: str
    format: str


def read_source(source: str | os.PathLike | bytes, *, name: str | None = None) -> SourceText:
    """Read and decode a path (`-` for stdin) or raw bytes. Text is not read but given to extract_text."""
    data, file_name = _read(source, name)
    kind = sniff(data)  # by content, not by the file's extension
    # The .docx and .pdf readers are imported when such a file comes: a .txt never pays for them (~15 ms).
    if kind == "docx":
        from .formats.docx import docx_to_text

        text, encoding, method = docx_to_text(data, file_name), "utf-8", "docx"
    elif kind == "pdf":
        from .formats.pdf import pdf_to_text

        text, encoding, method = pdf_to_text(data, file_name), "utf-8", "pdf-text-layer"
    elif kind in ("xlsx", "pptx", "zip"):
        raise InputError(f"is a {kind} file, not a plan text; save the plan as .docx, .pdf or .txt and extract that",
                         path=file_name)
    else:
        decoded = decode_bytes(data, file_name)
        text, encoding, method = decoded.text, decoded.encoding, decoded.method
    return SourceText(text, file_name, hashlib.sha256(data).hexdigest(), encoding, method, kind)


def extract(source: str | os.PathLike | bytes, *, name: str | None = None, lean: bool = False,
            warnings: bool = True) -> Plan:
    """Extract a Plan from a path (`-` for stdin) or from raw bytes. A str is always a path, whatever it
    holds (a file name may contain a newline); a plan's text is extracted with extract_text.

    `lean`: only what alignment reads (the measures' numbers and text, the headings, the plan's meta):
    measures written as prose and sections get no fields (units, deadlines, targets, citations, tasks,
    items), and the plan no default deadline and no numbering or structure warnings. `compare` reads its
    local plans so; such a plan is not one to write out. `warnings=False`: every field, but no numbering or
    structure warnings (`diff` reports none: finding the 3,001 slips of 4,000 measures numbered 1–999 over
    and over took 0.03 s)."""
    return extract_source(read_source(source, name=name), lean=lean, warnings=warnings)


def extract_source(source: SourceText, *, lean: bool = False, warnings: bool = True) -> Plan:
    return extract_text(source.text, file=source.file, sha256=source.sha256, encoding=source.encoding,
                        encoding_method=source.encoding_method, format=source.format, lean=lean, warnings=warnings)


def extract_text(text: str, *, file: str = "<text>", sha256: str | None = None, encoding: str = "utf-8",
                 encoding_method: str = "utf-8", format: str = "text", lean: bool = False,
                 warnings: bool = True) -> Plan:
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    text, back_to_source = simplify(text)
    with collector_paused():  # (a fifth of extraction's time, measured)
        plan = _extract_simplified(text, file=file, sha256=sha256, encoding=encoding,
                                   encoding_method=encoding_method, format=format, lean=lean, warnings=warnings)
    if back_to_source:
        # A traditional copy was read in simplified characters: its text is given back as written.
        plan = Plan.model_validate(restore(plan.model_dump(), back_to_source))
        plan.warnings.append(ExtractionWarning(
            code="traditional-script",
            message="read as a traditional-character copy (matched in simplified characters, kept as written)"))
    return plan


def _extract_simplified(text: str, *, file: str, sha256: str, encoding: str, encoding_method: str,
                        format: str, lean: bool, warnings: bool) -> Plan:
    lines, dropped = normalize(text)
    markers = [match_line(line) for line in lines]
    lines, markers, more_dropped = read_layout(lines, markers)
    dropped += more_dropped
    lines, markers, annexes = _split_off_annexes(lines, markers)
    frame = split_frame(lines, markers)
    start = len(frame.notice) + len(frame.title) + len(frame.preamble)
    outline = build_outline(frame.body, markers[start:start + len(frame.body)])
    dropped = sorted(dropped + outline.dropped, key=lambda d: d.lines)
    body_kinds = {m.rule for m in markers if m is not None}
    source_lines = editor_lines(text)
    meta = build_meta(frame, dropped, body_kinds, source_lines)
    # A plan for one year (2025年…工作要点) dates its yearless deadlines (`4月底前`) in that year.
    year = meta.period.start if meta.period and meta.period.start and meta.period.start == meta.period.end else None
    annex_parts = [_annex_part(annex, year, fields=not lean) for annex in annexes]
    chapters = [chapter_from(node, year, fields=not lean) for node in outline.chapters] \
        + [p for p in annex_parts if isinstance(p, Chapter)]
    closing_text = join_lines([(line, line.text) for line in frame.closing])
    plan = Plan(
        source=Source(file=file, sha256=sha256, encoding=encoding, encoding_method=encoding_method, format=format),
        meta=meta,
        default_deadline=default_deadline(closing_text) if closing_text and not lean else None,
        front_matter=_blocks(frame, ("notice", "title", "preamble")),
        chapters=chapters,
        back_matter=sorted(_blocks(frame, ("closing", "attachments", "signature", "distribution")),
                           key=lambda block: block.lines) + [p for p in annex_parts if isinstance(p, Block)],
        dropped=dropped,
        warnings=outline.warnings,
    )
    if warnings and not lean:
        plan.warnings.extend(_structure_warnings(plan))
        plan.warnings.extend(numbering_warnings(plan, source_lines))
    return plan


def _split_off_annexes(lines: list[Line], markers: list) -> tuple[list[Line], list, list[Annex]]:
    """Annexes after the body become annex parts. They are looked for only once the body has begun, so a
    notice that transmits its plan as 附件1 (nothing numbered before it) reads that annex as the plan."""
    start = annex_start(lines, body_start(markers))
    if start is None:
        return lines, markers, []
    return lines[:start], markers[:start], split_annexes(lines, markers, start)


def _annex_part(annex: Annex, year: int | None, *, fields: bool) -> Chapter | Block:
    """A task table's rows are the measures of an annex chapter; any other annex is back matter."""
    found_title_in_heading = annex.heading.text.endswith(annex.title) and annex.title
    marker = annex.heading.text[:-len(annex.title)] if found_title_in_heading else annex.heading.text
    lines = annex.lines[1:] if annex.title and not found_title_in_heading else annex.lines
    markers = annex.markers[len(annex.markers) - len(lines):]
    sections: list[Section] = []
    measures: list[Measure] = []
    text_lines = lines
    if any(line.cells and line.roles for line in lines):  # a task table: its rows are measures
        outline = build_outline(lines, markers)
        text_lines = [line for chapter in outline.chapters if chapter.marker is None for line in chapter.body]
        for chapter in outline.chapters:
            if chapter.marker is not None:  # a group row (`一、…`) spanning the table
                chapter.kind = "section"
                sections.append(section_from(chapter, year, fields=fields))
                continue
            for child in chapter.children:
                if child.kind == "section":
                    sections.append(section_from(child, year, fields=fields))
                else:
                    measures.append(measure_from(child, year, fields=fields))
    last = max([annex.heading.number] + [line.end or line.number for line in annex.lines])  # a row ends at its last cell
    if not sections and not measures:
        return Block(role="annex", lines=(annex.heading.number, last),
                     text="\n".join([annex.heading.text] + [line.text for line in annex.lines]))
    return Chapter(number=None, marker=marker, title=annex.title, lines=(annex.heading.number, last),
                   recognized_by="附件", text=join_lines([(line, line.text) for line in text_lines]),
                   part="annex", sections=sections, measures=measures)


def _read(source, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        return source, name or "<bytes>"
    if isinstance(source, str) and source == "-":
        return _capped(sys.stdin.buffer, name or "<stdin>"), name or "<stdin>"
    path = Path(source)
    shown = printable_path(name or source)
    if not path.exists():
        hint = "; a plan's text is extracted with extract_text, not extract" if "\n" in str(source) else ""
        raise InputError(f"no such file; check the path{hint}", path=shown)
    if path.is_dir():
        raise InputError("is a folder, not a plan text; pass the .txt files inside it", path=shown)
    if path.stat().st_size > MAX_INPUT_BYTES:
        raise _too_large(shown)
    try:
        # Read through the cap, not to the end: /dev/zero and a FIFO that never closes have no size to check.
        with path.open("rb") as stream:
            return _capped(stream, shown), shown
    except OSError as error:
        raise InputError(f"cannot be read: {error.strerror}", path=shown) from None


def _capped(stream, shown: str) -> bytes:
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise _too_large(shown)
    return data


def _too_large(shown: str) -> InputError:
    return InputError(f"is larger than {MAX_INPUT_BYTES // 2**20} MB; no plan is that long: split the file",
                      path=shown)


def _blocks(frame: Frame, roles: tuple[str, ...]) -> list[Block]:
    blocks = []
    for role in roles:
        lines: list[Line] = getattr(frame, role)
        if lines:
            # A notice, signature or footer is a stack of short paragraphs (masthead, 文号, addressee,
            # signers, date): keep each on its own line. The title is one title over several lines.
            separator = {"notice": "\n", "signature": "\n", "distribution": "\n", "attachments": "\n",
                         "title": ""}.get(role)
            pieces = [(line, line.text) for line in lines]
            text = separator.join(line.text for line in lines) if separator is not None else join_lines(pieces)
            blocks.append(Block(role=role, lines=(lines[0].number, lines[-1].number), text=text))
    return blocks


def _median(values: list[int]) -> float:
    """statistics.median, without importing statistics (and its imports) at every start-up for one call."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _structure_warnings(plan: Plan) -> list[ExtractionWarning]:
    warnings = []
    measures = list(plan.iter_measures())
    if not plan.chapters:
        warnings.append(ExtractionWarning(
            code="no-structure", message="no numbered structure recognised: the whole text is kept as front matter"))
    lengths = [len(m.text) for m in measures]
    if len(lengths) >= 5:
        median = _median(lengths)
        for measure in measures:
            if len(measure.text) > _LONG_MEASURE_FACTOR * median and len(measure.text) > 1500:
                # most measures may be bare markers (`1.` alone on its line): the median is then 0
                share = f"{len(measure.text) / median:.0f}× the median" if median else "though most are empty"
                warnings.append(ExtractionWarning(
                    code="long-measure", line=measure.lines[0],
                    message=f"measure {measure.number} is {len(measure.text)} characters, "
                            f"{share}: a marker may be missed"))
    return warnings
