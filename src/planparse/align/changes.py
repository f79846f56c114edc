"""What a linked pair changed: deadlines, numeric targets and units in the text they share, and (with
detail) a word-level diff and its edits of wording. jieba is imported only here, and only for the detail."""

from __future__ import annotations

import difflib
from collections.abc import Callable

from ..models import Deadline, Measure, Target
from ..models.diff import Change, ChangeField, MeasureKey, PairDetail, Segment
from .links import Links
from .measures import PlanMeasures
from .scoring import PairScores
from .units import MeasureUnits, comparable, comparable_with_origins, measure_body

# A wording change longer than this on either side is a rewritten passage, not an edit of wording…
MAX_WORDING_CHARS = 24
# …and one without this much unchanged text (letters and digits) on each side is not inside shared text:
# in a reworded sentence, a lone shared 的 or 和 between two changes is chance, not context.
MIN_WORDING_CONTEXT = 6
# What a wording change is stripped of at its ends.
_EDGE = "，,。；;：:、 \n\t"

PairKeys = tuple[MeasureKey, MeasureKey]  # (template measure, local measure) of a linked pair


def linked_changes(tmpl: PlanMeasures, loc: PlanMeasures, t_units: MeasureUnits, l_units: MeasureUnits,
                   scores: PairScores, links: Links, detail: bool) -> tuple[list[Change], list[PairDetail]]:
    """The changes of every linked pair, in link order, and with `detail` the word diff of each full link.
    A partial link shares one point: only deadlines and targets in that point are compared."""
    changes: list[Change] = []
    details: list[PairDetail] = []
    for (i, j), is_full in zip(links.pairs, links.full):
        keys = (tmpl.keys[i], loc.keys[j])
        found = field_changes(keys, tmpl.items[i], loc.items[j], t_units.sentences[i], l_units.sentences[j],
                              scores.restated_sentences(i, j))
        if not is_full:
            found = [change for change in found if change.field in ("deadline", "target")]
        elif detail:
            segments = word_diff(measure_body(tmpl.items[i]), measure_body(loc.items[j]))
            details.append(PairDetail(template=keys[0], local=keys[1], segments=segments))
            found += wording_changes(keys, segments)
        changes += found
    return changes, details


def _change(keys: PairKeys, field: ChangeField, before: str | None, after: str | None) -> Change:
    return Change(template=keys[0], local=keys[1], field=field, from_=before, to=after)


def _where(items, sentences_of_measure: list[str], text_of) -> dict[int, list]:
    """Items (deadlines, targets) by the position of the sentence that holds them."""
    found: dict[int, list] = {}
    for item in items:
        key = comparable(text_of(item))
        for position, sentence in enumerate(sentences_of_measure):
            if key and key in sentence:
                found.setdefault(position, []).append(item)
                break
    return found


Item = Deadline | Target


def _changed(before: list[Item], after: list[Item], same, similar) -> list[tuple[Item | None, Item | None]]:
    """Changed (before, after) pairs between two item lists: equal items drop out, then similar items pair
    in order; the rest are removals (after None) or additions (before None)."""
    remaining_before = [item for item in before if not any(same(item, other) for other in after)]
    remaining_after = [item for item in after if not any(same(other, item) for other in before)]
    pairs: list[tuple[Item | None, Item | None]] = []
    for item in list(remaining_before):
        partner = next((other for other in remaining_after if similar(item, other)), None)
        if partner is not None:
            pairs.append((item, partner))
            remaining_before.remove(item)
            remaining_after.remove(partner)
    pairs += [(item, None) for item in remaining_before]
    pairs += [(None, item) for item in remaining_after]
    return pairs


def _same_deadline(a: Deadline, b: Deadline) -> bool:
    return (a.date is not None and a.date == b.date) or comparable(a.text) == comparable(b.text)


def _same_target(a: Target, b: Target) -> bool:
    return a.value == b.value and a.unit == b.unit


