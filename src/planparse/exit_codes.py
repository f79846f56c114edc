"""Every exit code of `planparse`, and the one place that decides it from a command's result or error
(black's `Report.return_code`): commands ask here instead of choosing a number."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .errors import PlanparseError
    from .models.check import CheckReport
    from .models.diff import Coverage, DiffReport

OK = 0
FINDINGS = 1  # the input was read, and the result fails what the user asked it to meet
BAD_INPUT = 2  # unusable input, arguments or output: the exit code of every PlanparseError
INTERRUPTED = 130  # Ctrl-C, as a shell reports it (128 + SIGINT)
TERMINATED = 143  # SIGTERM (128 + 15)


def of_errors(problems: Iterable[PlanparseError]) -> int:
    """The exit code of the worst error a run met (each says its own), or OK when there was none."""
    return max((problem.exit_code for problem in problems), default=OK)


def of_check(report: CheckReport) -> int:
    """BAD_INPUT when a file could not be read as a plan, FINDINGS for findings at error level."""
    if report.unusable:
        return BAD_INPUT
    return FINDINGS if report.findings("error") else OK


def below_fail_under(coverage: Coverage, fail_under: float | None) -> bool:
    """Whether a plan's covered share (full + partial) is below `--fail-under`."""
    return fail_under is not None and coverage.covered < fail_under


def of_coverage(coverages: Iterable[Coverage], fail_under: float | None) -> int:
    """FINDINGS when any plan is covered below `--fail-under` (diff: one plan; compare: every plan)."""
    return FINDINGS if any(below_fail_under(coverage, fail_under) for coverage in coverages) else OK


def of_changes(report: DiffReport, fail_on: str | None) -> int:
    """FINDINGS when `--fail-on weakened` is given and a linked pair weakens the template's commitment
    (a softer or narrower word, a later or dropped deadline, a lower floor or a higher ceiling)."""
    return FINDINGS if fail_on == "weakened" and report.weakened() else OK
