"""The words of obligation and scope a legal office reads a local plan for, as a table, and the shifts
between two sentences that restate each other: 必须 → 可以 (weakened), 试点 → 全面 (strengthened).

Each entry is a word, its dimension (`obligation`: how binding; `scope`: how widely it applies), its level
in that dimension (higher is firmer or wider) and a phrase of the kind plans write, in which the word has
that meaning (tests/test_wording.py holds that every example is found). `not_in` lists the set phrases in
which the word means something else (全面依法治国 names a policy; 所有制 is ownership). A word may stand in
both dimensions (全面 is a duty and a reach; 试点 a trial and a part). Extending the table is adding a
row: a new word of an existing level needs nothing else.

A shift is only a word *replaced* in place: in a character diff of the two sentences, a changed run whose
template side holds a word of the table and whose local side holds a word of the same dimension at a
different level. A firm word merely dropped (必须严格执行 → 严格执行), or one added elsewhere in the
sentence, is not a shift: dropping 全面 from 全面推进 is too often an edit of style to call it weakened.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

from ..patterns import lazy_pattern

Dimension = Literal["obligation", "scope"]

# Levels of obligation: a duty (必须, 应当, 确保) and an encouragement or a trial (可以, 鼓励, 逐步).
BINDING: Final = 2
SOFT: Final = 1
# Levels of scope: everyone or everywhere (全市, 所有, 全覆盖) and some (部分, 试点, 有条件的).
WHOLE: Final = 2
PART: Final = 1

# A changed run longer than this on either side is a rewritten passage: the words in it are not one
# replacing the other.
MAX_REPLACED_CHARS = 16
# Fewer equal characters than this between two changed runs is chance (a shared 有 or 的): one run.
MIN_KEPT_CHARS = 2
# A character diff takes time up to the product of the two lengths (and more on a run of one character):
# sentences whose product is larger are diffed only between their common start and end, and not at all when
# what lies between is still that large — no replacement of a word in place is that hard to see.
MAX_DIFF_CELLS = 100_000


@dataclass(frozen=True)
class Word:
    word: str
    dimension: Dimension
    level: int
    example: str  # a phrase of the kind plans write, with the word in this sense
    not_in: tuple[str, ...] = ()  # set phrases in which the word means something else


# 全面 is a word of obligation and of scope, except in these set phrases (slogans, not commitments)
_QUANMIAN_SET_PHRASES = ("全面依法治国", "全面从严治党", "全面深化改革", "全面建成", "全面建设", "全面小康", "全面领导",
                         "全面振兴", "全面贯彻")

WORDS: Final[tuple[Word, ...]] = (
    # obligation: binding
    Word("必须", "obligation", BINDING, "行政机关必须严格执行重大行政决策法定程序"),
    Word("应当", "obligation", BINDING, "重大执法决定应当进行法制审核"),
    Word("严禁", "obligation", BINDING, "严禁以罚代管、逐利执法"),
    Word("不得", "obligation", BINDING, "未经合法性审核的文件不得提交审议"),
    Word("确保", "obligation", BINDING, "确保2025年底前全部完成"),
    Word("全面", "obligation", BINDING, "全面推行行政执法公示制度",
         not_in=_QUANMIAN_SET_PHRASES),
    Word("务必", "obligation", BINDING, "务必按期完成清理工作"),
    Word("一律", "obligation", BINDING, "未公开的文件一律不得作为行政管理依据"),
    Word("坚决", "obligation", BINDING, "坚决纠正不作为乱作为"),
    # obligation: soft
    Word("可以", "obligation", SOFT, "可以委托第三方开展评估"),
    Word("鼓励", "obligation", SOFT, "鼓励律师参与行政复议工作"),
    Word("原则上", "obligation", SOFT, "原则上不再新设议事协调机构"),
    Word("探索", "obligation", SOFT, "探索推行行政执法案例指导制度"),
    Word("逐步", "obligation", SOFT, "逐步推行行政执法公示制度"),
    Word("有序", "obligation", SOFT, "有序推进综合行政执法改革",
         not_in=("规范有序", "公平有序", "安全有序", "井然有序", "竞争有序", "有序竞争", "开放有序", "统一有序")),
    Word("力争", "obligation", SOFT, "力争2025年底前全部完成"),
    Word("适时", "obligation", SOFT, "适时开展行政规范性文件清理"),
    Word("视情", "obligation", SOFT, "视情组织开展专项督察"),
    Word("积极稳妥", "obligation", SOFT, "积极稳妥推进行政执法权限下放"),
    Word("试点", "obligation", SOFT, "试点推行行政执法全过程记录制度"),
    # scope: whole
    Word("全覆盖", "scope", WHOLE, "实现法律顾问全覆盖"),
    Word("全面", "scope", WHOLE, "在各领域全面推开",
         not_in=_QUANMIAN_SET_PHRASES),
    Word("全市", "scope", WHOLE, "在全市推行证明事项告知承诺制"),
    Word("全区", "scope", WHOLE, "在全区推行证明事项告知承诺制"),
    Word("全县", "scope", WHOLE, "在全县推行证明事项告知承诺制"),
    Word("全省", "scope", WHOLE, "在全省推行证明事项告知承诺制"),
    Word("全域", "scope", WHOLE, "全域推进“一网通办”"),
    Word("所有", "scope", WHOLE, "所有行政执法主体均应公示执法信息", not_in=("所有制", "所有权", "所有者")),
    Word("各级", "scope", WHOLE, "各级行政机关负责人出庭应诉"),
    Word("全部", "scope", WHOLE, "执法信息全部公开"),
    Word("普遍", "scope", WHOLE, "普遍建立政府法律顾问制度"),
    # scope: part
    Word("试点", "scope", PART, "在部分街道开展试点"),
    Word("部分", "scope", PART, "选择部分领域先行推行", not_in=("大部分",)),
    Word("有条件的", "scope", PART, "有条件的街镇建立公共法律服务中心"),
    Word("重点", "scope", PART, "在重点领域推行行政执法公示",
         not_in=("重点任务", "重点工作", "工作重点", "重点是", "为重点", "重点突出", "突出重点")),
    Word("个别", "scope", PART, "个别部门先行先试"),
    Word("选择", "scope", PART, "选择若干街道先行先试"),
    Word("若干", "scope", PART, "选择若干街道先行先试"),
)

# The table's words, longest first, so that a longer word wins where two start at one place.
_ANY_WORD = lazy_pattern("|".join(re.escape(entry.word) for entry in sorted(WORDS, key=lambda e: -len(e.word))))
_BY_WORD: dict[str, list[Word]] = {}
for _entry in WORDS:
    _BY_WORD.setdefault(_entry.word, []).append(_entry)


@dataclass(frozen=True)
class Found:
    """A word of the table found in a text, at [start, end)."""

    entry: Word
    start: int
    end: int


@dataclass(frozen=True)
class Shift:
    """A word of the template sentence replaced in the local one by a word of the same dimension at another
    level: `weakened` when the local word is softer or narrower."""

    dimension: Dimension
    before: Found  # in the template sentence
    after: Found  # in the local sentence
    direction: Literal["weakened", "strengthened"]


def find_words(text: str) -> list[Found]:
    """The table's entries found in a text, left to right (a word of two dimensions twice), without those
    inside a set phrase of their `not_in`."""
    found = []
    for match in _ANY_WORD.finditer(text):
        for entry in _BY_WORD[match.group()]:
            if not any(_inside(text, match.start(), match.end(), phrase) for phrase in entry.not_in):
                found.append(Found(entry, match.start(), match.end()))
    return found


def _inside(text: str, start: int, end: int, phrase: str) -> bool:
    """Whether text[start:end] is part of an occurrence of `phrase`."""
    reach = len(phrase)
    for match in re.finditer(re.escape(phrase), text[max(0, start - reach):end + reach]):
        begin = max(0, start - reach) + match.start()
        if begin <= start and end <= begin + len(phrase):
            return True
    return False


def shifts(template_sentence: str, local_sentence: str) -> list[Shift]:
    """The words of obligation and scope that the local sentence replaces (see the module's docstring)."""
    t_words, l_words = find_words(template_sentence), find_words(local_sentence)
    if not t_words or not l_words:
        return []
    found = []
    for i1, i2, j1, j2 in _changed_runs(template_sentence, local_sentence):
        if i1 == i2 or j1 == j2 or i2 - i1 > MAX_REPLACED_CHARS or j2 - j1 > MAX_REPLACED_CHARS:
            continue
        gone = [word for word in t_words if word.start < i2 and i1 < word.end]
        new = [word for word in l_words if word.start < j2 and j1 < word.end]
        # a word on both sides of the run (全市 → 全市部分) is not replaced
        gone_words = {word.entry.word for word in gone} - {word.entry.word for word in new}
        new_words = {word.entry.word for word in new} - {word.entry.word for word in gone}
        reported: set[tuple[int, int]] = set()  # 全面 → 试点 is one shift, though both words have two dimensions
        for dimension in ("obligation", "scope"):
            before = [word for word in gone if word.entry.dimension == dimension and word.entry.word in gone_words]
            after = [word for word in new if word.entry.dimension == dimension and word.entry.word in new_words]
            shift = _shift(dimension, before, after)
            if shift is not None and (shift.before.start, shift.after.start) not in reported:
                reported.add((shift.before.start, shift.after.start))
                found.append(shift)
    return found


def _changed_runs(template_sentence: str, local_sentence: str) -> list[tuple[int, int, int, int]]:
    """The changed runs of a character diff, a run of one equal character between two changes joined to
    them: 有条件的 → 所有 is a deletion, a kept 有 and an insertion to difflib, one replacement to a reader."""
    runs: list[list[int]] = []
    last_equal = MIN_KEPT_CHARS
    for op, i1, i2, j1, j2 in _opcodes(template_sentence, local_sentence):
        if op == "equal":
            last_equal = i2 - i1
            continue
        if runs and last_equal < MIN_KEPT_CHARS:
            runs[-1][1], runs[-1][3] = i2, j2
        else:
            runs.append([i1, i2, j1, j2])
        last_equal = 0
    return [(run[0], run[1], run[2], run[3]) for run in runs]


def _opcodes(template_sentence: str, local_sentence: str) -> Sequence[tuple[str, int, int, int, int]]:
    """difflib's opcodes of two sentences, in bounded time (MAX_DIFF_CELLS): long ones without their common
    start and end, the longest not at all (no opcodes: nothing is reported of them)."""
    if len(template_sentence) * len(local_sentence) <= MAX_DIFF_CELLS:
        return difflib.SequenceMatcher(None, template_sentence, local_sentence, autojunk=False).get_opcodes()
    start, shorter = 0, min(len(template_sentence), len(local_sentence))
    while start < shorter and template_sentence[start] == local_sentence[start]:
        start += 1
    end = 0
    while end < shorter - start and template_sentence[-1 - end] == local_sentence[-1 - end]:
        end += 1
    t_middle = template_sentence[start:len(template_sentence) - end]
    l_middle = local_sentence[start:len(local_sentence) - end]
    if len(t_middle) * len(l_middle) > MAX_DIFF_CELLS:
        return []
    opcodes = [("equal", 0, start, 0, start)] if start else []
    opcodes += [(op, i1 + start, i2 + start, j1 + start, j2 + start) for op, i1, i2, j1, j2 in
                difflib.SequenceMatcher(None, t_middle, l_middle, autojunk=False).get_opcodes()]
    if end:
        opcodes.append(("equal", len(template_sentence) - end, len(template_sentence),
                        len(local_sentence) - end, len(local_sentence)))
    return opcodes


def _shift(dimension: Dimension, before: list[Found], after: list[Found]) -> Shift | None:
    """Weakened when a local word is below every template word it replaces (严禁 → 原则上不得: the hedge
    weakens the ban it keeps), strengthened when a local word is above them all and none is below."""
    if not before or not after:
        return None
    floor = min(word.entry.level for word in before)
    ceiling = max(word.entry.level for word in before)
    lowest = min(after, key=lambda word: word.entry.level)
    highest = max(after, key=lambda word: word.entry.level)
    if lowest.entry.level < floor:
        return Shift(dimension, before[0], lowest, "weakened")
    if highest.entry.level > ceiling:
        return Shift(dimension, before[0], highest, "strengthened")
    return None


# Whether more of a numeric target is better (a floor: 覆盖率达到90%, 不少于40学时) or worse (a ceiling:
# 不超过10个工作日, 控制在5%以内), by the first of these words in its text (the longest where two start at
# one place: 不超过 is not 超过, 不低于 not 低于); a time limit without one is a ceiling (办结时限5个工作日).
# A limit said as a prohibition: 不得超过 caps (a ceiling), 不得低于 sets a minimum (a floor). fields/targets.py
# (_CMP_FAR) reads the same words; written there again because a diff of two YAML files imports no extraction.
_FORBIDDEN = ("不得", "不能", "不应", "不宜", "不可", "不准")
FLOOR_WORDS: Final = ("不低于", "不少于", "不短于", "至少", "最少", "以上", "达到", "达", "提高到", "提高至", "提升到",
                      "提升至", "超过", "高于", "多于",
                      *(word + limit for word in _FORBIDDEN for limit in ("低于", "少于", "小于", "短于")))
CEILING_WORDS: Final = ("不超过", "不高于", "不多于", "不大于", "最多", "最长", "以内", "之内", "内", "以下",
                        "控制在", "降低到", "降低至", "降至", "低于", "少于", "小于",
                        *(word + limit for word in _FORBIDDEN for limit in ("超过", "高于", "多于", "大于", "长于")))
TIME_UNITS: Final = ("个工作日", "工作日", "个小时", "小时", "日", "天", "周", "个月", "个季度", "季度", "年")
_SENSE_WORD = lazy_pattern("|".join(sorted(FLOOR_WORDS + CEILING_WORDS, key=len, reverse=True)))

Sense = Literal["floor", "ceiling"]


def target_sense(text: str, unit: str) -> Sense | None:
    """`floor` when the target is a minimum (more is better), `ceiling` when it is a maximum (less is better),
    None when its words do not say."""
    found = _SENSE_WORD.search(text)
    if found is not None:
        return "floor" if found.group() in FLOOR_WORDS else "ceiling"
    return "ceiling" if unit in TIME_UNITS else None
