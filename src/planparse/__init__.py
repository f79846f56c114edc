"""planparse: Chinese government policy plans → structured, comparable data.

Library API (the CLI only wraps these):
    extract(path_or_bytes) -> Plan      extract_text(text) -> Plan      load(yaml_path) -> Plan
    dumps(plan, "yaml"|"json") -> str
    diff(template, local) -> DiffReport      compare(template, locals) -> CompareReport
    check(paths) -> CheckReport
"""

from .errors import ConfigError, InputError, MissingExtra, OutputError, PlanparseError, SchemaError
from .extract import extract, extract_text
from .models import Chapter, Measure, Plan, Section
from .version import __version__
from .yamlio import dumps, load


# diff/compare need numpy and check reads a corpus: imported when called, so `planparse extract`
# does not pay for them at start-up.
def diff(template, local, **options):
    """Align a local plan's measures with its template's → DiffReport (see planparse.align)."""
    from .align import diff as _diff

    return _diff(template, local, **options)


def compare(template, local_plans, **options):
    """Coverage matrix of many local plans against one template → CompareReport."""
    from .align import compare as _compare

    return _compare(template, local_plans, **options)


def check(paths=("data/raw",), **options):
    """Validate plan texts (and their structured YAML) → CheckReport (see planparse.corpus_check)."""
    from .corpus_check import check as _check

    return _check(paths, **options)

__all__ = [
    "Chapter", "ConfigError", "InputError", "Measure", "MissingExtra", "OutputError", "Plan", "PlanparseError",
    "SchemaError", "Section",
    "__version__", "check", "compare", "diff", "dumps", "extract", "extract_text", "load",
]
