"""What `diff` and `compare` report: how local plans carry the measures of a template plan.

The JSON/YAML form of these models is a contract for scripts (issue 3): a DiffReport carries
`coverage: {full, partial, missing}`, `links: [{template, local, kind, score}]`, `missing`, `local_only`
and `changes: [{template, local, field, from, to, direction, template_context, local_context}]`. Measures are
named by their number (or, for an unnumbered measure, by its label).

Schema version 2 (this one) added to each change its `direction` and the words around it
(`template_context`, `local_context`) and the fields `obligation` and `scope`; `upgrade_diff` reads a
version 1 report as version 2 (its changes' direction `changed`, no context).
"""

from __future__ import annotations

from typing import Any, Final, Literal

from pydantic import ConfigDict, Field, model_serializer

from .plan import Deadline, Model

DIFF_SCHEMA_NAME: Final = "planparse/diff"
COMPARE_SCHEMA_NAME: Final = "planparse/compare"
DIFF_SCHEMA_VERSION: Final = 2
READABLE_DIFF_SCHEMA_VERSIONS: Final = (1, 2)
COMPARE_SCHEMA_VERSION: Final = 1

# A measure's number, or its label when it has none (e.g. "加分项 1").
MeasureKey = int | str
# full: the local measure restates the template measure or a part of it;
# partial: they share one clear policy point, but most of either is about something else.
LinkKind = Literal["full", "partial"]
Status = Literal["full", "partial", "missing"]
ChangeField = Literal["deadline", "target", "obligation", "scope", "lead_units", "participating_units",
                      "responsible_units", "wording"]
# What a change does to the template's commitment (planparse.align.changes decides it, per field):
# weakened (a softer word, a later or dropped deadline, a lower floor or higher ceiling, a narrower scope),
# strengthened (the reverse), or changed (a unit, wording, or a change whose direction is not clear).
Direction = Literal["weakened", "strengthened", "changed"]


class PlanRef(Model):
    """Which plan a report speaks of."""

    file: str
    title: str | None = None
    region: str | None = None
    doc_number: str | None = None  # 文号
    date: str | None = None  # ISO yyyy-mm-dd
    measures: int = 0


# The reports' floats written by pydantic's JSON writer (render/json.py) as json writes them, NaN and infinities
# too (never made: a share or a score is a number in [0, 1])
_FLOATS_AS_JSON = ConfigDict(extra="forbid", ser_json_inf_nan="constants")


class Coverage(Model):
    """Shares (0–1) of the template's measures that a local plan covers fully, partially, or not at all."""

    model_config = _FLOATS_AS_JSON

    full: float
    partial: float
    missing: float

    @property
    def covered(self) -> float:
        """The share carried at all (full + partial): the figure reports lead with and `--fail-under` compares.
        Rounded like the shares it adds, so that 0.7 + 0.1 is 0.8, not 0.7999999999999999."""
        return round(self.full + self.partial, 4)


class Counts(Model):
    full: int
    partial: int
    missing: int
    total: int


class Link(Model):
    """One template measure carried (fully or partially) by one local measure.

    `score` (0–1) is the largest of: the share of the local measure's distinctive wording that restates
    the template measure; the share of the template measure's wording restated in the local one; the
    share of the local measure in one clause that restates a clause of the template measure (0 for a link
    the plans' structure makes). Which links are full: planparse.align.links.
    """

    model_config = _FLOATS_AS_JSON

    template: MeasureKey
    local: MeasureKey
    kind: LinkKind
    score: float


