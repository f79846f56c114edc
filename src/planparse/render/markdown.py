"""The `markdown` format: a diff report as a markdown page (tables of chapters, measures and changes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import Renderer
from ._lang import t
from ._text import carried_duties, describe, directions_text, duties_text, heading_links, percent, plan_name

if TYPE_CHECKING:
    from ..models.diff import DiffReport, Segment


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def diff_markdown(report: DiffReport) -> str:
    """The summary, then what needs reading first (missing and changed measures), then the chapter mapping,
    every template measure with the units and deadlines of the local measures that carry it (and its own),
    local-only measures with theirs, the changes and the word diffs."""
    counts, coverage = report.counts, report.coverage
    statuses = "、".join(t("diff.status_count", status=t(f"status.{status}"), count=getattr(counts, status),
                           share=percent(getattr(coverage, status))) for status in ("full", "partial", "missing"))
    out = [f"# {_md(t('diff.heading', local=plan_name(report.local)))}", "",
           _md(t("diff.against", name=plan_name(report.template))), "",
           f"**{t('diff.covered', share=percent(coverage.covered))}**{t('diff.of_total', total=counts.total)}"
           f"{statuses}；" + t("diff.counts", links=len(report.links), local_only=len(report.local_only),
                              changes=len(report.changes)) + directions_text(report), "",
           f"## {t('diff.missing_list')}", ""]
    headline = {measure.template: measure.headline for measure in report.measures}
    out += [f"- {key}. {_md(headline[key])}" for key in report.missing] or [t("diff.none")]
    out += ["", f"## {t('diff.changed_list')}", ""]
    changed: dict = {}
    for change in report.changes:
        changed.setdefault(change.template, []).append(f"{change.local}：{describe(change)}")
    out += [f"- {key}. {_md(headline[key])}：{_md('；'.join(found))}" for key, found in changed.items()]
    out += [] if changed else [t("diff.none")]
    out += ["", f"## {t('diff.chapters')}", "", f"| {t('col.from')} | {t('col.local_links')} |", "|---|---|"]
    for heading in report.chapters:
        carried = heading_links(heading)
        out.append(f"| {_md(heading.template)} | {_md(carried) or '—'} |")
    out += ["", f"## {t('diff.measures')}", "",
            f"| # | {t('col.measure')} | {t('col.status')} | {t('col.carried_by')} | {t('col.local_duties')} | "
            f"{t('col.template_duties')} |", "|---|---|---|---|---|---|"]
    links = {(link.template, link.local): link for link in report.links}
    local_measures = {measure.local: measure for measure in report.local_measures}
    for measure in report.measures:
        local = "、".join(t("diff.link", key=key, kind=t(f"status.{links[(measure.template, key)].kind}"),
                             score=f"{links[(measure.template, key)].score:.2f}") for key in measure.local)
        # one line per local measure: a cell of a markdown table breaks its lines with <br>
        duties = "<br>".join(_md(line) for line in carried_duties(measure, local_measures))
        out.append(f"| {measure.template} | {_md(measure.headline)} | {t(f'status.{measure.status}')} | "
                   f"{local or '—'} | {duties} | {_md(duties_text(measure.duties))} |")
    out += ["", f"## {t('diff.local_only')}", ""]
    for local_measure in report.local_measures:
        if not local_measure.template:
            duties = duties_text(local_measure.duties)
            out.append(f"- {local_measure.local}. {_md(local_measure.headline)}"
                       + (_md(t("duties.after", duties=duties)) if duties else ""))
    if not report.local_only:
        out.append(t("diff.none"))
    out += ["", f"## {t('diff.changes')}", ""]
    if report.changes:
        out += [f"| {t('col.from')} | {t('col.to')} | {t('col.direction')} | {t('col.change')} | "
                f"{t('col.template_context')} | {t('col.local_context')} |", "|---|---|---|---|---|---|"]
        out += [f"| {change.template} | {change.local} | {_direction(change.direction)} | "
                f"{_md(describe(change, directed=False))} | {_md(change.template_context or '')} | "
                f"{_md(change.local_context or '')} |" for change in report.changes]
    else:
        out.append(t("diff.none"))
    for detail in report.details:
        if any(segment.op != "equal" for segment in detail.segments):
            out += ["", f"### {detail.template} → {detail.local}", "", _md_inline(detail.segments)]
    return "\n".join(out) + "\n"


def _direction(direction: str) -> str:
    """A change's direction, in bold when it weakens the template (what a reader looks for first)."""
    word = t(f"direction.{direction}")
    return f"**{word}**" if direction == "weakened" else word


def _md_inline(segments: list[Segment]) -> str:
    parts = []
    for segment in segments:
        if segment.op == "equal":
            parts.append(_md(segment.local))
            continue
        if segment.template:
            parts.append(f"~~{_md(segment.template)}~~")
        if segment.local:
            parts.append(f"**{_md(segment.local)}**")
    return "".join(parts)


RENDERER = Renderer(renders={"diff": diff_markdown}, order=1, suffixes=(".md",))
