"""Regular expressions compiled when first used, not when their module is imported.

Extraction's modules hold some 150 patterns, many with a class of Chinese characters (`[\u4e00-\u9fff]`),
which Python's re takes up to a few milliseconds each to compile, and many look for what few plans have
(printed metadata, pinyin readings, OCR slips). Compiled on import, they were about 0.05 s of every extract
and diff, most of it for patterns the plan never needed (F21's diff of 4,000 measures: 0.91 → 0.86 s)."""

from __future__ import annotations

import re
from typing import Any, cast

_KEPT = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "pattern", "flags",
         "groups", "groupindex")


def lazy_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, compiled when first used (typed as the pattern it stands for)."""
    return cast("re.Pattern[str]", _Lazy(pattern, flags))


class _Lazy:
    """Stands for a compiled pattern: the first attribute asked of it compiles the pattern and keeps its
    methods and attributes as this object's own, so later uses cost what the pattern's own do."""

    def __init__(self, pattern: str, flags: int):
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        compiled = re.compile(*self._source)
        for kept in _KEPT:
            setattr(self, kept, getattr(compiled, kept))
        return getattr(compiled, name)
