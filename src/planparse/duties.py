"""What the two plans of a diff say beyond the alignment: each plan's 文号 and date, and each aligned unit's
units and deadlines, in the DiffReport: every diff format shows who answers for what and by when next to each
template measure (render._text.duties_text).

align.diff gives each unit of the report its duties with measure_duties as it makes the report's measures (from
the unit's fields: a measure's text is never read again), and with_meta adds the plans' 文号 and dates. This
module sits above align/ (it reads its units), beside the CLI and the public API, which hands it to align."""

from __future__ import annotations

from .models import Measure, Plan
from .models.diff import DiffReport, Duties, PlanRef


def with_meta(report: DiffReport, template: Plan, local: Plan) -> DiffReport:
    """`report` (a diff of `template` and `local`) with the plans' 文号 and dates."""
    return report.model_copy(update={"template": _with_meta(report.template, template),
                                     "local": _with_meta(report.local, local)})


def _with_meta(ref: PlanRef, plan: Plan) -> PlanRef:
    return ref.model_copy(update={"doc_number": plan.meta.doc_number, "date": plan.meta.date})


def measure_duties(measure: Measure) -> Duties:
    """The measure's duties. Made of the plan's validated values, so not validated again (`Model.trusted`):
    thousands of measures were a tenth of a second of validating."""
    # copies of the measure's lists, as validating made them: the report never shares a list with the plan
    return Duties.trusted(lead_units=list(measure.lead_units), participating_units=list(measure.participating_units),
                          responsible_units=list(measure.responsible_units), deadlines=list(measure.deadlines))
