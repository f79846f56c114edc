"""What `planparse tasks` reports: who does what by when, one row per unit × measure × role.

The JSON/YAML form is a contract for scripts, like the plan's: `schema_name: planparse/tasks`."""

from __future__ import annotations

from typing import Final, Literal

from pydantic import Field

from .diff import PlanRef
from .plan import Deadline, LineRange, Model

TASKS_SCHEMA_NAME: Final = "planparse/tasks"
TASKS_SCHEMA_VERSION: Final = 1

Role = Literal["lead", "participating", "responsible"]
ROLES: tuple[Role, ...] = ("lead", "responsible", "participating")  # the order rows of one measure take
# Where a row's deadlines come from: the measure itself, the section it sits in, or the plan's closing
# sentence that sets one for every task (`各项工作任务原则上应当在2025年年底前完成`).
DeadlineSource = Literal["measure", "section", "plan"]


class Recurrence(Model):
    """A recurring time limit as written, and when it is regular, its RFC 5545 rule."""

    text: str  # 每年3月底前, 每季度末前, 长期坚持
    rule: str | None = None  # FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1 — None: not regular (长期坚持, 持续推进)


class Assignment(Model):
    """One unit's part in one measure: the unit (as the plan most often writes it, and every spelling it
    uses), its role, the measure and when it is due."""

    unit: str
    spellings: list[str]
    role: Role
    plan: int  # index into TasksReport.plans
    number: int | None = None
    label: str | None = None  # an unnumbered measure's label (加分项 1)
    chapter: str = ""
    section: str = ""
    headline: str = ""
    text: str = ""
    deadlines: list[Deadline] = Field(default_factory=list)
    deadlines_from: DeadlineSource | None = None
    recurring: list[Recurrence] = Field(default_factory=list)
    lines: LineRange

    @property
    def measure(self) -> str:
        """The measure as reports name it: its number, else its label."""
        return str(self.number) if self.number is not None else (self.label or "")

    @property
    def due(self) -> str | None:
        """The earliest dated deadline (ISO), the one rows are sorted and filtered by."""
        dates = [deadline.date for deadline in self.deadlines if deadline.date]
        return min(dates) if dates else None


class TasksReport(Model):
    schema_name: Literal["planparse/tasks"] = TASKS_SCHEMA_NAME
    schema_version: Literal[1] = TASKS_SCHEMA_VERSION
    plans: list[PlanRef] = Field(default_factory=list)
    assignments: list[Assignment] = Field(default_factory=list)
