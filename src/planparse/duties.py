"""What the two plans of a diff say beyond the alignment: each plan's 文号 and date, and each aligned unit's
units and deadlines, copied into the DiffReport: every diff format shows who answers for what and by when
next to each template measure (render._text.duties_text).

align/ reports its units (a plan's measures, and the tasks it writes without a number) in the order of
align.measures.PlanMeasures; this module reads the fields of the units at those places, so it never re-reads
a measure's text. It sits above align/ (it reads its units), beside the CLI and the public API."""

from __future__ import annotations

from typing import TypeVar

from .align.measures import PlanMeasures
from .models import Measure, Plan
from .models.diff import DiffReport, Duties, LocalMeasure, PlanRef, TemplateMeasure

UnitT = TypeVar("UnitT", TemplateMeasure, LocalMeasure)


def with_duties(report: DiffReport, template: Plan, local: Plan) -> DiffReport:
    """`report` (a diff of `template` and `local`) with the plans' 文号 and dates and every measure's duties."""
    template_measures = PlanMeasures.of(template).items
    local_measures = template_measures if local is template else PlanMeasures.of(local).items  # `diff X X`
    if len(template_measures) != len(report.measures) or len(local_measures) != len(report.local_measures):
        raise ValueError("the report is not a diff of these plans: their measures do not match")
    return report.model_copy(update={
        "template": _with_meta(report.template, template),
        "local": _with_meta(report.local, local),
        "measures": [_with_duties(measure, found) for measure, found in zip(report.measures, template_measures)],
        "local_measures": [_with_duties(measure, found)
                           for measure, found in zip(report.local_measures, local_measures)],
    })


def _with_meta(ref: PlanRef, plan: Plan) -> PlanRef:
    return ref.model_copy(update={"doc_number": plan.meta.doc_number, "date": plan.meta.date})


def _with_duties(unit: UnitT, measure: Measure) -> UnitT:
    """The report's unit with the measure's duties. Made of validated models and the plan's own values, so
    not validated again (`Model.trusted`): thousands of measures were a tenth of a second of validating."""
    return type(unit).trusted(**{**unit.__dict__, "duties": _duties(measure)})


def _duties(measure: Measure) -> Duties:
    # copies of the measure's lists, as validating made them: the report never shares a list with the plan
    return Duties.trusted(lead_units=list(measure.lead_units), participating_units=list(measure.participating_units),
                          responsible_units=list(measure.responsible_units), deadlines=list(measure.deadlines))
