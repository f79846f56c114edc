"""planparse: Chinese government policy plans → structured, comparable data.

Library API (the CLI only wraps these):
    extract(path_or_text) -> Plan      load(yaml_path) -> Plan      dumps(plan, "yaml"|"json") -> str
"""

from .errors import InputError, OutputError, PlanparseError, SchemaError
from .extract import extract, extract_text
from .models import Chapter, Measure, Plan, Section
from .yamlio import dumps, load

__version__ = "0.1.0"

__all__ = [
    "Chapter", "InputError", "Measure", "OutputError", "Plan", "PlanparseError", "SchemaError", "Section",
    "__version__", "dumps", "extract", "extract_text", "load",
]
