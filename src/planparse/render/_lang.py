"""Every word a human-facing report shows, in Chinese (the default) and English (`--lang en`): one table, so
that a renderer never spells a label itself and both languages are reviewed side by side.

render.render and render.show set the language for the renderer they call (`language`); a renderer asks
for a string with `t(key, **values)`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

LANGUAGES = ("zh", "en")
_current: ContextVar[str] = ContextVar("planparse_lang", default="zh")

# key → (Chinese, English); `{name}` fields are filled by t().
MESSAGES: dict[str, tuple[str, str]] = {
    # the roles of a unit in a measure
    "role.lead": ("牵头", "lead"),
    "role.participating": ("参加", "participating"),
    "role.responsible": ("责任", "responsible"),
    # where a row's deadline comes from, when not the measure itself
    "from.section": ("（所在部分的时限）", " (the section's)"),
    "from.plan": ("（方案统一时限）", " (the plan's, for every task)"),
    # tasks
    "tasks.title": ("任务分工：{plans}", "Tasks: {plans}"),
    "tasks.count": ("{units} 个单位，{rows} 项任务", "{units} units, {rows} tasks"),
    "tasks.none": ("没有符合条件的任务。", "No tasks match."),
    "col.unit": ("单位", "unit"),
    "col.spellings": ("写法", "spellings"),
    "col.role": ("职责", "role"),
    "col.measure": ("措施", "measure"),
    "col.number": ("序号", "#"),
    "col.headline": ("措施要点", "headline"),
    "col.text": ("措施全文", "measure text"),
    "col.chapter": ("章", "chapter"),
    "col.section": ("节", "section"),
    "col.deadline": ("完成时限", "deadline"),
    "col.due": ("截止日期", "due"),
    "col.recurring": ("经常性时限", "recurring"),
    "col.plan": ("方案", "plan"),
    "col.lines": ("原文行", "source lines"),
    "also.written": ("又作 {spellings}", "also {spellings}"),
    "lines": ("第{first}—{last}行", "lines {first}–{last}"),
    "line": ("第{first}行", "line {first}"),
}


def lang() -> str:
    return _current.get()


def t(key: str, **values) -> str:
    """The string `key` in the current language, its `{fields}` filled from `values`."""
    chinese, english = MESSAGES[key]
    return (english if _current.get() == "en" else chinese).format(**values)


@contextmanager
def language(code: str) -> Iterator[None]:
    """Renderers called inside speak `code` (`zh` or `en`)."""
    if code not in LANGUAGES:
        raise ValueError(f"no language {code!r}; there are {', '.join(LANGUAGES)}")
    token = _current.set(code)
    try:
        yield
    finally:
        _current.reset(token)
