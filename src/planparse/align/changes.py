"""What a linked pair changed, and which way: deadlines, numeric targets and words of obligation and scope
in the sentences they share, units, and (with detail) a word-level diff and its edits of wording. jieba is
imported only here, and only for the detail.

Each change has a direction (models.diff.Direction) and the clause it sits in on each side:
- a deadline later or dropped is `weakened`, earlier or added `strengthened` (dates compared where both
  sides have one; otherwise `changed`);
- a numeric target lowered is `weakened` when it is a floor (达到90% → 80%), `strengthened` when it is a
  ceiling (不超过10个工作日 → 5个工作日), `changed` when its words do not say which (wording.target_sense);
  a target dropped is `weakened`, added `strengthened`;
- a word of obligation or scope replaced by a softer or narrower one (必须 → 可以, 全市 → 部分) is
  `weakened`, the reverse `strengthened` (the table and the rule: wording.py);
- units (the lead unit replaced, a unit added or dropped) and wording are `changed`.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Callable

from ..extras import require
from ..models import Deadline, Measure, Target
from ..models.diff import Change, ChangeField, Direction, MeasureKey, PairDetail, Segment
from ..patterns import lazy_pattern
from .links import Links
from .measures import PlanMeasures
from .scoring import PairScores
from .units import MeasureUnits, comparable, comparable_with_origins, folded, measure_body, written_sentences
from .wording import shifts, target_sense

# A wording change longer than this on either side is a rewritten passage, not an edit of wording…
MAX_WORDING_CHARS = 24
# …and one without this much unchanged text (letters and digits) on each side is not inside shared text:
# in a reworded sentence, a lone shared 的 or 和 between two changes is chance, not context.
MIN_WORDING_CONTEXT = 6
# What a wording change is stripped of at its ends.
_EDGE = "，,。；;：:、 \n\t"
# A change's context is the clause it sits in; a clause longer than this is cut to a window of
# CONTEXT_REACH characters either side of the change…
CONTEXT_CHARS = 48
CONTEXT_REACH = 16
# …and one that is hardly more than the change (`2023年底前，`) is shown with the clause after it.
MIN_CONTEXT_REST = 4
# Where a clause ends: `，` `；` `。` (and the others of either width) and a line end.
_CLAUSE_END = lazy_pattern(r"[,，;；。!！?？:：\n]")
# A deadline or target is dropped only where the local clause restates this share of the character pairs
# of the template clause that holds it: 组织2次全市性的培训 → 组织全区性的培训 (5 of 7) drops a number;
# a clause about something else (1 of 7) does not.
MIN_COUNTERPART_SHARE = 0.5
# A word diff takes time up to the product of the two measures' word counts (and far more on runs of one
# word): measures past this product are diffed sentence by sentence first, then word by word inside each run
# of replaced sentences small enough, the rest as one replaced span. The corpus's largest pair is 54,000.
MAX_WORD_CELLS = 250_000
# Where a sentence ends, for that first pass (the marks stay with the sentence they end).
_SENTENCE = lazy_pattern(r"[^。；;！!？?\n]+[。；;！!？?\n]*|[。；;！!？?\n]+")
# The fields compared on a partial link: those read in the sentences the two measures share.
SENTENCE_FIELDS: tuple[ChangeField, ...] = ("deadline", "target", "obligation", "scope")

PairKeys = tuple[MeasureKey, MeasureKey]  # (template measure, local measure) of a linked pair


def linked_changes(tmpl: PlanMeasures, loc: PlanMeasures, t_units: MeasureUnits, l_units: MeasureUnits,
                   scores: PairScores, links: Links, detail: bool) -> tuple[list[Change], list[PairDetail]]:
    """The changes of every linked pair, in link order, and with `detail` the word diff of each full link.
    A partial link shares one point: only what its shared sentences say (deadlines, targets, words of
    obligation and scope) is compared."""
    changes: list[Change] = []
    details: list[PairDetail] = []
    t_written = _Written(tmpl, t_units)
    l_written = t_written if loc is tmpl and l_units is t_units else _Written(loc, l_units)  # a plan with itself
    for (i, j), is_full in zip(links.pairs, links.full):
        keys = (tmpl.keys[i], loc.keys[j])
        restated = scores.restated_sentences(i, j)
        found = [] if _itself(tmpl.items[i], loc.items[j], restated) else \
            field_changes(keys, tmpl.items[i], loc.items[j], t_written[i], l_written[j], restated)
        if not is_full:
            found = [change for change in found if change.field in SENTENCE_FIELDS]
        elif detail:
            segments = word_diff(measure_body(tmpl.items[i]), measure_body(loc.items[j]))
            details.append(PairDetail(template=keys[0], local=keys[1], segments=segments))
            found += _not_reported(wording_changes(keys, segments), found)
        changes += found
    return changes, details


def _itself(template: Measure, local: Measure, restated: list[tuple[int, int]]) -> bool:
    """A measure linked with itself (a plan diffed with itself), each of its sentences restating itself: the
    two sides of every sentence pair are one sentence, and field_changes finds nothing (so it is not asked,
    nor are the measure's written sentences made: most of the changes of F21's 4,000 links)."""
    return template is local and all(t_pos == l_pos for t_pos, l_pos in restated)


def _not_reported(wording: list[Change], found: list[Change]) -> list[Change]:
    """Edits of wording that are not part of a change already reported in the pair: 必须 → 可以 is an
    obligation weakened, 2022 → 2023 a deadline later (2022年年底前 → 2023年年底前); each is read once."""
    reported = [(change.from_ or "", change.to or "") for change in found if change.field in SENTENCE_FIELDS]
    return [change for change in wording
            if not any(_within(change.from_, before) and _within(change.to, after) for before, after in reported)]


def _within(edit: str | None, value: str) -> bool:
    """Whether a side of a wording edit is part of a side of a reported change (an empty side of either
    is part of an empty side only)."""
    return edit in value if edit and value else not edit and not value


class _Written:
    """Each measure's sentences as written, made when a link first needs them; a measure whose written
    sentences do not match its comparable ones (never seen) falls back to those."""

    def __init__(self, measures: PlanMeasures, units: MeasureUnits):
        self.measures, self.units = measures, units
        self.made: dict[int, list[str]] = {}

    def __getitem__(self, index: int) -> list[str]:
        if index not in self.made:
            written = written_sentences(measure_body(self.measures.items[index]))
            comparable_ones = self.units.sentences[index]
            if [comparable(sentence) for sentence in written] != comparable_ones:
                written = comparable_ones
            self.made[index] = written
        return self.made[index]


def _change(keys: PairKeys, field: ChangeField, before: str | None, after: str | None,
            direction: Direction = "changed", contexts: tuple[str | None, str | None] = (None, None)) -> Change:
    return Change(template=keys[0], local=keys[1], field=field, from_=before, to=after, direction=direction,
                  template_context=contexts[0], local_context=contexts[1])


def context(sentence: str, start: int, end: int) -> str:
    """The clause of a sentence that holds sentence[start:end] (with the next clause when it holds hardly
    more), cut to a window around it when long."""
    clause_start = max((found.end() for found in _CLAUSE_END.finditer(sentence, 0, start)), default=0)
    ends = [found.end() for found in _CLAUSE_END.finditer(sentence, end)]
    clause_end = ends[0] if ends else len(sentence)
    if clause_end - clause_start - (end - start) < MIN_CONTEXT_REST + 1 and len(ends) > 1:
        clause_end = ends[1]
    clause = sentence[clause_start:clause_end].strip().rstrip("，,;；:：。")
    if len(clause) <= CONTEXT_CHARS:
        return clause
    first, last = max(clause_start, start - CONTEXT_REACH), min(clause_end, end + CONTEXT_REACH)
    return ("…" if first > clause_start else "") + sentence[first:last].strip() + ("…" if last < clause_end else "")


def _context_of(text: str, sentence: str) -> str:
    """The context of a field's text (a deadline, a target) in its sentence."""
    for needle in (text, folded(text)):
        start = sentence.find(needle)
        if start >= 0:
            return context(sentence, start, start + len(needle))
    return context(sentence, 0, 0)


