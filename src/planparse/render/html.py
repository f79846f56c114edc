"""The `html` format: a diff as one self-contained page that opens with what needs reading (the missing and
the changed measures, each linked to its row), a legend, then the measures side by side; a compare report as
a heatmap of template measures × plans headed by the plans' names. Colours are safe for colour-blind readers
and never the only sign (words, F/P/· letters, strike-through and underline say the same), and a print
stylesheet keeps a printed report to what needs reading. Every piece of plan text is escaped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import Renderer
from ._lang import t
from ._text import describe, describe_in_context, directions_text, duties_text, heading_links, percent, plan_name, short

if TYPE_CHECKING:
    from ..models.diff import CompareReport, DiffReport, Segment

# Okabe–Ito colours, told apart with every common colour-vision deficiency: blue (full), yellow (partial),
# vermillion (missing); light tints of them behind text.
_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:2em;color:#222;
line-height:1.6}
h1{font-size:1.4em;margin:0 0 .2em}h2{font-size:1.15em;margin-top:1.6em}
.summary{border:1px solid #ccc;border-radius:6px;padding:.6em 1em;background:#fafafa;display:inline-block}
.coverage{font-size:1.3em;font-weight:bold}
.findings li{margin:.2em 0}.findings ul{margin:0;padding-left:1.2em;color:#444;font-size:.95em}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ddd;padding:.4em;vertical-align:top;text-align:left}
th{background:#f0f0f0}
.full{background:#d6e6f4}.partial{background:#faf4b8}.missing{background:#f6d3bf}
.status{font-weight:bold;white-space:nowrap;padding:0 .3em}
.pair td{width:50%}.num{font-weight:bold;color:#555}
li.weakened{color:#a33a00;font-weight:bold}li.strengthened{color:#0060a0}
del{background:#f6d3bf;text-decoration:line-through}ins{background:#d6e6f4;text-decoration:underline}
mark{background:#ffe58a;font-weight:bold}.changes{font-size:.9em;color:#444;margin:.3em 0 0 1em}
.legend dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em;margin:0}.legend dd{margin:0}
.duties{font-size:.9em;color:#444;margin-top:.2em}
.local-measure{border-top:1px dashed #ccc;padding-top:.3em;margin-top:.3em}
.local-measure:first-child{border-top:none;margin-top:0}
tr:target{outline:3px solid #0072b2}
.print-note{display:none}
@media print{
@page{size:A4;margin:15mm}
body{margin:0;font-size:10pt;line-height:1.4}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
a{color:inherit;text-decoration:none}
tr,li,.local-measure{break-inside:avoid}
tr.pair.full{display:none}
.print-note{display:block;font-style:italic}
}
"""


def diff_html(report: DiffReport) -> str:
    """The summary, the missing and the changed measures (linked to their rows), a legend, the chapter
    mapping, the template's measures side by side with the local measures that carry them (each with its units
    and deadlines), changes marked, and the local-only measures."""
    from html import escape as e

    positions = {measure.template: index for index, measure in enumerate(report.measures, start=1)}
    out = [_page_head(t("diff.heading", local=plan_name(report.local)), _CSS),
           f"<h1>{e(plan_name(report.local))}</h1>",
           f"<p>{e(t('diff.against', name=plan_name(report.template)))}</p>",
           '<div class="summary">',
           f'<div class="coverage" id="coverage">{e(t("diff.covered", share=percent(report.coverage.covered)))}</div>',
           "<div>" + e(t("diff.total", total=report.counts.total))
           + "、".join(f'<span class="{status}">' + e(t("diff.status_count", status=t(f"status.{status}"),
                                                        count=getattr(report.counts, status),
                                                        share=percent(getattr(report.coverage, status))))
                      + "</span>" for status in ("full", "partial", "missing"))
           + "</div><div>" + e(t("diff.counts", links=len(report.links), local_only=len(report.local_only),
                                 changes=len(report.changes)) + directions_text(report)) + "</div></div>"]
    out += _findings(report, positions)
    out.append(_legend())
    out.append(f"<h2>{e(t('diff.chapters'))}</h2><table><tr><th>{e(t('col.from'))}</th>"
               f"<th>{e(t('col.local_links'))}</th></tr>")
    for heading in report.chapters:
        out.append(f"<tr><td>{e(heading.template)}</td><td>{e(heading_links(heading)) or '—'}</td></tr>")
    out.append(f"</table><h2>{e(t('diff.side_by_side'))}</h2><p class=\"print-note\">{e(t('diff.print_note'))}</p>"
               f"<table><tr><th>{e(t('col.template_measure'))}</th><th>{e(t('col.local_measure'))}</th></tr>")
    out += _pairs(report, positions)
    out.append(f"</table><h2>{e(t('diff.local_only'))}</h2>")
    only = [measure for measure in report.local_measures if not measure.template]
    out.append("<table>" + "".join(f'<tr id="l{index}"><td class="num">{e(str(m.local))}</td><td>{e(m.text)}'
                                   f"{_duties(m.duties)}</td></tr>" for index, m in enumerate(only, start=1))
               + "</table>"
               if only else f"<p>{e(t('diff.none'))}</p>")
    out.append("</body></html>\n")
    return "\n".join(out)