class Change(Model):
    """A difference inside a linked pair: a deadline, a numeric target, a word of obligation or scope, a unit,
    or (with detail) wording.

    `from_` is None when the local measure adds something, `to` is None when it drops it. `direction` says
    whether the local plan weakens or strengthens the template's commitment; `template_context` and
    `local_context` are the clause of each measure the change sits in (None for units, which are not in a
    sentence, and for the side that has nothing).
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    template: MeasureKey
    local: MeasureKey
    field: ChangeField
    from_: str | None = Field(default=None, alias="from")
    to: str | None = None
    direction: Direction = "changed"
    template_context: str | None = None
    local_context: str | None = None

    @model_serializer(mode="wrap")
    def _write_from(self, handler):
        # `from` is a Python keyword: the field is `from_`, but every dump writes the contract's `from`.
        return {("from" if key == "from_" else key): value for key, value in handler(self).items()}


class Duties(Model):
    """Who answers for a measure and by when, as its plan says (planparse.duties copies them in)."""

    lead_units: list[str] = Field(default_factory=list)
    participating_units: list[str] = Field(default_factory=list)
    responsible_units: list[str] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)


class TemplateMeasure(Model):
    """A template measure, its status in the local plan, and the local measures that carry it."""

    template: MeasureKey
    headline: str = ""
    heading: str = ""  # the chapter/section it sits in
    status: Status
    local: list[MeasureKey] = Field(default_factory=list)  # best link first
    text: str = ""
    duties: Duties | None = None


class LocalMeasure(Model):
    """A local measure and the template measures it carries (empty: local-only)."""

    local: MeasureKey
    headline: str = ""
    heading: str = ""
    template: list[MeasureKey] = Field(default_factory=list)
    text: str = ""
    duties: Duties | None = None


class HeadingLink(Model):
    """A template chapter/section and the local chapters/sections that carry its measures, most links first."""

    template: str
    local: list[str] = Field(default_factory=list)
    links: list[int] = Field(default_factory=list)  # number of measure links to each local heading


class Segment(Model):
    """A run of a word-level diff: `equal` text, or text the local plan deletes, inserts or replaces."""

    op: Literal["equal", "delete", "insert", "replace"]
    template: str = ""
    local: str = ""


class PairDetail(Model):
    """The word-level inline diff of one linked pair (only with `detail`)."""

    template: MeasureKey
    local: MeasureKey
    segments: list[Segment] = Field(default_factory=list)


class DiffReport(Model):
    schema_name: Literal["planparse/diff"] = DIFF_SCHEMA_NAME
    schema_version: Literal[2] = DIFF_SCHEMA_VERSION
    template: PlanRef
    local: PlanRef
    coverage: Coverage
    counts: Counts
    chapters: list[HeadingLink] = Field(default_factory=list)
    measures: list[TemplateMeasure] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    missing: list[MeasureKey] = Field(default_factory=list)
    local_only: list[MeasureKey] = Field(default_factory=list)
    local_measures: list[LocalMeasure] = Field(default_factory=list)
    changes: list[Change] = Field(default_factory=list)
    details: list[PairDetail] = Field(default_factory=list)

    def to_frame(self):
        """A pandas DataFrame of one row per link, missing and local-only measure (models.frames.DIFF_COLUMNS);
        pandas is the `research` extra."""
        from .frames import DIFF_COLUMNS, diff_records, frame

        return frame(diff_records(self), DIFF_COLUMNS)

    def weakened(self) -> list[Change]:
        """The changes that weaken the template's commitment (what `--fail-on weakened` fails on)."""
        return [change for change in self.changes if change.direction == "weakened"]

    def weakened_per_pair(self) -> dict[tuple[MeasureKey, MeasureKey], int]:
        """How many changes of each linked pair (template, local) weaken the template (pairs without any absent)."""
        counts: dict[tuple[MeasureKey, MeasureKey], int] = {}
        for change in self.weakened():
            counts[(change.template, change.local)] = counts.get((change.template, change.local), 0) + 1
        return counts


def upgrade_diff(data: dict[str, Any]) -> dict[str, Any]:
    """A diff report of an older schema version as the current one. Version 1 had no direction nor context
    on its changes: they read as `changed`, without context (what version 1 could not tell)."""
    return {**data, "schema_version": DIFF_SCHEMA_VERSION}


class MeasureRef(Model):
    template: MeasureKey
    headline: str = ""
    heading: str = ""


class PlanCoverage(Model):
    """One local plan's row of the coverage matrix: a status per template measure, in template order."""

    plan: PlanRef
    coverage: Coverage
    statuses: list[Status]


class CompareReport(Model):
    schema_name: Literal["planparse/compare"] = COMPARE_SCHEMA_NAME
    schema_version: Literal[1] = COMPARE_SCHEMA_VERSION
    template: PlanRef
    measures: list[MeasureRef] = Field(default_factory=list)
    plans: list[PlanCoverage] = Field(default_factory=list)
