"""Renderers of DiffReport and CompareReport: rich terminal, markdown, JSON, YAML, CSV and HTML.

Only formatting here: every figure comes from the report. rich is imported only by the terminal
renderers (and by the CLI), so a script that writes JSON never loads it.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Callable

from .models.diff import Change, CompareReport, DiffReport, PairDetail, Segment
from .yamlio import dumps

FORMATS = ("terminal", "markdown", "json", "yaml", "csv", "html")
COMPARE_FORMATS = ("terminal", "json", "yaml", "csv", "html")
_STATUS_STYLE = {"full": "green", "partial": "yellow", "missing": "red"}
_FIELD_NAMES = {"deadline": "deadline", "target": "target", "lead_units": "lead unit",
                "participating_units": "participating unit", "responsible_units": "responsible unit",
                "wording": "wording"}


def percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def describe(change: Change) -> str:
    """One line: `deadline: 2022年年底前 → 2023年年底前`, `lead unit added: 区司法局`."""
    name = _FIELD_NAMES[change.field]
    if change.from_ is None:
        return f"{name} added: {change.to}"
    if change.to is None:
        return f"{name} removed: {change.from_}"
    return f"{name}: {change.from_} → {change.to}"


def render(report: DiffReport | CompareReport, fmt: str) -> str:
    """The report as text in `fmt` (every format but `terminal`, which prints through rich)."""
    if fmt in ("json", "yaml"):
        return dumps(report, fmt)
    renderers: dict[str, Callable] = (
        {"markdown": diff_markdown, "csv": diff_csv, "html": diff_html} if isinstance(report, DiffReport)
        else {"csv": compare_csv, "html": compare_html})
    if fmt not in renderers:
        raise ValueError(f"no {fmt} renderer for {type(report).__name__}")
    return renderers[fmt](report)


# ---------------------------------------------------------------------------------------------------
# diff: terminal


def print_diff(report: DiffReport, console) -> None:
    """The default view: a summary panel, the chapter mapping, a table of template measures with their
    status and local measures, local-only measures, changes, and inline diffs when the report has them."""
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    summary = Text()
    summary.append(f"template  {_plan_name(report.template)}\n", style="bold")
    summary.append(f"local     {_plan_name(report.local)}\n\n", style="bold")
    summary.append(f"covered {percent(report.coverage.covered)}", style="bold")
    summary.append(f"  of {report.counts.total} template measures   ")
    for status in ("full", "partial", "missing"):
        summary.append(f"{status} {getattr(report.counts, status)} ({percent(getattr(report.coverage, status))})  ",
                       style=_STATUS_STYLE[status])
    summary.append(f"\n{len(report.links)} links, {len(report.local_only)} local-only measures, "
                   f"{len(report.changes)} changes")
    console.print(Panel(summary, title="planparse diff", expand=False))

    chapters = Table(title="Chapters: template → local", show_lines=False, title_justify="left")
    chapters.add_column("template")
    chapters.add_column("local (links)")
    for heading in report.chapters:
        carried = "; ".join(f"{name} ({count})" for name, count in zip(heading.local, heading.links))
        chapters.add_row(Text(heading.template), Text(carried) if carried else Text("—", style="red"))
    console.print(chapters)

    changes_of: dict = {}
    for change in report.changes:
        changes_of[change.template] = changes_of.get(change.template, 0) + 1
    kinds = {(link.template, link.local): link.kind for link in report.links}
    measures = Table(title="Template measures", title_justify="left",
                     caption="carried by: local measures, best first (green full, yellow partial)")
    measures.add_column("#", justify="right")
    measures.add_column("template measure", overflow="fold", ratio=3)
    measures.add_column("status")
    measures.add_column("carried by", overflow="fold", ratio=2)
    measures.add_column("changes", justify="right")
    for measure in report.measures:
        carried = Text()
        for position, key in enumerate(measure.local):
            if position:
                carried.append(" ")
            carried.append(str(key), style=_STATUS_STYLE[kinds[(measure.template, key)]])
        measures.add_row(Text(str(measure.template)), Text(measure.headline),
                         Text(measure.status, style=_STATUS_STYLE[measure.status]), carried,
                         str(changes_of.get(measure.template, "")))
    console.print(measures)

    if report.changes:
        changes = Table(title="Changes in linked measures", title_justify="left")
        changes.add_column("template", justify="right")
        changes.add_column("local", justify="right")
        changes.add_column("change", overflow="fold")
        for change in report.changes:
            changes.add_row(Text(str(change.template)), Text(str(change.local)), Text(describe(change)))
        console.print(changes)

    if report.local_only:
        only = Table(title="Local-only measures", title_justify="left")
        only.add_column("#")
        only.add_column("local measure")
        for measure in report.local_measures:
            if not measure.template:
                only.add_row(Text(str(measure.local)), Text(_short(measure.headline, 60)))
        console.print(only)

    for detail in report.details:
        if any(segment.op != "equal" for segment in detail.segments):
            console.print(Text(f"\n{detail.template} → {detail.local}", style="bold"))
            console.print(_rich_inline(detail))


def _rich_inline(detail: PairDetail):
    from rich.text import Text

    text = Text()
    for segment in detail.segments:
        if segment.op == "equal":
            text.append(segment.local)
            continue
        if segment.template:
            text.append(segment.template, style="red strike")
        if segment.local:
            text.append(segment.local, style="green underline")
    return text


def _plan_name(plan) -> str:
    return f"{plan.title} ({plan.file})" if plan.title else plan.file


def _short(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# ---------------------------------------------------------------------------------------------------
# diff: markdown and CSV


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def diff_markdown(report: DiffReport) -> str:
    out = [f"# planparse diff: {_md(_plan_name(report.local))}", "",
           f"Template: {_md(_plan_name(report.template))}", "",
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


# A cell starting with one of these is a formula to Excel and LibreOffice (`=HYPERLINK(…)`, `+1+1`, `@SUM`),
# also after a tab or carriage return: OWASP's CSV-injection advice is to prefix such a cell with `'`.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class _SafeCsvWriter:
    """csv.writer whose every cell goes through csv_cell: plan text in a report is data."""

    def __init__(self, buffer):
        self._writer = csv.writer(buffer, lineterminator="\n")

    def writerow(self, row) -> None:
        self._writer.writerow([csv_cell(cell) for cell in row])


def diff_csv(report: DiffReport) -> str:
    """One row per link, per missing template measure and per local-only measure."""
    buffer = io.StringIO()
    writer = _SafeCsvWriter(buffer)
    writer.writerow(["template", "local", "status", "kind", "score", "template_headline", "local_headline", "changes"])
    template_headline = {measure.template: measure.headline for measure in report.measures}
    local_headline = {measure.local: measure.headline for measure in report.local_measures}
    status = {measure.template: measure.status for measure in report.measures}
    changes: dict = {}
    for change in report.changes:
        changes.setdefault((change.template, change.local), []).append(describe(change))
    for link in report.links:
        writer.writerow([link.template, link.local, status[link.template], link.kind, f"{link.score:.3f}",
                         template_headline[link.template], local_headline[link.local],
                         "; ".join(changes.get((link.template, link.local), []))])
    for key in report.missing:
        writer.writerow([key, "", "missing", "", "", template_headline[key], "", ""])
    for key in report.local_only:
        writer.writerow(["", key, "local_only", "", "", "", local_headline[key], ""])
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------------
# diff: HTML

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:2em;color:#222;
line-height:1.6}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em}
.summary{border:1px solid #ccc;border-radius:6px;padding:1em;background:#fafafa;display:inline-block}
.coverage{font-size:1.3em;font-weight:bold}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ddd;padding:.4em;vertical-align:top;text-align:left}
th{background:#f0f0f0}
.full{background:#e3f4e1}.partial{background:#fdf3d0}.missing{background:#fbe1e1}
.status{font-weight:bold;white-space:nowrap}
.pair td{width:50%}.num{font-weight:bold;color:#555}
del{background:#f9c0c0;text-decoration:line-through}ins{background:#c3ecc0;text-decoration:none}
mark{background:#ffe58a}.changes{font-size:.9em;color:#444;margin:.3em 0 0 1em}
.local-measure{border-top:1px dashed #ccc;padding-top:.3em;margin-top:.3em}
.local-measure:first-child{border-top:none;margin-top:0}
"""