def _findings(report: DiffReport, positions: dict) -> list[str]:
    """The lists a reader acts on, first on the page: missing measures, then changed ones with their changes."""
    from html import escape as e

    headline = {measure.template: measure.headline for measure in report.measures}
    out = [f'<section id="missing"><h2>{e(t("diff.missing_count", count=len(report.missing)))}</h2>']
    out.append('<ol class="findings">' + "".join(
        f'<li><a href="#m{positions[key]}">{e(f"{key}. {headline[key]}")}</a></li>' for key in report.missing)
        + "</ol>" if report.missing else f"<p>{e(t('diff.none'))}</p>")
    changed: dict = {}
    for change in report.changes:
        changed.setdefault(change.template, []).append(
            f'<li class="{change.direction}">{e(f"{change.local}：{describe_in_context(change)}")}</li>')
    out.append(f'</section><section id="changed"><h2>{e(t("diff.changed_count", count=len(changed)))}</h2>')
    out.append('<ul class="findings">' + "".join(
        f'<li><a href="#m{positions[key]}">{e(f"{key}. {headline[key]}")}</a><ul>'
        + "".join(found) + "</ul></li>" for key, found in changed.items())
        + "</ul>" if changed else f"<p>{e(t('diff.none'))}</p>")
    out.append("</section>")
    return out


def _legend() -> str:
    from html import escape as e

    rows = [f'<dt><span class="status {status}">{e(t(f"status.{status}"))}</span></dt>'
            f"<dd>{e(t(f'legend.{status}'))}</dd>" for status in ("full", "partial", "missing")]
    rows += [f"<dt><{tag}>{e(sample)}</{tag}></dt><dd>{e(t(f'legend.{tag}'))}</dd>"
             for tag, sample in (("del", "2022"), ("ins", "2023"), ("mark", "2023年年底前"))]
    return f'<section class="legend"><h2>{e(t("legend"))}</h2><dl>{"".join(rows)}</dl></section>'


def _pairs(report: DiffReport, positions: dict) -> list[str]:
    """One row per template measure (id m1, m2 …, what the lists above link to)."""
    from html import escape as e

    links = {(link.template, link.local): link for link in report.links}
    details = {(detail.template, detail.local): detail for detail in report.details}
    changes: dict = {}
    for change in report.changes:
        changes.setdefault((change.template, change.local), []).append(change)
    local_text = {measure.local: measure for measure in report.local_measures}
    out = []
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
            listed = "".join(f'<li class="{change.direction}">{e(describe(change))}</li>'
                             for change in changes.get((measure.template, key), []))
            cells.append(f'<div class="local-measure"><span class="num">{e(str(key))}</span> '
                         f'<span class="status {link.kind}">{e(t(f"status.{link.kind}"))} {link.score:.2f}</span>'
                         f"<br>{body}{_duties(local_text[key].duties)}"
                         + (f'<ul class="changes">{listed}</ul>' if listed else "") + "</div>")
        right = "".join(cells) or f'<span class="status missing">{e(t("diff.no_local"))}</span>'
        out.append(f'<tr class="pair {measure.status}" id="m{positions[measure.template]}"><td>'
                   f'<span class="num">{e(str(measure.template))}</span> '
                   f'<span class="status {measure.status}">{e(t(f"status.{measure.status}"))}</span><br>{left}'
                   f"{_duties(measure.duties)}</td>"
                   f"<td>{right}</td></tr>")
    return out