def _counterpart(shown: str, sentence: str) -> str:
    """The clause of `sentence` that shares most character pairs with `shown`: where the side that lacks a
    deadline or target says what the other side's clause says."""
    bounds = [0] + [found.end() for found in _CLAUSE_END.finditer(sentence)] + [len(sentence)]
    clauses = [(start, end) for start, end in itertools.pairwise(bounds) if end > start]
    start, _ = max(clauses, key=lambda clause: _shared_pairs(sentence[clause[0]:clause[1]], shown))
    return context(sentence, start, start)


def _where(items, sentences_of_measure: list[str], text_of) -> dict[int, list]:
    """Items (deadlines, targets) by the position of the sentence that holds them."""
    found: dict[int, list] = {}
    if not items:
        return found  # (most measures have no deadline or target: their sentences need not be made comparable)
    keys = [comparable(sentence) for sentence in sentences_of_measure]
    for item in items:
        key = comparable(text_of(item))
        for position, sentence in enumerate(keys):
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


def deadline_direction(before: Deadline | None, after: Deadline | None) -> Direction:
    """Dropped or later: weakened; added or earlier: strengthened; otherwise (no dates to compare) changed."""
    if before is None:
        return "strengthened"
    if after is None:
        return "weakened"
    if before.date is None or after.date is None or before.date == after.date:
        return "changed"
    return "weakened" if after.date > before.date else "strengthened"


