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
    "col.units": ("单位", "units"),
    "col.local_units": ("本地措施的单位", "units of the local measures"),
    "col.local_deadlines": ("本地措施的完成时限", "deadlines of the local measures"),
    "col.local_duties": ("本地的单位和时限", "local units and deadlines"),
    "col.template_duties": ("模板的单位和时限", "template units and deadlines"),
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
    "field.obligation": ("约束力", "obligation"),
    "field.scope": ("适用范围", "scope"),
    # which way a change moves the template's commitment
    "direction.weakened": ("弱化", "weakened"),
    "direction.strengthened": ("强化", "strengthened"),
    "direction.changed": ("变化", "changed"),
    "change.directed": ("【{direction}】{change}", "[{direction}] {change}"),
    "change.context": ("模板：“{template}”；本地：“{local}”", "template: “{template}”; local: “{local}”"),
    "change.context_lines": ("模板：“{template}”\n本地：“{local}”", "template: “{template}”\nlocal: “{local}”"),
    "change.in_context": ("{change}（{context}）", "{change} ({context})"),
    "change.added": ("{field}新增：{value}", "{field} added: {value}"),
    "change.removed": ("{field}删除：{value}", "{field} removed: {value}"),
    "change.changed": ("{field}：{before} → {after}", "{field}: {before} → {after}"),
    "labelled": ("{label}：{value}", "{label}: {value}"),
    # a measure's units and deadlines in one cell (render._text.duties_text), and which local measure's they are
    "duties.separator": ("；", "; "),
    "duties.of": ("{key}.{duties}", "{key}. {duties}"),  # no space: a terminal would break the line there
    "duties.after": ("（{duties}）", " ({duties})"),
    "source": ("来源：{plan}，措施 {measure}，{lines}", "Source: {plan}, measure {measure}, {lines}"),
    # diff: the terminal view, markdown and HTML
    "diff.title": ("planparse 对照", "planparse diff"),
    "diff.heading": ("对照报告：{local}", "planparse diff: {local}"),
    "diff.template": ("模板  {name}", "template  {name}"),
    "diff.local": ("本地  {name}", "local     {name}"),
    "diff.against": ("对照模板：{name}", "measured against the template {name}"),
    "diff.covered": ("覆盖率 {share}", "covered {share}"),
    "diff.total": ("模板措施共 {total} 项：", "{total} template measures: "),
    "diff.of_total": ("，模板措施共 {total} 项：", " of {total} template measures: "),
    "diff.status_count": ("{status} {count} 项（{share}）", "{status} {count} ({share})"),
    "diff.counts": ("{links} 处对应，{local_only} 项本地新增措施，{changes} 处变化",
                    "{links} links, {local_only} local-only measures, {changes} changes"),
    "diff.directions": ("（弱化 {weakened} 处，强化 {strengthened} 处）",
                        " ({weakened} weakened, {strengthened} strengthened)"),
    "diff.chapters": ("章节对应：模板 → 本地", "Chapters: template → local"),
    "diff.measures": ("模板措施", "Template measures"),
    "diff.carried_caption": ("承接的本地措施按相似度排列（绿色完全，黄色部分）",
                             "carried by: local measures, best first (green full, yellow partial)"),
    "diff.changes": ("对应措施中的变化", "Changes in linked measures"),
    "diff.local_only": ("本地新增措施", "Local-only measures"),
    "diff.missing_list": ("缺失的措施", "Missing measures"),
    "diff.changed_list": ("有变化的措施", "Changed measures"),
    "html.lang": ("zh-CN", "en"),
    "diff.side_by_side": ("逐条对照", "Measures side by side"),
    "diff.none": ("无。", "None."),
    "diff.no_local": ("缺失：没有本地措施承接", "missing: no local measure carries it"),
    "diff.link": ("{key}（{kind} {score}）", "{key} ({kind} {score})"),
    "diff.heading_links": ("{name}（{count}）", "{name} ({count})"),
    "diff.print_note": ("打印版只列出缺失和部分承接的措施；完全承接的措施有哪些变化，见上文“有变化的措施”。",
                        "Printed, this list shows only missing and partial measures; the changes of fully carried "
                        "ones are listed above under “Changed measures”."),
    "col.carried_by": ("承接的本地措施", "carried by"),
    "col.local_links": ("本地（对应数）", "local (links)"),
    "col.local_measure": ("本地措施", "local measure"),
    "col.template_measure": ("模板措施", "template measure"),
    "col.change": ("变化", "change"),
    "col.direction": ("方向", "direction"),
    "col.context": ("原文", "in context"),
    "col.template_context": ("模板原文", "template words"),
    "col.local_context": ("本地原文", "local words"),
    "col.weakened": ("弱化", "weakened"),
    "legend": ("图例", "Legend"),
    "legend.full": ("本地措施承接了模板措施的全部或主要内容", "a local measure restates the template measure"),
    "legend.partial": ("本地措施只承接了一部分", "a local measure shares one clear point with it"),
    "legend.missing": ("没有本地措施承接", "no local measure carries it"),
    "legend.del": ("模板有、本地删去的文字", "words of the template the local plan drops"),
    "legend.ins": ("本地新增的文字", "words the local plan adds"),
    "legend.mark": ("变化的完成时限或指标", "a changed deadline or target"),
    "diff.missing_count": ("缺失的措施（{count}）", "Missing measures ({count})"),
    "diff.changed_count": ("有变化的措施（{count}）", "Changed measures ({count})"),
    # the Word report of a diff
    "docx.title": ("方案对照报告", "Plan comparison report"),
    "docx.plans": ("一、对照的方案", "1. The plans compared"),
    "docx.template": ("模板", "template"),
    "docx.local": ("本地", "local"),
    "docx.coverage": ("二、覆盖情况", "2. Coverage"),
    "docx.coverage_text": (
        "模板措施共 {total} 项，本地方案完全承接 {full} 项、部分承接 {partial} 项、缺失 {missing} 项，"
        "覆盖率（完全 + 部分）{covered}；另有本地新增措施 {local_only} 项，对应措施中有 {changes} 处变化。",
        "Of {total} template measures the local plan carries {full} fully and {partial} in part, and misses "
        "{missing}: {covered} covered (full + partial). It adds {local_only} measures of its own; linked "
        "measures differ in {changes} places."),
    "docx.directions": ("其中弱化模板要求的 {weakened} 处，强化的 {strengthened} 处。",
                        " Of these, {weakened} weaken the template and {strengthened} strengthen it."),
    "docx.share": ("占比", "share"),
    "docx.missing": ("三、缺失的措施（{count}）", "3. Missing measures ({count})"),
    "docx.changed": ("四、部分承接和有变化的措施（{count}）", "4. Measures carried in part or changed ({count})"),
    "docx.responsibilities": ("五、责任分工", "5. Responsibilities"),
    "docx.template_units": ("模板措施的单位", "units of the template measure"),
    "docx.local_only": ("六、本地新增措施（{count}）", "6. Local-only measures ({count})"),
    # compare
    "compare.title": ("planparse 比较：{count} 个方案对照 {template}", "planparse compare: {count} plans against {template}"),
    "compare.heading": ("{count} 个方案对照 {template}", "{count} plans against {template}"),
    "compare.per_plan": ("各方案覆盖率（覆盖 = 完全 + 部分）", "Coverage per plan (covered = full + partial)"),
    "compare.more_plans": ("……另有 {count} 个方案（见 --format csv、xlsx 或 html）",
                           "… and {count} more plans (see --format csv, xlsx or html)"),
    "compare.status_plans": ("{status}的方案", "{status} plans"),
    "compare.columns": ("列为方案，顺序同上；F 完全，P 部分，· 缺失", "columns: plans in the order above; F full, P partial, · missing"),
    "compare.average": ("平均覆盖率 {share}（完全 + 部分）", "Average coverage {share} (full + partial)"),
    "compare.covered_in": ("覆盖的方案", "covered in"),
    "compare.plans": ("方案", "Plans"),
    "compare.legend_full": ("F 完全", "F full"),
    "compare.legend_partial": ("P 部分", "P partial"),
    "compare.legend_missing": ("· 缺失", "· missing"),
    "also.written": ("又作 {spellings}", "also {spellings}"),
    "lines": ("第{first}—{last}行", "lines {first}–{last}"),
    "line": ("第{first}行", "line {first}"),
}


def lang() -> str:
    return _current.get()


def t(key: str, /, **values) -> str:
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
