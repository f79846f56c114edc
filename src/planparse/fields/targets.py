"""Numeric targets: `不低于80%`, `95%以上`, `不少于60学时`, `不超过5个工作日`, `至少2期`."""

from __future__ import annotations

import math
import re

from ..models import Target
from ..numerals import cn_to_int
from ..patterns import lazy_pattern
from .citations import mask_spans, reference_spans

# Full-width digits and signs, folded by a regex because str.translate is slow on long Chinese texts.
_FULLWIDTH = lazy_pattern(r"[０-９％．]")
_FOLD = dict(zip("０１２３４５６７８９％．", "0123456789%."))

# Numbers that are never targets, masked before matching:
# calendar dates `2021年4月`, `2019 年以来`, `每年 1 月 31 日前`, `每月5日前`;
_DATES = lazy_pattern(r"[0-9]{4}\s*年(?:\s*[0-9]{1,2}\s*月(?:\s*[0-9]{1,2}\s*[日号])?)?|月\s*[0-9]{1,2}\s*[日号]")
# short quoted slogans and names `“1211”法治政府建设推进机制`, `“最多跑一次”`;
_SLOGAN = lazy_pattern(r"“[^“”\n]{1,12}”")
# hotlines `12345政务服务便民热线`, `12348`.
_HOTLINE = lazy_pattern(r"12[0-9]{3}(?![0-9.%])")

_NUMERAL = "一二两三四五六七八九十百千"
# Measure words of counts and amounts too, as action plans set them: roads and lines (条, 公里), areas (万平方米,
# 公顷), sites (处, 座), vehicles and machines (辆, 台), households and schools (户, 所), tonnes and money (吨, 万元):
# `改造600公里`, `新增50处`, `投运1200辆`. Longer words first (万平方米 before 平方米 before 米).
# `个` counts the noun after it where that noun is the unit: 4个小时, 5个百分点, 2个季度; `周年` is an anniversary.
_UNIT = (r"%|‰|个百分点|百分点|个工作日|工作日|学时|课时|个小时|小时|个月|个季度|季度|年|日|天|周(?!年)|期|次|名|人|项|件|场|个"
         r"|平方公里|平方米|㎡|公顷|亩|公里|千米|米|条|处|座|辆|台|套|户|所|家|份|吨|元")
# Between a number and its unit: 万 or 亿 scales it (`1.7万个`, `40万户`, `300万平方米`: the unit is 万个 …), 余
# makes it approximate (`900余辆`, `1.7万余个`, `800余万份`); a rate's base follows the unit (`1.93万吨/日`).
_SCALE = r"[万亿](?:\s*余)?|余(?:\s*[万亿])?"
_PER = r"/\s*[日天周月季年]"
# `80%以上`, `5% 以下`, `7 个工作日内`, `2 名以上`; not the 内 of a word (`开展一次内容为宪法…的培训`).
_SUFFIX = r"及以上|以上|以下|以内|之内|内(?![部容涵外设控务])|左右"
# A number with its unit, where every target is anchored (the scan starts at a digit or numeral, so it is fast):
# `80%`, `60 学时`, `5 个工作日内`, `95%以上`, `两期以上`, and a percentage written out, `百分之八十`.
# A number starts where no digit, letter or point stands before it (the tail of a longer number or code is
# none): checked by the lookbehind so a run of n digits is scanned once, not from each of its n digits.
_QUANTITY = lazy_pattern(
    rf"百分之(?P<cn_percent>[{_NUMERAL}]{{1,4}})(?:\s*(?P<cn_percent_suffix>{_SUFFIX}))?"
    # (one `\s*` between two tokens, never two around an absent one: a run of spaces is tried once)
    rf"|(?<![0-9.A-Za-z])(?P<number>[0-9]+(?:\.[0-9]+)?|[{_NUMERAL}]{{1,4}})\s*(?:(?P<scale>{_SCALE})\s*)?"
    rf"(?P<unit>{_UNIT})(?P<per>\s*{_PER})?(?:\s*(?P<suffix>{_SUFFIX}))?"
)
# Where _QUANTITY can match in a masked text, this matches the unmasked text (the masks take characters
# away, and it has no lookbehind they could change): without it, a text holds no target. `2 名`, `八十%`.
_NUMBER_AND_UNIT = lazy_pattern(rf"百分之[{_NUMERAL}]|[0-9{_NUMERAL}]\s*(?:(?:{_SCALE})\s*)?(?:{_UNIT})")
# The comparative before a number, looked for in the few characters before it. Some stand a few words away:
# `不低于全部人员编制的80%`, `至少组织 1 次`; others right before it: `达 100%`, `控制在 5%以内`.
# (`不得超过`, `不能低于`: a limit said as a prohibition, read whole, or its 不 would be lost and the sense turned round;
# align/wording.py reads the same words as ceilings and floors)
_CMP_FAR = (r"不(?:得|能|应|宜|可|准)(?:超过|高于|多于|大于|长于|低于|少于|小于|短于)"
            r"|不低于|不少于|不超过|不高于|不多于|不大于|不小于|不短于|不长于|至少|最少|最多|最长|最短|低于|高于|少于|多于|超过")
