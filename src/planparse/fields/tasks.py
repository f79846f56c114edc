"""Typed work items of an indicator in a work plan: `（1）网络检索：…`, `材料查证：…`, `随机访谈：…`."""

from __future__ import annotations

import re

from ..patterns import lazy_pattern

KNOWN_TASK_TYPES = ("网络检索", "材料查证", "随机访谈", "实地核验", "案卷评查", "随机抽考")

# `（1）网络检索：本级政府…`, `(2) 材料查证：…`, `案卷评查：1. 各单位…`, `随机抽考：…`: an optional item marker,
# then a four-character label ending in a checking verb, then a colon. `工作任务：` and `拟制材料：` are not tasks.
_TASK = lazy_pattern(
    r"\s*(?:[（(]\s*\d{1,2}\s*[）)]|\d{1,2}\s*[.．、]|[①-⑳])?\s*"
    r"(?P<type>[\u4e00-\u9fff]{2}(?:检索|查证|访谈|核验|评查|抽考|核查|检查))\s*[：:]\s*(?P<text>.*)",
    re.S,
)


def task_type(line: str) -> tuple[str, str] | None:
    """(type, text after the colon) for a typed work item line, else None."""
    found = _TASK.match(line)
    if found is None:
        return None
    return found.group("type"), found.group("text").strip()
