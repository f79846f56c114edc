"""Work grows linearly with the input: each construct that once took quadratic time (issue 14 F01, F03) is
timed in-process at n and 2n characters, and doubling the input must not much more than double the time.

A ratio, not an absolute time, so a slow machine does not fail it: linear is ≈ 2, quadratic ≈ 4, and the
bar is 3. Noise only makes a run slower, so each size is timed as the best of several runs (each repeated
until it lasts long enough to time), the two sizes alternate so a busy spell hits both, and a ratio over
the bar is measured again before the test fails: a quadratic construct fails every time."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from planparse import extract_text
from planparse.align.changes import word_diff
from planparse.align.wording import shifts
from planparse.corpus_check import RULES, Subject
from planparse.fields.citations import find_citations
from planparse.fields.targets import find_targets

HEAD = "一、总体要求\n1.推进依法行政。\n"
RATIO = 3.0
BEST_OF = 5
ATTEMPTS = 3
MIN_TIMED = 0.02  # seconds: shorter calls are repeated until the clock can tell them apart


def _dated_lines(n: int) -> str:
    count = n // 14  # `2003年7月12日前完成。` is about 14 characters
    return HEAD + "".join(f"{1990 + i // 240}年{i // 20 % 12 + 1}月{i % 20 + 1}日前完成。\n" for i in range(count))


def _check_rules(text: str) -> None:
    subject = Subject(Path("x.txt"), "x.txt", text, extract_text(text))
    for rule in RULES:
        for _ in rule(subject):
            pass


# name: (input of about n characters, what is timed on it). n is where the quadratic versions took
# 0.3–2 s, so a regression is far above any noise.
CONSTRUCTS = {
    "targets: a run of digits": (lambda n: HEAD + "1" * n, extract_text),
    # a number's scale (万, 余) is optional: two `\s*` around it tried every split of the spaces
    "targets: spaces after a number": (lambda n: "1" + " " * n + "x", find_targets),
    "fold: a run of spaces": (lambda n: HEAD + "a" + " " * n + "b", extract_text),
    "table rule followed by spaces": (lambda n: HEAD + "|---|" + " " * n + "x", extract_text),
    "units: labels in brackets": (lambda n: HEAD + "2.推进" + "（牵头单位：甲" * (n // 7), extract_text),
    "units: a run of 。 in a unit list": (lambda n: HEAD + "2.推进。牵头单位：甲、" + "。" * n + "乙部门", extract_text),
    "plan-wide deadline: a long closing paragraph": (lambda n: HEAD + "\n本方案" + "各项任务" * (n // 4), extract_text),
    # a row number of n² (a few characters): the work must not follow the number's value
    "numbering: a row number far past the last": (lambda n: f"| 1 | 甲 |\n| {n * n} | 乙 |\n", extract_text),
    "check rules: many dated lines": (_dated_lines, _check_rules),
    # O(n⁴) once: the 文号 pattern after a 》 split a run of spaces every way (found by the fuzzer)
    "citations: spaces after a title": (lambda n: "依据《条例》" + " " * n + "x", find_citations),
    # the document-level readings of issue 8
    "layout: a flattened task table": (lambda n: "序号\n任务\n牵头部门\n时间节点\n" + "".join(
        f"{i}\n任务{i}。\n区司法局\n2025年3月\n" for i in range(1, n // 16)), extract_text),
    "layout: enumerations in articles": (lambda n: "第一章 总则\n" + "".join(
        f"第{i}条 有下列情形之一的：\n（一）甲的；\n（二）乙的。\n" for i in range(1, n // 24)), extract_text),
    # a restated sentence's words of obligation: difflib's time is the product of the lengths, and more on a
    # run of one character (found by the fuzzer)
    "wording: a long sentence restated with one word replaced": (
        lambda n: "9" * n, lambda text: shifts("必须" + text, "可以" + text)),
    "wording: two long sentences unlike each other": (
        lambda n: "ab" * (n // 2), lambda text: shifts("必须" + text, "可以" + text[::-1])),
    "layout: lone numbers that repeat": (lambda n: "\n".join(str(1 + i % 2) for i in range(n // 2)) + "\n",
                                         extract_text),
    # diff --detail's word diff of two long measures of repeated words (found by the fuzzer)
    "word diff: long measures of repeated words": (lambda n: "第1条一、健全。" * (n // 8),
                                                   lambda text: word_diff(text, text[::-1])),
}
SIZES = {"layout: a flattened task table": 20000, "layout: enumerations in articles": 20000,
         "layout: lone numbers that repeat": 20000, "units: a run of 。 in a unit list": 10000, "numbering: a row number far past the last": 1000,
         "check rules: many dated lines": 6000, "citations: spaces after a title": 150}


def _seconds(work, text: str) -> float:
    """Seconds per call, repeating short calls until they last MIN_TIMED."""
    calls, started = 0, time.perf_counter()
    while True:
        work(text)
        calls += 1
        elapsed = time.perf_counter() - started
        if elapsed >= MIN_TIMED:
            return elapsed / calls


def _ratio(build, work, n: int) -> tuple[float, float, float]:
    small, large = build(n), build(2 * n)
    work(small)  # warm caches and lazy imports
    best_small = best_large = float("inf")
    for _ in range(BEST_OF):
        best_small = min(best_small, _seconds(work, small))
        best_large = min(best_large, _seconds(work, large))
    return best_large / best_small, best_small, best_large


@pytest.mark.parametrize("name", list(CONSTRUCTS))
def test_doubling_the_input_at_most_about_doubles_the_time(name):
    build, work = CONSTRUCTS[name]
    n = SIZES.get(name, 5000)
    for _ in range(ATTEMPTS):
        ratio, small, large = _ratio(build, work, n)
        if ratio < RATIO:
            return
    pytest.fail(f"{name}: {large:.4f} s at 2n against {small:.4f} s at n = {n}: ×{ratio:.1f}, super-linear")
