"""The `html` format: a diff as one self-contained page (the measures side by side, changes highlighted);
a compare report as a heatmap of template measures × plans. Every piece of plan text is escaped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import Renderer
from ._text import describe, percent, plan_name, short

if TYPE_CHECKING:
    from ..models.diff import CompareReport, DiffReport, Segment

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
    from html import escape as e

    out = [_page_head(f"planparse diff: {plan_name(report.local)}"),
           f"<h1>{e(plan_name(report.local))}</h1>",
           f"<p>measured against the template {e(plan_name(report.template))}</p>",
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
    local_only = [measure for measure in report.local_measures if not measure.template]
    out.append("<table>" + "".join(f'<tr><td class="num">{e(str(m.local))}</td><td>{e(m.text)}</td></tr>'
                                   for m in local_only) + "</table>" if local_only else "<p>None.</p>")
    out.append("</body></html>\n")
    return "\n".join(out)


def _page_head(title: str) -> str:
    from html import escape

    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{_CSS}</style></head><body>")


def _html_side(segments: list[Segment], side: str) -> str:
    from html import escape

    tag = "del" if side == "template" else "ins"
    parts = []
    for segment in segments:
        text = escape(getattr(segment, side)).replace("\n", "<br>")
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
    from html import escape

    escaped = escape(text)
    for value in sorted(set(values), key=lambda value: (-len(value), value)):  # longest first, then stable
        escaped = escaped.replace(escape(value), f"<mark>{escape(value)}</mark>")
    return escaped.replace("\n", "<br>")


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
_NUMBER_EVERY_COLUMN_UP_TO = 60


def compare_html(report: CompareReport) -> str:
    """A heatmap: rows are template measures, columns plans; green full, yellow partial, red missing.
    Hovering a column's number names the plan and its coverage (no text per cell: 3,000 plans stay small)."""
    from html import escape as e

    n = len(report.plans)
    average = sum(row.coverage.covered for row in report.plans) / n if n else 0.0
    out = [f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>planparse compare: '
           f"{e(plan_name(report.template))}</title><style>{_HEATMAP_CSS}</style></head><body>",
           f"<h1>{n} plans against {e(plan_name(report.template))}</h1>",
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
        out.append(f'<tr><th class="m" title="{label}">{e(short(f"{measure.template} {measure.headline}", 24))}</th>'
                   f'<td class="share">{percent(share)}</td>'
                   + "".join(f'<td class="{status[0]}"></td>' for status in statuses) + "</tr>")
    out.append("</table></div><h2>Plans</h2><ol>")
    out += [f"<li>{e(plan_name(row.plan))}: {percent(row.coverage.covered)}</li>" for row in report.plans]
    out.append("</ol></body></html>\n")
    return "\n".join(out)


RENDERER = Renderer(renders={"diff": diff_html, "compare": compare_html}, order=5, notes={"compare": "a heatmap"},
                    detail=True)