def field_changes(keys: PairKeys, template: Measure, local: Measure, template_sentences: list[str],
                  local_sentences: list[str], restated: list[tuple[int, int]]) -> list[Change]:
    """Deadlines and numeric targets changed in restated sentences; units added or removed per role
    (compared only when the template measure names units: a template that names none has nothing to change)."""
    found: list[Change] = []
    by_template_sentence: dict[int, list[int]] = {}
    for t_pos, l_pos in restated:
        by_template_sentence.setdefault(t_pos, []).append(l_pos)
    compared: tuple[tuple[ChangeField, Callable[[Measure], list], Callable, Callable], ...] = (
        ("deadline", lambda m: m.deadlines, _same_deadline, lambda a, b: True),
        ("target", lambda m: m.targets, _same_target, lambda a, b: a.unit == b.unit))
    for name, items_of, same, similar in compared:
        t_items = _where(items_of(template), template_sentences, lambda item: item.text)
        l_items = _where(items_of(local), local_sentences, lambda item: item.text)
        for t_pos in sorted(by_template_sentence):
            after = [item for l_pos in by_template_sentence[t_pos] for item in l_items.get(l_pos, [])]
            for before_item, after_item in _changed(t_items.get(t_pos, []), after, same, similar):
                found.append(_change(keys, name, before_item.text if before_item else None,
                                     after_item.text if after_item else None))
    roles: tuple[ChangeField, ...] = ("lead_units", "participating_units", "responsible_units")
    if any(getattr(template, role) for role in roles):
        for role in roles:
            before = [unit.strip() for unit in getattr(template, role)]
            after = [unit.strip() for unit in getattr(local, role)]
            found += [_change(keys, role, unit, None) for unit in before if unit not in after]
            found += [_change(keys, role, None, unit) for unit in after if unit not in before]
    return found


def _words(key: str) -> list[str]:
    import jieba  # lazily: loading its dictionary takes most of a second

    jieba.setLogLevel(60)
    return jieba.lcut(key, HMM=False)


def word_diff(template_text: str, local_text: str) -> list[Segment]:
    """Word-level diff (jieba word boundaries) of two measure texts, compared without punctuation, so
    that a copy which drops commas and brackets shows only its changes of wording. The segments' texts
    are spans of the original texts: joined, each side gives back its text exactly."""
    t_key, t_origin = comparable_with_origins(template_text)
    l_key, l_origin = comparable_with_origins(local_text)
    t_words, l_words = _words(t_key), _words(l_key)
    t_starts = _starts(t_words, t_origin, len(template_text))
    l_starts = _starts(l_words, l_origin, len(local_text))
    matcher = difflib.SequenceMatcher(None, t_words, l_words, autojunk=False)
    segments = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        t_span = template_text[t_starts[i1] if i1 else 0:t_starts[i2]]
        l_span = local_text[l_starts[j1] if j1 else 0:l_starts[j2]]
        segments.append(Segment(op=op, template=t_span, local=l_span))
    return segments


def _starts(words: list[str], origin: list[int], length: int) -> list[int]:
    """Source index where each word starts, plus the text's length at the end."""
    starts, position = [], 0
    for word in words:
        starts.append(origin[position])
        position += len(word)
    return starts + [length]


def wording_changes(keys: PairKeys, segments: list[Segment]) -> list[Change]:
    """Edits of wording inside shared text: changed segments with equal text on both sides, short enough
    to be an edit and not a rewritten passage."""
    found = []
    for position, segment in enumerate(segments):
        if segment.op == "equal" or not (0 < position < len(segments) - 1):
            continue
        before_segment, after_segment = segments[position - 1], segments[position + 1]
        if before_segment.op != "equal" or after_segment.op != "equal":
            continue
        if min(len(comparable(before_segment.local)), len(comparable(after_segment.local))) < MIN_WORDING_CONTEXT:
            continue
        before, after = segment.template.strip(_EDGE), segment.local.strip(_EDGE)
        if len(before) > MAX_WORDING_CHARS or len(after) > MAX_WORDING_CHARS:
            continue
        found.append(_change(keys, "wording", before or None, after or None))
    return found