def _duties(duties) -> str:
    """A measure's units and deadlines under its text (`牵头单位：县司法局；完成时限：2023年年底前`), if any."""
    from html import escape

    written = duties_text(duties)
    return f'<div class="duties">{escape(written)}</div>' if written else ""


def _page_head(title: str, css: str) -> str:
    from html import escape

    return (f'<!DOCTYPE html><html lang="{t("html.lang")}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
            f"<style>{css}</style></head><body>")


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
th{background:#f0f0f0;position:sticky;top:0;font-weight:normal;vertical-align:bottom}
th.plan{writing-mode:vertical-rl;max-height:14em;overflow:hidden;white-space:nowrap;padding:.3em 0;font-size:11px}
th.measure{position:sticky;left:0;z-index:1;text-align:left;padding:0 .4em;white-space:nowrap;background:#f7f7f7}
td{width:14px;min-width:14px;height:16px;text-align:center;font-size:10px;line-height:16px}
.f{background:#0072b2;color:#fff}.p{background:#f0e442;color:#000}.m{background:#d55e00;color:#fff}
td.share{width:auto;padding:0 .4em;background:#fff;color:#222;white-space:nowrap}
.legend span{display:inline-block;padding:0 .5em;margin:0 .3em 0 .8em}
@media print{body{margin:0}.wrap{max-height:none;overflow:visible;border:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""
_LETTER = {"full": "F", "partial": "P", "missing": "·"}


def compare_html(report: CompareReport) -> str:
    """A heatmap: rows are template measures, columns plans headed by their names; F (blue) full, P (yellow)
    partial, · (vermillion) missing. A column's header names the plan and its coverage on hover too."""
    from html import escape as e

    n = len(report.plans)
    average = sum(row.coverage.covered for row in report.plans) / n if n else 0.0
    template = plan_name(report.template)
    out = [_page_head(t("compare.title", count=n, template=template), _HEATMAP_CSS),
           f"<h1>{e(t('compare.heading', count=n, template=template))}</h1>",
           f'<p class="coverage" id="coverage">{e(t("compare.average", share=percent(average)))}</p>',
           '<p class="legend">' + "".join(
               f'<span class="{status[0]}">{_LETTER[status]}</span>{e(t(f"status.{status}"))}'
               for status in ("full", "partial", "missing")) + "</p>",
           f'<div class="wrap"><table><tr><th class="measure">{e(t("col.template_measure"))}</th>'
           f"<th>{e(t('compare.covered_in'))}</th>"]
    for index, row in enumerate(report.plans, start=1):
        name = plan_name(row.plan)
        title = t("labelled", label=f"{index}. {name}", value=percent(row.coverage.covered))
        out.append(f'<th class="plan" title="{e(title)}">{e(name)}</th>')
    out.append("</tr>")
    for position, measure in enumerate(report.measures):
        statuses = [row.statuses[position] for row in report.plans]
        share = sum(status != "missing" for status in statuses) / n if n else 0.0
        label = e(f"{measure.template} {measure.headline}")
        out.append(f'<tr><th class="measure" title="{label}">{e(short(f"{measure.template} {measure.headline}", 24))}</th>'
                   f'<td class="share">{percent(share)}</td>'
                   + "".join(f'<td class="{status[0]}">{_LETTER[status]}</td>' for status in statuses) + "</tr>")
    out.append(f"</table></div><h2>{e(t('compare.plans'))}</h2><ol>")
    out += [f"<li>{e(t('labelled', label=plan_name(row.plan), value=percent(row.coverage.covered)))}</li>"
            for row in report.plans]
    out.append("</ol></body></html>\n")
    return "\n".join(out)


RENDERER = Renderer(renders={"diff": diff_html, "compare": compare_html}, order=5, notes={"compare": "a heatmap"},
                    detail=True, suffixes=(".html", ".htm"))
