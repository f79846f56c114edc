"""`planparse diff` and `planparse compare`: options → one library call → render → exit code."""

from __future__ import annotations

import os
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .. import exit_codes
from .app import command, error
from .output import LANG_OPTION, Language, chosen_format, emit, format_choices, format_option

# Above this many local plans, `compare` shows a progress bar (on stderr, gone when done).
_PROGRESS_FROM = 20
# …and reads them in several processes when no --jobs is given.
_PARALLEL_FROM = 64

if TYPE_CHECKING:
    from rich.progress import Progress

    # typer reads the real choices below; to mypy any of them is an Enum of format names
    DiffFormat = Enum
    CompareFormat = Enum
else:
    DiffFormat = format_choices("diff", "terminal")
    CompareFormat = format_choices("compare", "terminal")

_FAIL_UNDER_HELP = ("Exit 1 when the covered share of template measures (full + partial, 0–1) is below this.")


class FailOn(StrEnum):
    """What in a diff makes `--fail-on` exit 1."""

    weakened = "weakened"  # any change that weakens the template: 必须 → 可以, a later deadline, a lower target


_FAIL_ON_HELP = ("Exit 1 when any linked measure weakens the template: a softer obligation (必须 → 可以), a "
                 "narrower scope (全市 → 部分), a later or dropped deadline, a lower target (or a higher ceiling).")


@command(epilog="Examples:\n\n  planparse diff data/raw/nanyang-2022.txt data/raw/baofeng-2022-draft.txt\n\n"
                "  planparse diff nanyang.yaml baofeng.yaml --format html -o baofeng.html\n\n"
                "  planparse diff nanyang.yaml baofeng.yaml --format json --fail-under 0.8\n\n"
                "  planparse diff nanyang.yaml baofeng.yaml --fail-on weakened\n\n"
                "Exit codes: 0 clean, 1 below --fail-under or a weakened change with --fail-on weakened, "
                "2 unusable input or arguments.")
def diff(
    template: str = typer.Argument(..., help="The template plan: a YAML/JSON made by `extract`, or a plan text."),
    local: str = typer.Argument(..., help="The local plan: a YAML/JSON made by `extract`, or a plan text."),
    fmt: DiffFormat | None = format_option("diff", "terminal", "-f", by_output=True),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write the report to this file."),
    lang: Language = LANG_OPTION,
    detail: bool = typer.Option(False, "--detail",
                                help="Word-level inline diff of each fully linked pair (html always has it)."),
    fail_under: float | None = typer.Option(None, "--fail-under", min=0.0, max=1.0, help=_FAIL_UNDER_HELP),
    fail_on: FailOn | None = typer.Option(None, "--fail-on", help=_FAIL_ON_HELP),
) -> int:
    """Show, measure by measure, how a local plan carries its template: coverage, splits and merges,
    missing and local-only measures, changed deadlines, targets, words of obligation and scope, and units,
    each weakened, strengthened or changed."""
    from .. import diff as diff_plans
    from ..collector import paused as collector_paused
    from ..render import renderer
    from ..render._text import percent

    chosen = chosen_format(fmt, "diff", "terminal", output)
    with collector_paused(keep=True):  # the plans and the report live until the process exits
        report = diff_plans(template, local, detail=detail or renderer(chosen).detail)
    emit(report, chosen, output, inputs=(template, local), lang=lang.value)
    code = exit_codes.of_coverage([report.coverage], fail_under)
    if code != exit_codes.OK and fail_under is not None:  # below --fail-under: it is given
        error(f"coverage {percent(report.coverage.covered)} is below --fail-under {percent(fail_under)}")
    changes_code = exit_codes.of_changes(report, fail_on.value if fail_on is not None else None)
    if changes_code != exit_codes.OK:
        weakened = report.weakened()
        first = weakened[0]
        error(f"{len(weakened)} change{'s' * (len(weakened) != 1)} weaken{'s' * (len(weakened) == 1)} the template "
              "(--fail-on weakened); "
              f"first: measure {first.template} → {first.local}, {first.field} {first.from_ or '—'} → {first.to or '—'}")
    return max(code, changes_code)


@command(epilog="Examples:\n\n  planparse compare data/raw/nanyang-2022.txt data/raw/baofeng-2022-draft.txt "
                "data/raw/pingqiao-2023-fengong.txt\n\n"
                "  planparse compare nanyang.yaml counties/*.txt --format html -o coverage.html")
def compare(
    template: str = typer.Argument(..., help="The template plan (YAML/JSON made by `extract`, or a plan text)."),
    locals_: list[str] = typer.Argument(..., metavar="LOCAL...", help="Local plans (YAML/JSON or plan texts)."),
    fmt: CompareFormat | None = format_option("compare", "terminal", "-f", by_output=True),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write the report to this file."),
    lang: Language = LANG_OPTION,
    jobs: int = typer.Option(0, "--jobs", "-j", min=0,
                             help=f"Processes reading the plans (0: one per CPU from {_PARALLEL_FROM} plans on)."),
    fail_under: float | None = typer.Option(None, "--fail-under", min=0.0, max=1.0,
                                            help="Exit 1 when any plan's covered share (full + partial) "
                                                 "is below this."),
) -> int:
    """The coverage matrix of many local plans against one template (measure × plan: full/partial/missing)."""
    from ..align import compare as compare_plans

    if jobs == 0:
        jobs = min(os.cpu_count() or 1, 8) if len(locals_) >= _PARALLEL_FROM else 1
    with _progress(len(locals_)) as progress:
        report = compare_plans(template, locals_, progress=progress, jobs=jobs)
    emit(report, chosen_format(fmt, "compare", "terminal", output), output, inputs=(template, *locals_),
         lang=lang.value)
    below = [row for row in report.plans if exit_codes.below_fail_under(row.coverage, fail_under)]
    if below:
        error(f"{len(below)} of {len(report.plans)} plans are covered below --fail-under {fail_under:.0%} "
              f"(first: {below[0].plan.file})")
    return exit_codes.of_coverage((row.coverage for row in report.plans), fail_under)


class _progress:
    """A rich progress bar on stderr when there are many plans; otherwise nothing."""

    def __init__(self, total: int):
        self.total = total
        self.bar: Progress | None = None

    def __enter__(self):
        if self.total < _PROGRESS_FROM:
            return None
        from rich.console import Console
        from rich.progress import Progress

        self.bar = bar = Progress(console=Console(stderr=True), transient=True)
        bar.__enter__()
        task = bar.add_task("comparing plans", total=self.total)
        return lambda done, total: bar.update(task, completed=done)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
        return False
