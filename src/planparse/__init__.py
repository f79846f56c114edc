"""planparse: Chinese government policy plans → structured, comparable data.

Library API (the CLI only wraps these):
    extract(path_or_bytes) -> Plan      extract_text(text) -> Plan      load(yaml_path) -> Plan
    load_diff(yaml_or_json_path) -> DiffReport (a report `diff` wrote, schema version 1 or 2)
    dumps(plan, "yaml"|"json") -> str
    diff(template, local) -> DiffReport      compare(template, locals) -> CompareReport
    check(paths) -> CheckReport      tasks(plans) -> TasksReport
"""

import sys
import types
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what __getattr__ gives, as type checkers and editors should see it
    from .errors import InputError, OutputError, PlanparseError, SchemaError
    from .extract import extract, extract_text
    from .models import Chapter, Measure, Plan, Section
    from .yamlio import dumps, load, load_diff

from .version import __version__

# The module each public name comes from, imported when the name is first used: a command imports only
# what it runs (`planparse diff a.yaml b.yaml` never loads the extraction steps, `--help` none of this).
_HOMES = {
    "ConfigError": "errors", "InputError": "errors", "MissingExtra": "errors", "OutputError": "errors",
    "PlanparseError": "errors", "SchemaError": "errors",
    "extract": "extract", "extract_text": "extract",
    "Chapter": "models", "Measure": "models", "Plan": "models", "Section": "models",
    "dumps": "yamlio", "load": "yamlio", "load_diff": "yamlio",
}


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))


class _Package(types.ModuleType):
    """Importing the module planparse.extract binds it here under its name, where the function of that
    name belongs: the function is bound instead (the module stays in sys.modules)."""

    def __setattr__(self, name: str, value) -> None:
        if isinstance(value, types.ModuleType) and _HOMES.get(name) == name:
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


# diff/compare need numpy and check reads a corpus: imported when called.
def diff(template, local, **options):
    """Align a local plan's measures with its template's → DiffReport (see planparse.align), with the plans'
    文号 and dates and each measure's units and deadlines (see planparse.duties)."""
    from .align import diff as _diff
    from .align.measures import load_pair
    from .collector import paused as collector_paused
    from .duties import measure_duties, with_meta

    with collector_paused():  # (a tenth of a diff of 4,000 measures)
        template_plan, local_plan = load_pair(template, local)  # `diff X X` reads X once
        return with_meta(_diff(template_plan, local_plan, duties=measure_duties, **options), template_plan,
                         local_plan)


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
    "Chapter", "ConfigError", "InputError", "Measure", "MissingExtra", "OutputError", "Plan", "PlanparseError",
    "SchemaError", "Section",
    "__version__", "check", "compare", "diff", "dumps", "extract", "extract_text", "load", "load_diff", "tasks",
]
