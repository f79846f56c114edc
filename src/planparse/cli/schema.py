"""`planparse schema`: the JSON Schema of what a command writes, for validators and typed readers."""

from __future__ import annotations

import json
from enum import Enum

import typer

from .. import exit_codes
from .app import command
from .output import write_stdout

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# What each command writes as --format json/yaml: its report kind.
Kind = Enum("Kind", [(kind, kind) for kind in ("plan", "diff", "compare", "check", "tasks")], type=str)  # type: ignore[misc]


@command(epilog="Examples:\n\n  planparse schema > plan.schema.json\n\n"
                "  planparse schema diff | check-jsonschema --schemafile /dev/stdin report.json")
def schema(
    kind: Kind = typer.Argument(Kind["plan"], help="plan (what extract writes), diff, compare, check or tasks."),
) -> int:
    """Print the JSON Schema (draft 2020-12) of a report as planparse writes it (--format json; the YAML has
    the same fields)."""
    found = {"$schema": _DIALECT, **_model(kind.value).model_json_schema(mode="serialization")}
    write_stdout(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
    return exit_codes.OK


def _model(kind: str):
    # The models are imported here: start-up loads only the plan's.
    if kind == "plan":
        from ..models import Plan

        return Plan
    if kind in ("diff", "compare"):
        from ..models.diff import CompareReport, DiffReport

        return DiffReport if kind == "diff" else CompareReport
    if kind == "check":
        from ..models.check import CheckReport

        return CheckReport
    from ..models.tasks import TasksReport

    return TasksReport