_CMP_NEAR = r"达到|达|控制在|保持在|提高到|提高至|提升到|提升至|降低到|降低至|降至|大于|小于"
_COMPARATIVE = lazy_pattern(rf"(?P<far>{_CMP_FAR})|(?P<near>{_CMP_NEAR})")
# What may stand between a comparative and its number: a few words of one clause (`全部人员编制的`, `组织`).
_FAR_GAP = lazy_pattern(r"[^0-9\s，,。；;、：:“”‘’（）()《》\n□]{0,12}\s*")
_NEAR_GAP = lazy_pattern(r"\s*")
_COMPARATIVE_WINDOW = 18
_ROUND_THE_CLOCK = lazy_pattern(r"24\s*小时")
_NAMES_A_YEAR = frozenset("上下前后当同本该去今明每近")
# Right before a number: 每 (`每25公里`, `每 2 年`: what a ratio counts per), or the dash of a range whose first
# number has no unit (`25-30公里`).
_RATIO_OR_RANGE = lazy_pattern(r"(?:每|[0-9]\s*[-—–～~])\s*\Z")
# `第 70 项指标`, `第一季度`, `第二次`: an ordinal, not a quantity.
_ORDINAL = lazy_pattern(r"第\s*\Z")
_NUMBER_BEFORE = frozenset("0123456789.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_SPACE = lazy_pattern(r"\s+")


def _masked(text: str) -> str:
    spans = reference_spans(text)
    # Each pattern is looked for only where a character it cannot match without is there: a date has its
    # 年 or 月, a slogan its opening “, a hotline its leading 12.
    for pattern, needs in ((_DATES, ("年", "月")), (_SLOGAN, ("“",)), (_HOTLINE, ("12",))):
        if any(part in text for part in needs):
            spans += [m.span() for m in pattern.finditer(text)]
    return mask_spans(text, spans)


def _value(quantity: re.Match) -> float | None:
    number = quantity.group("cn_percent") or quantity.group("number")
    value = float(number) if number[0].isdigit() else cn_to_int(number)
    # `提高到999…9%` (hundreds of digits) is no target a plan sets, and JSON has no Infinity
    return None if value is None or not math.isfinite(value) else float(value)


def _comparative(masked: str, window: int, start: int) -> int | None:
    """Start of the comparative nearest before a number (`最长不超过 15` → `不超过`), or None."""
    for comparative in reversed(list(_COMPARATIVE.finditer(masked, window, start))):
        gap = _FAR_GAP if comparative.group("far") else _NEAR_GAP
        if gap.fullmatch(masked, comparative.end(), start):
            return comparative.start()
    return None


def find_targets(text: str) -> list[Target]:
    """Numeric targets in order of appearance, de-duplicated by their text."""
    text = _FULLWIDTH.sub(lambda m: _FOLD[m.group()], text)
    if not _NUMBER_AND_UNIT.search(text):
        return []  # most measures: nothing to mask, no target
    masked = _masked(text)
    targets: list[Target] = []
    seen: set[str] = set()
    previous_end = 0
    for quantity in _QUANTITY.finditer(masked):
        start = quantity.start()
        if start and masked[start - 1] in _NUMBER_BEFORE:
            continue  # the tail of a longer number or code
        window = max(previous_end, start - _COMPARATIVE_WINDOW)
        if _ORDINAL.search(masked, window, start):
            continue
        comparative = _comparative(masked, window, start)
        number = quantity.group("number")
        written_out = number is not None and not number[0].isdigit()
        if (written_out or quantity.group("unit") == "年") and comparative is None and not quantity.group("suffix"):
            continue  # `一次办`, `一期工程`, `近3年`: a written-out number, or years, is a target only as a limit
        if quantity.group("unit") == "年" and start and masked[start - 1] in _NAMES_A_YEAR:
            continue  # `不高于上一年`: a year named, not a number of years
        if _RATIO_OR_RANGE.search(masked, max(0, start - 8), start):
            continue  # `每25公里配备…`: the base of a ratio; `25-30公里`: a range, no number of its own
        if comparative is None and not quantity.group("suffix") and _ROUND_THE_CLOCK.match(masked, start):
            continue  # `24小时动态巡查`, `7×24小时开放`: round the clock, no time limit (`24小时内` is one)
        value = _value(quantity)
        if value is None:
            continue
        phrase_start = start if comparative is None else comparative
        phrase = _SPACE.sub("", text[phrase_start:quantity.end()])
        unit = (quantity.group("unit") or "%")
        if quantity.group("scale") or quantity.group("per"):  # `万个`, `万吨/日`: as printed, 余 and spaces left out
            unit = _SPACE.sub("", (quantity.group("scale") or "").replace("余", "") + unit + (quantity.group("per") or ""))
        previous_end = quantity.end()
        if phrase not in seen:
            seen.add(phrase)
            targets.append(Target(text=phrase, value=value, unit=unit))
    return targets
