"""Wording every report format shares: percentages, plan names, shortened headlines, one line per change,
deadlines and source lines (the words themselves come from _lang)."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from ._lang import t

if TYPE_CHECKING:
    from ..models.diff import Change

def percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def describe(change: Change, directed: bool = True) -> str:
    """One line: `【弱化】完成时限：2022年年底前 → 2023年年底前`, `牵头单位：市司法局 → 区司法局`
    (`[weakened] deadline: …`, `lead unit: …`); a change that neither weakens nor strengthens has no mark,
    nor has any where the direction has a column of its own (`directed` False)."""
    name = t(f"field.{change.field}")
    if change.from_ is None:
        text = t("change.added", field=name, value=change.to)
    elif change.to is None:
        text = t("change.removed", field=name, value=change.from_)
    else:
        text = t("change.changed", field=name, before=change.from_, after=change.to)
    if change.direction == "changed" or not directed:
        return text
    return t("change.directed", direction=t(f"direction.{change.direction}"), change=text)


def context_text(change: Change, lines: bool = False) -> str:
    """The words around a change on each side, `模板：“…必须严格执行…”；本地：“…可以参照执行…”` (with
    `lines`, one line each), or "" for a change without them (units, a report of schema version 1)."""
    if change.template_context is None and change.local_context is None:
        return ""
    return t("change.context_lines" if lines else "change.context", template=change.template_context or "—",
             local=change.local_context or "—")


def describe_in_context(change: Change) -> str:
    """describe(change) followed by its words in context, where a list has room for one line per change."""
    found = context_text(change)
    return t("change.in_context", change=describe(change), context=found) if found else describe(change)


def directions_text(report) -> str:
    """How many changes weaken and strengthen the template, `（弱化 2 处，强化 1 处）`, or "" when none does."""
    weakened = len(report.weakened())
    strengthened = sum(change.direction == "strengthened" for change in report.changes)
    return t("diff.directions", weakened=weakened, strengthened=strengthened) if weakened or strengthened else ""


def plan_name(plan) -> str:
    """A plan as a reader knows it: its title, with its region when the title does not name it
    (`某县法治政府建设实施方案（宝丰县）`); a plan without a title by its region, else its file's name, never a path."""
    if plan.title:
        return plan.title if not plan.region or plan.region in plan.title else f"{plan.title}（{plan.region}）"
    return plan.region or PurePath(plan.file).name


def heading_links(heading) -> str:
    """The local chapters carrying a template chapter's measures, with how many: `深化行政审批制度改革（3）`."""
    return "；".join(t("diff.heading_links", name=name, count=count) for name, count in zip(heading.local,
                                                                                           heading.links))


def units_text(duties) -> str:
    """A measure's units by role, `牵头：区司法局；参加：区法院、区检察院`, or "" when the report has none."""
    if duties is None:
        return ""
    return _labelled("；", [(t(f"role.{role}"), units) for role, units in (
        ("lead", duties.lead_units), ("responsible", duties.responsible_units),
        ("participating", duties.participating_units))])


def duties_text(duties) -> str:
    """A measure's units and deadlines under their labels, `牵头单位：区司法局；参加单位：区法院、区检察院；完成时限：
    2023年年底前` (`lead units: 区司法局; …` in English), or "" when it has none or the report carries none."""
    if duties is None:
        return ""
    fields = [(t(f"col.{role}"), units) for role, units in (
        ("lead", duties.lead_units), ("participating", duties.participating_units),
        ("responsible", duties.responsible_units))]
    fields.append((t("col.deadline"), [deadline.text for deadline in duties.deadlines]))
    return _labelled(t("duties.separator"), fields)


def _labelled(separator: str, fields: list[tuple[str, list[str]]]) -> str:
    """`label：a、b` for each field that has values, joined by `separator`."""
    return separator.join(t("labelled", label=label, value="、".join(values)) for label, values in fields if values)


def carried_duties(measure, local_measures: dict) -> list[str]:
    """The units and deadlines of the local measures that carry a template measure, one line each: as they are
    when one local measure carries it, each after its number when several do (`5.牵头单位：县司法局`); local
    measures that name none are left out."""
    lines = []
    for key in measure.local:
        written = duties_text(local_measures[key].duties)
        if written:
            lines.append(t("duties.of", key=key, duties=written) if len(measure.local) > 1 else written)
    return lines


def deadline_text(assignment) -> str:
    """A row's deadlines as written, with where they come from when the measure sets none itself."""
    written = "；".join(deadline.text for deadline in assignment.deadlines)
    if written and assignment.deadlines_from in ("section", "plan"):
        written += t(f"from.{assignment.deadlines_from}")
    return written


def lines_text(lines) -> str:
    first, last = lines
    return t("line", first=first) if first == last else t("lines", first=first, last=last)


def short(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
