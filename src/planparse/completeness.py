"""Proof that nothing is lost: every non-blank character of the input is in exactly one place of the
plan (a block, a marker, a title, a text) or in `dropped`. Derived fields (headline, units, deadlines,
tasks, meta) repeat text by design and are not counted."""

from __future__ import annotations

import unicodedata
from collections import Counter

from .models import Plan
from .normalize import editor_lines, fold


def characters(text: str) -> Counter:
    """Non-blank characters, NFKC-folded: the normaliser's width changes (`,`→`，`) compare equal.
    Folded per distinct character (a plan has a few thousand), which keeps a 50 MB text to seconds."""
    counts: Counter = Counter()
    for ch, n in Counter(text).items():
        for folded in unicodedata.normalize("NFKC", ch):
            if not folded.isspace():
                counts[folded] += n
    return counts


def placed_strings(plan: Plan, source_lines: list[str] | None = None):
    """Every string that holds source text, each source character in exactly one of them. With the source's
    lines, a heading's title is told apart from the text's restatement of it (see `_runs_on`)."""
    for block in plan.front_matter + plan.back_matter:
        yield block.text
    for record in plan.dropped:
        yield record.text
    for chapter in plan.chapters:
        yield from _heading(chapter, source_lines)
        for measure in chapter.measures:
            yield measure.marker
            yield measure.text
        for section in chapter.sections:
            yield from _heading(section, source_lines)
            for measure in section.measures:
                yield measure.marker
                yield measure.text


def _heading(node, source_lines: list[str] | None):
    yield node.marker or ""
    # An inline title is the first sentence of the text (`（一）组织领导机制。坚持…`): counted there.
    if not node.title or not node.text.startswith(node.title + "。") or not _runs_on(node, source_lines):
        yield node.title
    yield node.text


def _runs_on(node, source_lines: list[str] | None) -> bool:
    """Whether the title runs on into the text on its heading line (`（一）组织领导机制。坚持…`). A heading alone on
    its line whose text restates it (`一、加强组织领导` over `加强组织领导。各乡镇要…`) is a title of its own."""
    first = node.lines[0]
    if source_lines is None or not 0 < first <= len(source_lines):
        return True
    return node.title + "。" in fold(source_lines[first - 1])


def compare(text: str, plan: Plan) -> tuple[Counter, Counter]:
    """(lost, duplicated): characters of the input missing from the plan, and ones placed twice."""
    source = characters(text)
    placed = characters("\n".join(placed_strings(plan, editor_lines(text))))
    return source - placed, placed - source
