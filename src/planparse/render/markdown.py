"""The `markdown` format: a diff report as a markdown page (tables of chapters, measures and changes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import Renderer
from ._text import describe, percent, plan_name

if TYPE_CHECKING:
    from ..models.diff import DiffReport, Segment


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def diff_markdown(report: DiffReport) -> str:
    out = [f"# planparse diff: {_md(plan_name(report.local))}", "",
           f"Template: {_md(plan_name(report.template))}", "",
           f"**Covered: {percent(report.coverage.covered)}** of {report.counts.total} template measures "
           f"(full {report.counts.full} = {percent(report.coverage.full)}, "
           f"partial {report.counts.partial} = {percent(report.coverage.partial)}, "
           f"missing {report.counts.missing} = {percent(report.coverage.missing)}); "
           f"{len(report.links)} links, {len(report.local_only)} local-only measures.", "",
           "## Chapters", "", "| template | local (links) |", "|---|---|"]
    for heading in report.chapters:
        carried = "; ".join(f"{name} ({count})" for name, count in zip(heading.local, heading.links))
        out.append(f"| {_md(heading.template)} | {_md(carried) or '—'} |")
    out += ["", "## Template measures", "", "| # | measure | status | local measures |", "|---|---|---|---|"]
    kinds = {(link.template, link.local): link for link in report.links}
    for measure in report.measures:
        local = ", ".join(f"{key} ({kinds[(measure.template, key)].kind} {kinds[(measure.template, key)].score:.2f})"
                          for key in measure.local)
        out.append(f"| {measure.template} | {_md(measure.headline)} | {measure.status} | {local or '—'} |")
    out += ["", "## Local-only measures", ""]
    out += [f"- {measure.local}. {_md(measure.headline)}" for measure in report.local_measures if not measure.template]
    if not report.local_only:
        out.append("None.")
    out += ["", "## Changes", ""]
    if report.changes:
        out += ["| template | local | change |", "|---|---|---|"]
        out += [f"| {change.template} | {change.local} | {_md(describe(change))} |" for change in report.changes]
    else:
        out.append("None.")
    for detail in report.details:
        if any(segment.op != "equal" for segment in detail.segments):
            out += ["", f"### {detail.template} → {detail.local}", "", _md_inline(detail.segments)]
    return "\n".join(out) + "\n"


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


RENDERER = Renderer(renders={"diff": diff_markdown}, order=1)