def target_direction(before: Target | None, after: Target | None) -> Direction:
    """Dropped: weakened; added: strengthened; a floor lowered or a ceiling raised: weakened, the reverse
    strengthened; a target whose words do not say which it is (or say it differently on each side): changed."""
    if before is None:
        return "strengthened"
    if after is None:
        return "weakened"
    sense = target_sense(before.text, before.unit)
    if sense is None or sense != target_sense(after.text, after.unit) or before.value == after.value:
        return "changed"
    lower = after.value < before.value
    return "weakened" if lower == (sense == "floor") else "strengthened"


_DIRECTIONS: dict[ChangeField, Callable] = {"deadline": deadline_direction, "target": target_direction}


def field_changes(keys: PairKeys, template: Measure, local: Measure, template_sentences: list[str],
                  local_sentences: list[str], restated: list[tuple[int, int]]) -> list[Change]:
    """Deadlines, numeric targets and words of obligation and scope changed in restated sentences (the
    sentences as written: each change shows the clause it sits in); units added, dropped or (the lead unit)
    replaced per role, compared only when the template measure names units: a template that names none
    has nothing to change."""
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
        if not t_items and not l_items:
            continue  # neither side has one to change: no sentence pair can give a change
        for t_pos in sorted(by_template_sentence):
            after = [(l_pos, item) for l_pos in by_template_sentence[t_pos] for item in l_items.get(l_pos, [])]
            sentence_of = {id(item): local_sentences[l_pos] for l_pos, item in after}
            for before_item, after_item in _changed(t_items.get(t_pos, []), [item for _, item in after], same,
                                                    similar):
                contexts = _item_contexts(before_item, after_item, template_sentences[t_pos], sentence_of,
                                          local_sentences, by_template_sentence[t_pos])
                if after_item is None and not _restates(contexts, before_item):
                    continue  # the local sentence restates another clause of the template's
                found.append(_change(keys, name, before_item.text if before_item else None,
                                     after_item.text if after_item else None,
                                     _DIRECTIONS[name](before_item, after_item), contexts))
    found += _wording_shifts(keys, template_sentences, local_sentences, restated)
    found += _unit_changes(keys, template, local)
    return found


def _item_contexts(before: Item | None, after: Item | None, template_sentence: str, sentence_of: dict[int, str],
                   local_sentences: list[str], local_positions: list[int]) -> tuple[str | None, str | None]:
    """The clauses a changed deadline or target sits in; for the side without it, the clause that says
    what the other side's says."""
    template_context = _context_of(before.text, template_sentence) if before is not None else None
    local_context = _context_of(after.text, sentence_of[id(after)]) if after is not None else None
    if template_context is None and local_context is not None:
        template_context = _counterpart(local_context, template_sentence)
    elif local_context is None and template_context is not None:
        candidates = [_counterpart(template_context, local_sentences[l_pos]) for l_pos in local_positions]
        local_context = max(candidates, key=lambda clause: _shared_pairs(clause, template_context))
    return template_context, local_context


def _restates(contexts: tuple[str | None, str | None], dropped: Item | None) -> bool:
    """Whether the local clause restates the template clause that holds a deadline or target the local one
    drops (MIN_COUNTERPART_SHARE of its character pairs, the item's own text left out): two sentences that
    restate each other may share one clause, and a number in another clause of the template sentence is
    not dropped by the local one. (An added item is kept as before: a local plan often adds its number in a
    clause of its own, `…反馈工作，按期办复率达100%`.)"""
    template_context, local_context = contexts
    if dropped is None or template_context is None or local_context is None:
        return False
    rest = template_context.replace(dropped.text, "").replace(folded(dropped.text), "")
    pairs = max(1, len(rest) - 1)
    return _shared_pairs(rest, local_context) >= MIN_COUNTERPART_SHARE * pairs


def _shared_pairs(a: str, b: str) -> int:
    pairs = {b[k:k + 2] for k in range(len(b) - 1)}
    return sum(a[k:k + 2] in pairs for k in range(len(a) - 1))


def _wording_shifts(keys: PairKeys, template_sentences: list[str], local_sentences: list[str],
                    restated: list[tuple[int, int]]) -> list[Change]:
    """Words of obligation and scope one restated sentence replaces in the other (wording.shifts), each once."""
    found: list[Change] = []
    for t_pos, l_pos in restated:
        template_sentence, local_sentence = template_sentences[t_pos], local_sentences[l_pos]
        for shift in shifts(template_sentence, local_sentence):
            change = _change(keys, shift.dimension, shift.before.entry.word, shift.after.entry.word,
                             shift.direction,
                             (context(template_sentence, shift.before.start, shift.before.end),
                              context(local_sentence, shift.after.start, shift.after.end)))
            if change not in found:
                found.append(change)
    return found


