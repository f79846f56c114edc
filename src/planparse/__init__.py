"""planparse: Chinese government policy plans → structured, comparable data.

Library API (the CLI only wraps these):
    extract(path_or_bytes) -> Plan      extract_text(text) -> Plan      load(yaml_path) -> Plan
    dumps(plan, "yaml"|"json") -> str
    diff(template, local) -> DiffReport      compare(template, locals) -> CompareReport
    check(paths) -> CheckReport      tasks(plans) -> TasksReport
"""

from .errors import InputError, OutputError, PlanparseError, SchemaError
from .extract import extract, extract_text
from .models import Chapter, Measure, Plan, Section
from .yamlio import dumps, load

__version__ = "0.1.0"


# diff/compare need numpy and check reads a corpus: imported when called, so `planparse extract`
# does not pay for them at start-up.
def diff(template, local, **options):
    """Align a local plan's measures with its template's → DiffReport (see planparse.align), with the plans'
    文号 and dates and each measure's units and deadlines (see planparse.duties)."""
    from .align import diff as _diff
    from .duties import with_duties
    from .extract import read_plan

    template_plan, local_plan = read_plan(template), read_plan(local)
    return with_duties(_diff(template_plan, local_plan, **options), template_plan, local_plan)


def compare(template, local_plans, **options):
    """Coverage matrix of many local plans against one template → CompareReport."""
    from .align import compare as _compare

    return _compare(template, local_plans, **options)


def tasks(plans, **options):
    """Who does what by when: one row per unit × measure × role → TasksReport (see planparse.assignments)."""
    from .assignments import tasks as _tasks

    return _tasks(plans, **options)


def check(paths=("data/raw",), **options):
    """Validate plan texts (and their structured YAML) → CheckReport (see planparse.corpus_check)."""
    from .corpus_check import check as _check

    return _check(paths, **options)

__all__ = [
    "Chapter", "InputError", "Measure", "OutputError", "Plan", "PlanparseError", "SchemaError", "Section",
    "__version__", "check", "compare", "diff", "dumps", "extract", "extract_text", "load", "tasks",
]
