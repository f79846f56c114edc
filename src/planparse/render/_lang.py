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
    "col.marker": ("编号", "marker"),
    "col.label": ("标签", "label"),
    "col.lead": ("牵头单位", "lead units"),
    "col.participating": ("参加单位", "participating units"),
    "col.responsible": ("责任单位", "responsible units"),
    "col.targets": ("指标", "targets"),
    "col.citations": ("引用文件", "cited documents"),
    "col.tasks": ("工作事项", "typed tasks"),
    "col.items": ("子项", "items"),
    "col.recognized_by": ("识别依据", "recognized by"),
    "col.measures": ("措施数", "measures"),
    "col.leads": ("牵头的措施", "leads measures"),
    "col.takes_part": ("参加的措施", "takes part in measures"),
    "col.answers_for": ("负责的措施", "responsible for measures"),
    "col.template": ("模板措施", "template measure"),
    "col.local": ("本地措施", "local measures"),
    "col.local_headline": ("本地措施要点", "local headlines"),
    "col.local_text": ("本地措施全文", "local measure text"),
    "col.status": ("状态", "status"),
    "col.changes": ("变化", "changes"),
    "col.heading": ("所在章节", "chapter / section"),
    "col.field": ("项目", "field"),
    "col.from": ("模板", "template"),
    "col.to": ("本地", "local"),
    "col.region": ("地区", "region"),
    "col.file": ("文件", "file"),
    "col.doc_number": ("文号", "document number"),
    "col.date": ("日期", "date"),
    "col.covered": ("覆盖率", "covered"),
    "col.full": ("完全覆盖", "full"),
    "col.partial": ("部分覆盖", "partial"),
    "col.missing": ("缺失", "missing"),
    "col.score": ("相似度", "score"),
    "sheet.measures": ("措施", "measures"),
    "sheet.units": ("单位", "units"),
    "sheet.coverage": ("覆盖情况", "coverage"),
    "sheet.local_only": ("本地新增措施", "local-only measures"),
    "sheet.changes": ("变化", "changes"),
    "sheet.matrix": ("覆盖矩阵", "coverage matrix"),
    "sheet.plans": ("方案", "plans"),
    "sheet.tasks": ("任务", "tasks"),
    "row.covered": ("覆盖率（完全＋部分）", "covered (full + partial)"),
    # statuses of a template measure in a local plan
    "status.full": ("完全", "full"),
    "status.partial": ("部分", "partial"),
    "status.missing": ("缺失", "missing"),
    # what a change in a linked pair is about
    "field.deadline": ("完成时限", "deadline"),
    "field.target": ("指标", "target"),
    "field.lead_units": ("牵头单位", "lead unit"),
    "field.participating_units": ("参加单位", "participating unit"),
    "field.responsible_units": ("责任单位", "responsible unit"),
    "field.wording": ("表述", "wording"),
    "change.added": ("{field}新增：{value}", "{field} added: {value}"),
    "change.removed": ("{field}删除：{value}", "{field} removed: {value}"),
    "change.changed": ("{field}：{before} → {after}", "{field}: {before} → {after}"),
    "labelled": ("{label}：{value}", "{label}: {value}"),
    "source": ("来源：{plan}，措施 {measure}，{lines}", "Source: {plan}, measure {measure}, {lines}"),
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