def diff_html(report: DiffReport) -> str:
    """One self-contained page: summary with the coverage figure, chapter mapping, and the template's
    measures side by side with the local measures that carry them, changes highlighted."""
    e = html.escape
    out = [_page_head(f"planparse diff: {_plan_name(report.local)}"),
           f"<h1>{e(_plan_name(report.local))}</h1>",
           f"<p>measured against the template {e(_plan_name(report.template))}</p>",
           '<div class="summary">',
           f'<div class="coverage" id="coverage">Coverage {percent(report.coverage.covered)}</div>',
           f"<div>{report.counts.total} template measures: "
           f'<span class="full">full {report.counts.full} ({percent(report.coverage.full)})</span>, '
           f'<span class="partial">partial {report.counts.partial} ({percent(report.coverage.partial)})</span>, '
           f'<span class="missing">missing {report.counts.missing} ({percent(report.coverage.missing)})</span>'
           f"</div><div>{len(report.links)} links, {len(report.local_only)} local-only measures, "
           f"{len(report.changes)} changes</div></div>",
           "<h2>Chapters</h2><table><tr><th>template</th><th>local (links)</th></tr>"]
    for heading in report.chapters:
        carried = "; ".join(f"{name} ({count})" for name, count in zip(heading.local, heading.links))
        out.append(f"<tr><td>{e(heading.template)}</td><td>{e(carried) or '—'}</td></tr>")
    out.append("</table><h2>Measures side by side</h2><table><tr><th>template</th><th>local</th></tr>")
    links = {(link.template, link.local): link for link in report.links}
    details = {(detail.template, detail.local): detail for detail in report.details}
    changes: dict = {}
    for change in report.changes:
        changes.setdefault((change.template, change.local), []).append(change)
    local_text = {measure.local: measure for measure in report.local_measures}
    for measure in report.measures:
        # Deletions are shown on the template side only against a single local measure: against one part
        # of a split, the other parts would look deleted.
        only = details.get((measure.template, measure.local[0])) if len(measure.local) == 1 else None
        left = _html_side(only.segments, "template") if only else _mark(measure.text, _changed_values(
            changes, measure.template, "from_"))
        cells = []
        for key in measure.local:
            link = links[(measure.template, key)]
            detail = details.get((measure.template, key))
            body = (_html_side(detail.segments, "local") if detail
                    else _mark(local_text[key].text, _changed_values(changes, measure.template, "to", key)))
            listed = "".join(f"<li>{e(describe(change))}</li>" for change in changes.get((measure.template, key), []))
            cells.append(f'<div class="local-measure"><span class="num">{e(str(key))}</span> '
                         f'<span class="{link.kind}">{link.kind} {link.score:.2f}</span><br>{body}'
                         + (f'<ul class="changes">{listed}</ul>' if listed else "") + "</div>")
        right = "".join(cells) or '<span class="missing">missing: no local measure carries it</span>'
        out.append(f'<tr class="pair"><td><span class="num">{e(str(measure.template))}</span> '
                   f'<span class="status {measure.status}">{measure.status}</span><br>{left}</td>'
                   f"<td>{right}</td></tr>")
    out.append("</table><h2>Local-only measures</h2>")
    only = [measure for measure in report.local_measures if not measure.template]
    out.append("<table>" + "".join(f'<tr><td class="num">{e(str(m.local))}</td><td>{e(m.text)}</td></tr>'
                                   for m in only) + "</table>" if only else "<p>None.</p>")
    out.append("</body></html>\n")
    return "\n".join(out)