def _unit_changes(keys: PairKeys, template: Measure, local: Measure) -> list[Change]:
    """Units dropped and added per role; a lead unit replaced by one other (市司法局 → 区司法局) is one change."""
    found: list[Change] = []
    roles: tuple[ChangeField, ...] = ("lead_units", "participating_units", "responsible_units")
    if not any(getattr(template, role) for role in roles):
        return found
    for role in roles:
        before = [unit.strip() for unit in getattr(template, role)]
        after = [unit.strip() for unit in getattr(local, role)]
        dropped = [unit for unit in before if unit not in after]
        added = [unit for unit in after if unit not in before]
        if role == "lead_units" and len(dropped) == 1 and len(added) == 1:
            found.append(_change(keys, role, dropped[0], added[0]))
            continue
        found += [_change(keys, role, unit, None) for unit in dropped]
        found += [_change(keys, role, None, unit) for unit in added]
    return found


def _words(key: str) -> list[str]:
    require("jieba", "detail", "a word-level diff (--detail, the HTML report)")
    import jieba  # lazily: loading its dictionary takes most of a second

    jieba.setLogLevel(60)
    return jieba.lcut(key, HMM=False)


def word_diff(template_text: str, local_text: str) -> list[Segment]:
    """Word-level diff (jieba word boundaries) of two measure texts, compared without punctuation, so
    that a copy which drops commas and brackets shows only its changes of wording. The segments' texts
    are spans of the original texts: joined, each side gives back its text exactly. Work is bounded
    (MAX_WORD_CELLS): long measures are aligned by sentences first."""
    t_key, t_origin = comparable_with_origins(template_text)
    l_key, l_origin = comparable_with_origins(local_text)
    t_words, l_words = _words(t_key), _words(l_key)
    if len(t_words) * len(l_words) > MAX_WORD_CELLS:
        return _by_sentences(template_text, local_text)
    t_starts = _starts(t_words, t_origin, len(template_text))
    l_starts = _starts(l_words, l_origin, len(local_text))
    matcher = difflib.SequenceMatcher(None, t_words, l_words, autojunk=False)
    segments = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        t_span = template_text[t_starts[i1] if i1 else 0:t_starts[i2]]
        l_span = local_text[l_starts[j1] if j1 else 0:l_starts[j2]]
        segments.append(Segment(op=op, template=t_span, local=l_span))
    return segments


def _by_sentences(template_text: str, local_text: str) -> list[Segment]:
    """The word diff of two long texts: sentences aligned first (compared without punctuation), and each
    run of replaced sentences diffed word by word when that is within bounds, else one replaced span."""
    t_sentences, l_sentences = _SENTENCE.findall(template_text), _SENTENCE.findall(local_text)
    if len(t_sentences) * len(l_sentences) > MAX_WORD_CELLS:
        return [Segment(op="replace", template=template_text, local=local_text)]
    matcher = difflib.SequenceMatcher(None, [comparable(s) for s in t_sentences],
                                      [comparable(s) for s in l_sentences], autojunk=False)
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        t_span, l_span = "".join(t_sentences[i1:i2]), "".join(l_sentences[j1:j2])
        if op == "replace":
            t_key, l_key = comparable(t_span), comparable(l_span)
            # a word is at least one character: the product of the characters bounds that of the words
            small = len(t_key) * len(l_key) <= MAX_WORD_CELLS
            parts = word_diff(t_span, l_span) if small else [Segment(op="replace", template=t_span, local=l_span)]
        else:
            parts = [Segment(op=op, template=t_span, local=l_span)]
        for part in parts:
            if segments and segments[-1].op == part.op:  # runs of one kind as one segment, as difflib gives them
                last = segments[-1]
                segments[-1] = Segment(op=part.op, template=last.template + part.template, local=last.local + part.local)
            else:
                segments.append(part)
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
        contexts = (_around(before_segment, segment, after_segment, "template"),
                    _around(before_segment, segment, after_segment, "local"))
        found.append(_change(keys, "wording", before or None, after or None, contexts=contexts))
    return found


def _around(before: Segment, segment: Segment, after: Segment, side: str) -> str:
    """A wording change on one side with CONTEXT_REACH characters of the unchanged text either side."""
    head, middle, tail = (getattr(part, side).replace("\n", "") for part in (before, segment, after))
    return (("…" if len(head) > CONTEXT_REACH else "") + head[-CONTEXT_REACH:] + middle + tail[:CONTEXT_REACH]
            + ("…" if len(tail) > CONTEXT_REACH else ""))
