"""patterns.lazy_pattern: a regular expression compiled when first used behaves as the compiled one."""

from __future__ import annotations

import re

from planparse.patterns import lazy_pattern


def test_a_lazy_pattern_does_what_the_compiled_pattern_does():
    source, flags, text = r"(?P<number>\d+)\s*(项|个)", re.MULTILINE, "推进3项工作，完成 12 个\n第4项"
    lazy, compiled = lazy_pattern(source, flags), re.compile(source, flags)
    assert lazy.search(text).group("number") == compiled.search(text).group("number")
    assert lazy.match(text) is None and lazy.fullmatch("3项").span() == (0, 2)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.findall(text) == compiled.findall(text) and lazy.split(text) == compiled.split(text)
    assert lazy.sub("#", text) == compiled.sub("#", text) and lazy.subn("#", text) == compiled.subn("#", text)
    assert (lazy.pattern, lazy.flags, lazy.groups, lazy.groupindex) == (compiled.pattern, compiled.flags,
                                                                        compiled.groups, compiled.groupindex)


def test_a_lazy_pattern_is_compiled_once_when_first_used(monkeypatch):
    compiled = []
    real = re.compile
    monkeypatch.setattr(re, "compile", lambda *source: compiled.append(source) or real(*source))
    lazy = lazy_pattern(r"[\u4e00-\u9fff]+")
    assert compiled == []
    assert lazy.search("abc推进").group() == "推进" and lazy.sub("", "推进x") == "x"
    assert compiled == [(r"[\u4e00-\u9fff]+", 0)]