def _page_head(title: str) -> str:
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{_CSS}</style></head><body>")


def _html_side(segments: list[Segment], side: str) -> str:
    tag = "del" if side == "template" else "ins"
    parts = []
    for segment in segments:
        text = html.escape(getattr(segment, side)).replace("\n", "<br>")
        parts.append(text if segment.op == "equal" or not text else f"<{tag}>{text}</{tag}>")
    return "".join(parts)


def _changed_values(changes: dict, template, attribute: str, local=None) -> list[str]:
    """The `from_` or `to` values of the deadline and target changes of a template measure (and local one)."""
    values = []
    for (t_key, l_key), listed in changes.items():
        if t_key == template and (local is None or l_key == local):
            values += [getattr(change, attribute) for change in listed if change.field in ("deadline", "target")]
    return [value for value in values if value]


def _mark(text: str, values: list[str]) -> str:
    """Escaped text with each changed deadline/target value marked."""
    escaped = html.escape(text)
    for value in sorted(set(values), key=lambda value: (-len(value), value)):  # longest first, then stable
        escaped = escaped.replace(html.escape(value), f"<mark>{html.escape(value)}</mark>")
    return escaped.replace("\n", "<br>")


# ---------------------------------------------------------------------------------------------------
# compare

_MATRIX_COLUMNS_MAX = 16  # above this many plans the terminal shows shares instead of a matrix
_NUMBER_EVERY_COLUMN_UP_TO = 60
_PLAN_ROWS_MAX = 40


