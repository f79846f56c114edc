"""The typed document model: every producer writes these, every consumer reads them.

Nothing else in planparse defines a schema. Line ranges (`lines: [first, last]`) are 1-based line
numbers of the decoded source file, so a user can check every node against the original.
"""

from __future__ import annotations

import functools
from typing import Any, Final, Literal, Self

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_NAME: Final = "planparse/plan"
SCHEMA_VERSION: Final = 3
# Versions `load` reads; an older file is upgraded on load (see yamlio.upgrade).
READABLE_SCHEMA_VERSIONS = (1, 2, 3)

# `national` for the State Council and its ministries; `town` for 镇/乡/街道. 上海市 and the other
# municipalities directly under the central government are `province`, their districts `district`.
Level = Literal["national", "province", "city", "county", "district", "town"]
Kind = Literal["implementation_plan", "division_of_labor", "work_plan", "regulation", "opinion", "action_plan",
               "work_points", "emergency_plan", "notice"]
LineRange = tuple[int, int]


class Model(BaseModel):
    # Unknown keys in a loaded YAML are an error: a file of another schema must not half-load.
    model_config = ConfigDict(extra="forbid")

    @classmethod
    def trusted(cls, **values: Any) -> Self:
        """An instance of values the parser made itself, of the right types, every field given: not validated
        (validating was a twentieth of extracting a plan of short measures). What pydantic's model_construct
        does, without looking for aliases and defaults, which made it slower than validating. The lists given
        are kept, not copied. A loaded file is always validated (yamlio.loads_plan)."""
        fields = _field_names(cls)
        # in schema order, as validated: given so (the usual call), the keyword dict, new at every call, is it
        if tuple(values) != fields:
            if len(values) != len(fields):
                raise TypeError(f"{cls.__name__}.trusted needs every field: {sorted(set(fields) ^ set(values))}")
            values = {name: values[name] for name in fields}
        model = cls.__new__(cls)
        _set(model, "__dict__", values)
        _set(model, "__pydantic_fields_set__", set(fields))
        _set(model, "__pydantic_extra__", None)
        _set(model, "__pydantic_private__", None)
        return model


_set = object.__setattr__  # (how pydantic's own model_construct sets a model's slots)


@functools.cache
def _field_names(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(model.model_fields)


class Source(Model):
    file: str
    sha256: str
    encoding: str
    # How the encoding was chosen: "bom", "utf-8", "utf-16-heuristic", "gb18030", "detector".
    encoding_method: str = "utf-8"
    format: str = "text"


class DocRef(Model):
    """A cited document: 《title》 and/or its 文号 (e.g. 豫发〔2021〕31号)."""

    title: str | None = None
    doc_number: str | None = None


class Period(Model):
    start: int | None = None
    end: int | None = None


class Region(Model):
    """An administrative division: its GB/T 2260 code (6 digits) and name."""

    code: str
    name: str


class Meta(Model):
    title: str | None = None
    doc_number: str | None = None
    issuers: list[str] = Field(default_factory=list)
    date: str | None = None  # ISO yyyy-mm-dd
    period: Period | None = None
    region: str | None = None
    region_code: str | None = None  # GB/T 2260, 6 digits
    region_parents: list[Region] = Field(default_factory=list)  # province, then city, above the region
    level: Level | None = None
    kind: Kind = "implementation_plan"
    draft: bool = False
    basis: list[DocRef] = Field(default_factory=list)


class Deadline(Model):
    text: str
    date: str | None = None  # ISO yyyy-mm-dd; None when the text names no day we can fix


class Target(Model):
    text: str
    value: float = Field(allow_inf_nan=False)  # JSON has no Infinity: a plan file with one is refused on load
    unit: str


class Task(Model):
    """A typed work item of an indicator, e.g. 网络检索 / 材料查证 / 随机访谈 / 实地核验."""

    type: str
    text: str
    lines: LineRange


class Item(Model):
    """A sub-item inside a measure ((1), ①, 1) …): part of the measure, never a measure itself."""

    marker: str
    text: str
    lines: LineRange


class Measure(Model):
    number: int | None = None
    marker: str = ""  # the marker as written: "1.", "1．", "第 1 项指标：", "附加项指标加分项 1："
    label: str | None = None  # for unnumbered measures such as 加分项 1
    headline: str = ""
    text: str = ""
    lines: LineRange
    recognized_by: str = ""
    lead_units: list[str] = Field(default_factory=list)
    participating_units: list[str] = Field(default_factory=list)
    responsible_units: list[str] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    recurring: list[str] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    citations: list[DocRef] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    items: list[Item] = Field(default_factory=list)


class HeadedNode(Model):
    """A chapter or section: a numbered heading, and the prose it holds outside its measures."""

    number: int | None = None
    marker: str | None = ""  # None: a heading line that lost its marker (numbered by position, or null)
    title: str = ""  # the heading line, or the first sentence when the line runs on (then also in text)
    lines: LineRange
    recognized_by: str = ""
    text: str = ""


class Section(HeadedNode):
    deadlines: list[Deadline] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)