def print_compare(report: CompareReport, console) -> None:
    from rich.table import Table
    from rich.text import Text

    console.print(Text(f"planparse compare: {len(report.plans)} plans against {_plan_name(report.template)}",
                       style="bold"))
    plans = Table(title="Coverage per plan (covered = full + partial)", title_justify="left")
    for column in ("plan", "covered", "full", "partial", "missing"):
        plans.add_column(column, justify="left" if column == "plan" else "right")
    for row in report.plans[:_PLAN_ROWS_MAX]:
        c = row.coverage
        plans.add_row(Text(_plan_name(row.plan)), percent(c.covered), percent(c.full), percent(c.partial),
                      percent(c.missing))
    if len(report.plans) > _PLAN_ROWS_MAX:
        plans.caption = f"… and {len(report.plans) - _PLAN_ROWS_MAX} more plans (see --format csv or html)"
    console.print(plans)
    matrix = Table(title="Template measures", title_justify="left")
    matrix.add_column("#")
    matrix.add_column("measure", overflow="fold")
    small = len(report.plans) <= _MATRIX_COLUMNS_MAX
    if small:
        for index in range(len(report.plans)):
            matrix.add_column(str(index + 1), justify="center")
    else:
        for status in ("full", "partial", "missing"):
            matrix.add_column(f"{status} plans", justify="right")
    for position, measure in enumerate(report.measures):
        statuses = [row.statuses[position] for row in report.plans]
        if small:
            cells = [Text(status[0].upper() if status != "missing" else "·", style=_STATUS_STYLE[status])
                     for status in statuses]
        else:
            cells = [Text(percent(statuses.count(status) / max(len(statuses), 1)), style=_STATUS_STYLE[status])
                     for status in ("full", "partial", "missing")]
        matrix.add_row(Text(str(measure.template)), Text(_short(measure.headline)), *cells)
    if small:
        matrix.caption = "columns: plans in the order above; F full, P partial, · missing"
    console.print(matrix)


def compare_csv(report: CompareReport) -> str:
    """The matrix: one row per template measure, one column per plan (its file), cells full/partial/missing;
    a last row `covered` with each plan's full+partial share."""
    buffer = io.StringIO()
    writer = _SafeCsvWriter(buffer)
    writer.writerow(["template", "headline"] + [row.plan.file for row in report.plans])
    for position, measure in enumerate(report.measures):
        writer.writerow([measure.template, measure.headline] + [row.statuses[position] for row in report.plans])
    writer.writerow(["covered", ""] + [f"{row.coverage.covered:.4f}" for row in report.plans])
    return buffer.getvalue()


_HEATMAP_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
.wrap{overflow:auto;max-height:85vh;border:1px solid #ccc}
table{border-collapse:collapse;font-size:12px}th,td{border:1px solid #fff;padding:0}
th{background:#f0f0f0;position:sticky;top:0;font-weight:normal}
th.m{position:sticky;left:0;z-index:1;text-align:left;padding:0 .4em;white-space:nowrap;background:#f7f7f7}
td{width:10px;min-width:10px;height:14px}td.f{background:#2e9e44}td.p{background:#f2c037}td.m{background:#d9534f}
td.share{width:auto;padding:0 .4em;background:#fff;white-space:nowrap}
.legend span{display:inline-block;padding:0 .5em;margin-right:.5em;color:#fff}
"""


def compare_html(report: CompareReport) -> str:
    """A heatmap: rows are template measures, columns plans; green full, yellow partial, red missing.
    Hovering a column's number names the plan and its coverage (no text per cell: 3,000 plans stay small)."""
    e = html.escape
    n = len(report.plans)
    average = sum(row.coverage.covered for row in report.plans) / n if n else 0.0
    out = [f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>planparse compare: '
           f"{e(_plan_name(report.template))}</title><style>{_HEATMAP_CSS}</style></head><body>",
           f"<h1>{n} plans against {e(_plan_name(report.template))}</h1>",
           f'<p class="coverage" id="coverage">Average coverage {percent(average)} (full + partial)</p>',
           '<p class="legend"><span style="background:#2e9e44">full</span><span style="background:#f2c037">'
           'partial</span><span style="background:#d9534f">missing</span></p>',
           '<div class="wrap"><table><tr><th class="m">template measure</th><th>covered in</th>']
    for index, row in enumerate(report.plans, start=1):
        # With many plans, numbering every column would overprint: every tenth, the rest on hover.
        label = index if n <= _NUMBER_EVERY_COLUMN_UP_TO or index % 10 == 0 else ""
        out.append(f'<th title="{index}. {e(row.plan.file)}: {percent(row.coverage.covered)}">{label}</th>')
    out.append("</tr>")
    for position, measure in enumerate(report.measures):
        statuses = [row.statuses[position] for row in report.plans]
        share = sum(status != "missing" for status in statuses) / n if n else 0.0
        label = e(f"{measure.template} {measure.headline}")
        out.append(f'<tr><th class="m" title="{label}">{e(_short(f"{measure.template} {measure.headline}", 24))}</th>'
                   f'<td class="share">{percent(share)}</td>'
                   + "".join(f'<td class="{status[0]}"></td>' for status in statuses) + "</tr>")
    out.append("</table></div><h2>Plans</h2><ol>")
    out += [f"<li>{e(_plan_name(row.plan))}: {percent(row.coverage.covered)}</li>" for row in report.plans]
    out.append("</ol></body></html>\n")
    return "\n".join(out)