class Chapter(HeadedNode):
    # `annex`: a part after the body (附件：重点任务分解表), numbered null, titled after the annex.
    part: Literal["body", "annex"] = "body"
    sections: list[Section] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)


class Block(Model):
    """Prose outside the numbered body: the notice, the title, the preamble, the closing."""

    # `annex`: an annex that is not a task list (indicator tables, technical annexes), kept as text.
    # `attachments`: the list of attachments at the end of a notice (附件：1.… 2.…).
    role: Literal["notice", "title", "preamble", "closing", "attachments", "signature", "distribution", "annex"]
    lines: LineRange
    text: str


class Dropped(Model):
    lines: LineRange
    reason: str
    text: str


# What an extraction warning is about: one code for each kind of warning extract gives, so that a reader
# (`planparse check`, a script) tells them apart without reading their wording. `legacy`: a warning of a
# schema 1 or 2 file, which was a bare string.
WarningCode = Literal[
    "numbering-gap",  # numbers skipped: `measure 5 follows 3; 4 is missing`
    "numbering-duplicate",  # a number repeated by the node after it
    "numbering-misnumbered",  # a number its place does not call for: moved, repeated elsewhere, out of order
    "no-structure",  # no numbered structure at all: the whole text is front matter
    "long-measure",  # a measure many times the median length: a marker may be missed
    "unknown-numbering-style",  # a line that starts like a marker no rule knows
    "run-in-items",  # one level of numbered run-in items read as measures, no chapters
    "items-as-measures",  # a chapter's items read as measures where other chapters have sections there
    "unmarked-sections",  # sections read from heading lines without markers
    "unmarked-chapters",  # chapters read from heading lines without markers
    "traditional-script",  # a traditional-character copy, read in simplified characters
    "legacy",
]


class ExtractionWarning(Model):
    """Doubtful structure a person should look at: what kind (`code`), where (`line`, when it is one line),
    and what to look at (`message`)."""

    code: WarningCode
    line: int | None = None
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line is not None else self.message


class Plan(Model):
    schema_name: Literal["planparse/plan"] = SCHEMA_NAME
    schema_version: Literal[3] = SCHEMA_VERSION
    source: Source
    meta: Meta
    default_deadline: Deadline | None = None
    front_matter: list[Block] = Field(default_factory=list)
    chapters: list[Chapter] = Field(default_factory=list)
    back_matter: list[Block] = Field(default_factory=list)
    dropped: list[Dropped] = Field(default_factory=list)
    warnings: list[ExtractionWarning] = Field(default_factory=list)

    def iter_measures(self):
        """Every measure in document order, whether it sits in a section or directly in a chapter."""
        for chapter in self.chapters:
            yield from chapter.measures
            for section in chapter.sections:
                yield from section.measures

    def to_frame(self):
        """The measures as a pandas DataFrame, one row per measure with this plan's metadata on each (the
        columns of models.frames.MEASURE_COLUMNS); pandas is the `research` extra."""
        from .frames import MEASURE_COLUMNS, frame, measure_records

        return frame(measure_records(self), MEASURE_COLUMNS)

    def iter_sections(self):
        for chapter in self.chapters:
            yield from chapter.sections
